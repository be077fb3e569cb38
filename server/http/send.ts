/**
 * The API's JSON answers, written straight to the response: status, Content-Type, Content-Length and
 * the body (a HEAD request gets the headers only), without res.json's ETag hashing and freshness checks.
 */
import type { Response } from 'express';

/** Sends `body` as a 200 JSON answer. */
export function sendJson(res: Response, body: unknown): void {
  const text = JSON.stringify(body);
  res.statusCode = 200;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  // set here, not left to Node: compression's wrapper sends the headers before the body is known
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.end(text);
}

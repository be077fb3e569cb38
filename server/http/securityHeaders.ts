/**
 * Security headers from helmet, worked out once: helmet's middleware is run against a recording
 * response at start-up and every answer then gets the recorded headers. The same headers as
 * `app.use(helmet(options))` without a dozen middleware calls per request; it holds because the
 * options are static (no per-request values such as CSP nonces).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import helmet, { type HelmetOptions } from 'helmet';
import { AppError } from '../errors';

/** The headers helmet sets with `options`, as name/value pairs, and the ones it removes. */
export function helmetHeaders(options: HelmetOptions): { set: [string, string][]; removed: string[] } {
  const set: [string, string][] = [];
  const removed: string[] = [];
  const recorder = {
    setHeader(name: string, value: unknown) {
      set.push([name, String(value)]);
      return recorder;
    },
    removeHeader(name: string) {
      removed.push(name);
    },
  };
  let failure: unknown;
  let ran = false;
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, (err?: unknown) => {
    ran = true;
    failure = err;
  });
  if (!ran || failure)
    throw new AppError('INTERNAL', 500, 'helmet did not work out its headers at start-up', {
      cause: failure,
      hint: 'the security header options must be static (no per-request values)',
    });
  return { set, removed };
}

/** Middleware that sets helmet's headers for `options` on every answer. */
export function securityHeaders(options: HelmetOptions): RequestHandler {
  const { set, removed } = helmetHeaders(options);
  return (_req, res, next) => {
    for (const [name, value] of set) res.setHeader(name, value);
    for (const name of removed) res.removeHeader(name);
    next();
  };
}

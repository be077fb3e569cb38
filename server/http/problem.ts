/**
 * RFC 9457 problem+json: turns thrown errors into problem responses. Typed AppErrors keep their
 * status and code; body-parser and zod errors become 4xx; anything else is a 500 that is logged and
 * answered without internals.
 */
import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import { AppError, StoreUnavailableError, ValidationError } from '../errors';
import type { Problem } from '../api/schemas';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  503: 'Service Unavailable',
};

/** Sends a problem+json response. */
export function sendProblem(res: Response, problem: Omit<Problem, 'type' | 'title'> & { title?: string }): void {
  const body: Problem = {
    type: `https://innograph.dev/problems/${problem.code.toLowerCase().replaceAll('_', '-')}`,
    title: problem.title ?? TITLES[problem.status] ?? 'Error',
    ...problem,
  };
  res.status(problem.status).type('application/problem+json').send(JSON.stringify(body));
}

interface BodyParserError {
  type?: string;
  status?: number;
  statusCode?: number;
  expose?: boolean;
  message?: string;
}

function isBodyParserError(e: unknown): e is BodyParserError {
  return (
    typeof e === 'object' &&
    e !== null &&
    'type' in e &&
    typeof (e as BodyParserError).type === 'string' &&
    'status' in e
  );
}

/** The last error handler of the app. */
export const problemHandler: ErrorRequestHandler = (err: unknown, req, res, _next) => {
  if (res.headersSent) {
    res.end();
    return;
  }
  const instance = req.originalUrl.split('?')[0];
  if (err instanceof AppError) {
    if (err instanceof StoreUnavailableError) res.setHeader('Retry-After', String(err.retryAfterSeconds));
    const errors =
      err instanceof ValidationError && Array.isArray(err.details)
        ? (err.details as { field: string; message: string }[]).map((d) => ({ field: d.field, message: d.message }))
        : undefined;
    if (err.status >= 500) req.log?.warn({ err, code: err.code }, err.message);
    sendProblem(res, {
      status: err.status,
      code: err.code,
      detail: err.message,
      instance,
      ...(err.hint ? { hint: err.hint } : {}),
      ...(errors ? { errors } : {}),
    });
    return;
  }
  if (isBodyParserError(err)) {
    const status = err.status ?? err.statusCode ?? 400;
    const tooLarge = err.type === 'entity.too.large';
    sendProblem(res, {
      status: status >= 400 && status < 500 ? status : 400,
      code: tooLarge ? 'PAYLOAD_TOO_LARGE' : 'VALIDATION_FAILED',
      detail: tooLarge
        ? 'request body is larger than the server accepts'
        : `request body could not be read: ${err.type === 'entity.parse.failed' ? 'invalid JSON' : (err.message ?? err.type)}`,
      instance,
      hint: tooLarge ? 'send a smaller body' : 'send a JSON object with Content-Type: application/json',
    });
    return;
  }
  if (err instanceof URIError) {
    sendProblem(res, {
      status: 400,
      code: 'VALIDATION_FAILED',
      detail: 'malformed percent-encoding in the URL',
      instance,
    });
    return;
  }
  const status = typeof err === 'object' && err !== null ? (err as BodyParserError).status : undefined;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    // an http-errors style client error from a middleware (e.g. a stream error on the request body)
    sendProblem(res, {
      status,
      code: status === 404 ? 'NOT_FOUND' : 'VALIDATION_FAILED',
      detail: `the request could not be handled: ${(err as BodyParserError).message ?? 'bad request'}`,
      instance,
    });
    return;
  }
  req.log?.error({ err }, 'unhandled error');
  sendProblem(res, {
    status: 500,
    code: 'INTERNAL',
    detail: 'the server failed to answer this request; it has been logged',
    instance,
  });
};

/** 404 for any /api path without a route. */
export const apiNotFound: RequestHandler = (req, res) => {
  sendProblem(res, {
    status: 404,
    code: 'NOT_FOUND',
    detail: `no endpoint ${req.method} ${req.path}`,
    instance: req.originalUrl.split('?')[0],
    hint: 'see /api/openapi.json or /api/docs for the endpoints',
  });
};

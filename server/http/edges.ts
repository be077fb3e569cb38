/**
 * The HTTP edges of the API, so that no client input gets a 500 or an HTML page: the JSON body parser
 * with every decoding failure (bad gzip/deflate/brotli, truncated or aborted bodies) as a 4xx, 415 for
 * a body that is not JSON on an endpoint that takes JSON, 405 with `Allow` for a wrong method (derived
 * from the routers' own route table), and problem+json for every path without a route.
 */
import express, { type Request, type RequestHandler, type Router } from 'express';
import { sendProblem } from './problem';

interface LayerLike {
  route?: { methods: Record<string, boolean | undefined> };
  match(path: string): boolean;
}

/** The methods the routers answer at `path` (relative to their mount point), as an `Allow` list. */
export function allowedMethods(routers: Router[], path: string): string[] {
  const methods = new Set<string>();
  for (const router of routers)
    for (const layer of router.stack as unknown as LayerLike[]) {
      if (!layer.route || !layer.match(path)) continue;
      for (const [m, on] of Object.entries(layer.route.methods)) if (on && m !== '_all') methods.add(m.toUpperCase());
    }
  if (methods.has('GET')) methods.add('HEAD');
  return [...methods].sort();
}

const instanceOf = (url: string) => url.split('?')[0];

interface BodyError {
  type?: string;
  status?: number;
  statusCode?: number;
  code?: string;
  message?: string;
}

/**
 * express.json() whose failures are all client errors: its own 4xx errors pass on unchanged (the
 * problem handler words them), any other (a zlib error from a body that is not what its
 * Content-Encoding says, a stream error) becomes a 400 problem here. A request with neither
 * Transfer-Encoding nor Content-Length has no body and passes straight on, as in express.json.
 */
export function jsonBody(limit: string): RequestHandler {
  const parse = express.json({ limit, strict: true });
  return (req, res, next) => {
    if (req.headers['transfer-encoding'] === undefined && req.headers['content-length'] === undefined) return next();
    parse(req, res, (err?: unknown) => {
      if (err === undefined || err === null) return next();
      const e = err as BodyError;
      const status = e.status ?? e.statusCode ?? 0;
      if (status === 415)
        return sendProblem(res, {
          status,
          code: 'UNSUPPORTED_MEDIA_TYPE',
          detail: `request body not accepted: ${e.message ?? e.type ?? 'unsupported'}`,
          instance: instanceOf(req.originalUrl),
          hint: 'send UTF-8 JSON, uncompressed or with Content-Encoding gzip, deflate or br',
        });
      // body-parser's own errors (invalid JSON, too large, ...) are worded by the problem handler
      if (status >= 400 && status < 500 && typeof e.type === 'string') return next(err);
      const encoding = req.get('content-encoding') ?? 'identity';
      req.log?.debug({ err }, 'unreadable request body');
      sendProblem(res, {
        status: 400,
        code: 'VALIDATION_FAILED',
        detail: `request body could not be decoded (Content-Encoding: ${encoding}): ${e.code ?? e.message ?? 'bad data'}`,
        instance: instanceOf(req.originalUrl),
        hint: 'send the body encoded as its Content-Encoding says, or uncompressed',
      });
    });
  };
}

/** A body follows the headers (chunked, or a Content-Length above 0). */
const hasBody = (req: Request): boolean =>
  req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;

/** 415 for a request body that is not JSON, on a route that takes this method (others fall through). */
export function requireJson(routers: Router[]): RequestHandler {
  return (req, res, next) => {
    if (!['POST', 'PUT', 'PATCH'].includes(req.method) || !hasBody(req)) return next();
    if (req.is(['application/json', '+json'])) return next();
    if (!allowedMethods(routers, req.path).includes(req.method)) return next();
    sendProblem(res, {
      status: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
      detail: `${req.method} ${req.path} takes a JSON body, not ${req.get('content-type') ?? 'a body without Content-Type'}`,
      instance: instanceOf(req.originalUrl),
      hint: 'send the body with Content-Type: application/json',
    });
  };
}

/**
 * 405 with `Allow` when the path has routes but not for this method (204 with `Allow` for OPTIONS);
 * else next (a 404 follows).
 */
export function methodNotAllowed(routers: Router[]): RequestHandler {
  return (req, res, next) => {
    const allow = allowedMethods(routers, req.path);
    if (allow.length === 0) return next();
    if (req.method === 'OPTIONS') {
      res.setHeader('Allow', [...allow, 'OPTIONS'].join(', '));
      res.status(204).end();
      return;
    }
    res.setHeader('Allow', allow.join(', '));
    sendProblem(res, {
      status: 405,
      code: 'METHOD_NOT_ALLOWED',
      detail: `${req.method} is not allowed on ${req.path} (allowed: ${allow.join(', ')})`,
      instance: instanceOf(req.originalUrl),
      hint: 'see /api/openapi.json for the methods of each endpoint',
    });
  };
}

/** The last handler of the app: problem+json 404 for any request nothing answered. */
export const notFound: RequestHandler = (req, res) => {
  sendProblem(res, {
    status: 404,
    code: 'NOT_FOUND',
    detail: `no endpoint ${req.method} ${req.path}`,
    instance: instanceOf(req.originalUrl),
    hint: 'see /api/openapi.json or /api/docs for the endpoints',
  });
};

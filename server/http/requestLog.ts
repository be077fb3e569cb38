/**
 * Request ids and request logs. Every answer carries `x-request-id` (the client's when it is a plain
 * token, else a new UUID); each finished request is one log line (`request completed`, or
 * `request errored` at level error for a 5xx, `request aborted` when the client went away first)
 * with the request, the status and the time taken. `req.log` is a child logger bound to the request,
 * made only when something logs through it (errors): a request that logs nothing costs no logger.
 */
import { randomUUID } from 'node:crypto';
import type { Express, Request, RequestHandler } from 'express';
import type { Logger } from 'pino';

declare module 'http' {
  interface IncomingMessage {
    /** the request's id, as sent back in `x-request-id` */
    id?: string;
    /** a logger bound to this request (made on first use) */
    readonly log?: Logger;
  }
}

const GIVEN_ID = /^[\w.-]{1,100}$/;
const CHILD = Symbol('innograph.requestLogger');

type WithChild = Request & { [CHILD]?: Logger };

const described = (req: Request) => ({ id: req.id, method: req.method, url: req.originalUrl });

/**
 * The request-id and logging middleware of `app` over `logger`; requests for which `quiet` is true
 * (the liveness probe) get an id but no log line.
 */
export function requestLog(app: Express, logger: Logger, quiet: (req: Request) => boolean): RequestHandler {
  // one getter on the app's request prototype instead of a child logger per request
  Object.defineProperty(app.request, 'log', {
    configurable: true,
    get(this: WithChild): Logger {
      return (this[CHILD] ??= logger.child({ req: described(this) }));
    },
  });
  return (req, res, next) => {
    const given = req.headers['x-request-id'];
    const id = typeof given === 'string' && GIVEN_ID.test(given) ? given : randomUUID();
    req.id = id;
    res.setHeader('x-request-id', id);
    if (quiet(req) || !logger.isLevelEnabled('info')) return next();
    const started = performance.now();
    const done = () => {
      res.off('finish', done);
      res.off('close', done);
      const line = {
        req: described(req),
        res: { statusCode: res.statusCode },
        responseTime: Math.round(performance.now() - started),
      };
      if (!res.writableFinished) logger.info(line, 'request aborted');
      else if (res.statusCode >= 500) logger.error(line, 'request errored');
      else logger.info(line, 'request completed');
    };
    res.on('finish', done);
    res.on('close', done);
    next();
  };
}

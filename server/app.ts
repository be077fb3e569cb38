/**
 * Builds the Express app without listening: security headers, compression, CORS, request ids and
 * structured logs, rate limits, the API, the OpenAPI document, the built client, problem+json errors.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import compression from 'compression';
import cors from 'cors';
import express, { Router, type RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { HelmetOptions } from 'helmet';
import { pino, type Logger } from 'pino';
import { docsPage, openApiDocument } from './api/openapi';
import { apiRoutes } from './api/routes';
import type { Config } from './config';
import { REPO_ROOT } from './data/seed';
import { UnauthorizedError } from './errors';
import { jsonBody, methodNotAllowed, notFound, requireJson } from './http/edges';
import { apiNotFound, problemHandler, sendProblem } from './http/problem';
import { requestLog } from './http/requestLog';
import { securityHeaders } from './http/securityHeaders';
import type { GraphStore } from './store/store';
import { OverviewService } from './overview/service';

export interface AppDeps {
  config: Config;
  store: GraphStore;
  logger?: Logger;
  /** folder of the built client; defaults to dist/client */
  clientDir?: string;
  /** the overview service (groups, server layout); one over `store` when absent */
  overview?: OverviewService;
}

/** Creates a logger for a config. */
export function createLogger(config: Config): Logger {
  return pino({ level: config.LOG_LEVEL, base: { service: 'innograph' } });
}

/** helmet's options: its defaults, with a content security policy that lets the client run. */
export const SECURITY_HEADERS: HelmetOptions = {
  contentSecurityPolicy: {
    directives: {
      'script-src': ["'self'"],
      'worker-src': ["'self'", 'blob:'],
      'img-src': ["'self'", 'data:', 'blob:'],
      'style-src': ["'self'", "'unsafe-inline'"],
      'upgrade-insecure-requests': null,
    },
  },
};

/** How API keys are sent, for the `WWW-Authenticate` header of a 401. */
export const API_KEY_CHALLENGE = 'ApiKey header="x-api-key"';

const limiter = (perMinute: number, skip: (req: express.Request) => boolean = () => false): RequestHandler =>
  rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    skip,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (req, res) =>
      sendProblem(res, {
        status: 429,
        code: 'RATE_LIMITED',
        detail: `more than ${perMinute} requests a minute from this client`,
        instance: req.originalUrl.split('?')[0],
        hint: 'wait for the time in the RateLimit header and try again',
      }),
  });

function apiKeyGuard(key: string | undefined): RequestHandler {
  return (req, res, next) => {
    if (!key || req.get('x-api-key') === key) return next();
    res.setHeader('WWW-Authenticate', API_KEY_CHALLENGE);
    next(
      new UnauthorizedError('this endpoint needs an API key', {
        where: 'header x-api-key',
        hint: 'send the server\'s API_KEY in the "x-api-key" header',
      }),
    );
  };
}

/** Builds the app. Tests use it with port 0 through `start` in server/main.ts or supertest-like fetches. */
export function createApp({
  config,
  store,
  logger = createLogger(config),
  clientDir,
  overview = new OverviewService(store, config, logger),
}: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.TRUST_PROXY);
  app.set('query parser', 'simple');
  app.use(requestLog(app, logger, (req) => req.url === '/api/health'));
  app.use(securityHeaders(SECURITY_HEADERS));
  // a client that sends no Accept-Encoding gets identity anyway: it skips compression's wrapping
  const compress = compression({ threshold: config.COMPRESSION_MIN_BYTES });
  app.use((req, res, next) => {
    if (req.headers['accept-encoding']) compress(req, res, next);
    else next();
  });
  const meta = Router();
  meta.get('/openapi.json', (_req, res) => {
    res.json(openApiDocument());
  });
  meta.get('/docs', (_req, res) => {
    res.type('html').send(docsPage());
  });
  const api = apiRoutes(
    store,
    config,
    [apiKeyGuard(config.API_KEY), limiter(config.CYPHER_RATE_LIMIT_PER_MINUTE)],
    overview,
  );
  const routers = [meta, api];
  // everything under /api in one router mounted once (each mount point costs every request a path rewrite)
  const under = Router();
  const origins = config.CORS_ORIGINS.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (origins.length > 0) under.use(cors({ origin: origins.includes('*') ? '*' : origins }));
  // The liveness probe is never rate-limited: a monitor must not get 429.
  under.use(limiter(config.RATE_LIMIT_PER_MINUTE, (req) => req.path === '/health'));
  under.use(requireJson(routers), jsonBody('100kb'));
  under.use(meta, api);
  under.use(methodNotAllowed(routers), apiNotFound);
  app.use('/api', under);

  const dir = clientDir ?? join(REPO_ROOT, 'dist', 'client');
  if (config.SERVE_CLIENT && existsSync(join(dir, 'index.html'))) {
    app.use(express.static(dir, { index: 'index.html', maxAge: '1h' }));
    app.get(/^\/(?!\/*api(?:\/|$)).*/, (_req, res) => {
      res.sendFile(join(dir, 'index.html'));
    });
  } else {
    app.get('/', (_req, res) => {
      res
        .type('html')
        .send(
          '<p>The client is not built. Run <code>npm run build:client</code> (or <code>npm start</code>, which builds it). The API is at <a href="/api/docs">/api/docs</a>.</p>',
        );
    });
  }
  app.use(notFound);
  app.use(problemHandler);
  return app;
}

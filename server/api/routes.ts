/**
 * The API routes: each parses its input with the contract's zod schema, calls the store, replies.
 */
import { Router, type Request, type RequestHandler } from 'express';
import type { z } from 'zod';
import type { Config } from '../config';
import { parseInput } from '../http/parse';
import { sendJson } from '../http/send';
import type { GraphStore } from '../store/store';
import {
  BetweenQuery,
  CofundingQuery,
  CypherRequest,
  EntityParams,
  FlowsQuery,
  NeighborhoodQuery,
  OverviewQuery,
  PathsQuery,
  RelationshipsQuery,
  SearchQuery,
} from './schemas';
import { StoreUnavailableError, TooManyQueriesError } from '../errors';
import { checkCypherParams } from './cypherParams';
import { GroupParams, GroupsQuery, MembersQuery } from './overviewSchemas';
import type { OverviewService } from '../overview/service';

type Handler = (req: Request) => Promise<unknown>;

/**
 * Wraps an async handler that returns the JSON body. The answer is written directly (no ETag: the
 * answers are computed per request, so a conditional request would save bytes, not work); with
 * `etag`, through Express's res.json (ETag and 304): the overview answers, large and kept per data
 * version, where a 304 saves a client megabytes.
 */
const json =
  (h: Handler, { etag = false } = {}): RequestHandler =>
  (req, res, next) => {
    h(req).then((body) => {
      if (etag) res.json(body);
      else sendJson(res, body);
    }, next);
  };

const query = <S extends z.ZodType>(schema: S, req: Request): z.output<S> =>
  parseInput(schema, req.query, 'query parameter');
const idOf = (req: Request): string => parseInput(EntityParams, req.params, 'path parameter').id;

/**
 * Builds the /api router over a store. `guard` protects the Cypher endpoint (API key, rate limit);
 * `overview` answers the overview and adds the server layout to /graph.
 */
export function apiRoutes(
  store: GraphStore,
  config: Config,
  guard: RequestHandler[],
  overview: OverviewService,
): Router {
  const r = Router();

  r.get('/health', (_req, res) => {
    res.json({ status: 'ok', backend: store.backend });
  });
  r.get(
    '/ready',
    json(async () => {
      try {
        await store.ping();
      } catch (e) {
        throw e instanceof StoreUnavailableError
          ? e
          : new StoreUnavailableError('the store does not answer', { cause: e });
      }
      return { status: 'ready', backend: store.backend };
    }),
  );
  r.get(
    '/search',
    json((req) => store.search(query(SearchQuery, req))),
  );
  r.get(
    '/entities/:id',
    json((req) => store.entity(idOf(req))),
  );
  r.get(
    '/entities/:id/relationships',
    json((req) => {
      const id = idOf(req);
      return store.relationships(id, query(RelationshipsQuery, req));
    }),
  );
  r.get(
    '/relationships',
    json((req) => store.between(query(BetweenQuery, req))),
  );
  r.get(
    '/datasets',
    json(() => store.datasets()),
  );
  r.get(
    '/entities/:id/neighborhood',
    json((req) => {
      const id = idOf(req);
      return store.neighborhood(id, query(NeighborhoodQuery, req));
    }),
  );
  r.get(
    '/paths',
    json((req) => store.paths(query(PathsQuery, req))),
  );
  r.get(
    '/flows',
    json((req) => store.flows(query(FlowsQuery, req))),
  );
  r.get(
    '/graph',
    json(async (req) => overview.withPositions(await store.overview(query(OverviewQuery, req))), { etag: true }),
  );
  r.get(
    '/overview',
    json((req) => overview.overview(query(GroupsQuery, req)), { etag: true }),
  );
  r.get(
    '/overview/groups/:groupId/members',
    json((req) => {
      const { groupId } = parseInput(GroupParams, req.params, 'path parameter');
      return overview.members(groupId, query(MembersQuery, req));
    }),
  );
  r.get(
    '/cofunding',
    json((req) => store.cofunding(query(CofundingQuery, req))),
  );
  r.get(
    '/deals/:id',
    json((req) => store.deal(idOf(req))),
  );
  r.get(
    '/stats',
    json(() => store.stats()),
  );
  r.post('/cypher', ...guard, (req, res, next) => {
    // the query is cancelled (its Neo4j connection closed) when the client goes away before the answer
    const gone = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) gone.abort();
    });
    Promise.resolve()
      .then(() => {
        checkCypherParams(req.body);
        return store.cypher(parseInput(CypherRequest, req.body, 'request body'), {
          timeoutMs: config.CYPHER_TIMEOUT_MS,
          maxRows: config.CYPHER_MAX_ROWS,
          maxBytes: config.CYPHER_MAX_BYTES,
          signal: gone.signal,
        });
      })
      .then(
        (body) => res.json(body),
        (e: unknown) => {
          if (gone.signal.aborted) return; // no one to answer
          if (e instanceof TooManyQueriesError) res.setHeader('Retry-After', String(e.retryAfterSeconds));
          next(e);
        },
      );
  });
  return r;
}

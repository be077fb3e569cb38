/**
 * The raw baseline server of the API benches (load, api-seed, api-scale): the same Cypher the Neo4j
 * store runs for entity, a relationships page and search's candidates (the store's query files, with
 * the parameters the store gives them for `GET /api/entities/:id`, `.../relationships?limit=50` and
 * `/api/search?q=`), through the bare driver behind a bare node:http handler that sends the records
 * as JSON. No validation, no ranking, no second query, no Express, no problem+json: the API / raw
 * ratio isolates the app's own cost.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import neo4j from 'neo4j-driver';
import { loadQuery } from '../../server/neo4j/run';
import { luceneQuery } from '../../server/store/neo4j/lucene';
import { SEARCH_CANDIDATES } from '../../server/store/neo4j/search';

/** A running raw server. */
export interface RawServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Serves /raw/entity/:id, /raw/relationships/:id (the first page of 50) and /raw/search?q= from the
 * Neo4j at `uri` (NEO4J_USER / NEO4J_PASSWORD as the benches' own driver).
 */
export async function startRaw(uri: string): Promise<RawServer> {
  const auth = neo4j.auth.basic(process.env.NEO4J_USER ?? 'neo4j', process.env.NEO4J_PASSWORD ?? 'neo4j');
  const driver = neo4j.driver(uri, auth, {
    disableLosslessIntegers: true,
    maxConnectionPoolSize: 100,
    logging: { level: 'error', logger: () => undefined },
  });
  const entity = loadQuery('entity');
  const page = loadQuery('relationships-page');
  const search = loadQuery('search-names');
  const searchCjk = loadQuery('search-names-cjk');
  const opts = { database: 'neo4j', routing: neo4j.routing.READ };
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const [, , what, path = ''] = url.pathname.split('/');
    const id = decodeURIComponent(path);
    let run: Promise<{ records: { toObject(): unknown }[] }>;
    if (what === 'entity') run = driver.executeQuery(entity, { id }, opts);
    else if (what === 'relationships')
      run = driver.executeQuery(page, { id, types: null, direction: 'both', after: null, limit: neo4j.int(51) }, opts);
    else if (what === 'search') {
      const q = luceneQuery(url.searchParams.get('q') ?? '');
      if (q === null) {
        res.writeHead(200, { 'content-type': 'application/json' }).end('[]');
        return;
      }
      const params = { query: q.standard, candidates: neo4j.int(SEARCH_CANDIDATES), kinds: null };
      run =
        q.cjk === null
          ? driver.executeQuery(search, params, opts)
          : driver.executeQuery(searchCjk, { ...params, cjkQuery: q.cjk }, opts);
    } else {
      res.writeHead(404).end();
      return;
    }
    run.then(
      (r) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(r.records.map((x) => x.toObject())));
      },
      (e: unknown) => {
        res.writeHead(500).end(String(e));
      },
    );
  });
  await new Promise<void>((res) => server.listen(0, '127.0.0.1', res));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((res) => server.close(() => res()));
      await driver.close();
    },
  };
}

/** `startRaw` for a server that runs until its process ends (the load bench's child); resolves with its URL. */
export async function serveRaw(uri: string): Promise<string> {
  return (await startRaw(uri)).url;
}

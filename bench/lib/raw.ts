/**
 * The load bench's raw baseline server: the same Cypher the Neo4j store runs for entity, a
 * relationships page and search (the query files, the same parameters), through the bare driver
 * behind a bare node:http handler that sends the records as JSON. No validation, no ranking, no
 * Express, no problem+json: the API / raw ratio isolates the app's own cost under load.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import neo4j from 'neo4j-driver';
import { loadQuery } from '../../server/neo4j/run';
import { luceneQuery } from '../../server/store/neo4j/lucene';

/** Serves /raw/entity/:id, /raw/relationships/:id and /raw/search?q= from the Neo4j at `uri`; resolves with its URL. */
export async function serveRaw(uri: string): Promise<string> {
  const driver = neo4j.driver(uri, undefined, { disableLosslessIntegers: true, maxConnectionPoolSize: 100 });
  const entity = loadQuery('entity');
  const page = loadQuery('relationships-page');
  const search = loadQuery('search-names');
  const opts = { database: 'neo4j', routing: neo4j.routing.READ };
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const [, , what, id] = url.pathname.split('/');
    let run: Promise<{ records: { toObject(): unknown }[] }>;
    if (what === 'entity') run = driver.executeQuery(entity, { id }, opts);
    else if (what === 'relationships')
      run = driver.executeQuery(page, { id, types: null, direction: 'both', after: null, limit: neo4j.int(51) }, opts);
    else if (what === 'search')
      run = driver.executeQuery(
        search,
        { query: luceneQuery(url.searchParams.get('q') ?? '') ?? '', candidates: neo4j.int(500), kinds: null },
        opts,
      );
    else {
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
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

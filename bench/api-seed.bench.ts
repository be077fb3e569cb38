/**
 * API latency per endpoint on the seed graph, on the embedded store and on Neo4j (the project's own,
 * started for the bench, or NEO4J_BENCH_URI, which it clears). On Neo4j, two baselines measured in the
 * same run (bench/lib/api.ts):
 * - raw (entity, relationships page, search): the same request to the raw baseline server of
 *   bench/lib/raw.ts, which runs the store's own query file with the store's parameters through the
 *   bare driver behind a bare node:http handler; its requests alternate with the API's. API p50 / raw
 *   p50 is the app's own cost (HTTP framework, validation, conversion, ranking); target ≤ 1.5.
 * - driver: a hand-written query for about the same data, in this process, no HTTP (a floor).
 */
import { loadavg } from 'node:os';
import { parseConfig } from '../server/config';
import { readSeed } from '../server/data/seed';
import { startBenchNeo4j } from '../server/generate/benchkit';
import { createEmbeddedStore } from '../server/store/embedded';
import { createNeo4jStore } from '../server/store/neo4j';
import { API_COLUMNS, measure, type Endpoint } from './lib/api';
import { startRaw } from './lib/raw';
import { writeResults } from './lib/report';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);

function endpoints(ids: string[], funders: string[], names: string[]): Endpoint[] {
  const at = <T>(list: T[], i: number) => list[i % list.length]!;
  const e = encodeURIComponent;
  return [
    {
      name: 'search',
      target: 50,
      url: (i) => `/api/search?q=${e(at(names, i))}`,
      rawPath: (i) => `/raw/search?q=${e(at(names, i))}`,
      raw: {
        query:
          "CALL db.index.fulltext.queryNodes('entity_search', $q) YIELD node, score RETURN node.id AS id, node.name AS name, score LIMIT 20",
        params: (i) => ({
          q: `${at(names, i)
            .split(' ')[0]!
            .replace(/[^\p{L}\p{N}]/gu, '')}*`,
        }),
      },
    },
    {
      name: 'entity',
      target: 50,
      url: (i) => `/api/entities/${at(ids, i)}`,
      rawPath: (i) => `/raw/entity/${e(at(ids, i))}`,
      raw: {
        query:
          'MATCH (n {id: $id}) OPTIONAL MATCH (n)-[r]-() RETURN properties(n) AS n, collect([type(r), startNode(r) = n, r.amount, r.currency]) AS rels',
        params: (i) => ({ id: at(ids, i) }),
      },
    },
    {
      name: 'relationships page (50)',
      target: 50,
      url: (i) => `/api/entities/${at(ids, i)}/relationships?limit=50`,
      rawPath: (i) => `/raw/relationships/${e(at(ids, i))}`,
      raw: {
        query:
          'MATCH (n {id: $id})-[r]-(m) RETURN properties(r) AS r, type(r) AS type, m.id AS id, m.name AS name ORDER BY r.id LIMIT 51',
        params: (i) => ({ id: at(ids, i) }),
      },
    },
    {
      name: 'neighbourhood (2 hops)',
      target: null,
      url: (i) => `/api/entities/${at(ids, i)}/neighborhood?depth=2`,
      raw: {
        query: 'MATCH (n {id: $id})-[r*1..2]-(m) RETURN DISTINCT properties(m) AS m LIMIT 500',
        params: (i) => ({ id: at(ids, i) }),
      },
    },
    {
      name: 'paths (≤4 hops)',
      target: 200,
      url: (i) => `/api/paths?from=${at(ids, i)}&to=${at(ids, i + 7)}&maxHops=4`,
      raw: {
        query:
          'MATCH (a {id: $from}), (b {id: $to}) OPTIONAL MATCH p = allShortestPaths((a)-[*..4]-(b)) WITH p LIMIT 100 RETURN [n IN nodes(p) | n.id] AS nodes',
        params: (i) => ({ from: at(ids, i), to: at(ids, i + 7) }),
      },
    },
    {
      name: 'flows (down, 3 hops)',
      target: null,
      url: (i) => `/api/flows?from=${at(funders, i)}&depth=3`,
      raw: {
        query: 'MATCH (a {id: $id})-[r:FUNDS|INVESTS_IN*1..3]->(b) UNWIND r AS x RETURN DISTINCT properties(x) AS x',
        params: (i) => ({ id: at(funders, i) }),
      },
    },
    { name: 'flows (whole graph)', target: null, url: () => '/api/flows' },
    { name: 'overview', target: null, url: () => '/api/graph' },
    { name: 'co-funding', target: null, url: () => '/api/cofunding' },
    {
      name: 'stats',
      target: null,
      url: () => '/api/stats',
      raw: { query: 'MATCH (n) RETURN n.kind AS kind, count(*) AS c', params: () => ({}) },
    },
  ];
}

async function main(): Promise<void> {
  const seed = readSeed();
  const orgs = seed.nodes.filter((n) => n.kind !== 'Indicator' && n.kind !== 'Source');
  const ids = orgs.map((n) => n.id);
  const names = orgs.map((n) => n.name.split(' ').slice(0, 2).join(' '));
  const funders = [
    ...new Set(seed.relationships.filter((r) => r.type === 'FUNDS' || r.type === 'INVESTS_IN').map((r) => r.source)),
  ];
  const eps = endpoints(ids, funders, names);
  const rows: Record<string, unknown>[] = [];

  const embedded = createEmbeddedStore();
  await embedded.upsertGraph(seed);
  rows.push(...(await measure(embedded, 'embedded', eps, REQUESTS)));

  const neo = await startBenchNeo4j();
  const store = createNeo4jStore(parseConfig({ NEO4J_URI: neo.uri }));
  const raw = await startRaw(neo.uri);
  try {
    await store.applySchema();
    await store.clear();
    await store.upsertGraph(seed);
    rows.push(...(await measure(store, 'neo4j', eps, REQUESTS, { rawUrl: raw.url, driver: neo.driver })));
  } finally {
    await raw.close();
    await store.close();
    await neo.stop();
  }
  writeResults('api-seed', 'API latency per endpoint on the seed graph', API_COLUMNS, rows, {
    loadAverage: loadavg(),
    nodes: seed.nodes.length,
    relationships: seed.relationships.length,
    requests: REQUESTS,
  });
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});

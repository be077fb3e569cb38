/**
 * API latency at scale: the synthetic ecosystem at 100k relationships (1M with BENCH_SCALE=full, 10k
 * with BENCH_SCALE=small), served by the real app (server/main.ts `start`, i.e. createApp) over the
 * Neo4j store and over the embedded store. For each endpoint: p50/p99 of sequential requests, and for
 * Neo4j the baselines of bench/lib/api.ts measured in the same run: raw (entity, relationships page,
 * search: the same request to the raw baseline server of bench/lib/raw.ts, the store's own query file
 * and parameters through the bare driver behind bare node:http; API p50 / raw p50 target ≤ 1.5) and
 * driver (a hand-written query for about the same data, in process, no HTTP). Targets: p99 under 50 ms for search, entity and a relationships page; under 200 ms for
 * paths of up to 4 hops. Also reports how long each store takes to build its search index over the data.
 */
import { createReadStream } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse';
import { parseConfig } from '../server/config';
import {
  SYNTHETIC_MAPPING,
  benchScale,
  countRelationships,
  seconds,
  startBenchNeo4j,
  syntheticData,
  wipe,
} from '../server/generate/benchkit';
import { Rng } from '../server/generate/synthetic';
import { runImport } from '../server/import/importer';
import { OverviewQuery } from '../server/api/schemas';
import { searchAcronyms } from '../server/search/names';
import { createEmbeddedStore } from '../server/store/embedded';
import { SearchIndex } from '../server/store/embedded/searchIndex';
import { createNeo4jStore } from '../server/store/neo4j';
import { API_COLUMNS, measure, type Endpoint } from './lib/api';
import { startRaw } from './lib/raw';
import { writeResults } from './lib/report';

const SIZE = { small: 10_000, default: 100_000, full: 1_000_000 }[benchScale()];
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? (benchScale() === 'small' ? 50 : 200));

async function sampleOrgs(dir: string, n: number): Promise<{ ids: string[]; names: string[] }> {
  const all: { id: string; name: string }[] = [];
  for await (const r of createReadStream(join(dir, 'orgs.csv')).pipe(parse({ columns: true })) as AsyncIterable<
    Record<string, string>
  >)
    all.push({ id: r.org_id!, name: r.name! });
  const rng = new Rng(7);
  const picked = Array.from({ length: n }, () => all[rng.int(all.length)]!);
  return { ids: picked.map((p) => p.id), names: picked.map((p) => p.name.split(' ').slice(0, 2).join(' ')) };
}

function endpoints(ids: string[], names: string[]): Endpoint[] {
  const at = <T>(list: T[], i: number) => list[i % list.length]!;
  const e = encodeURIComponent;
  return [
    {
      name: 'search',
      target: 50,
      url: (i) => `/api/search?q=${e(at(names, i))}&limit=20`,
      rawPath: (i) => `/raw/search?q=${e(at(names, i))}`,
      raw: {
        query:
          "CALL db.index.fulltext.queryNodes('entity_search', $q) YIELD node, score RETURN node.id AS id, node.name AS name, node.kind AS kind, score LIMIT 20",
        params: (i) => ({
          q: at(names, i)
            .split(' ')
            .map((w) => `${w}*`)
            .join(' AND '),
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
          'MATCH (n:Organization {id: $id}) OPTIONAL MATCH (n)-[r]-() RETURN properties(n) AS n, collect([type(r), startNode(r) = n, r.amount, r.currency]) AS rels',
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
          'MATCH (n:Organization {id: $id})-[r]-(m) RETURN properties(r) AS r, type(r) AS type, m.id AS id, m.name AS name, m.kind AS kind ORDER BY r.id LIMIT 51',
        params: (i) => ({ id: at(ids, i) }),
      },
    },
    {
      name: 'neighbourhood (1 hop)',
      target: null,
      url: (i) => `/api/entities/${at(ids, i)}/neighborhood?depth=1&limit=200`,
      raw: {
        query:
          'MATCH (n:Organization {id: $id})-[r]-(m) RETURN properties(r) AS r, type(r) AS type, properties(m) AS m LIMIT 200',
        params: (i) => ({ id: at(ids, i) }),
      },
    },
    {
      name: 'paths (≤4 hops)',
      target: 200,
      url: (i) => `/api/paths?from=${at(ids, i)}&to=${at(ids, i + 101)}&maxHops=4`,
      raw: {
        query:
          'MATCH (a:Organization {id: $from}), (b:Organization {id: $to}) OPTIONAL MATCH p = allShortestPaths((a)-[*..4]-(b)) WITH p LIMIT 100 RETURN [n IN nodes(p) | n.id] AS nodes, [r IN relationships(p) | properties(r)] AS rels',
        params: (i) => ({ from: at(ids, i), to: at(ids, i + 101) }),
      },
    },
    {
      name: 'flows (down, 2 hops)',
      target: null,
      url: (i) => `/api/flows?from=${at(ids, i)}&depth=2`,
    },
  ];
}

async function main(): Promise<void> {
  const data = syntheticData(SIZE);
  const { ids, names } = await sampleOrgs(data.dir, 500);
  const eps = endpoints(ids, names);
  const rows: Record<string, unknown>[] = [];
  const extra: Record<string, unknown> = {
    loadAverage: loadavg(),
    scale: benchScale(),
    relationships: data.relationships,
    nodes: data.nodes,
    requests: REQUESTS,
  };

  const neo = await startBenchNeo4j();
  const store = createNeo4jStore(parseConfig({ NEO4J_URI: neo.uri, QUERY_TIMEOUT_MS: '60000' }));
  try {
    if ((await countRelationships(neo.driver)) !== data.relationships) {
      console.log(`loading ${data.relationships} relationships into Neo4j (npm run import's path)...`);
      await wipe(neo.driver);
      await store.applySchema();
      const t = performance.now();
      await runImport(SYNTHETIC_MAPPING, store, { dataDir: data.dir, batchSize: 5000 });
      extra.neo4jLoadSeconds = Number(seconds(t).toFixed(1));
    }
    await store.applySchema();
    const raw = await startRaw(neo.uri);
    try {
      rows.push(...(await measure(store, 'neo4j', eps, REQUESTS, { rawUrl: raw.url, driver: neo.driver })));
    } finally {
      await raw.close();
    }
    // the search indexes' build time: both full-text indexes dropped and built again over the data
    for (const index of ['entity_search', 'entity_names_cjk']) await neo.driver.executeQuery(`DROP INDEX ${index}`);
    const ti = performance.now();
    await store.applySchema();
    extra.neo4jSearchIndexBuildSeconds = Number(seconds(ti).toFixed(1));
  } finally {
    await store.close();
    await neo.stop();
  }

  const embedded = createEmbeddedStore();
  const t = performance.now();
  await runImport(SYNTHETIC_MAPPING, embedded, { dataDir: data.dir, batchSize: 5000 });
  extra.embeddedLoadSeconds = Number(seconds(t).toFixed(1));
  // the embedded search index's build time: a fresh index over the graph's nodes (names, aliases, acronyms)
  const all = await embedded.overview(OverviewQuery.parse({ limit: 100_000 }));
  const ti = performance.now();
  const index = new SearchIndex();
  for (const n of all.nodes) {
    const { name, kind } = n.attributes;
    const aliases = Array.isArray(n.attributes.aliases) ? (n.attributes.aliases as string[]) : [];
    index.set(n.key, name, aliases, searchAcronyms(kind, name));
  }
  extra.embeddedSearchIndexBuildSeconds = Number(seconds(ti).toFixed(1));
  extra.embeddedSearchIndexNodes = all.nodes.length;
  rows.push(...(await measure(embedded, 'embedded', eps, REQUESTS)));

  writeResults(
    'api-scale',
    `API latency at ${data.relationships.toLocaleString('en-US')} relationships (Neo4j and embedded)`,
    API_COLUMNS,
    rows,
    extra,
  );
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});

/**
 * API latency at scale: the synthetic ecosystem at 100k relationships (1M with BENCH_SCALE=full, 10k
 * with BENCH_SCALE=small), served by the real app (server/main.ts `start`, i.e. createApp) over the
 * Neo4j store and over the embedded store. For each endpoint: p50/p99 of sequential requests, and for
 * Neo4j the API's time over the raw driver query that fetches the same data (the baseline measured in
 * the same run). Targets: p99 under 50 ms for search, entity and a relationships page; under 200 ms for
 * paths of up to 4 hops.
 */
import { createReadStream } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse';
import type { Driver } from 'neo4j-driver';
import { parseConfig } from '../server/config';
import {
  BulkNeo4jSink,
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
import { start } from '../server/main';
import { createEmbeddedStore } from '../server/store/embedded';
import { createNeo4jStore } from '../server/store/neo4j';
import type { GraphStore } from '../server/store/store';
import { percentile, writeResults } from './lib/report';

const SIZE = { small: 10_000, default: 100_000, full: 1_000_000 }[benchScale()];
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? (benchScale() === 'small' ? 50 : 200));
const WARMUP = 20;

interface Endpoint {
  name: string;
  target: number | null;
  url: (i: number) => string;
  raw?: { query: string; params: (i: number) => Record<string, unknown> };
}

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
      raw: {
        query:
          "CALL db.index.fulltext.queryNodes('entity_names', $q) YIELD node, score RETURN node.id AS id, node.name AS name, node.kind AS kind, score LIMIT 20",
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

async function timeRequests(base: string, ep: Endpoint): Promise<{ p50: number; p99: number; errors: number }> {
  const times: number[] = [];
  let errors = 0;
  for (let i = 0; i < WARMUP + REQUESTS; i++) {
    const t = performance.now();
    const res = await fetch(base + ep.url(i));
    await res.arrayBuffer();
    if (!res.ok) errors++;
    if (i >= WARMUP) times.push(performance.now() - t);
  }
  return { p50: percentile(times, 50), p99: percentile(times, 99), errors };
}

async function timeRaw(driver: Driver, ep: Endpoint): Promise<{ p50: number; p99: number } | null> {
  if (!ep.raw) return null;
  const times: number[] = [];
  for (let i = 0; i < WARMUP + REQUESTS; i++) {
    const t = performance.now();
    await driver.executeQuery(ep.raw.query, ep.raw.params(i), { routing: 'READ' });
    if (i >= WARMUP) times.push(performance.now() - t);
  }
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
}

async function measure(
  store: GraphStore,
  label: string,
  eps: Endpoint[],
  driver?: Driver,
): Promise<Record<string, unknown>[]> {
  const config = parseConfig({
    PORT: '0',
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '1000000',
    SERVE_CLIENT: 'false',
    SEED_EMBEDDED: 'false',
    QUERY_TIMEOUT_MS: '60000',
  });
  const running = await start(config, store);
  const rows: Record<string, unknown>[] = [];
  try {
    for (const ep of eps) {
      const api = await timeRequests(running.url, ep);
      const raw = driver ? await timeRaw(driver, ep) : null;
      const met = ep.target === null ? '' : api.p99 < ep.target ? 'yes' : 'no';
      rows.push({
        store: label,
        endpoint: ep.name,
        'p50 ms': Number(api.p50.toFixed(1)),
        'p99 ms': Number(api.p99.toFixed(1)),
        'raw p50 ms': raw ? Number(raw.p50.toFixed(1)) : '',
        'raw p99 ms': raw ? Number(raw.p99.toFixed(1)) : '',
        'API / raw (p50)': raw ? Number((api.p50 / raw.p50).toFixed(2)) : '',
        errors: api.errors,
        'p99 target ms': ep.target ?? '',
        met,
      });
      console.log(
        `  ${label} ${ep.name}: p50 ${api.p50.toFixed(1)} ms, p99 ${api.p99.toFixed(1)} ms${raw ? `, raw p50 ${raw.p50.toFixed(1)} ms` : ''}`,
      );
    }
  } finally {
    await running.stop();
  }
  return rows;
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
      console.log(`loading ${data.relationships} relationships into Neo4j (bulk sink)...`);
      await wipe(neo.driver);
      await store.applySchema();
      const t = performance.now();
      await runImport(SYNTHETIC_MAPPING, new BulkNeo4jSink(neo.driver), { dataDir: data.dir, batchSize: 5000 });
      extra.neo4jLoadSeconds = Number(seconds(t).toFixed(1));
    }
    await store.applySchema();
    rows.push(...(await measure(store, 'neo4j', eps, neo.driver)));
  } finally {
    await store.close();
    await neo.stop();
  }

  const embedded = createEmbeddedStore();
  const t = performance.now();
  await runImport(SYNTHETIC_MAPPING, embedded, { dataDir: data.dir, batchSize: 5000 });
  extra.embeddedLoadSeconds = Number(seconds(t).toFixed(1));
  rows.push(...(await measure(embedded, 'embedded', eps)));

  writeResults(
    'api-scale',
    `API latency at ${data.relationships.toLocaleString('en-US')} relationships (Neo4j and embedded)`,
    [
      'store',
      'endpoint',
      'p50 ms',
      'p99 ms',
      'raw p50 ms',
      'raw p99 ms',
      'API / raw (p50)',
      'errors',
      'p99 target ms',
      'met',
    ],
    rows,
    extra,
  );
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});

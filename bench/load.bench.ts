/**
 * Load test from a second process: the API serves the synthetic ecosystem (100k relationships; 1M
 * with BENCH_SCALE=full; 10k with BENCH_SCALE=small) in a child process, over the embedded store and
 * over Neo4j, and autocannon in this process drives search and neighbourhood requests at 50
 * connections (BENCH_DURATION seconds each, default 10). Reports throughput, latency p50/p99 and
 * errors (transport errors, timeouts and non-2xx answers); the goal is zero errors. The baseline is
 * GET /api/health on the same server: the cost of the HTTP stack alone. On Neo4j also entity and a
 * relationships page, against a raw baseline server (bench/lib/raw.ts: the same queries through the
 * bare driver behind a bare node:http handler; API p50 / raw p50, target ≤ 1.5), and the API in 2
 * processes (server/cluster.ts, WORKERS=2) against 1: throughput per endpoint. It measures the steady
 * state, as api-scale does: the servers run without the server layout warming up (LAYOUT_WARM=false
 * unless BENCH_LAYOUT_WARM says otherwise; at 100k relationships the start-up jobs took about 12
 * CPU-seconds of the API's process, at 1M many times that, and they ran during the timed load) and
 * a server is timed once its store's own start-up load (the search importance table) is done. Each
 * row also gives the server process's CPU per answer (Linux /proc; not for the 2-worker cluster) and,
 * on a Neo4j the bench started, Neo4j's: on a busy machine throughput follows the machine's load, CPU
 * per answer much less. Each timed run follows BENCH_WARMUP seconds (default 3) of the same load,
 * untimed. The API and raw run side by side: Neo4j is first warmed with each paired query through
 * the raw server (BENCH_NEO4J_WARMUP seconds each, default 10; at 1M a cold full-text index costs the
 * first server to meet it about twice the CPU a query), then each endpoint is timed on the API and on
 * raw back to back, twice in opposite orders (API, raw, raw, API); a row sums the two.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createReadStream, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { parse } from 'csv-parse';
import { parseConfig } from '../server/config';
import {
  REPO_ROOT,
  SYNTHETIC_MAPPING,
  benchScale,
  countRelationships,
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
import { serveRaw } from './lib/raw';
import { writeResults } from './lib/report';

const SIZE = { small: 10_000, default: 100_000, full: 1_000_000 }[benchScale()];
const DURATION = Number(process.env.BENCH_DURATION ?? (benchScale() === 'small' ? 5 : 10));
/** seconds of untimed load before each timed run (JIT, query plans, page cache, pools: the steady state) */
const WARMUP = Number(process.env.BENCH_WARMUP ?? 3);
/** seconds of each paired query through the raw server before the API and raw are timed (a cold Neo4j) */
const NEO4J_WARMUP = Number(process.env.BENCH_NEO4J_WARMUP ?? 10);
const CONNECTIONS = 50;

/** The server side: loads the data into the store named and serves it until killed. */
async function serve(backend: 'embedded' | 'neo4j' | 'raw', uri: string | undefined): Promise<void> {
  if (backend === 'raw') {
    console.log(`READY ${await serveRaw(uri!)}`);
    return;
  }
  const data = syntheticData(SIZE);
  let store: GraphStore;
  if (backend === 'neo4j') store = createNeo4jStore(parseConfig({ NEO4J_URI: uri, QUERY_TIMEOUT_MS: '60000' }));
  else {
    store = createEmbeddedStore();
    await runImport(SYNTHETIC_MAPPING, store, { dataDir: data.dir, batchSize: 5000 });
  }
  const config = parseConfig({
    PORT: '0',
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '1000000',
    SERVE_CLIENT: 'false',
    SEED_EMBEDDED: 'false',
    QUERY_TIMEOUT_MS: '60000',
    // the steady state, as api-scale: no server layout warming up meanwhile (it runs on the event loop)
    LAYOUT_WARM: process.env.BENCH_LAYOUT_WARM ?? 'false',
    ...(uri ? { NEO4J_URI: uri } : {}),
  });
  const running = await start(config, store);
  // and what the store loads at start (Neo4j: the search importance table) is loaded before the load
  await store.warm?.();
  console.log(`READY ${running.url}`);
}

function startServer(
  backend: 'embedded' | 'neo4j' | 'raw' | 'cluster',
  uri?: string,
): Promise<{ child: ChildProcess; url: string }> {
  const child =
    backend === 'cluster'
      ? spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'server/cluster.ts')], {
          stdio: ['ignore', 'pipe', 'inherit'],
          env: {
            ...process.env,
            WORKERS: '2',
            PORT: '0',
            LOG_LEVEL: 'silent',
            RATE_LIMIT_PER_MINUTE: '1000000',
            SERVE_CLIENT: 'false',
            SEED_EMBEDDED: 'false',
            QUERY_TIMEOUT_MS: '60000',
            LAYOUT_WARM: process.env.BENCH_LAYOUT_WARM ?? 'false',
            NEO4J_URI: uri,
          },
        })
      : spawn(
          process.execPath,
          ['--max-old-space-size=12000', '--import', 'tsx', import.meta.filename, '--serve', backend, uri ?? ''],
          {
            stdio: ['ignore', 'pipe', 'inherit'],
          },
        );
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /READY (\S+)/.exec(out) ?? /Innograph: (\S+) \(2 workers\)/.exec(out);
      if (m) resolve({ child, url: m[1]! });
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code} before it was ready:\n${out}`)));
  });
}

async function sample(dir: string): Promise<{ ids: string[]; names: string[] }> {
  const all: { id: string; name: string }[] = [];
  for await (const r of createReadStream(join(dir, 'orgs.csv')).pipe(parse({ columns: true })) as AsyncIterable<
    Record<string, string>
  >)
    all.push({ id: r.org_id!, name: r.name! });
  const rng = new Rng(11);
  const picked = Array.from({ length: 1000 }, () => all[rng.int(all.length)]!);
  return { ids: picked.map((p) => p.id), names: picked.map((p) => p.name.split(' ').slice(0, 2).join(' ')) };
}

/** Waits until the server answers /api/health within 50 ms again (the previous run's backlog is done). */
async function drain(url: string): Promise<void> {
  const until = Date.now() + 180_000;
  while (Date.now() < until) {
    const t = performance.now();
    await fetch(`${url}/api/health`).then((r) => r.arrayBuffer());
    if (performance.now() - t < 50) return;
    await new Promise((r) => setTimeout(r, 500));
  }
}

/**
 * CPU time (user + system) a process has used, in ms, from /proc (Linux; clock ticks of 10 ms), or
 * undefined where there is no /proc or no such process.
 */
function cpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

async function hammer(
  url: string,
  name: string,
  path: (i: number) => string,
  pid?: number,
  neo4jPid?: number,
): Promise<Record<string, unknown>> {
  await drain(url);
  // warm-up: a few requests one at a time, then WARMUP seconds of the same load untimed, so that the
  // server measured first does not pay for warming what the next one finds warm
  for (let w = 0; w < 5; w++) await fetch(`${url}${path(1000 + w)}`).then((r) => r.arrayBuffer());
  let i = 0;
  const setupRequest = (req: { path?: string }) => {
    req.path = path(i++);
    return req;
  };
  if (WARMUP > 0)
    await autocannon({ url, connections: CONNECTIONS, duration: WARMUP, timeout: 30, requests: [{ setupRequest }] });
  await drain(url);
  i = 0;
  const cpu0 = cpuMs(pid);
  const neo0 = cpuMs(neo4jPid);
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: DURATION,
    timeout: 30,
    requests: [{ setupRequest }],
  });
  const cpu1 = cpuMs(pid);
  const neo1 = cpuMs(neo4jPid);
  // the server's own CPU per answer: what bounds its throughput once the machine is busy
  const cpuPerRequest =
    cpu0 !== undefined && cpu1 !== undefined && result.requests.total > 0
      ? Number(((cpu1 - cpu0) / result.requests.total).toFixed(2))
      : null;
  const neo4jCpu =
    neo0 !== undefined && neo1 !== undefined && result.requests.total > 0
      ? Number(((neo1 - neo0) / result.requests.total).toFixed(2))
      : null;
  const errors = result.errors + result.timeouts + result.non2xx;
  console.log(
    `  ${name}: ${Math.round(result.requests.average)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, server CPU ${cpuPerRequest ?? '?'} ms/request, Neo4j CPU ${neo4jCpu ?? '-'} ms/request, errors ${errors}`,
  );
  return {
    endpoint: name,
    connections: CONNECTIONS,
    'duration s': DURATION,
    requests: result.requests.total,
    'req/s': Math.round(result.requests.average),
    'p50 ms': result.latency.p50,
    'p99 ms': result.latency.p99,
    'server CPU ms/req': cpuPerRequest,
    'Neo4j CPU ms/req': neo4jCpu,
    errors,
    'zero errors': errors === 0 ? 'yes' : 'no',
  };
}

/** Two timed runs of one endpoint as one row: their requests summed, rates and CPU per answer averaged. */
function combined(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  const n = (r: Record<string, unknown>, k: string) => Number(r[k] ?? 0);
  const total = n(a, 'requests') + n(b, 'requests');
  const perAnswer = (k: string) =>
    a[k] === null || b[k] === null || total === 0
      ? null
      : Number(((n(a, k) * n(a, 'requests') + n(b, k) * n(b, 'requests')) / total).toFixed(2));
  const errors = n(a, 'errors') + n(b, 'errors');
  return {
    ...a,
    'duration s': n(a, 'duration s') + n(b, 'duration s'),
    requests: total,
    'req/s': Math.round((n(a, 'req/s') + n(b, 'req/s')) / 2),
    'p50 ms': (n(a, 'p50 ms') + n(b, 'p50 ms')) / 2,
    'p99 ms': Math.max(n(a, 'p99 ms'), n(b, 'p99 ms')),
    'server CPU ms/req': perAnswer('server CPU ms/req'),
    'Neo4j CPU ms/req': perAnswer('Neo4j CPU ms/req'),
    errors,
    'zero errors': errors === 0 ? 'yes' : 'no',
  };
}

async function main(): Promise<void> {
  const data = syntheticData(SIZE);
  const { ids, names } = await sample(data.dir);
  const e = encodeURIComponent;
  const rows: Record<string, unknown>[] = [];
  type Endpoint = readonly [string, (i: number) => string];
  const health: Endpoint = ['health (baseline)', () => '/api/health'];
  const search: Endpoint = ['search', (i) => `/api/search?q=${e(names[i % names.length]!)}&limit=20`];
  const hood: Endpoint = [
    'neighbourhood (1 hop)',
    (i) => `/api/entities/${ids[i % ids.length]!}/neighborhood?depth=1&limit=200`,
  ];
  const entity: Endpoint = ['entity', (i) => `/api/entities/${ids[i % ids.length]!}`];
  const page: Endpoint = ['relationships page', (i) => `/api/entities/${ids[i % ids.length]!}/relationships?limit=50`];
  const raw: Endpoint[] = [
    ['entity', (i) => `/raw/entity/${ids[i % ids.length]!}`],
    ['relationships page', (i) => `/raw/relationships/${ids[i % ids.length]!}`],
    ['search', (i) => `/raw/search?q=${e(names[i % names.length]!)}`],
  ];
  const run = async (
    store: string,
    backend: 'embedded' | 'neo4j' | 'raw' | 'cluster',
    endpoints: Endpoint[],
    uri?: string,
    neo4jPid?: number,
  ) => {
    console.log(`${store}: starting the server...`);
    const { child, url } = await startServer(backend, uri);
    // one process to read the CPU of (the cluster's answers come from its workers: not counted)
    const cpuPid = backend === 'cluster' ? undefined : child.pid;
    try {
      for (const [name, path] of endpoints) rows.push({ store, ...(await hammer(url, name, path, cpuPid, neo4jPid)) });
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
  };
  /**
   * The API on Neo4j and the raw server, both up: the API-only endpoints, then Neo4j warmed with every
   * paired query through the raw server (NEO4J_WARMUP seconds each: the first server to meet a cold
   * Neo4j would pay for its page cache and JIT), then each paired endpoint timed on the API and on raw
   * back to back, twice (API, raw, raw, API), so that both meet the same database state.
   */
  const paired = async (uri: string, neo4jPid: number | undefined) => {
    console.log('neo4j and neo4j raw driver: starting the servers...');
    const api = await startServer('neo4j', uri);
    const bare = await startServer('raw', uri).catch((e: unknown) => {
      api.child.kill('SIGTERM');
      throw e;
    });
    try {
      for (const [name, path] of [health, hood])
        rows.push({ store: 'neo4j', ...(await hammer(api.url, name, path, api.child.pid, neo4jPid)) });
      for (const [name, path] of raw) {
        console.log(`  warming Neo4j with ${name} for ${NEO4J_WARMUP} s (raw server, untimed)`);
        let i = 0;
        await autocannon({
          url: bare.url,
          connections: CONNECTIONS,
          duration: NEO4J_WARMUP,
          timeout: 30,
          requests: [
            {
              setupRequest: (req: { path?: string }) => {
                req.path = path(2000 + i++);
                return req;
              },
            },
          ],
        });
      }
      const pairs: [Endpoint, Endpoint][] = [
        [entity, raw[0]!],
        [page, raw[1]!],
        [search, raw[2]!],
      ];
      // two rounds in opposite orders (API then raw, raw then API): neither side always meets the
      // database the other has just warmed, and one round's noise weighs half
      for (const [[name, apiPath], [, rawPath]] of pairs) {
        const timeApi = () => hammer(api.url, name, apiPath, api.child.pid, neo4jPid);
        const timeRaw = () => hammer(bare.url, name, rawPath, bare.child.pid, neo4jPid);
        const a1 = await timeApi();
        const r1 = await timeRaw();
        const r2 = await timeRaw();
        const a2 = await timeApi();
        rows.push({ store: 'neo4j', ...combined(a1, a2) }, { store: 'neo4j raw driver', ...combined(r1, r2) });
      }
    } finally {
      for (const { child } of [api, bare]) {
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
      }
    }
  };
  await run('embedded', 'embedded', [health, search, hood]);
  const neo = await startBenchNeo4j();
  try {
    if ((await countRelationships(neo.driver)) !== data.relationships) {
      console.log(`loading ${data.relationships} relationships into Neo4j (npm run import's path)...`);
      await wipe(neo.driver);
      const store = createNeo4jStore(parseConfig({ NEO4J_URI: neo.uri }));
      try {
        await runImport(SYNTHETIC_MAPPING, store, { dataDir: data.dir, batchSize: 5000 });
      } finally {
        await store.close();
      }
    }
    await paired(neo.uri, neo.pid);
    await run('neo4j, 2 workers', 'cluster', [health, search, hood, entity, page], neo.uri, neo.pid);
  } finally {
    await neo.stop();
  }
  const find = (store: string, endpoint: string) =>
    rows.find((r) => r.store === store && r.endpoint === endpoint) as Record<string, number> | undefined;
  const ratios = ['entity', 'relationships page', 'search'].map((endpoint) => {
    const api = find('neo4j', endpoint)!;
    const base = find('neo4j raw driver', endpoint)!;
    const two = find('neo4j, 2 workers', endpoint)!;
    const p50 = api['p50 ms']! / Math.max(base['p50 ms']!, 1);
    return {
      endpoint,
      'API p50 ms': api['p50 ms'],
      'raw p50 ms': base['p50 ms'],
      'API / raw p50': Number(p50.toFixed(2)),
      'p50 target met (≤1.5)': p50 <= 1.5 ? 'yes' : 'no',
      'API / raw req/s': Number((api['req/s']! / Math.max(base['req/s']!, 1)).toFixed(2)),
      'API / raw server CPU per request':
        api['server CPU ms/req'] && base['server CPU ms/req']
          ? Number((api['server CPU ms/req'] / base['server CPU ms/req']).toFixed(2))
          : null,
      '2 workers / 1 req/s': Number((two['req/s']! / Math.max(api['req/s']!, 1)).toFixed(2)),
    };
  });
  for (const r of ratios) console.log(`  ${JSON.stringify(r)}`);
  writeResults(
    'load',
    `Load test (autocannon, ${CONNECTIONS} connections, second process) at ${data.relationships.toLocaleString('en-US')} relationships`,
    [
      'store',
      'endpoint',
      'connections',
      'duration s',
      'requests',
      'req/s',
      'p50 ms',
      'p99 ms',
      'server CPU ms/req',
      'Neo4j CPU ms/req',
      'errors',
      'zero errors',
    ],
    rows,
    { loadAverage: loadavg(), scale: benchScale(), relationships: data.relationships, ratios },
  );
  writeResults(
    'load-ratios',
    `Load test ratios at ${data.relationships.toLocaleString('en-US')} relationships: the API on Neo4j against the raw driver behind bare node:http, and 2 workers against 1`,
    [
      'endpoint',
      'API p50 ms',
      'raw p50 ms',
      'API / raw p50',
      'p50 target met (≤1.5)',
      'API / raw req/s',
      'API / raw server CPU per request',
      '2 workers / 1 req/s',
    ],
    ratios,
    { loadAverage: loadavg(), scale: benchScale(), relationships: data.relationships, connections: CONNECTIONS },
  );
}

const i = process.argv.indexOf('--serve');
if (i >= 0)
  serve(process.argv[i + 1] as 'embedded' | 'neo4j' | 'raw', process.argv[i + 2] || undefined).catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
else
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });

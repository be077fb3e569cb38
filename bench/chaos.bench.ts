/**
 * Chaos measurement of POST /api/cypher against a RUNNING app (issue 9): for each resource query
 * (alone and in bursts), the status codes, the time to answer, the slowest /api/health and
 * /api/search latency seen meanwhile by a second client, the app's RSS before/peak/after, and whether
 * Neo4j kept the same pid. Does nothing unless BENCH_CHAOS_URL names the app, e.g.
 *   NEO4J_URI=bolt://127.0.0.1:7687 RATE_LIMIT_PER_MINUTE=1000000 CYPHER_RATE_LIMIT_PER_MINUTE=1000000 \
 *     node --import tsx server/main.ts &
 *   BENCH_CHAOS_URL=http://127.0.0.1:3000 APP_PID=$! NEO4J_HOME_DIR=.neo4j npm run bench -- chaos
 * (raise the app's rate limits: the probes send 20 requests a second). ONLY=name,name runs a subset.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeResults } from './lib/report';

const BASE = process.env.BENCH_CHAOS_URL ?? '';
const APP_PID = process.env.APP_PID ?? '';
const PID_FILE = process.env.NEO4J_HOME_DIR ? join(process.env.NEO4J_HOME_DIR, 'neo4j.pid') : '';
const REQ_TIMEOUT = Number(process.env.REQ_TIMEOUT ?? 120_000);

const rss = (): number => {
  try {
    const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${APP_PID}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : -1;
  } catch {
    return -1;
  }
};
const neo4jPid = (): string => {
  try {
    return readFileSync(PID_FILE, 'utf8').trim();
  } catch {
    return '';
  }
};
const alive = (pid: string): boolean => {
  if (!pid) return false;
  try {
    process.kill(Number(pid), 0);
    return true;
  } catch {
    return false;
  }
};

interface Scenario {
  name: string;
  n: number;
  body: () => string;
}
const q =
  (query: string, params: unknown = {}) =>
  () =>
    JSON.stringify({ query, params });
const SCENARIOS: Scenario[] = [
  { name: 'item4-one-134MB-string', n: 1, body: q('RETURN reduce(s = "x", j IN range(1, 27) | s + s) AS s') },
  { name: 'item1-six-134MB-strings', n: 6, body: q('RETURN reduce(s = "x", j IN range(1, 27) | s + s) AS s') },
  { name: 'item2-nested-list-20000', n: 1, body: q('RETURN reduce(l = [], i IN range(1, 20000) | [l]) AS l') },
  { name: 'item2-nested-list-x50', n: 50, body: q('RETURN reduce(l = [], i IN range(1, 20000) | [l]) AS l') },
  { name: 'item3-range-3M', n: 1, body: q('RETURN range(1, 3000000) AS l') },
  { name: 'item3-range-10M', n: 1, body: q('RETURN range(1, 10000000) AS l') },
  { name: 'var-range-3M-x6', n: 6, body: q('RETURN range(1, 3000000) AS l') },
  {
    name: 'var-rows-1MB-x1000',
    n: 1,
    body: q('UNWIND range(1, 1000) AS i RETURN reduce(s = "x", j IN range(1, 20) | s + s) AS s'),
  },
  { name: 'var-nested-map-20000', n: 1, body: q('RETURN reduce(m = {}, i IN range(1, 20000) | {a: m}) AS m') },
  { name: 'var-string-list-5M', n: 1, body: q('RETURN [x IN range(1, 5000000) | toString(x)] AS l') },
  { name: 'var-cartesian-count', n: 6, body: q('MATCH (a), (b), (c), (d) RETURN count(*) AS c') },
  {
    name: 'item6-params-deep-20000',
    n: 1,
    body: () => `{"query":"RETURN $p AS p","params":{"p":${'['.repeat(20_000)}1${']'.repeat(20_000)}}}`,
  },
];

async function timed(
  path: string,
  init: RequestInit = {},
): Promise<{ status: number; ms: number; code?: string; bytes: number }> {
  const t0 = performance.now();
  try {
    const res = await fetch(BASE + path, { ...init, signal: AbortSignal.timeout(REQ_TIMEOUT) });
    const text = await res.text();
    let code: string | undefined;
    if (text.length < 10_000) {
      try {
        code = (JSON.parse(text) as { code?: string }).code;
      } catch {
        /* */
      }
    }
    return { status: res.status, ms: performance.now() - t0, code, bytes: text.length };
  } catch (e) {
    return { status: 0, ms: performance.now() - t0, code: (e as Error).name, bytes: 0 };
  }
}

async function run(s: Scenario) {
  const npid = neo4jPid();
  const rssBefore = rss();
  let stop = false;
  let maxHealth = 0;
  let maxSearch = 0;
  let probeFails = 0;
  let probes = 0;
  const probe = (async () => {
    while (!stop) {
      const [h, se] = await Promise.all([timed('/api/health'), timed('/api/search?q=jinfeng')]);
      probes++;
      maxHealth = Math.max(maxHealth, h.ms);
      maxSearch = Math.max(maxSearch, se.ms);
      if (h.status !== 200 || se.status !== 200) probeFails++;
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  let rssPeak = rssBefore;
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, rss())), 100);
  const t0 = performance.now();
  const results = await Promise.all(
    Array.from({ length: s.n }, () =>
      timed('/api/cypher', { method: 'POST', headers: { 'content-type': 'application/json' }, body: s.body() }),
    ),
  );
  const total = performance.now() - t0;
  await new Promise((r) => setTimeout(r, 1500));
  stop = true;
  await probe;
  clearInterval(sampler);
  const statuses: Record<string, number> = {};
  for (const r of results)
    statuses[`${r.status}${r.code ? ` ${r.code}` : ''}`] =
      (statuses[`${r.status}${r.code ? ` ${r.code}` : ''}`] ?? 0) + 1;
  const after = await timed('/api/search?q=jinfeng');
  const row = {
    scenario: s.name,
    n: s.n,
    statuses,
    slowestMs: Math.round(Math.max(...results.map((r) => r.ms))),
    totalMs: Math.round(total),
    maxHealthMs: Math.round(maxHealth),
    maxSearchMs: Math.round(maxSearch),
    probes,
    probeFails,
    rssBeforeMB: rssBefore,
    rssPeakMB: rssPeak,
    rssAfterMB: rss(),
    neo4jPidBefore: npid,
    neo4jSamePidAlive: alive(npid) && neo4jPid() === npid,
    neo4jAliveNow: alive(neo4jPid()),
    searchAfter: after.status,
  };
  console.log(JSON.stringify(row));
  return row as Record<string, unknown>;
}

if (!BASE) {
  console.log('chaos: set BENCH_CHAOS_URL to a running app (see the header of bench/chaos.bench.ts); skipped');
} else {
  const only = (process.env.ONLY ?? '').split(',').filter(Boolean);
  const rows: Record<string, unknown>[] = [];
  for (const s of SCENARIOS) {
    if (only.length > 0 && !only.includes(s.name)) continue;
    rows.push(await run(s));
    // let Neo4j come back (its supervisor) before the next scenario
    for (let i = 0; i < 120 && (await timed('/api/ready')).status !== 200; i++)
      await new Promise((r) => setTimeout(r, 1000));
  }
  writeResults(
    'chaos',
    'POST /api/cypher under resource queries (issue 9)',
    [
      'scenario',
      'n',
      'statuses',
      'slowestMs',
      'maxHealthMs',
      'maxSearchMs',
      'rssBeforeMB',
      'rssPeakMB',
      'rssAfterMB',
      'neo4jSamePidAlive',
    ],
    rows,
    { base: BASE },
  );
}

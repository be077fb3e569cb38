/**
 * API latency measurement shared by the API benches: p50/p99 of sequential requests against the real
 * app (server/main.ts `start`) over a store, against two baselines measured in the same run:
 * - raw server (`rawPath`, entity, relationships page, search): the same request to the raw baseline
 *   server of bench/lib/raw.ts, i.e. the store's own query file with the store's parameters through
 *   the bare driver behind a bare node:http handler. Its requests alternate one for one with the
 *   API's, so that both see the same machine load. API p50 / raw p50 is the app's own cost (target ≤ 1.5).
 * - driver (`raw`): a hand-written Cypher query fetching about the same data, run in this process
 *   through the driver with no HTTP at all (timed after the API's requests): a floor, not a like-for-like
 *   baseline.
 */
import type { Driver } from 'neo4j-driver';
import { parseConfig } from '../../server/config';
import { start } from '../../server/main';
import type { GraphStore } from '../../server/store/store';
import { percentile } from './report';

const WARMUP = 20;
/** API p50 / raw-server p50 at most (issue #12). */
export const RAW_RATIO_TARGET = 1.5;

/** One endpoint to time, with its baselines (Neo4j only). */
export interface Endpoint {
  name: string;
  target: number | null;
  url: (i: number) => string;
  /** the same request's path on the raw baseline server (bench/lib/raw.ts) */
  rawPath?: (i: number) => string;
  /** Cypher run in-process through the driver that fetches about the same data */
  raw?: { query: string; params: (i: number) => Record<string, unknown> };
}

/** The baselines `measure` may time (Neo4j only). */
export interface Baselines {
  /** URL of the raw baseline server (bench/lib/raw.ts `startRaw`) */
  rawUrl?: string;
  driver?: Driver;
}

/** The columns of `measure`'s rows. */
export const API_COLUMNS = [
  'store',
  'endpoint',
  'p50 ms',
  'p99 ms',
  'raw p50 ms',
  'raw p99 ms',
  'API / raw (p50)',
  `≤ ${RAW_RATIO_TARGET}`,
  'driver p50 ms',
  'API / driver (p50)',
  'errors',
  'p99 target ms',
  'met',
];

async function get(url: string): Promise<{ ms: number; ok: boolean }> {
  const t = performance.now();
  const res = await fetch(url);
  await res.arrayBuffer();
  return { ms: performance.now() - t, ok: res.ok };
}

/** The API's requests and, when the endpoint has a raw path, the raw server's, alternating. */
async function timeRequests(
  base: string,
  rawUrl: string | undefined,
  ep: Endpoint,
  requests: number,
): Promise<{ api: number[]; raw: number[] | null; errors: number; rawErrors: number }> {
  const api: number[] = [];
  const rawPath = rawUrl !== undefined ? ep.rawPath : undefined;
  const raw: number[] | null = rawPath ? [] : null;
  let errors = 0;
  let rawErrors = 0;
  for (let i = 0; i < WARMUP + requests; i++) {
    const viaApi = async () => {
      const a = await get(base + ep.url(i));
      if (!a.ok) errors++;
      if (i >= WARMUP) api.push(a.ms);
    };
    const viaRaw = async () => {
      if (!rawPath || !raw) return;
      const r = await get(rawUrl + rawPath(i));
      if (!r.ok) rawErrors++;
      if (i >= WARMUP) raw.push(r.ms);
    };
    // which of the two goes first alternates too
    if (i % 2 === 0) {
      await viaApi();
      await viaRaw();
    } else {
      await viaRaw();
      await viaApi();
    }
  }
  return { api, raw, errors, rawErrors };
}

async function timeDriver(driver: Driver, ep: Endpoint, requests: number): Promise<number[] | null> {
  if (!ep.raw) return null;
  const times: number[] = [];
  for (let i = 0; i < WARMUP + requests; i++) {
    const t = performance.now();
    await driver.executeQuery(ep.raw.query, ep.raw.params(i), { routing: 'READ' });
    if (i >= WARMUP) times.push(performance.now() - t);
  }
  return times;
}

const ms = (v: number) => Number(v.toFixed(1));
const ratio = (a: number, b: number) => Number((a / b).toFixed(2));

/** Serves `store` on a free port and times every endpoint `requests` times (after a warm-up). */
export async function measure(
  store: GraphStore,
  label: string,
  eps: Endpoint[],
  requests: number,
  baselines: Baselines = {},
): Promise<Record<string, unknown>[]> {
  const config = parseConfig({
    PORT: '0',
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '1000000',
    SERVE_CLIENT: 'false',
    SEED_EMBEDDED: 'false',
    QUERY_TIMEOUT_MS: '60000',
    // the requests alone: no server layout warming up meanwhile (its grouping runs on the event loop)
    LAYOUT_WARM: process.env.BENCH_LAYOUT_WARM ?? 'false',
  });
  const running = await start(config, store);
  // steady state: what the store loads at start (Neo4j: the search importance table) is loaded
  const warmed = await store.warm?.();
  if (warmed) console.log(`  ${label}: ${warmed}`);
  const rows: Record<string, unknown>[] = [];
  try {
    for (const ep of eps) {
      const t = await timeRequests(running.url, baselines.rawUrl, ep, requests);
      const drv = baselines.driver ? await timeDriver(baselines.driver, ep, requests) : null;
      const p50 = percentile(t.api, 50);
      const p99 = percentile(t.api, 99);
      const raw50 = t.raw ? percentile(t.raw, 50) : null;
      const drv50 = drv ? percentile(drv, 50) : null;
      if (t.rawErrors > 0) throw new Error(`${ep.name}: the raw server answered ${t.rawErrors} requests with an error`);
      rows.push({
        store: label,
        endpoint: ep.name,
        'p50 ms': ms(p50),
        'p99 ms': ms(p99),
        'raw p50 ms': raw50 === null ? '' : ms(raw50),
        'raw p99 ms': t.raw ? ms(percentile(t.raw, 99)) : '',
        'API / raw (p50)': raw50 === null ? '' : ratio(p50, raw50),
        [`≤ ${RAW_RATIO_TARGET}`]: raw50 === null ? '' : p50 / raw50 <= RAW_RATIO_TARGET ? 'yes' : 'no',
        'driver p50 ms': drv50 === null ? '' : ms(drv50),
        'API / driver (p50)': drv50 === null ? '' : ratio(p50, drv50),
        errors: t.errors,
        'p99 target ms': ep.target ?? '',
        met: ep.target === null ? '' : p99 < ep.target ? 'yes' : 'no',
      });
      console.log(
        `  ${label} ${ep.name}: p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms` +
          (raw50 === null ? '' : `, raw server p50 ${raw50.toFixed(1)} ms (×${(p50 / raw50).toFixed(2)})`) +
          (drv50 === null ? '' : `, driver p50 ${drv50.toFixed(1)} ms`),
      );
    }
  } finally {
    await running.stop();
  }
  return rows;
}

/**
 * API latency measurement shared by the API benches: p50/p99 of sequential requests against the real
 * app (server/main.ts `start`) over a store, and of the raw driver query fetching the same data (the
 * baseline measured in the same run).
 */
import type { Driver } from 'neo4j-driver';
import { parseConfig } from '../../server/config';
import { start } from '../../server/main';
import type { GraphStore } from '../../server/store/store';
import { percentile } from './report';

const WARMUP = 20;

/** One endpoint to time, with the raw Cypher that fetches the same data (Neo4j only). */
export interface Endpoint {
  name: string;
  target: number | null;
  url: (i: number) => string;
  raw?: { query: string; params: (i: number) => Record<string, unknown> };
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
  'errors',
  'p99 target ms',
  'met',
];

async function timeRequests(
  base: string,
  ep: Endpoint,
  requests: number,
): Promise<{ p50: number; p99: number; errors: number }> {
  const times: number[] = [];
  let errors = 0;
  for (let i = 0; i < WARMUP + requests; i++) {
    const t = performance.now();
    const res = await fetch(base + ep.url(i));
    await res.arrayBuffer();
    if (!res.ok) errors++;
    if (i >= WARMUP) times.push(performance.now() - t);
  }
  return { p50: percentile(times, 50), p99: percentile(times, 99), errors };
}

async function timeRaw(driver: Driver, ep: Endpoint, requests: number): Promise<{ p50: number; p99: number } | null> {
  if (!ep.raw) return null;
  const times: number[] = [];
  for (let i = 0; i < WARMUP + requests; i++) {
    const t = performance.now();
    await driver.executeQuery(ep.raw.query, ep.raw.params(i), { routing: 'READ' });
    if (i >= WARMUP) times.push(performance.now() - t);
  }
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
}

/** Serves `store` on a free port and times every endpoint `requests` times (after a warm-up). */
export async function measure(
  store: GraphStore,
  label: string,
  eps: Endpoint[],
  requests: number,
  driver?: Driver,
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
      const api = await timeRequests(running.url, ep, requests);
      const raw = driver ? await timeRaw(driver, ep, requests) : null;
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

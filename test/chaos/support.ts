/**
 * Helpers of the chaos suites: a second client that keeps probing /api/health and /api/search while a
 * burst runs, bursts of POST /api/cypher, and the Neo4j pid from the test Neo4j's home dir.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';

export interface ProbeReport {
  probes: number;
  maxHealthMs: number;
  maxSearchMs: number;
  /** non-200 answers or failed requests, as "path status" */
  failures: string[];
  /** worst event-loop delay of this process (which serves the app) while probing, ms */
  maxLoopDelayMs: number;
  /** highest resident set size of this process while probing, MB */
  peakRssMb: number;
}

/** Probes `base` every `everyMs` until `stop()` resolves the report. */
export function startProbe(base: string, everyMs = 100): { stop: () => Promise<ProbeReport> } {
  let running = true;
  const report: ProbeReport = {
    probes: 0,
    maxHealthMs: 0,
    maxSearchMs: 0,
    failures: [],
    maxLoopDelayMs: 0,
    peakRssMb: 0,
  };
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const hit = async (path: string): Promise<number> => {
    const t0 = performance.now();
    try {
      const res = await fetch(base + path, { signal: AbortSignal.timeout(30_000) });
      await res.arrayBuffer();
      if (res.status !== 200) report.failures.push(`${path} ${res.status}`);
    } catch (e) {
      report.failures.push(`${path} ${(e as Error).name}`);
    }
    return performance.now() - t0;
  };
  const done = (async () => {
    while (running) {
      const [h, s] = await Promise.all([hit('/api/health'), hit('/api/search?q=jinfeng')]);
      report.probes++;
      report.maxHealthMs = Math.max(report.maxHealthMs, h);
      report.maxSearchMs = Math.max(report.maxSearchMs, s);
      report.peakRssMb = Math.max(report.peakRssMb, process.memoryUsage().rss / 2 ** 20);
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await done;
      loop.disable();
      report.maxLoopDelayMs = loop.max / 1e6;
      return report;
    },
  };
}

export interface Answer {
  status: number;
  code?: string;
  retryAfter: string | null;
  ms: number;
}

/** POSTs `body` to /api/cypher `n` times at once. */
export async function burst(base: string, body: string, n: number, timeoutMs = 60_000): Promise<Answer[]> {
  return Promise.all(
    Array.from({ length: n }, async (): Promise<Answer> => {
      const t0 = performance.now();
      try {
        const res = await fetch(`${base}/api/cypher`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
          signal: AbortSignal.timeout(timeoutMs),
        });
        const text = await res.text();
        let code: string | undefined;
        if (res.headers.get('content-type')?.startsWith('application/problem+json'))
          code = (JSON.parse(text) as { code?: string }).code;
        return { status: res.status, code, retryAfter: res.headers.get('retry-after'), ms: performance.now() - t0 };
      } catch (e) {
        return { status: 0, code: (e as Error).name, retryAfter: null, ms: performance.now() - t0 };
      }
    }),
  );
}

/** A Cypher request body. */
export const cypherBody = (query: string, params: Record<string, unknown> = {}): string =>
  JSON.stringify({ query, params });

/** The pid in `<home>/neo4j.pid`, or undefined. */
export function neo4jPid(home: string | null): number | undefined {
  if (!home) return undefined;
  try {
    const pid = Number(readFileSync(join(home, 'neo4j.pid'), 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a process runs. */
export function alive(pid: number | undefined): boolean {
  if (pid === undefined) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Polls `check` every `everyMs` until it is true or `timeoutMs` passed; returns whether it became true. */
export async function waitFor(check: () => Promise<boolean>, timeoutMs: number, everyMs = 500): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check().catch(() => false)) return true;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  return false;
}

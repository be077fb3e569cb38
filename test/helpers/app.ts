/**
 * Starts the real app on port 0 over a given store, for in-process API tests, and small fetch helpers.
 */
import { parseConfig, type Config } from '../../server/config';
import { start, type Running } from '../../server/main';
import type { GraphStore } from '../../server/store/store';

/** A test config: silent logs, port 0, generous rate limits unless overridden. */
export function testConfig(overrides: Record<string, string> = {}): Config {
  return parseConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '1000000',
    CYPHER_RATE_LIMIT_PER_MINUTE: '1000000',
    SEED_EMBEDDED: 'false',
    LAYOUT_WARM: 'false',
    ...overrides,
  });
}

/** Serves `store` on a free port. */
export function serve(store: GraphStore, overrides: Record<string, string> = {}): Promise<Running> {
  return start(testConfig(overrides), store);
}

export interface Reply {
  status: number;
  type: string;
  body: unknown;
  headers: Headers;
}

/** Fetches `path` from a running server and parses the JSON body (if any). */
export async function call(base: string, path: string, init: RequestInit = {}): Promise<Reply> {
  const res = await fetch(base + path, { ...init, signal: AbortSignal.timeout(20_000) });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON */
  }
  return { status: res.status, type: res.headers.get('content-type') ?? '', body, headers: res.headers };
}

/** POSTs JSON. */
export function post(base: string, path: string, json: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  return call(base, path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof json === 'string' ? json : JSON.stringify(json),
  });
}

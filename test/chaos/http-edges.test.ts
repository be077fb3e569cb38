/**
 * HTTP edges under bursts: hundreds of bad requests of every kind at once (broken gzip/deflate/brotli,
 * unknown encodings, bombs, wrong charsets and content types, JSON that is not an object, wrong
 * methods on every route, odd paths, missing API keys, aborted bodies): never a 5xx, always
 * problem+json, and a good request still works afterwards. Also: proxy trust off by default (a fresh
 * X-Forwarded-For per request does not escape the rate limit) and /api/health never rate-limited.
 */
import { Agent, request } from 'node:http';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiDocument } from '../../server/api/openapi';
import { readSeed } from '../../server/data/seed';
import type { Running } from '../../server/main';
import { createEmbeddedStore } from '../../server/store/embedded';
import { serve } from '../helpers/app';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

const agent = new Agent({ keepAlive: true, maxSockets: 50 });

/** One raw request (any method, headers and bytes); rejects only on a network error. */
function send(
  base: string,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: Buffer | string,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const url = new URL(base);
    const req = request(
      { host: url.hostname, port: url.port, method, path, headers, agent, timeout: 20_000 },
      (res) => {
        let data = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (data += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: data }));
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${method} ${path}: no answer in 20 s`)));
    req.on('error', reject);
    req.end(body);
  });
}

const JSON_TYPE = { 'content-type': 'application/json' };
const KEY = 'chaos-api-key-123';
const good = '{"query":"RETURN 1"}';

/** Every kind of bad request: [label, method, path, headers, body, expected status]. */
function badRequests(ids: string[]): [string, string, string, Record<string, string>, (Buffer | string)?, number?][] {
  const cy = '/api/cypher';
  const authed = { ...JSON_TYPE, 'x-api-key': KEY };
  const list: [string, string, string, Record<string, string>, (Buffer | string)?, number?][] = [
    ['br garbage', 'POST', cy, { ...authed, 'content-encoding': 'br' }, 'this is not brotli', 400],
    ['gzip garbage', 'POST', cy, { ...authed, 'content-encoding': 'gzip' }, 'this is not gzip', 400],
    ['deflate garbage', 'POST', cy, { ...authed, 'content-encoding': 'deflate' }, 'nope', 400],
    ['truncated gzip', 'POST', cy, { ...authed, 'content-encoding': 'gzip' }, gzipSync(good).subarray(0, 12), 400],
    [
      'truncated deflate',
      'POST',
      cy,
      { ...authed, 'content-encoding': 'deflate' },
      deflateSync(good).subarray(0, 5),
      400,
    ],
    ['gzip of non-JSON', 'POST', cy, { ...authed, 'content-encoding': 'gzip' }, gzipSync('not json'), 400],
    ['gzip bomb', 'POST', cy, { ...authed, 'content-encoding': 'gzip' }, gzipSync(Buffer.alloc(5_000_000, 32)), 413],
    [
      'brotli bomb',
      'POST',
      cy,
      { ...authed, 'content-encoding': 'br' },
      brotliCompressSync(Buffer.alloc(5_000_000, 32)),
      413,
    ],
    ['unknown encoding', 'POST', cy, { ...authed, 'content-encoding': 'zstd-ish' }, good, 415],
    ['stacked encodings', 'POST', cy, { ...authed, 'content-encoding': 'gzip, br' }, good, 415],
    ['latin1 charset', 'POST', cy, { ...authed, 'content-type': 'application/json; charset=latin1' }, good, 415],
    ['text/plain', 'POST', cy, { 'content-type': 'text/plain', 'x-api-key': KEY }, good, 415],
    ['form body', 'POST', cy, { 'content-type': 'application/x-www-form-urlencoded', 'x-api-key': KEY }, 'q=1', 415],
    ['no content type', 'POST', cy, { 'x-api-key': KEY }, good, 415],
    ['JSON string', 'POST', cy, authed, '"RETURN 1"', 400],
    ['JSON number', 'POST', cy, authed, '42', 400],
    ['JSON null', 'POST', cy, authed, 'null', 400],
    ['JSON array', 'POST', cy, authed, '[{"query":"RETURN 1"}]', 400],
    ['broken JSON', 'POST', cy, authed, '{"query": "RETURN 1"', 400],
    ['huge body', 'POST', cy, authed, JSON.stringify({ query: 'x'.repeat(300_000) }), 413],
    ['no API key', 'POST', cy, JSON_TYPE, good, 401],
    ['wrong API key', 'POST', cy, { ...JSON_TYPE, 'x-api-key': 'wrong-key-000' }, good, 401],
    ['GET on cypher', 'GET', cy, {}, undefined, 405],
    ['PUT on search', 'PUT', '/api/search?q=x', JSON_TYPE, '{}', 405],
    ['DELETE on an entity', 'DELETE', `/api/entities/${ids[0]}`, {}, undefined, 405],
    ['double slash', 'POST', '//api/cypher', authed, good, 404],
    ['dot segments', 'GET', '/api/../x', {}, undefined, 404],
    ['encoded dots', 'GET', '/api/%2e%2e/%2e%2e/etc/passwd', {}, undefined, 404],
    ['unknown api path', 'GET', '/api/nope/nope', {}, undefined, 404],
    ['POST outside the api', 'POST', '/anything', JSON_TYPE, '{}', 404],
    ['bad percent-encoding', 'GET', '/api/entities/%E0%A4%A', {}, undefined, 400],
    ['NUL in path', 'GET', '/api/entities/a%00b', {}, undefined, 400],
  ];
  return list;
}

let running: Running;
let base: string;
let ids: string[];

beforeAll(async () => {
  const seed = readSeed();
  ids = seed.nodes.map((n) => n.id);
  const store = createEmbeddedStore();
  await store.upsertGraph(seed);
  running = await serve(store, { API_KEY: KEY });
  base = running.url;
});
afterAll(async () => {
  agent.destroy();
  await running?.stop();
  await running?.store.close();
});

function expectProblem(a: Answer, what: string): void {
  expect(a.status, `${what}: ${a.body.slice(0, 200)}`).toBeLessThan(500);
  expect(a.status, what).toBeGreaterThanOrEqual(400);
  expect(a.headers['content-type'], what).toMatch(/^application\/problem\+json/);
  const p = JSON.parse(a.body) as { status: number; code: string };
  expect(p.status, what).toBe(a.status);
  expect(typeof p.code, what).toBe('string');
}

describe('a burst of bad requests never gets a 5xx', () => {
  it('each kind once: the expected 4xx problem+json', async () => {
    for (const [what, method, path, headers, body, status] of badRequests(ids)) {
      const a = await send(base, method, path, headers, body);
      expectProblem(a, what);
      if (status) expect(a.status, what).toBe(status);
      if (a.status === 401) expect(a.headers['www-authenticate'], what).toBe('ApiKey header="x-api-key"');
      if (a.status === 405) expect(a.headers.allow, what).toBeTruthy();
    }
  });

  it('600 of them at once, then good requests still work and are fast', async () => {
    const kinds = badRequests(ids);
    const all = Array.from({ length: 600 }, (_, i) => kinds[i % kinds.length]!);
    const answers = await Promise.all(
      all.map(([what, method, path, headers, body]) =>
        send(base, method, path, headers, body).then((a) => [what, a] as const),
      ),
    );
    const statuses = new Map<number, number>();
    for (const [what, a] of answers) {
      expectProblem(a, what);
      statuses.set(a.status, (statuses.get(a.status) ?? 0) + 1);
    }
    expect([...statuses.keys()].every((s) => s < 500)).toBe(true);
    const t = Date.now();
    const search = await send(base, 'GET', '/api/search?q=jinfeng');
    expect(search.status).toBe(200);
    expect(JSON.parse(search.body)).toHaveProperty('items');
    expect((await send(base, 'GET', '/api/health')).status).toBe(200);
    expect(Date.now() - t).toBeLessThan(2_000);
  });

  it('clients that abort mid-body do not hurt the server', async () => {
    const { connect } = await import('node:net');
    const url = new URL(base);
    await Promise.all(
      Array.from(
        { length: 100 },
        (_, i) =>
          new Promise<void>((res) => {
            const s = connect(Number(url.port), url.hostname, () => {
              s.write(
                `POST /api/cypher HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nx-api-key: ${KEY}\r\n` +
                  (i % 2 ? 'Content-Encoding: gzip\r\n' : '') +
                  `Content-Length: 1000\r\n\r\n{"query":`,
              );
              setTimeout(() => s.destroy(), 20);
            });
            s.on('close', () => res());
            s.on('error', () => undefined);
          }),
      ),
    );
    expect((await send(base, 'GET', '/api/stats')).status).toBe(200);
  });
});

/** Writes raw bytes, half-closes, and resolves with everything the server sent back. */
async function raw(bytes: string): Promise<string> {
  const { connect } = await import('node:net');
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const s = connect(Number(url.port), url.hostname, () => {
      s.write(bytes);
      s.end();
    });
    let d = '';
    s.on('data', (c: Buffer) => (d += c.toString()));
    s.on('close', () => resolve(d));
    s.on('error', reject);
    s.setTimeout(20_000, () => s.destroy(new Error('no answer in 20 s')));
  });
}

describe('requests Node itself refuses are problem+json too', () => {
  it.each([
    [
      'a body shorter than its Content-Length',
      `POST /api/cypher HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"q`,
      400,
    ],
    ['a malformed request line', 'GET /api/health HTTP/9\r\n\r\n', 400],
    ['a malformed header', 'GET /api/health HTTP/1.1\r\nHost t\r\n\r\n', 400],
    ['headers over 16 kB', `GET /api/health HTTP/1.1\r\nHost: t\r\nX-Big: ${'x'.repeat(20_000)}\r\n\r\n`, 431],
  ])('%s', async (_what, bytes, status) => {
    const answers = await Promise.all(Array.from({ length: 50 }, () => raw(bytes)));
    for (const a of answers) {
      expect(a).toMatch(new RegExp(`^HTTP/1\\.1 ${status} `));
      expect(a).toMatch(/\r\nContent-Type: application\/problem\+json\r\n/);
      const body = JSON.parse(a.slice(a.indexOf('\r\n\r\n') + 4)) as { status: number };
      expect(body.status).toBe(status);
    }
    expect((await send(base, 'GET', '/api/health')).status).toBe(200);
  });
});

describe('405 with Allow from the route table', () => {
  it('every documented path answers other methods with 405 and the documented ones in Allow', async () => {
    const doc = openApiDocument() as { paths: Record<string, Record<string, unknown>> };
    for (const [path, ops] of Object.entries(doc.paths)) {
      const url = path.replace('{id}', ids[0]!);
      const documented = Object.keys(ops).map((m) => m.toUpperCase());
      const expected = [...documented, ...(documented.includes('GET') ? ['HEAD'] : [])].sort();
      for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].filter((m) => !documented.includes(m))) {
        const a = await send(base, method, url, JSON_TYPE, method === 'GET' || method === 'DELETE' ? undefined : '{}');
        expectProblem(a, `${method} ${url}`);
        expect(a.status, `${method} ${url}`).toBe(405);
        expect(String(a.headers.allow).split(', ').sort(), `${method} ${url}`).toEqual(expected);
      }
    }
  });
});

describe('rate limits and proxies', () => {
  it('a fresh X-Forwarded-For per request does not escape the limit (TRUST_PROXY unset)', async () => {
    const r = await serve(createEmbeddedStore(), { RATE_LIMIT_PER_MINUTE: '5' });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++)
        statuses.push((await send(r.url, 'GET', '/api/stats', { 'x-forwarded-for': `203.0.113.${i}` })).status);
      expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
      expect(statuses.slice(5).every((s) => s === 429)).toBe(true);
      // the liveness probe is never limited
      const health = await Promise.all(Array.from({ length: 40 }, () => send(r.url, 'GET', '/api/health')));
      expect(health.map((a) => a.status).every((s) => s === 200)).toBe(true);
    } finally {
      await r.stop();
    }
  });

  it('with TRUST_PROXY=loopback the forwarded client address counts, per client', async () => {
    const r = await serve(createEmbeddedStore(), { RATE_LIMIT_PER_MINUTE: '3', TRUST_PROXY: 'loopback' });
    try {
      const a = [];
      for (let i = 0; i < 4; i++)
        a.push((await send(r.url, 'GET', '/api/stats', { 'x-forwarded-for': '198.51.100.7' })).status);
      expect(a).toEqual([200, 200, 200, 429]);
      expect((await send(r.url, 'GET', '/api/stats', { 'x-forwarded-for': '198.51.100.8' })).status).toBe(200);
    } finally {
      await r.stop();
    }
  });
});

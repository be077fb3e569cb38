/**
 * The app's HTTP edge, in process on the embedded seed: one log line per request (ids, status,
 * levels; the liveness probe quiet; `req.log` bound to the request), helmet's headers exactly as
 * helmet itself sets them, the direct JSON answers (Content-Length, HEAD, no ETag) and the overview's
 * ETag and 304, compression only for a client that accepts it.
 */
import { createServer, get, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import express from 'express';
import helmet from 'helmet';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, SECURITY_HEADERS } from '../../server/app';
import { readSeed } from '../../server/data/seed';
import { createEmbeddedStore } from '../../server/store/embedded';
import type { GraphStore } from '../../server/store/store';
import { testConfig } from '../helpers/app';

interface LogLine {
  level: number;
  msg: string;
  req?: { id: string; method: string; url: string };
  res?: { statusCode: number };
  responseTime?: number;
}

const lines: LogLine[] = [];
let server: Server;
let base: string;
let store: GraphStore;
let anId: string;

async function listen(app: express.Express): Promise<{ server: Server; url: string }> {
  const s = createServer(app);
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return { server: s, url: `http://127.0.0.1:${(s.address() as AddressInfo).port}` };
}

/** A GET through node:http, which (unlike fetch) adds no headers of its own: no Accept-Encoding, no Cache-Control. */
function bareGet(url: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; etag?: string; encoding?: string; length: number }>((resolve, reject) => {
    get(url, { headers }, (res) => {
      let length = 0;
      res.on('data', (c: Buffer) => (length += c.length));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          etag: res.headers.etag,
          encoding: res.headers['content-encoding'],
          length,
        }),
      );
    }).on('error', reject);
  });
}

/** The log lines of one request id, once its `request …` line is written. */
async function linesOf(id: string): Promise<LogLine[]> {
  for (let i = 0; i < 100 && !lines.some((l) => l.req?.id === id && l.msg.startsWith('request ')); i++)
    await new Promise((r) => setTimeout(r, 10));
  return lines.filter((l) => l.req?.id === id);
}

beforeAll(async () => {
  const seed = readSeed();
  anId = seed.nodes[0]!.id;
  store = createEmbeddedStore();
  await store.upsertGraph(seed);
  // a store whose deal lookup fails as a bug would: a 500
  const broken = Object.create(store, {
    deal: {
      value: () => Promise.reject(new Error('boom')),
    },
  }) as GraphStore;
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const l of chunk.toString().split('\n')) if (l) lines.push(JSON.parse(l) as LogLine);
      done();
    },
  });
  const logger = pino({ level: 'info' }, sink);
  ({ server, url: base } = await listen(
    createApp({ config: testConfig({ LOG_LEVEL: 'info' }), store: broken, logger }),
  ));
});

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r));
  await store?.close();
});

describe('request logs', () => {
  it('writes one line per request with its id, method, URL, status and time', async () => {
    const r = await fetch(`${base}/api/entities/${encodeURIComponent(anId)}`, {
      headers: { 'x-request-id': 'edge-1' },
    });
    expect(r.status).toBe(200);
    expect(r.headers.get('x-request-id')).toBe('edge-1');
    await r.arrayBuffer();
    const [line, ...more] = await linesOf('edge-1');
    expect(more).toEqual([]);
    expect(line).toMatchObject({
      level: 30,
      msg: 'request completed',
      req: { id: 'edge-1', method: 'GET', url: `/api/entities/${encodeURIComponent(anId)}` },
      res: { statusCode: 200 },
    });
    expect(line!.responseTime).toBeGreaterThanOrEqual(0);
  });

  it('logs a client error as completed, a server error as errored with the error bound to the request', async () => {
    await (await fetch(`${base}/api/entities/nope`, { headers: { 'x-request-id': 'edge-404' } })).arrayBuffer();
    expect(await linesOf('edge-404')).toMatchObject([{ level: 30, res: { statusCode: 404 } }]);
    const r = await fetch(`${base}/api/deals/x`, { headers: { 'x-request-id': 'edge-500' } });
    expect(r.status).toBe(500);
    await r.arrayBuffer();
    const got = await linesOf('edge-500');
    // the problem handler's line comes through req.log: bound to the request without being told
    expect(got.map((l) => [l.level, l.msg])).toEqual([
      [50, 'unhandled error'],
      [50, 'request errored'],
    ]);
  });

  it('keeps the liveness probe out of the log, and makes an id for a request without a usable one', async () => {
    const before = lines.length;
    const r = await fetch(`${base}/api/health`, { headers: { 'x-request-id': 'bad id with spaces' } });
    expect(r.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    await r.arrayBuffer();
    await new Promise((res) => setTimeout(res, 50));
    expect(lines.slice(before).filter((l) => l.req?.url === '/api/health')).toEqual([]);
  });
});

describe('answers', () => {
  it('sets the same security headers as helmet with the same options', async () => {
    const plain = express();
    plain.disable('x-powered-by');
    plain.use(helmet(SECURITY_HEADERS));
    plain.get('/api/health', (_req, res) => {
      res.json({ ok: true });
    });
    const ref = await listen(plain);
    try {
      const want = (await fetch(`${ref.url}/api/health`)).headers;
      const got = (await fetch(`${base}/api/health`)).headers;
      const skip = new Set(['date', 'connection', 'keep-alive', 'content-length', 'content-type', 'etag']);
      const names = [...want.keys()].filter((n) => !skip.has(n));
      expect(names.length).toBeGreaterThanOrEqual(10);
      for (const n of names) expect([n, got.get(n)]).toEqual([n, want.get(n)]);
    } finally {
      ref.server.closeAllConnections();
      await new Promise((r) => ref.server.close(r));
    }
  });

  it('answers JSON with its length and no ETag; HEAD gets the same headers and no body', async () => {
    const path = `${base}/api/entities/${encodeURIComponent(anId)}/relationships?limit=5`;
    const r = await fetch(path);
    const body = Buffer.from(await r.arrayBuffer());
    expect(r.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(Number(r.headers.get('content-length'))).toBe(body.length);
    expect(r.headers.get('etag')).toBeNull();
    expect((JSON.parse(body.toString()) as { items: unknown[] }).items.length).toBeGreaterThan(0);
    const head = await fetch(path, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(body.length));
    expect((await head.arrayBuffer()).byteLength).toBe(0);
  });

  it('gives the overview an ETag and a 304 for a client that has it', async () => {
    // the first answers may change while the server layout is worked out: follow the ETag until it holds
    // (through node:http: fetch marks a conditional request no-cache, as the Fetch standard says)
    let etag: string | undefined;
    let status = 0;
    for (let i = 0; i < 50 && status !== 304; i++) {
      const r = await bareGet(`${base}/api/graph`, etag ? { 'if-none-match': etag } : {});
      status = r.status;
      if (status === 200) {
        etag = r.etag;
        expect(etag).toBeTruthy();
        await new Promise((res) => setTimeout(res, 100));
      }
    }
    expect(status).toBe(304);
  });

  it('compresses only for a client that accepts it', async () => {
    const plain = await fetch(`${base}/api/graph`, { headers: { 'accept-encoding': 'identity' } });
    const bytes = (await plain.arrayBuffer()).byteLength;
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(bytes).toBeGreaterThan(8192);
    // node's fetch always offers gzip; a bare request offers nothing
    const bare = await bareGet(`${base}/api/graph`);
    expect(bare).toMatchObject({ status: 200, encoding: undefined });
    expect(bare.length).toBeGreaterThan(8192);
    const gz = await fetch(`${base}/api/graph`, { headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    await gz.arrayBuffer();
  });
});

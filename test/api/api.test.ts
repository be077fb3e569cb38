/**
 * In-process API tests on the embedded store with the seed: every endpoint answers in its contract
 * shape, bad input of every kind is a 4xx problem+json, operations (request ids, compression, API key,
 * rate limit, body limits, OpenAPI) behave.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Entity,
  FlowsResult,
  PathsResult,
  Problem,
  RelationshipPage,
  SearchResult,
  SerializedGraph,
  Stats,
} from '../../server/api/schemas';
import { readSeed } from '../../server/data/seed';
import type { Running } from '../../server/main';
import type { GraphData } from '../../server/model/model';
import { createEmbeddedStore } from '../../server/store/embedded';
import { call, post, serve } from '../helpers/app';

let seed: GraphData;
let running: Running;
let base: string;

/** Funder with the most outgoing money relationships, and one of its recipients. */
function aFundingPair(): { funder: string; recipient: string } {
  const counts = new Map<string, number>();
  for (const r of seed.relationships)
    if (r.type === 'FUNDS' || r.type === 'INVESTS_IN') counts.set(r.source, (counts.get(r.source) ?? 0) + 1);
  const funder = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0];
  const rel = seed.relationships.find((r) => r.source === funder && (r.type === 'FUNDS' || r.type === 'INVESTS_IN'))!;
  return { funder, recipient: rel.target };
}

beforeAll(async () => {
  seed = readSeed();
  const store = createEmbeddedStore();
  await store.upsertGraph(seed);
  running = await serve(store);
  base = running.url;
});

afterAll(async () => {
  await running?.stop();
  await running?.store.close();
});

function expectProblem(r: { status: number; type: string; body: unknown }, status: number, code: string) {
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  expect(r.type).toMatch(/^application\/problem\+json/);
  const p = Problem.parse(r.body);
  expect(p.code).toBe(code);
  expect(p.status).toBe(status);
  expect(p.detail.length).toBeGreaterThan(0);
  return p;
}

describe('endpoints answer in their contract shape', () => {
  it('health and ready', async () => {
    expect((await call(base, '/api/health')).body).toEqual({ status: 'ok', backend: 'embedded' });
    expect((await call(base, '/api/ready')).body).toEqual({ status: 'ready', backend: 'embedded' });
  });

  it('search finds Jinfeng Laboratory by English and Chinese name', async () => {
    const en = SearchResult.parse((await call(base, '/api/search?q=jinfeng')).body);
    expect(en.items[0]?.id).toBe('jinfeng-laboratory');
    const zh = SearchResult.parse((await call(base, `/api/search?q=${encodeURIComponent('金凤')}`)).body);
    expect(zh.items.map((i) => i.id)).toContain('jinfeng-laboratory');
  });

  it('entity, relationships, neighbourhood', async () => {
    const e = Entity.parse((await call(base, '/api/entities/jinfeng-laboratory')).body);
    const touching = seed.relationships.filter((r) => r.source === e.id || r.target === e.id);
    expect(e.stats.degree.total).toBe(touching.length);
    const page = RelationshipPage.parse(
      (await call(base, '/api/entities/jinfeng-laboratory/relationships?limit=500')).body,
    );
    expect(page.items).toHaveLength(touching.length);
    const g = SerializedGraph.parse((await call(base, '/api/entities/jinfeng-laboratory/neighborhood?depth=1')).body);
    expect(g.nodes.map((n) => n.key)).toContain('jinfeng-laboratory');
  });

  it('paths, flows, overview, cofunding, stats', async () => {
    const { funder, recipient } = aFundingPair();
    const p = PathsResult.parse((await call(base, `/api/paths?from=${funder}&to=${recipient}`)).body);
    expect(p.paths[0]?.relationships).toHaveLength(1);
    const f = FlowsResult.parse((await call(base, `/api/flows?from=${funder}&depth=2`)).body);
    expect(f.flows.some((x) => x.target.id === recipient)).toBe(true);
    SerializedGraph.parse((await call(base, '/api/graph?kinds=Lab,GovernmentBody')).body);
    SerializedGraph.parse((await call(base, '/api/cofunding')).body);
    const s = Stats.parse((await call(base, '/api/stats')).body);
    expect(s.totals.nodes).toBe(seed.nodes.length);
    expect(s.totals.relationships).toBe(seed.relationships.length);
  });

  it('cypher on the embedded store is 501 with a hint to connect Neo4j', async () => {
    const p = expectProblem(
      await post(base, '/api/cypher', { query: 'MATCH (n) RETURN n LIMIT 1' }),
      501,
      'NOT_SUPPORTED',
    );
    expect(p.hint).toMatch(/NEO4J_URI/);
  });

  it('the OpenAPI document lists every endpoint, and the docs page renders', async () => {
    const doc = (await call(base, '/api/openapi.json')).body as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe('3.1.0');
    for (const p of [
      '/api/search',
      '/api/entities/{id}',
      '/api/entities/{id}/relationships',
      '/api/entities/{id}/neighborhood',
      '/api/paths',
      '/api/flows',
      '/api/graph',
      '/api/cofunding',
      '/api/stats',
      '/api/cypher',
      '/api/health',
      '/api/ready',
    ])
      expect(Object.keys(doc.paths)).toContain(p);
    const docs = await call(base, '/api/docs');
    expect(docs.type).toMatch(/text\/html/);
    expect(String(docs.body)).toContain('/api/paths');
  });
});

/** For every endpoint, inputs a client may get wrong; each must be a 4xx problem. */
const BAD: [path: string, status: number, code: string][] = [
  ['/api/search', 400, 'VALIDATION_FAILED'],
  ['/api/search?q=', 400, 'VALIDATION_FAILED'],
  ['/api/search?q=a&limit=0', 400, 'VALIDATION_FAILED'],
  ['/api/search?q=a&limit=1e12', 400, 'VALIDATION_FAILED'],
  ['/api/search?q=a&limit=abc', 400, 'VALIDATION_FAILED'],
  ['/api/search?q=a&kinds=Lab,Robot', 400, 'VALIDATION_FAILED'],
  ['/api/search?q=a&kinds=Lab%60)%20DETACH%20DELETE%20n%20//', 400, 'VALIDATION_FAILED'],
  ['/api/search?q=a&unknown=1', 400, 'VALIDATION_FAILED'],
  [`/api/search?q=${'x'.repeat(500)}`, 400, 'VALIDATION_FAILED'],
  ['/api/search?q=a&q=b', 400, 'VALIDATION_FAILED'],
  ['/api/entities/no-such-entity', 404, 'NOT_FOUND'],
  ['/api/entities/Bad%20Id', 400, 'VALIDATION_FAILED'],
  ["/api/entities/x'%20OR%201=1", 400, 'VALIDATION_FAILED'],
  ['/api/entities/%E0%A4%A', 400, 'VALIDATION_FAILED'],
  ['/api/entities/no-such-entity/relationships', 404, 'NOT_FOUND'],
  ['/api/entities/jinfeng-laboratory/relationships?direction=sideways', 400, 'VALIDATION_FAILED'],
  ['/api/entities/jinfeng-laboratory/relationships?limit=100000', 400, 'VALIDATION_FAILED'],
  ['/api/entities/jinfeng-laboratory/relationships?cursor=garbage', 400, 'VALIDATION_FAILED'],
  ['/api/entities/jinfeng-laboratory/relationships?types=FUNDS,DROP', 400, 'VALIDATION_FAILED'],
  ['/api/entities/no-such-entity/neighborhood', 404, 'NOT_FOUND'],
  ['/api/entities/jinfeng-laboratory/neighborhood?depth=4', 400, 'VALIDATION_FAILED'],
  ['/api/entities/jinfeng-laboratory/neighborhood?depth=-1', 400, 'VALIDATION_FAILED'],
  ['/api/entities/jinfeng-laboratory/neighborhood?limit=99999999', 400, 'VALIDATION_FAILED'],
  ['/api/paths?from=jinfeng-laboratory', 400, 'VALIDATION_FAILED'],
  ['/api/paths?from=jinfeng-laboratory&to=no-such-entity', 404, 'NOT_FOUND'],
  ['/api/paths?from=jinfeng-laboratory&to=chongqing&maxHops=7', 400, 'VALIDATION_FAILED'],
  ['/api/paths?from=jinfeng-laboratory&to=chongqing&maxHops=1.5', 400, 'VALIDATION_FAILED'],
  ['/api/paths?from=jinfeng-laboratory&to=chongqing&k=11', 400, 'VALIDATION_FAILED'],
  ['/api/flows?from=no-such-entity', 404, 'NOT_FOUND'],
  ['/api/flows?depth=0', 400, 'VALIDATION_FAILED'],
  ['/api/flows?year=20245', 400, 'VALIDATION_FAILED'],
  ['/api/flows?direction=left', 400, 'VALIDATION_FAILED'],
  ['/api/graph?minAmount=-5', 400, 'VALIDATION_FAILED'],
  ['/api/graph?minAmount=NaN', 400, 'VALIDATION_FAILED'],
  ['/api/graph?limit=0', 400, 'VALIDATION_FAILED'],
  ['/api/graph?region=Not%20A%20Slug', 400, 'VALIDATION_FAILED'],
  ['/api/graph?types=funds', 400, 'VALIDATION_FAILED'],
  ['/api/cofunding?minShared=0', 400, 'VALIDATION_FAILED'],
  ['/api/cofunding?kinds=Fund;DROP', 400, 'VALIDATION_FAILED'],
  ['/api/no-such-endpoint', 404, 'NOT_FOUND'],
];

describe('bad input is a 4xx problem+json, never a 5xx', () => {
  it.each(BAD)('GET %s → %i %s', async (path, status, code) => {
    expectProblem(await call(base, path), status, code);
  });

  it.each([
    ['not JSON', '{"query": ', 400, 'VALIDATION_FAILED'],
    ['an array', '[1,2]', 400, 'VALIDATION_FAILED'],
    ['no query', '{}', 400, 'VALIDATION_FAILED'],
    ['empty query', '{"query": "  "}', 400, 'VALIDATION_FAILED'],
    ['query not a string', '{"query": 42}', 400, 'VALIDATION_FAILED'],
    ['unknown field', '{"query": "RETURN 1", "mode": "WRITE"}', 400, 'VALIDATION_FAILED'],
    ['too large', JSON.stringify({ query: 'RETURN 1', params: { x: 'y'.repeat(200_000) } }), 413, 'PAYLOAD_TOO_LARGE'],
  ] as const)('POST /api/cypher with %s → %i', async (_what, body, status, code) => {
    expectProblem(await post(base, '/api/cypher', body), status, code);
  });

  it('the graph is unchanged after all of that', async () => {
    const s = Stats.parse((await call(base, '/api/stats')).body);
    expect(s.totals).toEqual({ nodes: seed.nodes.length, relationships: seed.relationships.length });
  });
});

describe('operations', () => {
  it('echoes a request id, or makes one', async () => {
    const given = await call(base, '/api/health', { headers: { 'x-request-id': 'abc-123' } });
    expect(given.headers.get('x-request-id')).toBe('abc-123');
    const made = await call(base, '/api/health');
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('compresses large answers and sets security headers', async () => {
    const r = await fetch(`${base}/api/graph`, { headers: { 'accept-encoding': 'gzip' } });
    expect(r.headers.get('content-encoding')).toBe('gzip');
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    await r.arrayBuffer();
  });

  it('leaves answers under COMPRESSION_MIN_BYTES uncompressed, and compresses them when the threshold is 0', async () => {
    // the best-connected node: an answer over the library's default threshold (1 KiB), under 8 KiB
    const degree = new Map<string, number>();
    for (const r of seed.relationships)
      for (const end of [r.source, r.target]) degree.set(end, (degree.get(end) ?? 0) + 1);
    const id = [...degree.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0];
    const plain = await fetch(`${base}/api/entities/${id}`, { headers: { 'accept-encoding': 'gzip' } });
    const size = (await plain.arrayBuffer()).byteLength;
    expect(size).toBeGreaterThan(1024);
    expect(size).toBeLessThan(8192);
    expect(plain.headers.get('content-encoding')).toBeNull();
    const all = await serve(running.store, { COMPRESSION_MIN_BYTES: '0' });
    try {
      const r = await fetch(`${all.url}/api/entities/${id}`, { headers: { 'accept-encoding': 'gzip' } });
      expect(r.headers.get('content-encoding')).toBe('gzip');
      expect(Entity.parse(await r.json()).id).toBe(id);
    } finally {
      await all.stop();
    }
  });

  it('requires the API key for Cypher when one is configured', async () => {
    const keyed = await serve(running.store, { API_KEY: 'secret-key-123' });
    try {
      expectProblem(await post(keyed.url, '/api/cypher', { query: 'RETURN 1' }), 401, 'UNAUTHORIZED');
      expectProblem(
        await post(keyed.url, '/api/cypher', { query: 'RETURN 1' }, { 'x-api-key': 'wrong-key-000' }),
        401,
        'UNAUTHORIZED',
      );
      // with the key, the request reaches the store (501 on the embedded store)
      expectProblem(
        await post(keyed.url, '/api/cypher', { query: 'RETURN 1' }, { 'x-api-key': 'secret-key-123' }),
        501,
        'NOT_SUPPORTED',
      );
    } finally {
      await keyed.stop();
    }
  });

  it('rate-limits with 429 problem+json', async () => {
    const limited = await serve(running.store, { RATE_LIMIT_PER_MINUTE: '3' });
    try {
      for (let i = 0; i < 3; i++) expect((await call(limited.url, '/api/stats')).status).toBe(200);
      const r = expectProblem(await call(limited.url, '/api/stats'), 429, 'RATE_LIMITED');
      expect(r.hint).toBeTruthy();
      // the liveness probe is never limited
      expect((await call(limited.url, '/api/health')).status).toBe(200);
    } finally {
      await limited.stop();
    }
  });

  it('CORS answers only configured origins', async () => {
    const open = await serve(running.store, { CORS_ORIGINS: 'https://example.org' });
    try {
      const ok = await call(open.url, '/api/health', { headers: { origin: 'https://example.org' } });
      expect(ok.headers.get('access-control-allow-origin')).toBe('https://example.org');
      const no = await call(base, '/api/health', { headers: { origin: 'https://example.org' } });
      expect(no.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await open.stop();
    }
  });
});

/**
 * Property-based fuzzing of every endpoint's parameters (fast-check): whatever a client sends, the
 * server answers within its time limit and never with a 5xx.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSeed } from '../../server/data/seed';
import type { Running } from '../../server/main';
import { createEmbeddedStore } from '../../server/store/embedded';
import { call, post, serve } from '../helpers/app';

let running: Running;
let ids: string[];

beforeAll(async () => {
  const seed = readSeed();
  ids = seed.nodes.map((n) => n.id);
  const store = createEmbeddedStore();
  await store.upsertGraph(seed);
  running = await serve(store);
});
afterAll(async () => {
  await running?.stop();
  await running?.store.close();
});

const nasty = fc.constantFrom(
  "' OR 1=1 --",
  '`) DETACH DELETE n //',
  '{"$gt": ""}',
  '../../etc/passwd',
  '%00',
  '\u0000',
  '💥',
  '金凤实验室',
  'a'.repeat(3000),
  '-1',
  '1e308',
  'NaN',
  'Infinity',
  '0x10',
  '[]',
  'FUNDS,',
  ',,,',
);
const value = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.integer().map(String),
  fc.double().map(String),
  nasty,
  fc.constantFrom('jinfeng-laboratory', 'chongqing', 'Lab', 'FUNDS,INVESTS_IN', 'down', 'up', 'both', '3'),
);
const params = (names: string[]) =>
  fc
    .array(fc.tuple(fc.constantFrom(...names, 'zzz'), value), { maxLength: 5 })
    .map((pairs) => pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&'));

const ENDPOINTS: [string, string[]][] = [
  ['/api/search', ['q', 'kinds', 'limit']],
  ['/api/entities/{id}', []],
  ['/api/entities/{id}/relationships', ['direction', 'types', 'limit', 'cursor']],
  ['/api/entities/{id}/neighborhood', ['depth', 'types', 'limit']],
  ['/api/paths', ['from', 'to', 'maxHops', 'types', 'k']],
  ['/api/flows', ['from', 'direction', 'depth', 'year', 'region', 'limit', 'cursor']],
  ['/api/graph', ['kinds', 'types', 'region', 'minAmount', 'limit']],
  ['/api/cofunding', ['kinds', 'minShared', 'limit']],
  ['/api/stats', []],
  ['/api/deals/{id}', []],
];

describe('fuzzing never sees a 5xx or a hang', () => {
  it.each(ENDPOINTS)('%s', async (path, names) => {
    const id = fc.oneof(fc.constantFrom(...ids.slice(0, 20)), value);
    await fc.assert(
      fc.asyncProperty(id, params(names), async (idValue, qs) => {
        const url = path.replace('{id}', encodeURIComponent(idValue)) + (qs ? `?${qs}` : '');
        const r = await call(running.url, url);
        expect(r.status, `${url} → ${JSON.stringify(r.body).slice(0, 300)}`).toBeLessThan(500);
        if (r.status >= 400) expect(r.type).toMatch(/^application\/problem\+json/);
      }),
      { numRuns: 60, seed: 20261127 },
    );
  });

  it('POST /api/cypher bodies', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.json(), fc.string(), value), async (body) => {
        const r = await post(running.url, '/api/cypher', body);
        expect(r.status).toBeLessThan(502);
        expect(r.status).not.toBe(500);
        expect(r.type).toMatch(/^application\/(problem\+)?json/);
      }),
      { numRuns: 80, seed: 20261127 },
    );
  });
});

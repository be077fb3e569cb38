/**
 * The API of figures and deals on the embedded store with the seed: `GET /api/deals/:id` answers the
 * joint Jinfeng deal, refuses bad ids with problem+json, and the OpenAPI document lists it; entity
 * lookups carry figures.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Deal, Entity, Problem } from '../../server/api/schemas';
import { readSeed } from '../../server/data/seed';
import type { Running } from '../../server/main';
import { createEmbeddedStore } from '../../server/store/embedded';
import { call, serve } from '../helpers/app';

let running: Running;
let base: string;

beforeAll(async () => {
  const store = createEmbeddedStore();
  await store.upsertGraph(readSeed());
  running = await serve(store);
  base = running.url;
});
afterAll(async () => {
  await running?.stop();
  await running?.store.close();
});

describe('deals and figures over HTTP', () => {
  it('GET /api/deals/:id answers the joint deal with its caveat and participants', async () => {
    const r = await call(base, '/api/deals/jinfeng-laboratory-city-district-investment-14th-fyp');
    expect(r.status).toBe(200);
    const d = Deal.parse(r.body);
    expect(d).toMatchObject({ kind: 'Deal', dealType: 'joint_allocation', amount: 1e9, currency: 'CNY' });
    expect(d.caveat).toBeTruthy();
    expect(d.participants).toHaveLength(2);
    for (const p of d.participants) expect(p.to.id).toBe('jinfeng-laboratory');
  });

  it('refuses ids that are not deals, and malformed ids, as problems', async () => {
    for (const [path, status, code] of [
      ['/api/deals/jinfeng-laboratory', 404, 'NOT_FOUND'],
      ['/api/deals/no-such-deal', 404, 'NOT_FOUND'],
      ['/api/deals/Not%20A%20Slug', 400, 'VALIDATION_FAILED'],
      ['/api/deals/' + 'a'.repeat(500), 400, 'VALIDATION_FAILED'],
    ] as const) {
      const r = await call(base, path);
      expect(r.status, path).toBe(status);
      expect(r.type).toMatch(/^application\/problem\+json/);
      expect(Problem.parse(r.body).code).toBe(code);
    }
  });

  it('entity lookups carry figures and reported figures', async () => {
    const shandong = Entity.parse((await call(base, '/api/entities/shandong')).body);
    expect(shandong.figures.length).toBeGreaterThan(0);
    const mof = Entity.parse((await call(base, '/api/entities/ministry-of-finance-of-china')).body);
    expect(mof.reportedFigures.map((f) => f.valueText)).toContain('295.3 billion yuan');
  });

  it('the OpenAPI document lists the deal endpoint and entity figures', async () => {
    const doc = (await call(base, '/api/openapi.json')).body as {
      paths: Record<string, { get: { responses: Record<string, { content: Record<string, { schema: unknown }> }> } }>;
    };
    expect(Object.keys(doc.paths)).toContain('/api/deals/{id}');
    const entity = JSON.stringify(doc.paths['/api/entities/{id}']!.get.responses['200']);
    expect(entity).toContain('reportedFigures');
  });
});

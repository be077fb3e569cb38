/**
 * The storage rules shared by both stores (server/store/common.ts): flattening round-trips for every
 * seed record, property views, cursors, money totals, years, regions and flow ordering/aggregation.
 */
import { describe, expect, it } from 'vitest';
import type { Flow } from '../../server/api/schemas';
import { readSeed } from '../../server/data/seed';
import type { AppError } from '../../server/errors';
import {
  aggregateFlows,
  buildEntity,
  compareFlows,
  decodeCursor,
  encodeCursor,
  fromStoredNode,
  fromStoredRel,
  inYear,
  nodeProperties,
  regionOf,
  relProperties,
  sourcesOf,
  toStoredNode,
  toStoredRel,
  totalByCurrency,
} from '../../server/store/common';

const seed = readSeed();

const isFlatValue = (v: unknown) =>
  typeof v === 'string' ||
  typeof v === 'number' ||
  typeof v === 'boolean' ||
  (Array.isArray(v) && v.every((x) => typeof x === 'string'));

describe('flattening records for storage', () => {
  it('round-trips every seed node', () => {
    for (const n of seed.nodes) {
      const stored = toStoredNode(n);
      expect(Object.values(stored).every(isFlatValue), n.id).toBe(true);
      expect(stored).not.toHaveProperty('sources');
      expect(stored.sourceIds).toEqual(n.sources.map((s) => s.source));
      expect(fromStoredNode(stored)).toEqual(n);
    }
  });

  it('round-trips every seed relationship', () => {
    for (const r of seed.relationships) {
      const stored = toStoredRel(r);
      expect(Object.values(stored).every(isFlatValue), r.id).toBe(true);
      for (const k of ['type', 'source', 'target', 'sources']) expect(stored).not.toHaveProperty(k);
      expect(fromStoredRel(r.type, r.source, r.target, stored)).toEqual(r);
    }
  });

  it('leaves absent fields out and rebuilds provenance', () => {
    const stored = { id: 'x', sourceIds: ['a', 'b'], sourceQuotes: ['q1'] };
    expect(sourcesOf(stored)).toEqual([
      { source: 'a', quote: 'q1' },
      { source: 'b', quote: '' },
    ]);
    expect(sourcesOf({})).toEqual([]);
    const n = seed.nodes[0]!;
    expect(Object.values(toStoredNode({ ...n, description: undefined } as unknown as typeof n))).not.toContain(
      undefined,
    );
  });

  it('shows only kind- and type-specific fields as properties, sorted by key', () => {
    const props = nodeProperties({
      id: 'a',
      name: 'A',
      kind: 'Lab',
      aliases: [],
      description: '',
      sourceIds: [],
      sourceQuotes: [],
      website: 'w',
      founded: 2020,
    });
    expect(props).toEqual({ founded: 2020, website: 'w' });
    expect(Object.keys(props)).toEqual(['founded', 'website']);
    expect(relProperties({ id: 'r', type: 'FUNDS', sourceIds: [], sourceQuotes: [], year: 2024, amount: 1 })).toEqual({
      amount: 1,
      year: 2024,
    });
  });
});

describe('cursors', () => {
  it('encodes and decodes', () => {
    for (const id of ['a', 'jinfeng-laboratory-funds-x', 'z'.repeat(120)])
      expect(decodeCursor(encodeCursor(id))).toBe(id);
    expect(decodeCursor(undefined)).toBeUndefined();
    expect(encodeCursor('a')).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('refuses a bad cursor with VALIDATION_FAILED', () => {
    const b64 = (s: string) => Buffer.from(s).toString('base64url');
    for (const bad of ['', 'not a cursor', b64('{"after":1}'), b64('[]'), b64('null'), b64('{"before":"a"}')]) {
      let err: unknown;
      try {
        decodeCursor(bad);
      } catch (e) {
        err = e;
      }
      expect((err as AppError | undefined)?.code, JSON.stringify(bad)).toBe('VALIDATION_FAILED');
    }
  });
});

describe('money', () => {
  it('totals per currency, sorted by currency, skipping records without amount or currency', () => {
    expect(
      totalByCurrency([
        { amount: 5, currency: 'USD' },
        { amount: 2, currency: 'CNY' },
        { amount: 3, currency: 'CNY' },
        { amount: 7 },
        { currency: 'EUR' },
        { amount: '9', currency: 'CNY' },
      ]),
    ).toEqual([
      { currency: 'CNY', amount: 5, count: 2 },
      { currency: 'USD', amount: 5, count: 1 },
    ]);
    expect(totalByCurrency([])).toEqual([]);
  });

  it('totals the seed money by currency', () => {
    const money = seed.relationships.filter((r) => r.type === 'FUNDS' || r.type === 'INVESTS_IN');
    const t = totalByCurrency(money.map((r) => ('amount' in r ? { amount: r.amount, currency: r.currency } : {})));
    const withAmount = money.filter((r) => 'amount' in r && r.amount !== undefined);
    expect(t.reduce((s, x) => s + x.count, 0)).toBe(withAmount.length);
  });

  it('keeps a year or a period that contains it', () => {
    expect(inYear({ year: 2024 }, 2024)).toBe(true);
    expect(inYear({ year: 2024 }, 2023)).toBe(false);
    expect(inYear({ periodStart: 2021, periodEnd: 2025 }, 2023)).toBe(true);
    expect(inYear({ periodStart: 2021, periodEnd: 2025 }, 2026)).toBe(false);
    expect(inYear({ periodStart: 2021 }, 2023)).toBe(false);
    expect(inYear({}, 2023)).toBe(false);
    expect(inYear({}, undefined)).toBe(true);
  });

  it('builds entity stats from relationships', () => {
    const e = buildEntity({ id: 'a', name: 'A', kind: 'Fund', sourceIds: ['s'], sourceQuotes: ['q'] }, [
      { type: 'FUNDS', direction: 'out', props: { amount: 3, currency: 'CNY' } },
      { type: 'FUNDS', direction: 'out', props: {} },
      { type: 'LOCATED_IN', direction: 'out', props: {} },
      { type: 'INVESTS_IN', direction: 'in', props: { amount: 1, currency: 'USD' } },
    ]);
    expect(e.stats).toEqual({
      degree: { total: 4, in: 1, out: 3, byType: { FUNDS: 2, INVESTS_IN: 1, LOCATED_IN: 1 } },
      money: { in: [{ currency: 'USD', amount: 1, count: 1 }], out: [{ currency: 'CNY', amount: 3, count: 1 }] },
    });
    expect(e).toMatchObject({ aliases: [], description: '', sources: [{ source: 's', quote: 'q' }] });
  });
});

describe('regions', () => {
  const kinds: Record<string, string> = {
    org: 'Lab',
    zone: 'Zone',
    district: 'Region',
    city: 'Region',
    other: 'Region',
    far: 'Lab',
    a: 'Lab',
    b: 'Lab',
    c: 'Lab',
    d: 'Region',
  };
  const out: Record<string, string[]> = {
    org: ['zone'],
    zone: ['other', 'district'],
    district: ['city'],
    far: ['a'],
    a: ['b'],
    b: ['c'],
    c: ['d'],
  };
  const next = (id: string) => (out[id] ?? []).map((t) => ({ id: t, kind: kinds[t]! }));

  it('finds the nearest Region outward, ties by id', () => {
    expect(regionOf('org', next)).toBe('district');
    expect(regionOf('zone', next)).toBe('district');
    expect(regionOf('district', next)).toBe('city');
    expect(regionOf('city', next)).toBe('unknown');
  });

  it('gives up after three hops', () => {
    expect(regionOf('a', next)).toBe('d');
    expect(regionOf('far', next)).toBe('unknown');
  });
});

describe('flows', () => {
  const flow = (
    id: string,
    hop: number,
    amount: number | null,
    currency: string | null = 'CNY',
    kinds = ['Fund', 'Lab'],
  ): Flow => ({
    hop,
    id,
    type: 'FUNDS',
    source: { id: `s-${id}`, name: 'S', kind: kinds[0] as Flow['source']['kind'] },
    target: { id: `t-${id}`, name: 'T', kind: kinds[1] as Flow['target']['kind'] },
    amount,
    currency: amount === null ? null : currency,
    amountText: null,
    year: null,
    periodLabel: null,
    instrument: null,
    program: null,
  });

  it('orders by hop, amount descending (none last), then id', () => {
    const f = [flow('c', 2, 10), flow('b', 1, null), flow('a', 1, null), flow('d', 1, 5), flow('e', 1, 50)];
    expect(f.sort(compareFlows).map((x) => x.id)).toEqual(['e', 'd', 'a', 'b', 'c']);
  });

  it('aggregates money by key and currency, largest first', () => {
    const f = [
      flow('a', 1, 10),
      flow('b', 1, 5),
      flow('c', 1, 100, 'USD'),
      flow('d', 1, null),
      flow('e', 1, 1, 'CNY', ['GovernmentBody', 'Lab']),
    ];
    expect(aggregateFlows(f, (x) => ({ from: x.source.kind, to: x.target.kind }))).toEqual([
      { from: 'Fund', to: 'Lab', currency: 'USD', amount: 100, count: 1 },
      { from: 'Fund', to: 'Lab', currency: 'CNY', amount: 15, count: 2 },
      { from: 'GovernmentBody', to: 'Lab', currency: 'CNY', amount: 1, count: 1 },
    ]);
  });
});

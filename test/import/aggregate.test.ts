/**
 * The mapping language's aggregates and arithmetic (server/import/aggregate.ts, docs/import.md
 * "Aggregates"): the accumulators one by one, and the worked example (test/fixtures/import/rounds.yaml)
 * imported into the embedded store: each round is one Deal with its stated total, each investor's
 * share is the equal split, and totals count each round once.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runImport } from '../../server/import';
import { accumulate, arithmetic, lookupValue, type Keep } from '../../server/import/aggregate';
import { LookupSpec } from '../../server/import/mapping';
import type { Value } from '../../server/import/transforms';
import { createEmbeddedStore } from '../../server/store/embedded';

const FIXTURES = join(import.meta.dirname, '../fixtures/import');

describe('aggregate accumulators', () => {
  const run = (keep: Keep, values: Value[]) => {
    const t = new Map<string, Value>();
    for (const v of values) accumulate(t, keep, 'k', v);
    return t.get('k');
  };
  it('count, sum, min, max, first, last, all, distinct', () => {
    const vs: Value[] = ['3', undefined, '1,000', 2, '3'];
    expect(run('count', vs)).toBe(5);
    expect(run('sum', vs)).toBe(1008);
    expect(run('min', vs)).toBe(2);
    expect(run('max', vs)).toBe(1000);
    expect(run('first', vs)).toBe('3');
    expect(run('last', vs)).toBe('3');
    expect(run('all', vs)).toEqual(['3', '1,000', '2', '3']);
    expect(run('distinct', vs)).toEqual(['3', '1,000', '2']);
  });
  it('refuses a sum of text, and arithmetic gives no value rather than a wrong one', () => {
    expect(() => run('sum', ['12', 'twelve'])).toThrow(/not a number/);
    expect(arithmetic('divide', [9, 3])).toBe(3);
    expect(arithmetic('divide', [9, 0])).toBeUndefined();
    expect(arithmetic('add', ['1', 2, '3'])).toBe(6);
    expect(arithmetic('subtract', [10, '4'])).toBe(6);
    expect(arithmetic('multiply', [2, undefined])).toBeUndefined();
  });
  it('needs a value except to count', () => {
    const scope = {
      where: 'lookup x',
      columns: new Map(),
      vars: new Map(),
      lookups: new Map(),
      kindOf: () => undefined,
      records: false,
    };
    expect(() => lookupValue(LookupSpec.parse({ file: 'a.csv', key: '{k}', keep: 'sum' }), scope)).toThrow(
      /needs a value/,
    );
    expect(
      lookupValue(LookupSpec.parse({ file: 'a.csv', key: '{k}', keep: 'count' }), scope)({ cells: [], vars: [] }),
    ).toBeUndefined();
  });
});

describe('the worked example: rounds with several investors', () => {
  it('imports each round as one deal, the equal split as each share, totals once per round', async () => {
    const store = createEmbeddedStore();
    const s = await runImport(join(FIXTURES, 'rounds.yaml'), store);
    expect(s.rejects.sample).toEqual([]);
    const r1 = await store.deal('round-r1');
    expect(r1).toMatchObject({ dealType: 'round', amount: 9_000_000, currency: 'USD', year: 2023 });
    expect(r1.participants).toHaveLength(3);
    for (const p of r1.participants) {
      expect(p.share).toBeCloseTo(1 / 3, 12);
      expect(p.amount).toBeCloseTo(3_000_000, 6);
    }
    const r2 = await store.deal('round-r2');
    expect(r2.participants.map((p) => p.share)).toEqual([0.5, 0.5]);
    // each round once: 9 m + 2 m, two units, not five relationships
    expect((await store.stats()).money).toEqual([{ currency: 'USD', amount: 11_000_000, count: 2 }]);
    const aurora = await store.entity('aurora-robotics');
    expect(aurora.stats.money.in).toEqual([{ currency: 'USD', amount: 9_000_000, count: 1 }]);
    // one investor alone: its equal split
    const bluebird = await store.entity('bluebird-capital');
    expect(bluebird.stats.money.out).toEqual([{ currency: 'USD', amount: 4_000_000, count: 2 }]);
    // co-investors of a round are linked in the co-funding view, with the deal
    const co = await store.cofunding({ minShared: 1, limit: 100 });
    const edge = co.edges.find((e) => e.key === 'cofund:bluebird-capital:northwind-ventures');
    expect(edge?.attributes.deals).toEqual(['round-r1']);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { amountKey, sortRows } from './sort';

describe('sorting rows', () => {
  it('sorts both ways with the rows without a value last, stably', () => {
    const rows = [
      { id: 'a', v: 3 },
      { id: 'b', v: null },
      { id: 'c', v: 10 },
      { id: 'd', v: 3 },
    ];
    expect(sortRows(rows, (r) => r.v, 'desc').map((r) => r.id)).toEqual(['c', 'a', 'd', 'b']);
    expect(sortRows(rows, (r) => r.v, 'asc').map((r) => r.id)).toEqual(['a', 'd', 'c', 'b']);
    expect(sortRows(['b', 'A', 'a'], (r) => r, 'asc')).toEqual(['a', 'A', 'b']);
  });

  it('orders amounts within a currency, the main currency first, never comparing across', () => {
    const rows = [
      { id: 'usd-big', amount: 9e12, currency: 'USD' },
      { id: 'cny-small', amount: 1e6, currency: 'CNY' },
      { id: 'cny-big', amount: 1e9, currency: 'CNY' },
      { id: 'none', amount: null, currency: null },
      { id: 'usd-small', amount: 5, currency: 'USD' },
    ];
    const sorted = sortRows(rows, (r) => amountKey(r.amount, r.currency, ['CNY', 'USD']), 'desc');
    expect(sorted.map((r) => r.id)).toEqual(['cny-big', 'cny-small', 'usd-big', 'usd-small', 'none']);
  });

  it('property: a permutation, ordered by the key, nulls at the end', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.integer(), { nil: null })), fc.constantFrom('asc', 'desc'), (xs, dir) => {
        const out = sortRows(xs, (x) => x, dir);
        expect([...out].sort()).toEqual([...xs].sort());
        const vals = out.filter((x): x is number => x !== null);
        expect(out.slice(vals.length).every((x) => x === null)).toBe(true);
        for (let i = 1; i < vals.length; i++)
          expect(dir === 'asc' ? vals[i]! >= vals[i - 1]! : vals[i]! <= vals[i - 1]!).toBe(true);
      }),
    );
  });
});

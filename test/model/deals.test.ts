/**
 * The deal counting rule (server/store/deals.ts): each deal once when all its participants are in the
 * set and it states a total; otherwise each participant's own amount or its share of the total.
 */
import { describe, expect, it } from 'vitest';
import { aggregateMoney, attributedAmount, moneyTotals, type DealInfo } from '../../server/store/deals';

const deals = new Map<string, DealInfo>([
  ['round', { amount: 900, currency: 'USD', participants: 3 }],
  ['joint', { amount: 1000, currency: 'CNY', participants: 2 }],
  ['untold', { participants: 2 }],
]);
const lookup = (id: string) => deals.get(id);

describe('deal totals', () => {
  const round = [
    { id: 'a', deal: 'round', share: 1 / 3, k: 'x' },
    { id: 'b', deal: 'round', share: 1 / 3, k: 'x' },
    { id: 'c', deal: 'round', share: 1 / 3, k: 'y' },
  ];

  it('counts a whole deal once, at its stated total', () => {
    expect(moneyTotals(round, lookup)).toEqual([{ currency: 'USD', amount: 900, count: 1 }]);
    expect(moneyTotals([...round, { amount: 5, currency: 'USD' }], lookup)).toEqual([
      { currency: 'USD', amount: 905, count: 2 },
    ]);
  });

  it('counts part of a deal by each participant’s amount or share', () => {
    expect(moneyTotals(round.slice(0, 2), lookup)).toEqual([{ currency: 'USD', amount: 600, count: 2 }]);
    expect(moneyTotals([{ deal: 'round', amount: 100, currency: 'USD' }], lookup)).toEqual([
      { currency: 'USD', amount: 100, count: 1 },
    ]);
    // no amount and no share: nothing is attributed to one participant of a joint deal
    expect(moneyTotals([{ deal: 'joint' }], lookup)).toEqual([]);
    expect(moneyTotals([{ deal: 'joint' }, { deal: 'joint' }], lookup)).toEqual([
      { currency: 'CNY', amount: 1000, count: 1 },
    ]);
  });

  it('without a stated total, sums what the participants state', () => {
    expect(
      moneyTotals(
        [
          { deal: 'untold', amount: 3, currency: 'EUR' },
          { deal: 'untold', amount: 4, currency: 'EUR' },
        ],
        lookup,
      ),
    ).toEqual([{ currency: 'EUR', amount: 7, count: 2 }]);
    expect(attributedAmount({ share: 0.5 }, deals.get('untold'))).toBeUndefined();
  });

  it('aggregates a deal once, under "mixed" when its participants differ', () => {
    expect(aggregateMoney(round, lookup, (r) => ({ from: r.k, to: 'lab' }))).toEqual([
      { from: 'mixed', to: 'lab', currency: 'USD', amount: 900, count: 1 },
    ]);
    expect(aggregateMoney(round.slice(0, 2), lookup, (r) => ({ from: r.k, to: 'lab' }))).toEqual([
      { from: 'x', to: 'lab', currency: 'USD', amount: 600, count: 2 },
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { currenciesByUse, totalsByCurrency } from './money';

describe('currencies', () => {
  it('puts the currency with the most money relationships first, not the largest sum', () => {
    expect(
      currenciesByUse([
        { currency: 'CNY', amount: 5e11, count: 5 },
        { currency: 'USD', amount: 1e9, count: 11_000 },
        { currency: 'EUR', amount: 1e6, count: 5 },
      ]),
    ).toEqual(['USD', 'CNY', 'EUR']);
    expect(currenciesByUse([])).toEqual([]);
  });

  it('sums amounts per currency, never across', () => {
    expect(
      totalsByCurrency([
        { amount: 1e9, currency: 'CNY' },
        { amount: 1e7, currency: 'CNY' },
        { amount: 4e6, currency: 'USD' },
        { amount: null, currency: 'USD' },
        { amount: 5, currency: null },
      ]),
    ).toEqual([
      { currency: 'CNY', amount: 1.01e9, count: 2 },
      { currency: 'USD', amount: 4e6, count: 1 },
    ]);
  });
});

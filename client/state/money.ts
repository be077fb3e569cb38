/**
 * Currencies on the client: which one is the data set's main one, and the currencies in use, most
 * used first. Money is never converted: totals, sizes, filters and flows work in one currency at a time.
 */

export interface CurrencyTotal {
  currency: string;
  amount: number;
  count: number;
}

/** Currencies by the number of money relationships in them (most first), then by code; the first is the main one. */
export function currenciesByUse(totals: readonly CurrencyTotal[]): string[] {
  const count = new Map<string, number>();
  for (const t of totals) count.set(t.currency, (count.get(t.currency) ?? 0) + t.count);
  return [...count.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([c]) => c);
}

/** Sums amounts per currency: [{ currency, amount, count }], most relationships first. */
export function totalsByCurrency(items: Iterable<{ amount: number | null; currency: string | null }>): CurrencyTotal[] {
  const by = new Map<string, CurrencyTotal>();
  for (const it of items) {
    if (it.amount === null || !it.currency) continue;
    const t = by.get(it.currency) ?? { currency: it.currency, amount: 0, count: 0 };
    t.amount += it.amount;
    t.count++;
    by.set(it.currency, t);
  }
  return [...by.values()].sort((a, b) => b.count - a.count || (a.currency < b.currency ? -1 : 1));
}

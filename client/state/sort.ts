/**
 * Sorting of table rows: by a column's key, ascending or descending, rows without a value last
 * either way, ties kept in their order (stable). A key may be a tuple, compared element by element.
 */

export type SortAtom = number | string;
export type SortValue = SortAtom | readonly SortAtom[] | null;
export type SortDir = 'asc' | 'desc';

function compareAtoms(a: SortAtom, b: SortAtom): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b));
}

function compareValues(a: SortAtom | readonly SortAtom[], b: SortAtom | readonly SortAtom[]): number {
  const xs = Array.isArray(a) ? a : [a];
  const ys = Array.isArray(b) ? b : [b];
  for (let i = 0; i < Math.min(xs.length, ys.length); i++) {
    const c = compareAtoms(xs[i] as SortAtom, ys[i] as SortAtom);
    if (c !== 0) return c;
  }
  return xs.length - ys.length;
}

/** The rows sorted by `key`; nulls last in both directions; stable. */
export function sortRows<T>(rows: readonly T[], key: (row: T) => SortValue, dir: SortDir): T[] {
  const sign = dir === 'asc' ? 1 : -1;
  return rows
    .map((row, i) => ({ row, i, k: key(row) }))
    .sort((a, b) => {
      if (a.k === null || b.k === null) return a.k === b.k ? a.i - b.i : a.k === null ? 1 : -1;
      return sign * compareValues(a.k, b.k) || a.i - b.i;
    })
    .map((x) => x.row);
}

/**
 * The sort key of an amount that never compares across currencies: rows are grouped by currency (in
 * `order`, the main one first, unknown ones after), then by amount. Sort descending for "largest first".
 */
export function amountKey(amount: number | null, currency: string | null, order: readonly string[]): SortValue {
  if (amount === null) return null;
  const rank = currency ? order.indexOf(currency) : -1;
  return [rank === -1 ? 0 : order.length - rank, currency ?? '', amount];
}

/**
 * Parallel relationships merged, the same in both stores (SEMANTICS.md "Merged edges"): the
 * relationships of a serialized graph that share their start, end, type and currency become one edge
 * carrying the count, the money total (each deal once, server/store/deals.ts), the year span and the
 * ids of the relationships; a relationship without a parallel one stays as it is.
 */
import type { MoneyTotal, SerializedGraph } from '../api/schemas';
import { byString, isMoneyType } from './common';
import { dealIds, moneyTotals, type DealLookup, type MoneyItem } from './deals';

type GraphEdge = SerializedGraph['edges'][number];

/** The currency a relationship is grouped under: its own `currency`, or none. */
const currencyOf = (attrs: Record<string, unknown>): string | undefined =>
  typeof attrs.currency === 'string' ? attrs.currency : undefined;

/** The key of a merged edge: `TYPE:from->to`, plus `:CURRENCY` when the relationships state one. */
export function mergedKey(type: string, source: string, target: string, currency: string | undefined): string {
  return `${type}:${source}->${target}${currency === undefined ? '' : `:${currency}`}`;
}

/** First and last year a relationship covers (its year, period start and end), if it states any. */
function yearsOf(attrs: Record<string, unknown>): number[] {
  return [attrs.year, attrs.periodStart, attrs.periodEnd].filter((v): v is number => typeof v === 'number');
}

/** The attributes of the merged edge standing for `edges` (two or more, same ends, type and currency). */
function mergedAttributes(edges: GraphEdge[], deals: DealLookup): GraphEdge['attributes'] {
  const first = edges[0]!.attributes;
  const type = first.type;
  const currency = currencyOf(first);
  const years = edges.flatMap((e) => yearsOf(e.attributes));
  const attrs: GraphEdge['attributes'] = {
    type,
    merged: true,
    count: edges.length,
    relationships: edges.map((e) => e.key).sort(byString),
    ...(currency === undefined ? {} : { currency }),
    ...(years.length > 0 ? { yearStart: Math.min(...years), yearEnd: Math.max(...years) } : {}),
  };
  if (isMoneyType(type)) {
    const items = edges.map((e) => e.attributes as MoneyItem);
    const amounts: MoneyTotal[] = moneyTotals(items, deals);
    const own = amounts.find((a) => a.currency === currency);
    if (own) attrs.amount = own.amount;
    attrs.amounts = amounts;
    const ids = dealIds(items);
    if (ids.length > 0) attrs.deals = ids;
  }
  return attrs;
}

/**
 * The graph with its parallel relationships merged: one edge per (source, target, type, currency)
 * group of two or more relationships, keyed by `mergedKey`; edges sorted by key. `deals` gives the
 * deals' totals, so that a deal whose every relationship is in one group counts once.
 */
export function mergeParallel(g: SerializedGraph, deals: DealLookup): SerializedGraph {
  const groups = new Map<string, GraphEdge[]>();
  for (const e of g.edges) {
    const key = mergedKey(e.attributes.type, e.source, e.target, currencyOf(e.attributes));
    const list = groups.get(key);
    if (list) list.push(e);
    else groups.set(key, [e]);
  }
  const edges: GraphEdge[] = [];
  for (const [key, list] of groups) {
    if (list.length === 1) edges.push(list[0]!);
    else
      edges.push({ key, source: list[0]!.source, target: list[0]!.target, attributes: mergedAttributes(list, deals) });
  }
  edges.sort((a, b) => byString(a.key, b.key));
  return { ...g, edges };
}

/** The ids of the deals the money relationships of a graph belong to (for a store's deal lookup). */
export const graphDealIds = (g: SerializedGraph): string[] => dealIds(g.edges.map((e) => e.attributes as MoneyItem));

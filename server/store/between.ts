/**
 * The relationships of one merged edge (`GET /api/relationships`, SEMANTICS.md "Merged edges") and
 * the parallel relationships of a path's hops, the same in both stores.
 */
import type { BetweenQuery, PathHop, PathRel, RelationshipPage } from '../api/schemas';
import type { RelType } from '../model/model';
import { byString, encodeCursor, relationshipItem } from './common';

/** How many relationships a path hop lists (its `count` tells them all). */
export const MAX_HOP_RELATIONSHIPS = 20;

/** True when a relationship's currency is the one asked (`none`: it has none; absent: any). */
export function currencyMatches(props: Record<string, unknown>, currency: string | undefined): boolean {
  if (currency === undefined) return true;
  if (currency === 'none') return typeof props.currency !== 'string';
  return props.currency === currency;
}

/**
 * One page of `from` → `to` relationships, from the candidates after the cursor sorted by id (at least
 * `limit + 1` of them when there are more): items as `/api/entities/{id}/relationships` shows them,
 * seen from `from` (direction `out`, `other` = `to`).
 */
export function betweenPage(
  rows: { type: RelType; props: Record<string, unknown> }[],
  to: Record<string, unknown>,
  q: BetweenQuery,
): RelationshipPage {
  const items = rows.slice(0, q.limit).map((r) => relationshipItem(r.type, 'out', r.props, to));
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > q.limit && last ? encodeCursor(last.id) : null };
}

/** A path hop from every relationship joining its two nodes (any order): the count and the first by id. */
export function pathHop(rels: PathRel[]): PathHop {
  const sorted = [...rels].sort((a, b) => byString(a.id, b.id));
  return { count: sorted.length, relationships: sorted.slice(0, MAX_HOP_RELATIONSHIPS) };
}

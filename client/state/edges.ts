/**
 * Edges as the user reads them: a merged edge (parallel relationships, server/store/merge.ts) or one
 * relationship, summed up in one line ("5 awards, $1.2 million, 2016–2017"), the query that lists its
 * relationships (GET /api/relationships), and which drawn edge holds a given relationship.
 */
import type { SerializedGraph } from '../../server/api/schemas';
import type { Dataset, DEdge } from './dataset';
import { formatMoneyEn, plural, shortPeriod } from './format';
import { isMoneyType, typeLabel } from './vocab';

/** What the summary reads of an edge. */
export interface EdgeLike {
  type: string;
  source: string;
  target: string;
  attrs: Readonly<Record<string, unknown>>;
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** True for a merged edge (two or more parallel relationships). */
export const isMerged = (attrs: Readonly<Record<string, unknown>>): boolean => attrs.merged === true;

/** How many relationships an edge stands for. */
export const relationshipCount = (attrs: Readonly<Record<string, unknown>>): number =>
  isMerged(attrs) ? (num(attrs.count) ?? 0) : 1;

/** The noun of a relationship type, for counts: "award", "investment", "collaboration". */
export function countNoun(type: string): string {
  if (type === 'FUNDS') return 'award';
  if (type === 'INVESTS_IN') return 'investment';
  if (type === 'COLLABORATES_WITH') return 'collaboration';
  return `${typeLabel(type)} link`;
}

/** "2016–2017", "2016", or "" from a merged edge's year span (a relationship: its own period). */
export function yearSpan(attrs: Readonly<Record<string, unknown>>): string {
  if (!isMerged(attrs)) return shortPeriod(attrs);
  const a = num(attrs.yearStart);
  const b = num(attrs.yearEnd);
  if (a === null || b === null) return '';
  return a === b ? String(a) : `${a}–${b}`;
}

/** The money of an edge as text ("$1.2 million"), or null: its total (merged) or amount, per currency. */
export function edgeMoney(type: string, attrs: Readonly<Record<string, unknown>>): string | null {
  if (!isMoneyType(type)) return null;
  if (isMerged(attrs) && Array.isArray(attrs.amounts)) {
    const parts = (attrs.amounts as { amount?: unknown; currency?: unknown }[])
      .filter((a) => num(a.amount) !== null)
      .map((a) => formatMoneyEn(num(a.amount)!, str(a.currency)));
    return parts.length > 0 ? parts.join(' + ') : null;
  }
  const amount = num(attrs.amount);
  return amount === null ? null : formatMoneyEn(amount, str(attrs.currency), str(attrs.amountText));
}

/** One line about an edge: "5 awards, $1.2 million, 2016–2017"; "funds, $300,000, 2017". */
export function edgeSummary(e: Pick<EdgeLike, 'type' | 'attrs'>): string {
  const head = isMerged(e.attrs) ? plural(relationshipCount(e.attrs), countNoun(e.type)) : typeLabel(e.type);
  return [head, edgeMoney(e.type, e.attrs), yearSpan(e.attrs)].filter(Boolean).join(', ');
}

/** The query of GET /api/relationships for the relationships of an edge (a merged one or a single one). */
export function partsQuery(e: EdgeLike): { from: string; to: string; type: string; currency: string } {
  return { from: e.source, to: e.target, type: e.type, currency: str(e.attrs.currency) ?? 'none' };
}

/** Relationship id → the key of the drawn edge that holds it (itself, or the merged edge). */
export function edgeOfRelationship(ds: Dataset): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of ds.edges.values()) {
    if (isMerged(e.attrs) && Array.isArray(e.attrs.relationships))
      for (const id of e.attrs.relationships as unknown[]) if (typeof id === 'string') out.set(id, e.id);
    out.set(e.id, e.id);
  }
  return out;
}

/** The edge of the data set with this key, as the summary reads it. */
export const edgeLike = (e: DEdge): EdgeLike => ({ type: e.type, source: e.source, target: e.target, attrs: e.attrs });

/**
 * A graph without the relationships the network draws already inside a merged edge (`drawn`:
 * edgeOfRelationship), so that a money trail or a query result does not draw them a second time.
 */
export function withoutMergedParts(g: SerializedGraph, drawn: ReadonlyMap<string, string>): SerializedGraph {
  return { ...g, edges: g.edges.filter((e) => (drawn.get(e.key) ?? e.key) === e.key) };
}

/**
 * The overview graph: groups as super-nodes (members, money in and out per currency, kinds, biggest
 * members) joined by aggregated edges (per pair of groups, type family and currency: total and count),
 * in graphology's serialized form. Pure functions over a Projection and an Assignment (groups.ts).
 */
import { each, pause, PAUSE_EVERY } from './pause';
import type { MoneyTotal } from '../api/schemas';
import { byString, isMoneyType } from '../store/common';
import { attributedAmount, moneyTotals, type DealLookup } from '../store/deals';
import type { RelType } from '../model/model';
import type { Assignment, Grouping } from './groups';
import type { ProjEdge, ProjNode, Projection } from './types';

/** Type families of aggregated edges. */
export const FAMILIES = ['money', 'collaboration', 'structure', 'other'] as const;
export type Family = (typeof FAMILIES)[number];

const STRUCTURE = new Set<string>(['PART_OF', 'LOCATED_IN', 'SUPERVISES', 'MANAGES', 'INCUBATES']);

export function familyOf(type: RelType): Family {
  if (isMoneyType(type)) return 'money';
  if (type === 'COLLABORATES_WITH') return 'collaboration';
  return STRUCTURE.has(type) ? 'structure' : 'other';
}

/** The key of the group that gathers the groups beyond the limit. */
export const OTHER = 'other';

export interface GroupNode {
  key: string;
  attributes: {
    label: string;
    by: Grouping;
    members: number;
    money: { in: MoneyTotal[]; out: MoneyTotal[] };
    kinds: Record<string, number>;
    top: { id: string; name: string; kind: string }[];
    internal: number;
    size: number;
    forceLabel: boolean;
    x?: number;
    y?: number;
  };
}

export interface GroupEdge {
  key: string;
  source: string;
  target: string;
  attributes: { family: Family; currency: string | null; total: number; count: number };
}

export interface AggregateOptions {
  by: Grouping;
  size: 'members' | 'money';
  /** the currency money sizes are read in */
  currency: string | null;
  /** groups kept; the smaller ones are gathered into `<by>:other` */
  limit: number;
  /** how many groups are marked `forceLabel` */
  labels: number;
  /** biggest members listed per group */
  top: number;
}

/** The deals' totals and participant counts, from the projection. */
export async function dealLookup(p: Projection): Promise<DealLookup> {
  const members = new Map<string, number>();
  await each(p.edges, (e) => {
    if (e.deal !== undefined && isMoneyType(e.type)) members.set(e.deal, (members.get(e.deal) ?? 0) + 1);
  });
  return (id) => {
    const d = p.deals.get(id);
    return { ...(d ?? {}), participants: members.get(id) ?? 0 };
  };
}

/** Degree of every node: relationships touching it (a self-loop once). */
export async function degrees(p: Projection): Promise<Map<string, number>> {
  const d = new Map<string, number>();
  await each(p.edges, (e) => {
    d.set(e.source, (d.get(e.source) ?? 0) + 1);
    if (e.target !== e.source) d.set(e.target, (d.get(e.target) ?? 0) + 1);
  });
  return d;
}

const amountIn = (totals: MoneyTotal[], currency: string | null): number =>
  currency === null ? 0 : (totals.find((t) => t.currency === currency)?.amount ?? 0);

/** The currency with the most money relationships (ties by code); null when there is no money. */
export function mainCurrency(p: Projection): string | null {
  const n = new Map<string, number>();
  for (const e of p.edges) if (isMoneyType(e.type) && e.currency) n.set(e.currency, (n.get(e.currency) ?? 0) + 1);
  let out: string | null = null;
  for (const [c, k] of n) if (out === null || k > n.get(out)! || (k === n.get(out)! && c < out)) out = c;
  return out;
}

/** The final group id of each visible node: `<by>:<key>`, or `<by>:other` beyond the limit. */
export function finalGroups(
  a: Assignment,
  by: Grouping,
  rank: (key: string, members: string[]) => number,
  limit: number,
): { groupOf: Map<string, string>; members: Map<string, string[]>; labelOf: Map<string, string> } {
  const byKey = new Map<string, string[]>();
  for (const [id, key] of a.groupOf) {
    const list = byKey.get(key) ?? [];
    list.push(id);
    byKey.set(key, list);
  }
  const order = [...byKey.entries()]
    .map(([key, ids]) => ({ key, ids, score: rank(key, ids) }))
    .sort((x, y) => y.score - x.score || y.ids.length - x.ids.length || byString(x.key, y.key));
  const groupOf = new Map<string, string>();
  const members = new Map<string, string[]>();
  const labelOf = new Map<string, string>();
  const folded = order.length > limit ? order.length - limit + 1 : 0;
  order.forEach(({ key, ids }, i) => {
    const kept = folded === 0 || i < limit - 1;
    const gid = `${by}:${kept ? key : OTHER}`;
    if (!members.has(gid)) {
      members.set(gid, []);
      labelOf.set(gid, kept ? (a.labelOf.get(key) ?? key) : `Other (${folded} groups)`);
    }
    const list = members.get(gid)!;
    for (const id of ids) {
      groupOf.set(id, gid);
      list.push(id);
    }
  });
  return { groupOf, members, labelOf };
}

/**
 * `moneyTotals` of the money relationships of a group's members (`side`: in or out), in a pass that
 * pauses: a relationship outside any deal is a unit of its own, summed as it comes; those of deals
 * are counted by `moneyTotals` (each deal once).
 */
async function groupTotals(ids: string[], side: Map<string, ProjEdge[]>, deals: DealLookup): Promise<MoneyTotal[]> {
  const acc = new Map<string, MoneyTotal>();
  const add = (currency: string, amount: number, count: number) => {
    const t = acc.get(currency) ?? { currency, amount: 0, count: 0 };
    t.amount += amount;
    t.count += count;
    acc.set(currency, t);
  };
  const inDeals: ProjEdge[] = [];
  await each(
    ids,
    (id) => {
      for (const e of side.get(id) ?? []) {
        if (typeof e.deal === 'string') inDeals.push(e);
        else {
          const a = attributedAmount(e, undefined);
          if (a) add(a.currency, a.amount, 1);
        }
      }
    },
    PAUSE_EVERY / 10,
  );
  for (const t of moneyTotals(inDeals, deals)) add(t.currency, t.amount, t.count);
  return [...acc.values()].sort((x, y) => byString(x.currency, y.currency));
}

/** The overview graph of a grouping (see the header). `visible` nodes only; edges between visible nodes. */
export async function buildOverview(
  p: Projection,
  visible: Set<string>,
  a: Assignment,
  o: AggregateOptions,
  given: { degree?: Map<string, number> } = {},
): Promise<{ nodes: GroupNode[]; edges: GroupEdge[]; groupOf: Map<string, string>; members: Map<string, string[]> }> {
  const deals = await dealLookup(p);
  const deg = given.degree ?? (await degrees(p));
  const nodeById = new Map<string, ProjNode>(p.nodes.map((n) => [n.id, n]));
  const moneyIn = new Map<string, ProjEdge[]>();
  const moneyOut = new Map<string, ProjEdge[]>();
  await each(p.edges, (e) => {
    if (isMoneyType(e.type)) {
      if (visible.has(e.target)) (moneyIn.get(e.target) ?? moneyIn.set(e.target, []).get(e.target)!).push(e);
      if (visible.has(e.source)) (moneyOut.get(e.source) ?? moneyOut.set(e.source, []).get(e.source)!).push(e);
    }
  });
  const totalsOf = (ids: string[], side: Map<string, ProjEdge[]>) => groupTotals(ids, side, deals);
  const moneyRank = new Map<string, number>();
  if (o.size === 'money') {
    const byKey = new Map<string, string[]>();
    for (const [id, key] of a.groupOf) (byKey.get(key) ?? byKey.set(key, []).get(key)!).push(id);
    for (const [key, ids] of byKey)
      moneyRank.set(
        key,
        Math.max(
          amountIn(await totalsOf(ids, moneyIn), o.currency),
          amountIn(await totalsOf(ids, moneyOut), o.currency),
        ),
      );
  }
  const rank = (key: string, ids: string[]): number => (o.size === 'members' ? ids.length : moneyRank.get(key)!);
  const { groupOf, members, labelOf } = finalGroups(a, o.by, rank, o.limit);

  const internal = new Map<string, number>();
  const agg = new Map<string, GroupEdge>();
  await each(p.edges, (e) => {
    const ga = groupOf.get(e.source);
    const gb = groupOf.get(e.target);
    if (ga === undefined || gb === undefined) return;
    if (ga === gb) {
      internal.set(ga, (internal.get(ga) ?? 0) + 1);
      return;
    }
    const family = familyOf(e.type);
    // money keeps its direction; other families are one edge per unordered pair
    const [s, t] = family === 'money' || byString(ga, gb) < 0 ? [ga, gb] : [gb, ga];
    const money =
      family === 'money' ? attributedAmount(e, e.deal !== undefined ? deals(e.deal) : undefined) : undefined;
    const currency = family === 'money' ? (money?.currency ?? e.currency ?? null) : null;
    const key = `${s}>${t}:${family}:${currency ?? '-'}`;
    const edge = agg.get(key) ?? { key, source: s, target: t, attributes: { family, currency, total: 0, count: 0 } };
    edge.attributes.count++;
    edge.attributes.total += money?.amount ?? 0;
    agg.set(key, edge);
  });

  const nodes: GroupNode[] = [];
  for (const [gid, ids] of members) {
    await pause();
    const mIn = await totalsOf(ids, moneyIn);
    const mOut = await totalsOf(ids, moneyOut);
    const kinds: Record<string, number> = {};
    for (const id of ids) {
      const k = nodeById.get(id)!.kind;
      kinds[k] = (kinds[k] ?? 0) + 1;
    }
    const top = [...ids]
      .sort((x, y) => (deg.get(y) ?? 0) - (deg.get(x) ?? 0) || byString(x, y))
      .slice(0, o.top)
      .map((id) => {
        const n = nodeById.get(id)!;
        return { id: n.id, name: n.name, kind: n.kind };
      });
    let label = labelOf.get(gid)!;
    if (o.by === 'community' && !gid.endsWith(`:${OTHER}`) && top[0])
      label = ids.length > 1 ? `${top[0].name} +${ids.length - 1}` : top[0].name;
    const size = o.size === 'members' ? ids.length : Math.max(amountIn(mIn, o.currency), amountIn(mOut, o.currency));
    nodes.push({
      key: gid,
      attributes: {
        label,
        by: o.by,
        members: ids.length,
        money: { in: mIn, out: mOut },
        kinds,
        top,
        internal: internal.get(gid) ?? 0,
        size,
        forceLabel: false,
      },
    });
  }
  nodes.sort(
    (x, y) =>
      y.attributes.size - x.attributes.size || y.attributes.members - x.attributes.members || byString(x.key, y.key),
  );
  nodes.forEach((n, i) => (n.attributes.forceLabel = i < o.labels));
  const edges = [...agg.values()].sort((x, y) => byString(x.key, y.key));
  return { nodes, edges, groupOf, members };
}

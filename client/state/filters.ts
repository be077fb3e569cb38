/**
 * Filters of the network: kinds and relationship types shown, a year range, a minimum amount for money
 * relationships in one currency, a region (keeping the money that crosses its border). Pure functions change them and compute what is visible and the counts; the
 * view hides the rest through sigma's `hidden` display flag, never by removing data.
 */
import type { DEdge, DNode, Dataset } from './dataset';
import { DEFAULT_HIDDEN_KINDS, NODE_KINDS, REL_TYPES, isMoneyType, type EdgeType, type NodeKind } from './vocab';

export interface Filters {
  hiddenKinds: readonly NodeKind[];
  hiddenTypes: readonly EdgeType[];
  /** inclusive year range; null = all years */
  years: readonly [number, number] | null;
  /** money relationships below this amount are hidden (0 = off); it is in `currency` */
  minAmount: number;
  /**
   * the one currency of the amount filter and of sizes by money (no conversion: with a minimum set,
   * money in other currencies is hidden); null = the data set's main currency
   */
  currency: string | null;
  /** only nodes in this Region (the region itself, or located in it, directly or through zones, districts…) */
  region: string | null;
}

export const defaultFilters = (): Filters => ({
  hiddenKinds: [...DEFAULT_HIDDEN_KINDS],
  hiddenTypes: [],
  years: null,
  minAmount: 0,
  currency: null,
  region: null,
});

const inOrder = <T extends string>(all: readonly string[], items: Iterable<T>): T[] =>
  [...new Set(items)].sort((a, b) => all.indexOf(a) - all.indexOf(b));

const ALL_TYPES: readonly string[] = [...REL_TYPES, 'CO_FUNDS'];

export function setKindVisible(f: Filters, kind: NodeKind, visible: boolean): Filters {
  const hidden = visible ? f.hiddenKinds.filter((k) => k !== kind) : [...f.hiddenKinds, kind];
  return { ...f, hiddenKinds: inOrder(NODE_KINDS, hidden) };
}

export const toggleKind = (f: Filters, kind: NodeKind): Filters =>
  setKindVisible(f, kind, f.hiddenKinds.includes(kind));

export function setTypeVisible(f: Filters, type: EdgeType, visible: boolean): Filters {
  const hidden = visible ? f.hiddenTypes.filter((t) => t !== type) : [...f.hiddenTypes, type];
  return { ...f, hiddenTypes: inOrder(ALL_TYPES, hidden) };
}

export const toggleType = (f: Filters, type: EdgeType): Filters =>
  setTypeVisible(f, type, f.hiddenTypes.includes(type));

/** Sets the year range, ordered and clamped to `bounds`; the full bounds (or null) mean "all years". */
export function setYears(
  f: Filters,
  range: readonly [number, number] | null,
  bounds: readonly [number, number] | null,
): Filters {
  if (!range || !bounds) return { ...f, years: null };
  let [a, b] = range[0] <= range[1] ? range : [range[1], range[0]];
  a = Math.max(bounds[0], Math.min(bounds[1], Math.round(a)));
  b = Math.max(bounds[0], Math.min(bounds[1], Math.round(b)));
  if (a === bounds[0] && b === bounds[1]) return { ...f, years: null };
  return { ...f, years: [a, b] };
}

/**
 * One step of "play": the range grows a year at a time from the first year to the last. Returns null
 * when it has reached the last year (the player stops).
 */
export function playStep(f: Filters, bounds: readonly [number, number] | null): Filters | null {
  if (!bounds) return null;
  if (!f.years) return { ...f, years: [bounds[0], bounds[0]] };
  if (f.years[1] >= bounds[1]) return null;
  const next: [number, number] = [f.years[0], f.years[1] + 1];
  return { ...f, years: next[0] === bounds[0] && next[1] === bounds[1] ? null : next };
}

export function setMinAmount(f: Filters, amount: number): Filters {
  return { ...f, minAmount: Number.isFinite(amount) && amount > 0 ? amount : 0 };
}

/** Chooses the currency of amounts (null: the data set's main one). */
export const setCurrency = (f: Filters, currency: string | null): Filters => ({
  ...f,
  currency: currency && /^[A-Z]{3}$/.test(currency) ? currency : null,
});

/** The filters with the currency resolved: the chosen one, else `main`. */
export const withCurrency = (f: Filters, main: string | null): Filters =>
  f.currency !== null || main === null ? f : { ...f, currency: main };

export const setRegion = (f: Filters, region: string | null): Filters => ({ ...f, region: region || null });

/** True when no filter differs from the defaults. */
export function isDefault(f: Filters): boolean {
  const d = defaultFilters();
  return (
    f.hiddenKinds.join() === d.hiddenKinds.join() &&
    f.hiddenTypes.length === 0 &&
    f.years === null &&
    f.minAmount === 0 &&
    f.currency === null &&
    f.region === null
  );
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/**
 * The [first, last] span of a record's time (year, or periodStart..periodEnd; a merged edge:
 * yearStart..yearEnd of its relationships), or null.
 */
export function timeSpan(attrs: Readonly<Record<string, unknown>>): [number, number] | null {
  const year = num(attrs.year);
  if (year !== null) return [year, year];
  const first = num(attrs.yearStart);
  const last = num(attrs.yearEnd);
  if (first !== null && last !== null) return [first, last];
  const start = num(attrs.periodStart);
  const end = num(attrs.periodEnd);
  if (start !== null && end !== null) return [start, end];
  if (start !== null) return [start, start];
  if (end !== null) return [end, end];
  return null;
}

/** Years covered by the data set's relationships, or null when none has a time. */
export function yearBounds(ds: Dataset): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const e of ds.edges.values()) {
    const s = timeSpan(e.attrs);
    if (!s) continue;
    lo = Math.min(lo, s[0]);
    hi = Math.max(hi, s[1]);
  }
  return lo <= hi ? [lo, hi] : null;
}

/** True when a relationship is in the year range: no time → always; a period → when it overlaps. */
export function inYears(attrs: Readonly<Record<string, unknown>>, years: Filters['years']): boolean {
  if (!years) return true;
  const s = timeSpan(attrs);
  if (!s) return true;
  return s[0] <= years[1] && s[1] >= years[0];
}

/** Does an edge pass the edge filters (not looking at its ends)? */
export function edgePasses(e: DEdge, f: Filters): boolean {
  if (f.hiddenTypes.includes(e.type)) return false;
  if (!inYears(e.attrs, f.years)) return false;
  if (f.minAmount > 0 && isMoneyType(e.type)) {
    const amount = num(e.attrs.amount);
    if (amount === null || amount < f.minAmount) return false;
    if (f.currency !== null && e.attrs.currency !== f.currency) return false;
  }
  return true;
}

/** Does a node pass the node filters? `within` tells whether a node is in a region (`withinIndex`). */
export function nodePasses(n: DNode, f: Filters, within: (id: string, region: string) => boolean): boolean {
  if ((f.hiddenKinds as readonly string[]).includes(n.kind)) return false;
  if (f.region && !within(n.id, f.region)) return false;
  return true;
}

export interface Count {
  visible: number;
  total: number;
}

export interface Visibility {
  nodes: Set<string>;
  edges: Set<string>;
  counts: {
    nodes: Count;
    edges: Count;
    kinds: Record<string, Count>;
    types: Record<string, Count>;
  };
}

/**
 * What the filters leave visible, and the counts per kind and type. An edge needs both ends visible.
 * With a region, money that crosses its border stays: a funder (or recipient) outside the region is
 * kept with its money relationships to the region's entities (`crossing` lists those ends).
 */
export function computeVisibility(
  ds: Dataset,
  f: Filters,
  within: (id: string, region: string) => boolean,
): Visibility & { crossing: Set<string> } {
  const nodes = new Set<string>();
  const edges = new Set<string>();
  const crossing = new Set<string>();
  const kinds: Record<string, Count> = {};
  const types: Record<string, Count> = {};
  for (const n of ds.nodes.values()) {
    const c = (kinds[n.kind] ??= { visible: 0, total: 0 });
    c.total++;
    if (nodePasses(n, f, within)) {
      nodes.add(n.id);
      c.visible++;
    }
  }
  if (f.region) {
    const outside = { ...f, region: null };
    for (const e of ds.edges.values()) {
      if (!isMoneyType(e.type) || !edgePasses(e, f)) continue;
      const inS = nodes.has(e.source);
      if (inS === nodes.has(e.target)) continue;
      const other = ds.nodes.get(inS ? e.target : e.source);
      if (!other || crossing.has(other.id) || !nodePasses(other, outside, within)) continue;
      crossing.add(other.id);
      kinds[other.kind]!.visible++;
    }
    for (const id of crossing) nodes.add(id);
  }
  for (const e of ds.edges.values()) {
    const c = (types[e.type] ??= { visible: 0, total: 0 });
    c.total++;
    if (!nodes.has(e.source) || !nodes.has(e.target) || !edgePasses(e, f)) continue;
    // between two outside ends only money that crosses is kept, nothing else
    if (crossing.has(e.source) && crossing.has(e.target)) continue;
    if ((crossing.has(e.source) || crossing.has(e.target)) && !isMoneyType(e.type)) continue;
    edges.add(e.id);
    c.visible++;
  }
  return {
    nodes,
    edges,
    crossing,
    counts: {
      nodes: { visible: nodes.size, total: ds.nodes.size },
      edges: { visible: edges.size, total: ds.edges.size },
      kinds,
      types,
    },
  };
}

/** How far `withinIndex` follows LOCATED_IN / PART_OF outward, as the server's `isWithin`. */
export const WITHIN_MAX_HOPS = 6;

/**
 * "Is this node in that region?", as the server's overview filter answers it (`isWithin` in
 * server/store/common.ts), over the relationships in the data set: the node is the region, or the region
 * is reached from it by outgoing LOCATED_IN / PART_OF relationships within 6 hops (a lab in a district
 * of Chongqing is in Chongqing). Answers are cached per region.
 */
export function withinIndex(ds: Dataset): (id: string, region: string) => boolean {
  const next = new Map<string, string[]>();
  for (const e of ds.edges.values()) {
    if (e.type !== 'LOCATED_IN' && e.type !== 'PART_OF') continue;
    const list = next.get(e.source) ?? [];
    list.push(e.target);
    next.set(e.source, list);
  }
  const cache = new Map<string, Map<string, boolean>>();
  return (id, region) => {
    if (id === region) return true;
    let byNode = cache.get(region);
    if (!byNode) cache.set(region, (byNode = new Map<string, boolean>()));
    const hit = byNode.get(id);
    if (hit !== undefined) return hit;
    const seen = new Set([id]);
    let level = [id];
    let found = false;
    for (let hop = 1; hop <= WITHIN_MAX_HOPS && level.length > 0 && !found; hop++) {
      const following: string[] = [];
      for (const n of level)
        for (const end of next.get(n) ?? []) {
          if (end === region) found = true;
          if (!seen.has(end)) {
            seen.add(end);
            following.push(end);
          }
        }
      level = following;
    }
    byNode.set(id, found);
    return found;
  };
}

/**
 * The fetched data set, kept apart from the sigma render graph: every node and relationship the API
 * gave us, each node with the set of reasons ("owners") it is in the view — the base overview, the
 * expansion of a node, a found path, a money trail. Removing an owner removes the nodes no other owner
 * keeps, with their relationships. Every function here is pure: it returns a new data set.
 */
import type { SerializedGraph } from '../../server/api/schemas';
import type { EdgeType } from './vocab';

export interface DNode {
  id: string;
  name: string;
  kind: string;
  /** every attribute the API sent (name, kind, aliases, depth, recipients, ...) */
  attrs: Readonly<Record<string, unknown>>;
  owners: readonly string[];
}

export interface DEdge {
  id: string;
  source: string;
  target: string;
  type: EdgeType;
  /** the relationship's flat properties (amount, currency, year, ...) */
  attrs: Readonly<Record<string, unknown>>;
}

export interface Dataset {
  readonly nodes: ReadonlyMap<string, DNode>;
  readonly edges: ReadonlyMap<string, DEdge>;
}

/** Owner names. */
export const BASE = 'base';
export const PINNED = 'pinned';
export const PATH = 'path';
export const FLOW = 'flow';
export const expandOwner = (root: string): string => `expand:${root}`;

/** What a merge changed, to tell the render graph and to undo it. */
export interface MergeChange {
  addedNodes: string[];
  addedEdges: string[];
  /** nodes that were there and now also have the owner */
  gainedOwner: string[];
}

/** What removing an owner took out, to undo it. */
export interface Removal {
  owner: string;
  removedNodes: DNode[];
  removedEdges: DEdge[];
  /** nodes still there that lost the owner */
  lostOwner: string[];
  /** a node kept by giving it the PINNED owner instead of removing it */
  pinned: string | null;
}

export const emptyDataset = (): Dataset => ({ nodes: new Map(), edges: new Map() });

/** Merges an API graph under `owner`: new nodes and edges are added, existing nodes gain the owner. */
export function mergeGraph(ds: Dataset, g: SerializedGraph, owner: string): { dataset: Dataset; change: MergeChange } {
  const nodes = new Map(ds.nodes);
  const edges = new Map(ds.edges);
  const change: MergeChange = { addedNodes: [], addedEdges: [], gainedOwner: [] };
  for (const n of g.nodes) {
    const had = nodes.get(n.key);
    if (!had) {
      nodes.set(n.key, {
        id: n.key,
        name: n.attributes.name,
        kind: n.attributes.kind,
        attrs: n.attributes,
        owners: [owner],
      });
      change.addedNodes.push(n.key);
    } else if (!had.owners.includes(owner)) {
      nodes.set(n.key, { ...had, attrs: { ...n.attributes, ...had.attrs }, owners: [...had.owners, owner] });
      change.gainedOwner.push(n.key);
    }
  }
  for (const e of g.edges) {
    if (edges.has(e.key) || !nodes.has(e.source) || !nodes.has(e.target)) continue;
    const { type, ...attrs } = e.attributes;
    edges.set(e.key, { id: e.key, source: e.source, target: e.target, type, attrs });
    change.addedEdges.push(e.key);
  }
  return { dataset: { nodes, edges }, change };
}

/**
 * Takes `owner` away from every node; nodes left without an owner go, with their edges. With `keep`,
 * that node stays (pinned) even if nothing else keeps it.
 */
export function releaseOwner(ds: Dataset, owner: string, keep?: string): { dataset: Dataset; removal: Removal } {
  const nodes = new Map(ds.nodes);
  const removal: Removal = { owner, removedNodes: [], removedEdges: [], lostOwner: [], pinned: null };
  for (const n of ds.nodes.values()) {
    if (!n.owners.includes(owner)) continue;
    const owners = n.owners.filter((o) => o !== owner);
    if (owners.length > 0) {
      nodes.set(n.id, { ...n, owners });
      removal.lostOwner.push(n.id);
    } else if (n.id === keep) {
      nodes.set(n.id, { ...n, owners: [PINNED] });
      removal.lostOwner.push(n.id);
      removal.pinned = n.id;
    } else {
      nodes.delete(n.id);
      removal.removedNodes.push(n);
    }
  }
  let edges: Map<string, DEdge> | ReadonlyMap<string, DEdge> = ds.edges;
  if (removal.removedNodes.length > 0) {
    const m = new Map<string, DEdge>();
    for (const e of ds.edges.values())
      if (nodes.has(e.source) && nodes.has(e.target)) m.set(e.id, e);
      else removal.removedEdges.push(e);
    edges = m;
  }
  return { dataset: { nodes, edges }, removal };
}

/** Undoes a removal: the nodes and edges come back and the owner is given back. */
export function restoreRemoval(ds: Dataset, removal: Removal): Dataset {
  const nodes = new Map(ds.nodes);
  const edges = new Map(ds.edges);
  for (const n of removal.removedNodes) nodes.set(n.id, n);
  for (const id of removal.lostOwner) {
    const n = nodes.get(id);
    if (!n) continue;
    let owners = n.owners.includes(removal.owner) ? n.owners : [...n.owners, removal.owner];
    if (id === removal.pinned) owners = owners.filter((o) => o !== PINNED);
    nodes.set(id, { ...n, owners });
  }
  for (const e of removal.removedEdges) if (nodes.has(e.source) && nodes.has(e.target)) edges.set(e.id, e);
  return { nodes, edges };
}

/** True when the node `root` is expanded (its expansion owner is in the data set). */
export const isExpanded = (ds: Dataset, root: string): boolean =>
  ds.nodes.get(root)?.owners.includes(expandOwner(root)) ?? false;

/** Degree of every node in the data set (both directions, parallel edges counted). */
export function degrees(ds: Dataset): Map<string, number> {
  const d = new Map<string, number>();
  for (const id of ds.nodes.keys()) d.set(id, 0);
  for (const e of ds.edges.values()) {
    d.set(e.source, (d.get(e.source) ?? 0) + 1);
    d.set(e.target, (d.get(e.target) ?? 0) + 1);
  }
  return d;
}

/**
 * Money moved by every node: the sum of the amounts of its money edges, in and out, in ONE currency
 * (no conversion: a node whose money is all in other currencies gets nothing); null = every currency
 * summed as numbers (only for data sets with one currency).
 */
export function moneyMoved(ds: Dataset, currency: string | null = null): Map<string, number> {
  const m = new Map<string, number>();
  for (const e of ds.edges.values()) {
    const amount = moneyOf(e, currency);
    if (amount === null) continue;
    m.set(e.source, (m.get(e.source) ?? 0) + amount);
    m.set(e.target, (m.get(e.target) ?? 0) + amount);
  }
  return m;
}

/**
 * The amount of a money edge (FUNDS, INVESTS_IN; CO_FUNDS sums its shared amounts), in `currency` when
 * given (an amount in another currency counts as none), else null.
 */
export function moneyOf(e: DEdge, currency: string | null = null): number | null {
  if (e.type === 'FUNDS' || e.type === 'INVESTS_IN') {
    if (currency !== null && e.attrs.currency !== currency) return null;
    return typeof e.attrs.amount === 'number' ? e.attrs.amount : null;
  }
  if (e.type === 'CO_FUNDS' && Array.isArray(e.attrs.amounts)) {
    let sum = 0;
    for (const a of e.attrs.amounts as { amount?: unknown; currency?: unknown }[])
      if (typeof a.amount === 'number' && (currency === null || a.currency === currency)) sum += a.amount;
    return sum > 0 ? sum : null;
  }
  return null;
}

/** The neighbours of a node in the data set with the edges that join them. */
export function neighbours(ds: Dataset, id: string): { node: DNode; edge: DEdge; direction: 'in' | 'out' }[] {
  const out: { node: DNode; edge: DEdge; direction: 'in' | 'out' }[] = [];
  for (const e of ds.edges.values()) {
    if (e.source === id) {
      const node = ds.nodes.get(e.target);
      if (node) out.push({ node, edge: e, direction: 'out' });
    } else if (e.target === id) {
      const node = ds.nodes.get(e.source);
      if (node) out.push({ node, edge: e, direction: 'in' });
    }
  }
  return out;
}

/**
 * The render graph: what sigma draws (positions, colours, sizes, labels), kept in step with the data
 * set by `syncRenderGraph`. Pure graph code (no sigma, no DOM), shared by the network view and the bench.
 */
import Graph from 'graphology';
import { moneyOf, type Dataset } from '../state/dataset';
import { KIND_COLORS, TYPE_COLORS, isNodeKind, type EdgeType } from '../state/vocab';

export interface NodeAttrs {
  x: number;
  y: number;
  size: number;
  color: string;
  label: string;
  kind: string;
  [k: string]: unknown;
}

export interface EdgeAttrs {
  size: number;
  color: string;
  type: EdgeType;
  head: string;
  [k: string]: unknown;
}

export type RenderGraph = Graph<NodeAttrs, EdgeAttrs>;

/** Nodes and edges to emphasise (a path, a money trail), the rest dimmed. */
export interface Emphasis {
  nodes: ReadonlySet<string>;
  edges: ReadonlySet<string>;
}

/** An empty render graph (directed, parallel edges and self-loops allowed). */
export function emptyRenderGraph(): RenderGraph {
  return new Graph<NodeAttrs, EdgeAttrs>({ type: 'directed', multi: true, allowSelfLoops: true });
}

/** A stable pseudo-random number in [0, 1) from a string (FNV-1a). */
export function hash01(s: string, salt = 0): number {
  let h = 0x811c9dc5 ^ salt;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return ((h >>> 0) % 100000) / 100000;
}

/** Edge width from an amount: 1 px without one, growing with the logarithm of money. */
export function edgeWidth(amount: number | null): number {
  if (amount === null || amount <= 0) return 1;
  return Math.min(10, 1.5 + Math.max(0, Math.log10(amount / 1e6)) * 1.5);
}

/** Scales values to node sizes between min and max (square-root scale). */
export function sizeScale(values: ReadonlyMap<string, number>, min = 4, max = 22): (id: string) => number {
  let hi = 0;
  for (const v of values.values()) hi = Math.max(hi, v);
  return (id) => {
    const v = values.get(id) ?? 0;
    return hi > 0 ? min + (max - min) * Math.sqrt(v / hi) : min;
  };
}

/** Past this many changes, `syncRenderGraph` builds a new render graph (to hand to sigma at once, much
 * faster than sigma reacting to every added node and edge). */
export const BULK_CHANGES = 300;

export interface SyncResult {
  /** the graph now mirroring the data set: `live` itself, or a new copy when `bulk` */
  graph: RenderGraph;
  /** ids of the nodes added */
  added: string[];
  bulk: boolean;
}

/**
 * Makes a render graph mirror the data set: adds what is new (placed near a neighbour already placed,
 * else on a circle by a hash of its id, so that the same data give the same picture) and drops what is
 * gone. Edits `live` in place, or a copy of it past BULK_CHANGES changes.
 */
export function syncRenderGraph(live: RenderGraph, ds: Dataset): SyncResult {
  let changes = Math.abs(ds.nodes.size - live.order) + Math.abs(ds.edges.size - live.size);
  if (changes <= BULK_CHANGES) {
    changes = 0;
    for (const id of ds.nodes.keys()) if (!live.hasNode(id) && ++changes > BULK_CHANGES) break;
    for (const id of ds.edges.keys()) if (changes <= BULK_CHANGES && !live.hasEdge(id)) changes++;
  }
  const bulk = changes > BULK_CHANGES;
  const g = bulk ? live.copy() : live;
  for (const id of g.nodes()) if (!ds.nodes.has(id)) g.dropNode(id);
  for (const id of g.edges()) if (!ds.edges.has(id)) g.dropEdge(id);
  const added: string[] = [];
  const n = ds.nodes.size;
  const radius = 10 * Math.sqrt(Math.max(n, 1));
  for (const node of ds.nodes.values()) {
    if (g.hasNode(node.id)) continue;
    const a = hash01(node.id) * 2 * Math.PI;
    const r = radius * Math.sqrt(hash01(node.id, 7));
    g.addNode(node.id, {
      x: r * Math.cos(a),
      y: r * Math.sin(a),
      size: 5,
      color: isNodeKind(node.kind) ? KIND_COLORS[node.kind] : '#888',
      label: node.name,
      kind: node.kind,
    });
    added.push(node.id);
  }
  // a node that arrives next to one already placed starts near it (one pass over the edges)
  if (added.length > 0 && added.length < g.order) {
    const fresh = new Set(added);
    const anchor = new Map<string, string>();
    for (const e of ds.edges.values()) {
      if (fresh.has(e.source) && !fresh.has(e.target) && g.hasNode(e.target) && !anchor.has(e.source))
        anchor.set(e.source, e.target);
      else if (fresh.has(e.target) && !fresh.has(e.source) && g.hasNode(e.source) && !anchor.has(e.target))
        anchor.set(e.target, e.source);
    }
    for (const [id, near] of anchor) {
      const p = g.getNodeAttributes(near);
      const a = hash01(id) * 2 * Math.PI;
      const spread = 5 + 10 * hash01(id, 3);
      g.mergeNodeAttributes(id, { x: p.x + spread * Math.cos(a), y: p.y + spread * Math.sin(a) });
    }
  }
  for (const e of ds.edges.values()) {
    if (g.hasEdge(e.id) || !g.hasNode(e.source) || !g.hasNode(e.target)) continue;
    g.addDirectedEdgeWithKey(e.id, e.source, e.target, {
      size: edgeWidth(moneyOf(e)),
      color: TYPE_COLORS[e.type] ?? '#ccc',
      type: e.type,
      head: e.type === 'CO_FUNDS' ? 'none' : 'arrow',
    });
  }
  return { graph: g, added, bulk };
}

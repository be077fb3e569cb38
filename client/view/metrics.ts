/**
 * Network measures from graphology's standard library, computed on what is visible, as a simple
 * undirected graph (parallel relationships merged): Louvain communities, PageRank, betweenness.
 */
import Graph from 'graphology';
import louvain from 'graphology-communities-louvain';
import betweenness from 'graphology-metrics/centrality/betweenness';
import pagerank from 'graphology-metrics/centrality/pagerank';
import type { RenderGraph } from './renderGraph';

/** Betweenness is O(n·m): above this many nodes the view refuses it (and says so). */
export const BETWEENNESS_MAX_NODES = 3000;

function simpleGraph(g: RenderGraph, nodes: ReadonlySet<string> | null, edges: ReadonlySet<string> | null): Graph {
  const s = new Graph({ type: 'undirected', multi: false, allowSelfLoops: false });
  g.forEachNode((id) => {
    if (!nodes || nodes.has(id)) s.addNode(id);
  });
  g.forEachEdge((id, _a, src, tgt) => {
    if (src === tgt || (edges && !edges.has(id)) || !s.hasNode(src) || !s.hasNode(tgt)) return;
    s.mergeEdge(src, tgt);
  });
  return s;
}

/** Community index per visible node (deterministic: seeded random walk). */
export function communities(
  g: RenderGraph,
  nodes: ReadonlySet<string> | null,
  edges: ReadonlySet<string> | null,
): Map<string, number> {
  const s = simpleGraph(g, nodes, edges);
  if (s.order === 0) return new Map();
  let seed = 42;
  const rng = () => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    return seed / 2 ** 32;
  };
  const parts = s.size === 0 ? {} : louvain(s, { rng });
  // renumber by community size so that the biggest gets the first colour
  const sizes = new Map<number, number>();
  for (const c of Object.values(parts)) sizes.set(c, (sizes.get(c) ?? 0) + 1);
  const order = [...sizes.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([c]) => c);
  const rank = new Map(order.map((c, i) => [c, i]));
  const out = new Map<string, number>();
  s.forEachNode((id) => out.set(id, parts[id] === undefined ? order.length : rank.get(parts[id])!));
  return out;
}

export function pageRank(
  g: RenderGraph,
  nodes: ReadonlySet<string> | null,
  edges: ReadonlySet<string> | null,
): Map<string, number> {
  const s = simpleGraph(g, nodes, edges);
  if (s.order === 0) return new Map();
  return new Map(Object.entries(pagerank(s, { getEdgeWeight: null })));
}

export function betweennessCentrality(
  g: RenderGraph,
  nodes: ReadonlySet<string> | null,
  edges: ReadonlySet<string> | null,
): Map<string, number> {
  const s = simpleGraph(g, nodes, edges);
  if (s.order === 0) return new Map();
  return new Map(Object.entries(betweenness(s, { normalized: true })));
}

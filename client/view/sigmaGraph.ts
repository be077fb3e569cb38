/**
 * Hands sigma a new graph. sigma 4.0.4's `setGraph` rebinds its graph listeners but leaves its
 * parallel-edge index (`edgeGroups`) and its drag manager on the graph sigma was created with: the
 * next edge added to the new graph then throws `Graph.source: could not find the "…" edge` (the index
 * looks it up in the old graph), and parallel edges of the new graph are grouped from the old one.
 * `replaceGraph` points both at the new graph first, so that setGraph's full refresh rebuilds them.
 */
import type Graph from 'graphology';

/** The parts of sigma's internals that keep a graph of their own (absent in a fixed sigma: no-op). */
interface GraphHolders {
  edgeGroups?: { graph?: unknown };
  internals?: { dragManager?: { graph?: unknown } };
}

/** Repoints sigma's own graph holders at `graph` (exported for its unit test). */
export function repointGraphHolders(sigma: object, graph: Graph): void {
  const s = sigma as GraphHolders;
  if (s.edgeGroups && 'graph' in s.edgeGroups) s.edgeGroups.graph = graph;
  const drag = s.internals?.dragManager;
  if (drag && 'graph' in drag) drag.graph = graph;
}

/** `sigma.setGraph(graph)`, with sigma's parallel-edge index and drag manager following. */
export function replaceGraph<G extends Graph>(sigma: { setGraph(g: G): unknown }, graph: G): void {
  repointGraphHolders(sigma, graph);
  sigma.setGraph(graph);
}

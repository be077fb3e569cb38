/**
 * The embedded store's side of the overview (server/overview): its projection, read from the
 * graphology graph.
 */
import type { MultiDirectedGraph } from 'graphology';
import type { RelType } from '../../model/model';
import { projEdge, type Projection } from '../../overview/types';
import type { StoredProps } from '../common';

/** Every node but deals (id, name, kind), every relationship, and the deals' totals. */
export function embeddedProjection(
  graph: MultiDirectedGraph<StoredProps, StoredProps & { type: RelType }>,
): Projection {
  const p: Projection = { nodes: [], edges: [], deals: new Map() };
  graph.forEachNode((id, a) => {
    if (a.kind === 'Deal')
      p.deals.set(id, {
        ...(typeof a.amount === 'number' ? { amount: a.amount } : {}),
        ...(typeof a.currency === 'string' ? { currency: a.currency } : {}),
      });
    else p.nodes.push({ id, name: String(a.name), kind: a.kind as Projection['nodes'][number]['kind'] });
  });
  graph.forEachEdge((key, a, source, target) => p.edges.push(projEdge(key, source, target, a.type, a)));
  return p;
}

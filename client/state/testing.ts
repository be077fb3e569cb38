/** Builders of API-shaped graphs for the client's unit tests. */
import type { SerializedGraph } from '../../server/api/schemas';
import type { EdgeType, NodeKind } from './vocab';

type N = [id: string, kind: NodeKind, extra?: Record<string, unknown>];
type E = [id: string, source: string, target: string, type: EdgeType, extra?: Record<string, unknown>];

/** A serialized graph as the API returns it. */
export function sg(
  nodes: N[],
  edges: E[] = [],
  attributes: Partial<SerializedGraph['attributes']> = {},
): SerializedGraph {
  return {
    options: { type: 'directed', multi: true, allowSelfLoops: true },
    attributes: { truncated: false, ...attributes },
    nodes: nodes.map(([key, kind, extra]) => ({ key, attributes: { name: key.toUpperCase(), kind, ...extra } })),
    edges: edges.map(([key, source, target, type, extra]) => ({ key, source, target, attributes: { type, ...extra } })),
  };
}

/**
 * Paths between two entities, told step by step. A path is a sequence of nodes: each step (hop) holds
 * every relationship joining its two nodes (parallel ones), the first of them standing for the step.
 */
import type { Path, PathHop, PathsResult, SerializedGraph } from '../../server/api/schemas';
import { countNoun } from './edges';

export interface PathStep {
  from: { id: string; name: string; kind: string };
  to: { id: string; name: string; kind: string };
  type: string;
  /** true when the relationship points from `from` to `to` */
  forward: boolean;
  properties: Record<string, unknown>;
  relId: string;
  /** every relationship joining the two nodes (the first 20 listed), when the API sent them */
  hop: PathHop | null;
}

/** The steps of a path in walking order, with the true direction of each relationship. */
export function pathSteps(path: Path): PathStep[] {
  const steps: PathStep[] = [];
  for (let i = 0; i < path.relationships.length; i++) {
    const rel = path.relationships[i]!;
    const from = path.nodes[i];
    const to = path.nodes[i + 1];
    if (!from || !to) break;
    steps.push({
      from,
      to,
      type: rel.type,
      forward: rel.source === from.id,
      properties: rel.properties,
      relId: rel.id,
      hop: path.hops[i] ?? null,
    });
  }
  return steps;
}

/** "A —FUNDS→ B ←PART_OF— C" */
export function pathText(path: Path): string {
  const steps = pathSteps(path);
  if (steps.length === 0) return path.nodes[0]?.name ?? '';
  return (
    steps[0]!.from.name +
    steps.map((s) => (s.forward ? ` —${s.type}→ ${s.to.name}` : ` ←${s.type}— ${s.to.name}`)).join('')
  );
}

/**
 * "5 relationships: 4 awards, 1 investment" for a step of parallel relationships (by the listed ones
 * when not all are listed), or null for a step of one.
 */
export function hopText(hop: PathHop | null): string | null {
  if (!hop || hop.count < 2) return null;
  const byType = new Map<string, number>();
  for (const r of hop.relationships) byType.set(r.type, (byType.get(r.type) ?? 0) + 1);
  const listed = hop.relationships.length;
  const kinds = [...byType].map(([t, n]) => `${n} ${countNoun(t)}${n === 1 ? '' : 's'}`).join(', ');
  return `${hop.count} relationships${listed < hop.count ? ` (first ${listed}: ${kinds})` : `: ${kinds}`}`;
}

/**
 * Node and drawn-edge ids of a set of paths, to highlight them: every relationship of each step, as
 * the edge that draws it (`edgeOf`: relationship id → drawn edge key, e.g. a merged edge).
 */
export function pathItems(
  paths: readonly Path[],
  edgeOf: ReadonlyMap<string, string> = new Map(),
): { nodes: Set<string>; edges: Set<string> } {
  const nodes = new Set<string>();
  const edges = new Set<string>();
  for (const p of paths) {
    for (const n of p.nodes) nodes.add(n.id);
    for (const r of p.relationships) edges.add(edgeOf.get(r.id) ?? r.id);
    for (const h of p.hops) for (const r of h.relationships) edges.add(edgeOf.get(r.id) ?? r.id);
  }
  return { nodes, edges };
}

/**
 * The paths as one graph (nodes and relationships once each), to merge into the network; a
 * relationship the network already draws (`drawn`: relationship id → drawn edge, e.g. a merged edge)
 * is left out, so that it is not drawn twice.
 */
export function pathsGraph(r: PathsResult, drawn: ReadonlyMap<string, string> = new Map()): SerializedGraph {
  const g: SerializedGraph = {
    options: { type: 'directed', multi: true, allowSelfLoops: true },
    attributes: { truncated: false },
    nodes: [],
    edges: [],
  };
  const seen = new Set<string>();
  for (const p of r.paths) {
    for (const n of p.nodes) {
      if (seen.has(n.id)) continue;
      seen.add(n.id);
      g.nodes.push({ key: n.id, attributes: { name: n.name, kind: n.kind } });
    }
    for (const rel of p.relationships) {
      if (seen.has(`rel:${rel.id}`) || drawn.has(rel.id)) continue;
      seen.add(`rel:${rel.id}`);
      g.edges.push({
        key: rel.id,
        source: rel.source,
        target: rel.target,
        attributes: { type: rel.type, ...rel.properties },
      });
    }
  }
  return g;
}

/** Paths between two entities, told step by step. */
import type { Path, PathsResult, SerializedGraph } from '../../server/api/schemas';

export interface PathStep {
  from: { id: string; name: string; kind: string };
  to: { id: string; name: string; kind: string };
  type: string;
  /** true when the relationship points from `from` to `to` */
  forward: boolean;
  properties: Record<string, unknown>;
  relId: string;
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

/** Node and relationship ids of a set of paths, to highlight them. */
export function pathItems(paths: readonly Path[]): { nodes: Set<string>; edges: Set<string> } {
  const nodes = new Set<string>();
  const edges = new Set<string>();
  for (const p of paths) {
    for (const n of p.nodes) nodes.add(n.id);
    for (const r of p.relationships) edges.add(r.id);
  }
  return { nodes, edges };
}

/** The paths as one graph (nodes and relationships once each), to merge into the network. */
export function pathsGraph(r: PathsResult): SerializedGraph {
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
      if (seen.has(`rel:${rel.id}`)) continue;
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

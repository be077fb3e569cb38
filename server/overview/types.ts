/**
 * What the overview needs of a store (a projection of the whole graph: ids, names, kinds, relationship
 * ends, types and money fields) and the shape of a computed layout. Both stores produce the same
 * projection; groups, aggregates and layouts are computed from it in server/overview.
 */
import type { NodeKind, RelType } from '../model/model';

export interface ProjNode {
  id: string;
  name: string;
  kind: NodeKind;
}

// a type, not an interface: it is passed where a money item (an index signature) is expected
export type ProjEdge = {
  id: string;
  source: string;
  target: string;
  type: RelType;
  amount?: number;
  currency?: string;
  deal?: string;
  share?: number;
  program?: string;
};

/** A Deal node's stated total (participants are counted from the projection's edges). */
export interface ProjDeal {
  amount?: number;
  currency?: string;
}

/** The whole graph as the overview reads it; Deal nodes are in `deals`, not in `nodes`. */
export interface Projection {
  nodes: ProjNode[];
  edges: ProjEdge[];
  deals: Map<string, ProjDeal>;
}

/** Positions of nodes (parallel arrays) and how long the layout took on the server. */
export interface LayoutPositions {
  ids: string[];
  x: number[];
  y: number[];
  ms: number;
}

/** Keeps computed layouts, per key (a grouping, or `nodes`) and version (a hash of the graph's structure). */
export interface LayoutCache {
  read(key: string, version: string): Promise<LayoutPositions | undefined>;
  write(key: string, version: string, layout: LayoutPositions): Promise<void>;
}

/** Relationship fields the projection keeps, from a stored property map. */
export function projEdge(
  id: string,
  source: string,
  target: string,
  type: RelType,
  p: Record<string, unknown>,
): ProjEdge {
  const e: ProjEdge = { id, source, target, type };
  if (typeof p.amount === 'number') e.amount = p.amount;
  if (typeof p.currency === 'string') e.currency = p.currency;
  if (typeof p.deal === 'string') e.deal = p.deal;
  if (typeof p.share === 'number') e.share = p.share;
  if (typeof p.program === 'string') e.program = p.program;
  return e;
}

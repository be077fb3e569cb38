/**
 * What the Neo4j store's reads share: the narrowing of plain rows into typed values, and the lookups
 * most answers start from (nodes by id, location links for regions, the relationships among a set of
 * nodes). Neo4jAnalysis (analysis.ts) and Neo4jStore (store.ts) build on it.
 */
import type { SerializedGraph } from '../../api/schemas';
import { AppError, NotFoundError } from '../../errors';
import { isRelType, type RelType } from '../../model/model';
import type { CypherRunner, Row } from '../../neo4j/run';
import { byString, edgeAttributes, REGION_MAX_HOPS, regionOf } from '../common';
import { withoutLayout } from './overview';

export type GraphNode = SerializedGraph['nodes'][number];
export type GraphEdge = SerializedGraph['edges'][number];

export const rec = (v: unknown): Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
export const str = (v: unknown): string => (typeof v === 'string' ? v : String(v));
export const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v));
export const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
export const strings = (v: unknown): string[] => list(v).filter((x): x is string => typeof x === 'string');

export function relTypeOf(v: unknown): RelType {
  const t = str(v);
  if (!isRelType(t)) throw new AppError('INTERNAL', 500, `Neo4j holds a relationship of unknown type "${t}"`);
  return t;
}

export function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => x === b[i]);
  return a === b;
}

/** True when two flat property maps hold the same keys and values. */
export function sameProps(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => k in b && sameValue(a[k], b[k]));
}

export const sameSet = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && [...a].sort().join('\u0000') === [...b].sort().join('\u0000');

export interface FoundNode {
  id: string;
  eid: string;
  labels: string[];
  props: Record<string, unknown>;
}

/** find-nodes rows by id (the first row of an id wins). */
export function foundNodes(rows: Row[]): Map<string, FoundNode> {
  const out = new Map<string, FoundNode>();
  for (const row of rows) {
    const id = str(row.id);
    if (!out.has(id))
      out.set(id, { id, eid: str(row.eid), labels: strings(row.labels), props: withoutLayout(rec(row.props)) });
  }
  return out;
}

/** The Neo4j store's runner and lookups. */
export abstract class Neo4jCore {
  constructor(protected readonly runner: CypherRunner) {}

  protected async findNodes(ids: string[]): Promise<Map<string, FoundNode>> {
    return foundNodes(await this.runner.read('find-nodes', { ids, full: true }));
  }

  /** The node with `id`; NotFoundError when there is none. */
  protected async node(id: string): Promise<FoundNode> {
    const n = (await this.findNodes([id])).get(id);
    if (!n)
      throw new NotFoundError(`no entity with id "${id}"`, { where: id, hint: 'look the id up with /api/search' });
    return n;
  }

  /** `regionOf` over the current LOCATED_IN / PART_OF relationships, memoised for one answer. */
  /** regionOf over the graph's location links: those around the nodes of `eids` only, when given. */
  protected async regionResolver(eids?: Iterable<string>): Promise<(id: string) => string> {
    const next = eids ? await this.locationLinksAround(eids) : await this.locationLinks();
    const cache = new Map<string, string>();
    return (id) => {
      let r = cache.get(id);
      if (r === undefined) {
        r = regionOf(id, (n) => next.get(n) ?? []);
        cache.set(id, r);
      }
      return r;
    };
  }

  /** The current LOCATED_IN / PART_OF relationships as an adjacency map. */
  /** The location links regionOf can follow from the nodes of `eids` (REGION_MAX_HOPS rounds). */
  protected async locationLinksAround(eids: Iterable<string>): Promise<Map<string, { id: string; kind: string }[]>> {
    const next = new Map<string, { id: string; kind: string }[]>();
    let level = [...new Set(eids)];
    const seen = new Set(level);
    for (let hop = 1; hop <= REGION_MAX_HOPS && level.length > 0; hop++) {
      const following: string[] = [];
      for (const row of await this.runner.read('location-links-of', { eids: level })) {
        const from = str(row.source);
        const ends = next.get(from) ?? [];
        ends.push({ id: str(row.target), kind: str(row.targetKind) });
        next.set(from, ends);
        const e = str(row.targetEid);
        if (!seen.has(e)) {
          seen.add(e);
          following.push(e);
        }
      }
      level = following;
    }
    return next;
  }

  protected async locationLinks(): Promise<Map<string, { id: string; kind: string }[]>> {
    const next = new Map<string, { id: string; kind: string }[]>();
    for (const row of await this.runner.read('location-links')) {
      const from = str(row.source);
      const ends = next.get(from) ?? [];
      ends.push({ id: str(row.target), kind: str(row.targetKind) });
      next.set(from, ends);
    }
    return next;
  }

  /** Every relationship (of `types`) whose both ends are among `nodes` (element id → node id), by id. */
  protected async edgesAmong(
    nodes: Map<string, string>,
    types: readonly string[] | undefined,
    keep: (type: RelType, props: Record<string, unknown>) => boolean = () => true,
  ): Promise<GraphEdge[]> {
    if (nodes.size === 0) return [];
    const rows = await this.runner.read('edges-among', {
      eids: [...nodes.keys()],
      types: types && types.length > 0 ? types : null,
    });
    const edges: GraphEdge[] = [];
    for (const row of rows) {
      if (!nodes.has(str(row.targetEid))) continue;
      const type = relTypeOf(row.type);
      const props = rec(row.props);
      if (!keep(type, props)) continue;
      edges.push({
        key: str(row.id),
        source: str(row.source),
        target: str(row.target),
        attributes: edgeAttributes(type, props),
      });
    }
    return edges.sort((a, b) => byString(a.key, b.key));
  }
}

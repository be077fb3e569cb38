/**
 * The embedded store's graph and its indexes (see store.ts): a graphology MultiDirectedGraph (node key =
 * id, edge key = relationship id; node attributes = `toStoredNode`, edge attributes = `toStoredRel` plus
 * `type`), nodes by kind, relationship counts by type, the money relationships, outgoing
 * LOCATED_IN/PART_OF relationships, the search index, per-node incident lists sorted by relationship id
 * (built on first use) and caches of `regionOf` and `stats` (dropped on every write); the writes, and
 * the small reads every answer is built from. store.ts adds the answers.
 */
import { MultiDirectedGraph } from 'graphology';
import type { SerializedGraph, Stats } from '../../api/schemas';
import { NotFoundError } from '../../errors';
import { type Node, type NodeKind, type Relationship, type RelType } from '../../model/model';
import {
  REGION_REL_TYPES,
  byString,
  edgeAttributes,
  isMoneyType,
  nodeAttributes,
  regionOf,
  toStoredNode,
  toStoredRel,
  storedAcronyms,
  type StoredProps,
} from '../common';
import { dealInfo, type DealLookup } from '../deals';
import { emptyCounts, type WriteCounts } from '../store';
import { type Step } from './paths';
import { ImportanceCache } from './search';
import { SearchIndex } from './searchIndex';

export type EdgeAttrs = StoredProps & { type: RelType };
export type Graph = MultiDirectedGraph<StoredProps, EdgeAttrs>;
interface Incident {
  key: string;
  direction: 'in' | 'out';
}
export type GraphNode = SerializedGraph['nodes'][number];
export type GraphEdge = SerializedGraph['edges'][number];

export const MAX_SHORTEST_PATHS = 100;
const REGION_TYPES = new Set<string>(REGION_REL_TYPES);
export const CYPHER_HINT = 'set NEO4J_URI to a Neo4j 5 server (npm run neo4j:start prints one) and restart';

function sameValue(a: StoredProps[string] | undefined, b: StoredProps[string] | undefined): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => x === b[i]);
  return a === b;
}

/** True when two flat property maps hold the same keys and values. */
function sameProps(a: StoredProps, b: StoredProps): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => k in b && sameValue(a[k], b[k]));
}

function addTo<K, V>(index: Map<K, Set<V>>, key: K, value: V): void {
  let set = index.get(key);
  if (!set) index.set(key, (set = new Set()));
  set.add(value);
}

export function sortedRecord(entries: Iterable<[string, number]>): Record<string, number> {
  return Object.fromEntries([...entries].filter(([, n]) => n > 0).sort(([a], [b]) => byString(a, b)));
}

/** The graph, its indexes and writes; EmbeddedGraph (store.ts) adds the answers. */
export abstract class EmbeddedCore {
  protected readonly graph: Graph = new MultiDirectedGraph<StoredProps, EdgeAttrs>({ allowSelfLoops: true });
  protected readonly byKind = new Map<NodeKind, Set<string>>();
  protected readonly typeCounts = new Map<string, number>();
  protected readonly moneyEdges = new Set<string>();
  protected readonly index = new SearchIndex();
  protected readonly weights = new ImportanceCache(this.graph);
  private readonly incidentCache = new Map<string, Incident[]>();
  /** node → its outgoing LOCATED_IN and PART_OF relationships, for `regionOf` */
  protected readonly regionOut = new Map<string, Set<string>>();
  private readonly regionCache = new Map<string, string>();
  /** deal id → its money relationships */
  protected readonly dealMembers = new Map<string, Set<string>>();
  protected statsCache: Stats | undefined;
  /** bumped on every change: the store's data version (server/overview) */
  protected writes = 0;

  clear(): void {
    this.graph.clear();
    this.byKind.clear();
    this.typeCounts.clear();
    this.moneyEdges.clear();
    this.index.clear();
    this.incidentCache.clear();
    this.regionOut.clear();
    this.dealMembers.clear();
    this.changed();
  }

  /** Forgets what any write may change. */
  private changed(): void {
    this.writes++;
    this.weights.clear();
    this.regionCache.clear();
    this.statsCache = undefined;
  }

  // ------------------------------------------------------------------ writes

  upsertNodes(nodes: Node[]): WriteCounts {
    const counts = emptyCounts();
    const plan = new Map<string, StoredProps>();
    for (const n of nodes) plan.set(n.id, toStoredNode(n));
    for (const [id, props] of plan) {
      if (!this.graph.hasNode(id)) {
        this.graph.addNode(id, props);
        counts.nodesCreated++;
      } else {
        const prev = this.graph.getNodeAttributes(id);
        if (sameProps(prev, props)) continue;
        this.byKind.get(prev.kind as NodeKind)?.delete(id);
        this.graph.replaceNodeAttributes(id, props);
        counts.nodesUpdated++;
      }
      addTo(this.byKind, props.kind as NodeKind, id);
      this.index.set(id, String(props.name), Array.isArray(props.aliases) ? props.aliases : [], storedAcronyms(props));
    }
    if (counts.nodesCreated + counts.nodesUpdated > 0) this.changed();
    return counts;
  }

  upsertRelationships(relationships: Relationship[]): WriteCounts {
    const counts = emptyCounts();
    const plan = new Map<string, Relationship>();
    for (const r of relationships) {
      if (this.graph.hasNode(r.source) && this.graph.hasNode(r.target)) plan.set(r.id, r);
      else counts.missingEndpoints.push(r.id);
    }
    for (const [id, rel] of plan) {
      const attrs = toStoredRel(rel) as EdgeAttrs;
      attrs.type = rel.type;
      if (this.graph.hasEdge(id)) {
        const prev = this.graph.getEdgeAttributes(id);
        if (this.graph.source(id) === rel.source && this.graph.target(id) === rel.target && sameProps(prev, attrs))
          continue;
        this.dropEdge(id);
        counts.relationshipsUpdated++;
      } else counts.relationshipsCreated++;
      this.graph.addDirectedEdgeWithKey(id, rel.source, rel.target, attrs);
      this.typeCounts.set(rel.type, (this.typeCounts.get(rel.type) ?? 0) + 1);
      if (isMoneyType(rel.type)) this.moneyEdges.add(id);
      if (typeof attrs.deal === 'string' && isMoneyType(rel.type)) addTo(this.dealMembers, attrs.deal, id);
      if (REGION_TYPES.has(rel.type)) addTo(this.regionOut, rel.source, id);
      this.incidentCache.delete(rel.source);
      this.incidentCache.delete(rel.target);
    }
    if (counts.relationshipsCreated + counts.relationshipsUpdated > 0) this.changed();
    return counts;
  }

  private dropEdge(id: string): void {
    const [source, target] = this.graph.extremities(id);
    const type = this.graph.getEdgeAttribute(id, 'type');
    this.typeCounts.set(type, (this.typeCounts.get(type) ?? 1) - 1);
    this.moneyEdges.delete(id);
    const deal = this.graph.getEdgeAttribute(id, 'deal');
    if (typeof deal === 'string') this.dealMembers.get(deal)?.delete(id);
    this.regionOut.get(source)?.delete(id);
    this.graph.dropEdge(id);
    this.incidentCache.delete(source);
    this.incidentCache.delete(target);
  }

  // ------------------------------------------------------------------ helpers

  protected props(id: string): StoredProps {
    if (!this.graph.hasNode(id))
      throw new NotFoundError(`no entity with id "${id}"`, { where: id, hint: 'look the id up with /api/search' });
    return this.graph.getNodeAttributes(id);
  }

  /** Relationships touching a node, sorted by id; a self-loop once, as `out`. */
  protected incident(id: string): Incident[] {
    let list = this.incidentCache.get(id);
    if (!list) {
      list = [];
      const acc = list;
      this.graph.forEachOutEdge(id, (key) => void acc.push({ key, direction: 'out' }));
      this.graph.forEachInEdge(id, (key, _a, source, target) => {
        if (source !== target) acc.push({ key, direction: 'in' });
      });
      list.sort((a, b) => byString(a.key, b.key));
      this.incidentCache.set(id, list);
    }
    return list;
  }

  /** Undirected steps out of a node along relationships of `types` (all if absent), self-loops left out. */
  protected steps(id: string, types: Set<string> | undefined): Step[] {
    const out: Step[] = [];
    this.graph.forEachOutEdge(id, (edge, attrs, _s, other) => {
      if (other !== id && (!types || types.has(attrs.type))) out.push({ edge, other });
    });
    this.graph.forEachInEdge(id, (edge, attrs, other) => {
      if (other !== id && (!types || types.has(attrs.type))) out.push({ edge, other });
    });
    return out;
  }

  protected money(key: string): EdgeAttrs {
    return this.graph.getEdgeAttributes(key);
  }

  /** The deals' stated totals and participant counts (deals.ts). */
  protected readonly deals: DealLookup = (id) => {
    const members = this.dealMembers.get(id)?.size ?? 0;
    const props = this.graph.hasNode(id) ? this.graph.getNodeAttributes(id) : undefined;
    return dealInfo(props?.kind === 'Deal' ? props : {}, members);
  };

  protected degree(id: string): number {
    return this.graph.outDegree(id) + this.graph.inDegreeWithoutSelfLoops(id);
  }

  protected region(id: string): string {
    let r = this.regionCache.get(id);
    if (r === undefined) {
      r = regionOf(id, (n) =>
        [...(this.regionOut.get(n) ?? [])].map((key) => {
          const target = this.graph.target(key);
          return { id: target, kind: String(this.graph.getNodeAttribute(target, 'kind')) };
        }),
      );
      this.regionCache.set(id, r);
    }
    return r;
  }

  protected graphNode(id: string, extra: Record<string, unknown> = {}): GraphNode {
    return { key: id, attributes: nodeAttributes(this.graph.getNodeAttributes(id), extra) };
  }

  protected graphEdge(key: string): GraphEdge {
    const attrs = this.graph.getEdgeAttributes(key);
    const [source, target] = this.graph.extremities(key);
    return { key, source, target, attributes: edgeAttributes(attrs.type, attrs) };
  }

  /** Every relationship (of `types`) whose both ends are in `nodes`, sorted by id. */
  protected edgesAmong(nodes: Set<string>, keep: (attrs: EdgeAttrs) => boolean): GraphEdge[] {
    const keys: string[] = [];
    for (const n of nodes)
      this.graph.forEachOutEdge(n, (key, attrs, _s, target) => {
        if (nodes.has(target) && keep(attrs)) keys.push(key);
      });
    return keys.sort(byString).map((k) => this.graphEdge(k));
  }
}

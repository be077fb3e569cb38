/**
 * The embedded store: the whole graph in memory (core.ts holds the graph, its indexes and the writes)
 * and the answers, following SEMANTICS.md; traversals are written against graphology's adjacency
 * because each needs its own order, type filter and early stop. `createEmbeddedStore` wraps it as a
 * GraphStore.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type {
  BetweenQuery,
  CofundingQuery,
  DatasetsResult,
  Deal,
  Entity,
  Flow,
  FlowsQuery,
  FlowsResult,
  NeighborhoodQuery,
  OverviewQuery,
  PathsQuery,
  PathsResult,
  RelationshipItem,
  RelationshipPage,
  RelationshipsQuery,
  SearchQuery,
  SearchResult,
  SerializedGraph,
  Stats,
} from '../../api/schemas';
import { NotFoundError, NotSupportedError } from '../../errors';
import { REL_TYPES } from '../../model/model';
import {
  buildEntity,
  byString,
  compareFlows,
  decodeCursor,
  emptySerializedGraph,
  encodeCursor,
  flowOf,
  inYear,
  isMoneyType,
  refOf,
  buildCofunding,
  isWithin,
  relProperties,
  relationshipItem,
  type StoredProps,
} from '../common';
import { aggregateMoney, buildDeal, dealParticipant, moneyTotals } from '../deals';
import { flowsPage, flowsTouching } from '../flowsPage';
import { checkNeighborPaging, pageAttributes, pageSize } from '../neighborPage';
import { addCounts, emptyCounts, type GraphStore } from '../store';
import { pathHop } from '../between';
import { buildDatasets, datasetFilter } from '../datasets';
import { mergeParallel } from '../merge';
import { findPaths, uniqueSteps, type Step } from './paths';
import { between, datasetCounts, joining } from './views';
import { searchGraph } from './search';
import { DiskLayoutCache } from '../../overview/diskCache';
import type { Projection } from '../../overview/types';
import { embeddedProjection } from './overview';

import { CYPHER_HINT, EmbeddedCore, MAX_SHORTEST_PATHS, sortedRecord, type EdgeAttrs } from './core';

/** The in-memory graph and its indexes, answering synchronously; `createEmbeddedStore` wraps it as a GraphStore. */
export class EmbeddedGraph extends EmbeddedCore {
  // ------------------------------------------------------------------ reads

  search(q: SearchQuery): SearchResult {
    return searchGraph(this.graph, this.index, this.weights, q);
  }

  entity(id: string): Entity {
    const props = this.props(id);
    const rels = this.incident(id).map((inc) => {
      const attrs = this.graph.getEdgeAttributes(inc.key);
      return { type: attrs.type, direction: inc.direction, props: attrs };
    });
    const figureLinks: { type: string; end: StoredProps }[] = [];
    this.graph.forEachOutEdge(id, (_k, attrs, _s, target) => {
      if (attrs.type === 'HAS_INDICATOR' || attrs.type === 'REPORTS')
        figureLinks.push({ type: attrs.type, end: this.graph.getNodeAttributes(target) });
    });
    return buildEntity(props, rels, figureLinks, this.deals);
  }

  relationships(id: string, q: RelationshipsQuery): RelationshipPage {
    const after = decodeCursor(q.cursor);
    this.props(id);
    const list = this.incident(id);
    let lo = 0;
    if (after !== undefined) {
      let hi = list.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (list[mid]!.key <= after) lo = mid + 1;
        else hi = mid;
      }
    }
    const types = q.types && q.types.length > 0 ? new Set<string>(q.types) : undefined;
    const items: RelationshipItem[] = [];
    let nextCursor: string | null = null;
    for (let i = lo; i < list.length; i++) {
      const inc = list[i]!;
      if (q.direction !== 'both' && q.direction !== inc.direction) continue;
      const attrs = this.graph.getEdgeAttributes(inc.key);
      if (types && !types.has(attrs.type)) continue;
      if (items.length === q.limit) {
        nextCursor = encodeCursor(items[items.length - 1]!.id);
        break;
      }
      const [source, target] = this.graph.extremities(inc.key);
      const other = this.graph.getNodeAttributes(source === id ? target : source);
      items.push(relationshipItem(attrs.type, inc.direction, attrs, other));
    }
    return { items, nextCursor };
  }

  between(q: BetweenQuery): RelationshipPage {
    this.props(q.from);
    this.props(q.to);
    return between(this.graph, q);
  }

  datasets(): DatasetsResult {
    return buildDatasets(datasetCounts(this.graph));
  }

  neighborhood(id: string, q: NeighborhoodQuery): SerializedGraph {
    checkNeighborPaging(q);
    this.props(id);
    const types = q.types && q.types.length > 0 ? new Set<string>(q.types) : undefined;
    const inSets = datasetFilter(q.datasets);
    if (q.depth === 1) {
      const page = this.neighborPage(id, q, types, inSets);
      return q.merge === false ? page : mergeParallel(page, this.deals);
    }
    const depthOf = new Map([[id, 0]]);
    const taken: string[] = [id];
    let truncated = false;
    let level = [id];
    for (let d = 1; d <= q.depth && level.length > 0 && !truncated; d++) {
      const next: string[] = [];
      for (const n of level)
        for (const s of this.steps(n, types))
          if (!depthOf.has(s.other) && inSets(this.graph.getNodeAttributes(s.other))) {
            depthOf.set(s.other, d);
            next.push(s.other);
          }
      next.sort(byString);
      for (const n of next) {
        if (taken.length >= q.limit) {
          truncated = true;
          break;
        }
        taken.push(n);
      }
      level = next;
    }
    if (taken.length > q.limit) {
      taken.length = q.limit;
      truncated = true;
    }
    const kept = new Set(taken);
    const g = emptySerializedGraph(truncated);
    g.nodes = taken.map((n) => this.graphNode(n, { depth: depthOf.get(n) }));
    g.edges = this.edgesAmong(kept, (a) => !types || types.has(a.type));
    return q.merge === false ? g : mergeParallel(g, this.deals);
  }

  /** One page of a node's direct neighbours (see server/store/neighborPage.ts). */
  private neighborPage(
    id: string,
    q: NeighborhoodQuery,
    types: Set<string> | undefined,
    inSets: (props: Record<string, unknown>) => boolean,
  ): SerializedGraph {
    const all = new Set<string>();
    for (const s of this.steps(id, types))
      if (s.other !== id && inSets(this.graph.getNodeAttributes(s.other))) all.add(s.other);
    const sortedIds = [...all].sort(byString);
    const page = sortedIds.slice(q.offset, q.offset + pageSize(q.limit));
    const taken = [id, ...page];
    const attrs = pageAttributes(sortedIds.length, q.offset, page.length);
    const g = emptySerializedGraph(attrs.truncated);
    g.attributes.totalNeighbors = attrs.totalNeighbors;
    g.attributes.nextOffset = attrs.nextOffset;
    g.nodes = taken.map((n, i) => this.graphNode(n, { depth: i === 0 ? 0 : 1 }));
    g.edges = this.edgesAmong(new Set(taken), (a) => !types || types.has(a.type));
    return g;
  }

  paths(q: PathsQuery): PathsResult {
    this.props(q.from);
    this.props(q.to);
    const types = q.types && q.types.length > 0 ? new Set<string>(q.types) : undefined;
    const steps = (n: string): Step[] => uniqueSteps(this.steps(n, types));
    const found = findPaths({
      from: q.from,
      to: q.to,
      maxHops: q.maxHops,
      k: q.k,
      maxShortest: MAX_SHORTEST_PATHS,
      steps,
      degree: (n) => this.graph.degreeWithoutSelfLoops(n),
    });
    return {
      paths: found.map((p) => ({
        nodes: p.nodes.map((n) => refOf(this.graph.getNodeAttributes(n))),
        relationships: p.edges.map((e) => {
          const attrs = this.graph.getEdgeAttributes(e);
          const [source, target] = this.graph.extremities(e);
          return { id: e, type: attrs.type, source, target, properties: relProperties(attrs) };
        }),
        hops: p.nodes.slice(1).map((n, i) => pathHop(joining(this.graph, p.nodes[i]!, n, types))),
      })),
    };
  }

  private flow(hop: number, key: string): Flow {
    const attrs = this.graph.getEdgeAttributes(key);
    const [source, target] = this.graph.extremities(key);
    return flowOf(hop, attrs.type, attrs, this.graph.getNodeAttributes(source), this.graph.getNodeAttributes(target));
  }

  flows(q: FlowsQuery): FlowsResult {
    let flows: Flow[] = [];
    let root = null;
    if (q.from !== undefined) {
      root = refOf(this.props(q.from));
      const down = q.direction === 'down';
      const reached = new Set([q.from]);
      const seen = new Set<string>();
      let level = [q.from];
      for (let hop = 1; hop <= q.depth && level.length > 0; hop++) {
        const next: string[] = [];
        const visit = (key: string, attrs: EdgeAttrs, source: string, target: string) => {
          if (!isMoneyType(attrs.type) || seen.has(key) || !inYear(attrs, q.year)) return;
          seen.add(key);
          flows.push(this.flow(hop, key));
          const w = down ? target : source;
          if (!reached.has(w)) {
            reached.add(w);
            next.push(w);
          }
        };
        for (const u of level) {
          if (down) this.graph.forEachOutEdge(u, visit);
          else this.graph.forEachInEdge(u, visit);
        }
        level = next;
      }
    } else {
      for (const key of this.moneyEdges)
        if (inYear(this.graph.getEdgeAttributes(key), q.year)) flows.push(this.flow(1, key));
    }
    flows.sort(compareFlows);
    if (q.region !== undefined) {
      const region = q.region;
      const next = (n: string) => [...(this.regionOut.get(n) ?? [])].map((key) => ({ id: this.graph.target(key) }));
      flows = flowsTouching(flows, (n) => isWithin(n, region, next));
    }
    const { page, nextCursor } = flowsPage(flows, q);
    const nodeIds = new Set<string>();
    for (const f of page) nodeIds.add(f.source.id).add(f.target.id);
    const graph = emptySerializedGraph(false);
    graph.nodes = [...nodeIds].sort(byString).map((n) => this.graphNode(n));
    graph.edges = page
      .map((f) => f.id)
      .sort(byString)
      .map((k) => this.graphEdge(k));
    return {
      root,
      direction: q.direction,
      flows: page,
      totalFlows: flows.length,
      nextCursor,
      totals: moneyTotals(flows, this.deals),
      byKind: aggregateMoney(flows, this.deals, (f) => ({ from: f.source.kind, to: f.target.kind })),
      byRegion: aggregateMoney(flows, this.deals, (f) => ({
        from: this.region(f.source.id),
        to: this.region(f.target.id),
      })),
      graph,
    };
  }

  overview(q: OverviewQuery): SerializedGraph {
    const inSets = datasetFilter(q.datasets);
    let ids: string[] = [];
    if (q.kinds && q.kinds.length > 0)
      for (const k of new Set(q.kinds)) for (const n of this.byKind.get(k) ?? []) ids.push(n);
    else ids = this.graph.filterNodes((_n, a) => a.kind !== 'Deal');
    if (q.datasets) ids = ids.filter((n) => inSets(this.graph.getNodeAttributes(n)));
    if (q.region !== undefined) {
      const region = q.region;
      const next = (n: string) => [...(this.regionOut.get(n) ?? [])].map((key) => ({ id: this.graph.target(key) }));
      const candidates = new Set(ids);
      const inside = new Set(ids.filter((n) => isWithin(n, region, next)));
      // the funders of the region's nodes stay, wherever they are (money crossing into the region)
      for (const m of [...inside])
        this.graph.forEachInEdge(m, (_k, a, source) => {
          if (isMoneyType(a.type) && candidates.has(source)) inside.add(source);
        });
      ids = [...inside];
    }
    const totalNodes = ids.length;
    let truncated = false;
    if (ids.length > q.limit) {
      const deg = new Map(ids.map((n) => [n, this.degree(n)]));
      ids.sort((a, b) => deg.get(b)! - deg.get(a)! || byString(a, b));
      ids.length = q.limit;
      truncated = true;
    }
    const kept = new Set(ids);
    const types = q.types && q.types.length > 0 ? new Set<string>(q.types) : undefined;
    const minAmount = q.minAmount;
    const g = emptySerializedGraph(truncated);
    g.attributes.totalNodes = totalNodes;
    g.nodes = [...kept].sort(byString).map((n) => this.graphNode(n));
    g.edges = this.edgesAmong(
      kept,
      (a) =>
        (!types || types.has(a.type)) &&
        (minAmount === undefined || (isMoneyType(a.type) && typeof a.amount === 'number' && a.amount >= minAmount)),
    );
    return q.merge === false ? g : mergeParallel(g, this.deals);
  }

  cofunding(q: CofundingQuery): SerializedGraph {
    const kinds = q.kinds && q.kinds.length > 0 ? new Set<string>(q.kinds) : undefined;
    /** funder → recipient → money relationships */
    const funded = new Map<string, Map<string, string[]>>();
    const inSets = datasetFilter(q.datasets);
    for (const key of this.moneyEdges) {
      const [source, target] = this.graph.extremities(key);
      if (!inSets(this.graph.getNodeAttributes(target))) continue;
      let m = funded.get(source);
      if (!m) funded.set(source, (m = new Map<string, string[]>()));
      const list = m.get(target);
      if (list) list.push(key);
      else m.set(target, [key]);
    }
    return buildCofunding(
      funded,
      (f) =>
        (!kinds || kinds.has(String(this.graph.getNodeAttribute(f, 'kind')))) &&
        inSets(this.graph.getNodeAttributes(f)),
      q,
      (k) => this.money(k),
      (n, recipients) => this.graphNode(n, { recipients }),
      this.deals,
    );
  }

  stats(): Stats {
    if (this.statsCache) return structuredClone(this.statsCache);
    const nodes = sortedRecord([...this.byKind].map(([k, s]) => [k, s.size]));
    const relationships = sortedRecord(REL_TYPES.map((t) => [t, this.typeCounts.get(t) ?? 0]));
    const money = moneyTotals(
      [...this.moneyEdges].map((k) => this.money(k)),
      this.deals,
    );
    this.statsCache = {
      nodes,
      relationships,
      totals: { nodes: this.graph.order, relationships: this.graph.size },
      money,
    };
    return structuredClone(this.statsCache);
  }

  version(): string {
    return `embedded-${this.writes}`;
  }

  projection(): Projection {
    return embeddedProjection(this.graph);
  }

  deal(id: string): Deal {
    const props = this.graph.hasNode(id) ? this.graph.getNodeAttributes(id) : undefined;
    if (props?.kind !== 'Deal')
      throw new NotFoundError(`no deal with id "${id}"`, {
        where: id,
        hint: 'a deal id is the `deal` property of a money relationship (see /api/flows)',
      });
    const participants = [...(this.dealMembers.get(id) ?? [])].map((key) => {
      const attrs = this.graph.getEdgeAttributes(key);
      const [source, target] = this.graph.extremities(key);
      return dealParticipant(
        attrs.type,
        attrs,
        this.graph.getNodeAttributes(source),
        this.graph.getNodeAttributes(target),
      );
    });
    return buildDeal(props, participants);
  }
}

/** Lets pending I/O run between the batches of a long load. */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Runs `f` as a promise, so that what it throws becomes a rejection. */
const answer = <T>(f: () => T): Promise<T> => new Promise<T>((resolve) => resolve(f()));

/** A new, empty embedded store; its layouts are cached in `layoutDir` (default under the OS temp folder). */
export function createEmbeddedStore(layoutDir = join(tmpdir(), 'innograph-layouts')): GraphStore {
  const g = new EmbeddedGraph();
  const layouts = new DiskLayoutCache(layoutDir);
  return {
    backend: 'embedded',
    ping: () => Promise.resolve(),
    applySchema: () => Promise.resolve(),
    close: () => Promise.resolve(),
    clear: () => answer(() => g.clear()),
    upsertNodes: (nodes) => answer(() => g.upsertNodes(nodes)),
    upsertRelationships: (relationships) => answer(() => g.upsertRelationships(relationships)),
    upsertGraph: async (graph, batchSize = 1000) => {
      const counts = emptyCounts();
      const size = Math.max(1, batchSize);
      for (let i = 0; i < graph.nodes.length; i += size) {
        addCounts(counts, g.upsertNodes(graph.nodes.slice(i, i + size)));
        await yieldToEventLoop();
      }
      for (let i = 0; i < graph.relationships.length; i += size) {
        addCounts(counts, g.upsertRelationships(graph.relationships.slice(i, i + size)));
        await yieldToEventLoop();
      }
      return counts;
    },
    search: (q) => answer(() => g.search(q)),
    entity: (id) => answer(() => g.entity(id)),
    relationships: (id, q) => answer(() => g.relationships(id, q)),
    between: (q) => answer(() => g.between(q)),
    datasets: () => answer(() => g.datasets()),
    neighborhood: (id, q) => answer(() => g.neighborhood(id, q)),
    paths: (q) => answer(() => g.paths(q)),
    flows: (q) => answer(() => g.flows(q)),
    overview: (q) => answer(() => g.overview(q)),
    cofunding: (q) => answer(() => g.cofunding(q)),
    stats: () => answer(() => g.stats()),
    deal: (id) => answer(() => g.deal(id)),
    dataVersion: () => answer(() => g.version()),
    projection: () => answer(() => g.projection()),
    readLayout: (key, version) => layouts.read(key, version),
    writeLayout: (key, version, layout) => layouts.write(key, version, layout),
    cypher: () =>
      Promise.reject(
        new NotSupportedError('Cypher queries need the Neo4j store; this server runs the embedded store', {
          where: 'POST /api/cypher',
          hint: CYPHER_HINT,
        }),
      ),
  };
}

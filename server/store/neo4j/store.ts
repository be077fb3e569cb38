/**
 * The Neo4j store (backend 'neo4j'): GraphStore over a Neo4j 5 database. Every query is a named file in
 * cypher/queries/ run through server/neo4j/run.ts; Cypher fetches the candidates and TypeScript applies
 * the ordering and capping rules of SEMANTICS.md with the helpers shared with the embedded store
 * (common.ts, rank.ts), so that both stores give the same answers.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Driver } from 'neo4j-driver';
import type {
  BetweenQuery,
  CofundingQuery,
  CypherRequest,
  CypherResult,
  DatasetsResult,
  Deal,
  Entity,
  Flow,
  FlowsQuery,
  FlowsResult,
  NeighborhoodQuery,
  NodeRef,
  OverviewQuery,
  PathsQuery,
  PathsResult,
  RelationshipPage,
  RelationshipsQuery,
  SearchQuery,
  SearchResult,
  SerializedGraph,
  Stats,
} from '../../api/schemas';
import type { Config } from '../../config';
import { AppError, NotFoundError, QueryError } from '../../errors';
import {
  NODE_KINDS,
  ORG_LABEL,
  isNodeKind,
  isRelType,
  labelsOf,
  type GraphData,
  type Node,
  type NodeKind,
  type Relationship,
  type RelType,
} from '../../model/model';
import { collectGraph, type PlainNode, type PlainRelationship, toPlainWith } from '../../neo4j/convert';
import { CypherConsole, DEFAULT_MAX_BYTES } from '../../neo4j/console';
import { createDriver, type DriverOptions } from '../../neo4j/driver';
import { checkNeighborPaging } from '../neighborPage';
import { neighborPage } from './neighborPage';
import {
  CYPHER_DIR,
  CypherRunner,
  label,
  labelFilter,
  labels,
  relType,
  type Row,
  type TxRunner,
} from '../../neo4j/run';
import {
  buildEntity,
  byString,
  compareFlows,
  decodeCursor,
  edgeAttributes,
  emptySerializedGraph,
  encodeCursor,
  flowOf,
  inYear,
  isMoneyType,
  nodeAttributes,
  refOf,
  buildCofunding,
  isWithin,
  REGION_MAX_HOPS,
  regionOf,
  relationshipItem,
  toNeo4jNode,
  toStoredRel,
  type StoredProps,
} from '../common';
import { aggregateMoney, dealIds, moneyTotals } from '../deals';
import { flowsPage, flowsTouching } from '../flowsPage';
import { addCounts, emptyCounts, type CypherOptions, type GraphStore, type WriteCounts } from '../store';
import { guardCypher } from './cypherGuard';
import { dealLookupOf, readDeal, readDealLookup } from './deals';
import { searchNeo4j } from './search';
import { SearchWeights, type SearchWeightsOptions } from './weights';
import { backfillSearchNames } from './backfill';
import { mergedUnless, readBetween, readDatasets, readPaths } from './views';
import { datasetFilter } from '../datasets';
import { checkNodes, checkRelationships } from './validate';
import { findRels } from './writes';
import { Neo4jOverview, withoutLayout } from './overview';
import { Neo4jOverviewCache } from './overviewCache';
import { PerVersion } from './memo';
import type { Projection } from '../../overview/types';

const MODEL_LABELS = new Set<string>([...NODE_KINDS, ORG_LABEL]);
const DEFAULT_BATCH = 1000;
/** writes (upsert batches, clear, schema) are bulk work: they get this much time, however short QUERY_TIMEOUT_MS is */
const WRITE_TIMEOUT_MS = 300_000;
/** Time limit of the search importance table's query (or QUERY_TIMEOUT_MS if longer): it reads every node. */
const TABLE_TIMEOUT_MS = 60_000;
const CLEAR_BATCH = 10_000;
/** candidates taken from each full-text index */
/** element-id lookups of relationship ends for the Cypher endpoint's graph */
const MAX_END_LOOKUPS = 10_000;

type GraphNode = SerializedGraph['nodes'][number];
type GraphEdge = SerializedGraph['edges'][number];

// ---------------------------------------------------------------- narrowing of plain rows

const rec = (v: unknown): Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
const str = (v: unknown): string => (typeof v === 'string' ? v : String(v));
const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v));
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const strings = (v: unknown): string[] => list(v).filter((x): x is string => typeof x === 'string');

function relTypeOf(v: unknown): RelType {
  const t = str(v);
  if (!isRelType(t)) throw new AppError('INTERNAL', 500, `Neo4j holds a relationship of unknown type "${t}"`);
  return t;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => x === b[i]);
  return a === b;
}

/** True when two flat property maps hold the same keys and values. */
function sameProps(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => k in b && sameValue(a[k], b[k]));
}

const sameSet = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && [...a].sort().join('\u0000') === [...b].sort().join('\u0000');

interface FoundNode {
  id: string;
  eid: string;
  labels: string[];
  props: Record<string, unknown>;
}

/** find-nodes rows by id (the first row of an id wins). */
function foundNodes(rows: Row[]): Map<string, FoundNode> {
  const out = new Map<string, FoundNode>();
  for (const row of rows) {
    const id = str(row.id);
    if (!out.has(id))
      out.set(id, { id, eid: str(row.eid), labels: strings(row.labels), props: withoutLayout(rec(row.props)) });
  }
  return out;
}

/** The statements of a schema file: `//` comment lines dropped, split on `;`. */
export function schemaStatements(text: string): string[] {
  return text
    .split('\n')
    .filter((l) => !l.trim().startsWith('//'))
    .join('\n')
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

class Neo4jStore implements GraphStore {
  readonly backend = 'neo4j' as const;
  private readonly runner: CypherRunner;
  private readonly weights: SearchWeights;
  private readonly ownsDriver: boolean;
  private readonly console: CypherConsole;
  private readonly ov: Neo4jOverview;
  private readonly ovCache: Neo4jOverviewCache;
  /** stats and datasets per data version (memo.ts) */
  private readonly perVersion = new PerVersion(() => this.dataVersion());
  /** this process's writes, part of the data version (server/store/neo4j/overview.ts) */
  private writes = 0;

  constructor(runner: CypherRunner, ownsDriver: boolean, console: CypherConsole, weights: SearchWeightsOptions) {
    this.runner = runner;
    this.weights = new SearchWeights(runner, weights);
    this.ov = new Neo4jOverview(runner);
    this.ovCache = new Neo4jOverviewCache(runner);
    this.ownsDriver = ownsDriver;
    this.console = console;
  }

  async ping(): Promise<void> {
    await this.runner.ping();
  }

  async applySchema(): Promise<void> {
    const text = readFileSync(join(CYPHER_DIR, 'schema.cypher'), 'utf8');
    for (const stmt of schemaStatements(text))
      await this.runner.runText('schema', stmt, {}, { routing: 'WRITE', timeoutMs: WRITE_TIMEOUT_MS });
    await backfillSearchNames(this.runner, WRITE_TIMEOUT_MS);
    await this.runner.run(
      'await-indexes',
      { seconds: 300 },
      { routing: 'WRITE', timeoutMs: WRITE_TIMEOUT_MS + 10_000 },
    );
  }

  async warm(): Promise<string> {
    // what the client asks for first, before the search table
    await Promise.all([this.stats(), this.datasets()]).catch(() => undefined);
    await this.weights.warm();
    return this.weights.describe();
  }

  async close(): Promise<void> {
    if (this.ownsDriver) await this.runner.driver.close();
  }

  async clear(): Promise<void> {
    for (const query of ['clear-rels-batch', 'clear-batch'])
      for (;;) {
        const [row] = await this.runner.write(query, { batch: CLEAR_BATCH }, undefined, WRITE_TIMEOUT_MS);
        if (num(row?.deleted ?? 0) === 0) break;
      }
    this.weights.clear();
  }

  // ---------------------------------------------------------------- writes

  async upsertNodes(nodes: Node[]): Promise<WriteCounts> {
    return this.written(await this.writeNodes(checkNodes(nodes)));
  }

  async upsertRelationships(relationships: Relationship[]): Promise<WriteCounts> {
    return this.written(await this.writeRelationships(checkRelationships(relationships)));
  }

  /** Forgets the search weights and the kept overview answers a write may change. */
  private async written(counts: WriteCounts): Promise<WriteCounts> {
    this.weights.clear();
    this.writes++;
    await this.ovCache.drop();
    return counts;
  }

  async upsertGraph(graph: GraphData, batchSize = DEFAULT_BATCH): Promise<WriteCounts> {
    const nodes = checkNodes(graph.nodes);
    const rels = checkRelationships(graph.relationships);
    const size = Math.max(1, Math.floor(batchSize));
    const counts = emptyCounts();
    for (let i = 0; i < nodes.length; i += size) addCounts(counts, await this.writeNodes(nodes.slice(i, i + size)));
    for (let i = 0; i < rels.length; i += size)
      addCounts(counts, await this.writeRelationships(rels.slice(i, i + size)));
    return this.written(counts);
  }

  /**
   * The nodes with `ids` by id: organisations first (one index seek each), then the rest across every
   * label. `full: false` leaves labels and props empty (the ends of relationships).
   */
  private static async findNodes(tx: TxRunner, ids: string[], full = true): Promise<Map<string, FoundNode>> {
    const found = foundNodes(await tx.run('find-orgs', { ids, full }));
    const rest = ids.filter((id) => !found.has(id));
    if (rest.length > 0)
      for (const [id, n] of foundNodes(await tx.run('find-nodes', { ids: rest, full }))) found.set(id, n);
    return found;
  }

  /** One batch of parsed nodes in one write transaction. */
  private async writeNodes(nodes: Node[]): Promise<WriteCounts> {
    const plan = new Map<string, { kind: NodeKind; props: StoredProps }>();
    for (const n of nodes) plan.set(n.id, { kind: n.kind, props: toNeo4jNode(n) });
    if (plan.size === 0) return emptyCounts();
    return this.runner.writeTransaction(
      'upsert-nodes',
      async (tx) => {
        const counts = emptyCounts();
        const existing = await Neo4jStore.findNodes(tx, [...plan.keys()]);
        const byKind = new Map<NodeKind, { id: string; props: StoredProps }[]>();
        for (const [id, { kind, props }] of plan) {
          const old = existing.get(id);
          const wanted = labelsOf(kind);
          if (!old) counts.nodesCreated++;
          else {
            const had = old.labels.filter((l) => MODEL_LABELS.has(l));
            const relabel = !sameSet(had, wanted);
            if (relabel && had.length > 0)
              await tx.run('relabel-node', { eid: old.eid }, { OLD_LABELS: labels(had), NEW_LABELS: labels(wanted) });
            const changed = !sameProps(old.props, props);
            if (changed) counts.nodesUpdated++;
            if (!changed && !relabel) continue;
          }
          const rows = byKind.get(kind) ?? [];
          rows.push({ id, props });
          byKind.set(kind, rows);
        }
        for (const [kind, rows] of byKind)
          await tx.run('upsert-nodes', { rows }, { LABEL: label(kind), LABELS: labels(labelsOf(kind)) });
        return counts;
      },
      WRITE_TIMEOUT_MS,
    );
  }

  /**
   * One batch of parsed relationships in one write transaction; those with a missing end are reported.
   * The ids are looked up in every type that has relationships (find-rels, sent with the ends'
   * look-up): new ones are created, changed ones updated in place, and one whose type or ends changed is deleted and created anew;
   * unchanged ones are not written.
   */
  private async writeRelationships(rels: Relationship[]): Promise<WriteCounts> {
    if (rels.length === 0) return emptyCounts();
    return this.runner.writeTransaction(
      'upsert-relationships',
      async (tx) => {
        const counts = emptyCounts();
        // the ends and the stored relationships of every id of the batch, both sent at once
        const [ends, existing] = await Promise.all([
          Neo4jStore.findNodes(tx, [...new Set(rels.flatMap((r) => [r.source, r.target]))], false),
          findRels(tx, [...new Set(rels.map((r) => r.id))]),
        ]);
        const plan = new Map<string, Relationship>();
        for (const r of rels) {
          if (ends.has(r.source) && ends.has(r.target)) plan.set(r.id, r);
          else counts.missingEndpoints.push(r.id);
        }
        if (plan.size === 0) return counts;
        const stale: string[] = [];
        const creates = new Map<RelType, { a: string; b: string; props: StoredProps }[]>();
        const updates: { eid: string; props: StoredProps }[] = [];
        for (const [id, r] of plan) {
          const props = toStoredRel(r);
          const olds = existing.get(id) ?? [];
          const same = olds.find((o) => o.type === r.type && o.source === r.source && o.target === r.target);
          for (const o of olds) if (o !== same) stale.push(o.eid);
          const changed = same !== undefined && !sameProps(same.props, props);
          if (olds.length === 0) counts.relationshipsCreated++;
          else if (!same || olds.length > 1 || changed) counts.relationshipsUpdated++;
          if (same) {
            if (changed) updates.push({ eid: same.eid, props });
            continue;
          }
          const rows = creates.get(r.type) ?? [];
          rows.push({ a: ends.get(r.source)!.eid, b: ends.get(r.target)!.eid, props });
          creates.set(r.type, rows);
        }
        if (stale.length > 0) await tx.run('delete-rels', { eids: stale });
        for (const [type, rows] of creates) await tx.run('create-rels', { rows }, { TYPE: relType(type) });
        if (updates.length > 0) await tx.run('update-rels', { rows: updates });
        return counts;
      },
      WRITE_TIMEOUT_MS,
    );
  }

  // ---------------------------------------------------------------- lookups

  private async findNodes(ids: string[]): Promise<Map<string, FoundNode>> {
    return foundNodes(await this.runner.read('find-nodes', { ids, full: true }));
  }

  /** The node with `id`; NotFoundError when there is none. */
  private async node(id: string): Promise<FoundNode> {
    const n = (await this.findNodes([id])).get(id);
    if (!n)
      throw new NotFoundError(`no entity with id "${id}"`, { where: id, hint: 'look the id up with /api/search' });
    return n;
  }

  /** `regionOf` over the current LOCATED_IN / PART_OF relationships, memoised for one answer. */
  /** regionOf over the graph's location links: those around the nodes of `eids` only, when given. */
  private async regionResolver(eids?: Iterable<string>): Promise<(id: string) => string> {
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
  private async locationLinksAround(eids: Iterable<string>): Promise<Map<string, { id: string; kind: string }[]>> {
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

  private async locationLinks(): Promise<Map<string, { id: string; kind: string }[]>> {
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
  private async edgesAmong(
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

  // ---------------------------------------------------------------- reads

  search(q: SearchQuery): Promise<SearchResult> {
    return searchNeo4j(this.runner, this.weights, q);
  }

  async entity(id: string): Promise<Entity> {
    const [row] = await this.runner.read('entity', { id });
    if (!row)
      throw new NotFoundError(`no entity with id "${id}"`, { where: id, hint: 'look the id up with /api/search' });
    const rels = list(row.rels)
      .map(rec)
      .map((r) => ({
        type: str(r.type),
        direction: r.out === true ? ('out' as const) : ('in' as const),
        props: rec(r.props),
      }))
      .sort((a, b) => byString(str(a.props.id), str(b.props.id)));
    const figureLinks = list(row.figures)
      .map(rec)
      .map((r) => ({ type: str(r.type), end: rec(r.end) }));
    return buildEntity(withoutLayout(rec(row.props)), rels, figureLinks, dealLookupOf(list(row.deals)));
  }

  async relationships(id: string, q: RelationshipsQuery): Promise<RelationshipPage> {
    const after = decodeCursor(q.cursor);
    const [page] = await this.runner.read('relationships-page', {
      id,
      types: q.types && q.types.length > 0 ? q.types : null,
      direction: q.direction,
      after: after ?? null,
      limit: q.limit + 1,
    });
    if (!page)
      throw new NotFoundError(`no entity with id "${id}"`, { where: id, hint: 'look the id up with /api/search' });
    const rows = list(page.items).map(rec);
    const items = rows
      .slice(0, q.limit)
      .map((r) =>
        relationshipItem(relTypeOf(r.type), r.direction === 'out' ? 'out' : 'in', rec(r.props), rec(r.other)),
      );
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > q.limit && last ? encodeCursor(last.id) : null };
  }

  async neighborhood(id: string, q: NeighborhoodQuery): Promise<SerializedGraph> {
    checkNeighborPaging(q);
    const root = await this.node(id);
    const types = q.types && q.types.length > 0 ? q.types : null;
    const inSets = datasetFilter(q.datasets);
    if (q.depth === 1)
      return mergedUnless(
        this.runner,
        await neighborPage(
          { read: (name, params) => this.runner.read(name, params), edgesAmong: (m, t) => this.edgesAmong(m, t) },
          root,
          q,
          types,
        ),
        q.merge,
      );
    const found = new Map<string, { eid: string; depth: number }>([[id, { eid: root.eid, depth: 0 }]]);
    const taken: string[] = [id];
    let truncated = false;
    let level = [root.eid];
    for (let d = 1; d <= q.depth && level.length > 0 && !truncated; d++) {
      const next: string[] = [];
      for (const row of await this.runner.read('expand', { eids: level, types })) {
        const nid = str(row.id);
        if (found.has(nid) || !inSets(row)) continue;
        found.set(nid, { eid: str(row.eid), depth: d });
        next.push(nid);
      }
      next.sort(byString);
      for (const nid of next) {
        if (taken.length >= q.limit) {
          truncated = true;
          break;
        }
        taken.push(nid);
      }
      level = next.map((nid) => found.get(nid)!.eid);
    }
    const props = new Map<string, Record<string, unknown>>([[root.eid, root.props]]);
    const others = taken.slice(1).map((nid) => found.get(nid)!.eid);
    if (others.length > 0)
      for (const row of await this.runner.read('node-props', { eids: others })) props.set(str(row.eid), rec(row.props));
    const g = emptySerializedGraph(truncated);
    g.nodes = taken.map((nid) => {
      const f = found.get(nid)!;
      return { key: nid, attributes: nodeAttributes(props.get(f.eid) ?? {}, { depth: f.depth }) };
    });
    g.edges = await this.edgesAmong(new Map(taken.map((nid) => [found.get(nid)!.eid, nid])), types ?? undefined);
    return mergedUnless(this.runner, g, q.merge);
  }

  async paths(q: PathsQuery): Promise<PathsResult> {
    return readPaths(this.runner, await this.node(q.from), await this.node(q.to), q);
  }

  async between(q: BetweenQuery): Promise<RelationshipPage> {
    return readBetween(this.runner, await this.node(q.from), await this.node(q.to), q);
  }

  datasets(): Promise<DatasetsResult> {
    return this.perVersion.get('datasets', () => this.readDatasets());
  }

  private readDatasets(): Promise<DatasetsResult> {
    return readDatasets(this.runner);
  }

  async flows(q: FlowsQuery): Promise<FlowsResult> {
    let flows: Flow[] = [];
    const nodeProps = new Map<string, Record<string, unknown>>();
    const relInfo = new Map<string, { type: RelType; props: Record<string, unknown> }>();
    const ends = new Set<string>();
    const add = (hop: number, row: Row) => {
      if (row.fromEid !== undefined) ends.add(str(row.fromEid)).add(str(row.toEid));
      const type = relTypeOf(row.type);
      const props = rec(row.props);
      const source = rec(row.source);
      const target = rec(row.target);
      flows.push(flowOf(hop, type, props, source, target));
      nodeProps.set(str(source.id), source);
      nodeProps.set(str(target.id), target);
      relInfo.set(str(row.id), { type, props });
    };
    let root: NodeRef | null = null;
    if (q.from !== undefined) {
      const start = await this.node(q.from);
      root = refOf(start.props);
      const name = q.direction === 'down' ? 'money-step-down' : 'money-step-up';
      const reached = new Set([start.eid]);
      const seen = new Set<string>();
      let level = [start.eid];
      for (let hop = 1; hop <= q.depth && level.length > 0; hop++) {
        const next: string[] = [];
        const rows = (await this.runner.read(name, { eids: level })).sort((a, b) => byString(str(a.id), str(b.id)));
        for (const row of rows) {
          const rid = str(row.id);
          if (seen.has(rid) || !inYear(rec(row.props), q.year)) continue;
          seen.add(rid);
          add(hop, row);
          const w = str(row.toEid);
          if (!reached.has(w)) {
            reached.add(w);
            next.push(w);
          }
        }
        level = next;
      }
    } else {
      for (const row of await this.runner.read('money-all')) if (inYear(rec(row.props), q.year)) add(1, row);
    }
    flows.sort(compareFlows);
    if (q.region !== undefined) {
      const next = await this.locationLinks();
      const region = q.region;
      flows = flowsTouching(flows, (id) => isWithin(id, region, (n) => next.get(n) ?? []));
    }
    const { page, nextCursor } = flowsPage(flows, q);
    const pageNodes = new Set(page.flatMap((f) => [f.source.id, f.target.id]));
    const graph = emptySerializedGraph(false);
    graph.nodes = [...pageNodes]
      .sort(byString)
      .map((nid) => ({ key: nid, attributes: nodeAttributes(nodeProps.get(nid)!) }));
    graph.edges = page
      .map((f) => ({ f, info: relInfo.get(f.id)! }))
      .sort((a, b) => byString(a.f.id, b.f.id))
      .map(({ f, info }) => ({
        key: f.id,
        source: f.source.id,
        target: f.target.id,
        attributes: edgeAttributes(info.type, info.props),
      }));
    const region = flows.some((f) => f.amount !== null || f.deal !== undefined)
      ? await this.regionResolver(q.from !== undefined ? ends : undefined)
      : () => 'unknown';
    const deals = await readDealLookup(this.runner, dealIds(flows));
    return {
      root,
      direction: q.direction,
      flows: page,
      totalFlows: flows.length,
      nextCursor,
      totals: moneyTotals(flows, deals),
      byKind: aggregateMoney(flows, deals, (f) => ({ from: f.source.kind, to: f.target.kind })),
      byRegion: aggregateMoney(flows, deals, (f) => ({ from: region(f.source.id), to: region(f.target.id) })),
      graph,
    };
  }

  async overview(q: OverviewQuery): Promise<SerializedGraph> {
    const inSets = datasetFilter(q.datasets);
    const kinds = q.kinds && q.kinds.length > 0 ? [...new Set(q.kinds)] : undefined;
    // kind and data set only: the properties of the nodes kept are read once they are chosen
    let nodes = (await this.runner.read('overview-nodes', {}, { LABELS: labelFilter(kinds) })).map((r) => ({
      id: str(r.id),
      eid: str(r.eid),
      props: { kind: r.kind, dataset: r.dataset },
      degree: num(r.degree),
    }));
    if (!kinds) nodes = nodes.filter((n) => n.props.kind !== 'Deal');
    if (q.datasets) nodes = nodes.filter((n) => inSets(n.props));
    if (q.region !== undefined) {
      const next = await this.locationLinks();
      const target = q.region;
      const candidates = new Map(nodes.map((n) => [n.id, n]));
      const inside = new Map(
        nodes.filter((n) => isWithin(n.id, target, (id) => next.get(id) ?? [])).map((n) => [n.id, n]),
      );
      // the funders of the region's nodes stay, wherever they are (money crossing into the region)
      if (inside.size > 0)
        for (const row of await this.runner.read('money-sources-of', {
          eids: [...inside.values()].map((n) => n.eid),
        })) {
          const f = candidates.get(str(row.id));
          if (f) inside.set(f.id, f);
        }
      nodes = [...inside.values()];
    }
    const totalNodes = nodes.length;
    let truncated = false;
    if (nodes.length > q.limit) {
      nodes.sort((a, b) => b.degree - a.degree || byString(a.id, b.id));
      nodes = nodes.slice(0, q.limit);
      truncated = true;
    }
    nodes.sort((a, b) => byString(a.id, b.id));
    const props = new Map<string, Record<string, unknown>>();
    for (const row of await this.runner.read('node-props', { eids: nodes.map((n) => n.eid) }))
      props.set(str(row.eid), rec(row.props));
    // (a node deleted meanwhile is left out)
    nodes = nodes.filter((n) => props.has(n.eid));
    const minAmount = q.minAmount;
    const g = emptySerializedGraph(truncated);
    g.attributes.totalNodes = totalNodes;
    g.nodes = nodes.map((n): GraphNode => ({ key: n.id, attributes: nodeAttributes(props.get(n.eid) ?? {}) }));
    g.edges = await this.edgesAmong(
      new Map(nodes.map((n) => [n.eid, n.id])),
      q.types,
      (type, props) =>
        minAmount === undefined || (isMoneyType(type) && typeof props.amount === 'number' && props.amount >= minAmount),
    );
    return mergedUnless(this.runner, g, q.merge);
  }

  async cofunding(q: CofundingQuery): Promise<SerializedGraph> {
    const kinds = q.kinds && q.kinds.length > 0 ? new Set<string>(q.kinds) : undefined;
    const inSets = datasetFilter(q.datasets);
    const rows = (await this.runner.read('money-all'))
      .filter((r) => inSets(rec(r.source)) && inSets(rec(r.target)))
      .sort((a, b) => byString(str(a.id), str(b.id)));
    const props = new Map<string, Record<string, unknown>>();
    /** funder → recipient → money of its relationships */
    const funded = new Map<string, Map<string, Record<string, unknown>[]>>();
    for (const row of rows) {
      const source = rec(row.source);
      const target = rec(row.target);
      const rp = rec(row.props);
      const s = str(source.id);
      const t = str(target.id);
      props.set(s, source);
      let m = funded.get(s);
      if (!m) funded.set(s, (m = new Map<string, Record<string, unknown>[]>()));
      const money = m.get(t) ?? [];
      money.push(rp);
      m.set(t, money);
    }
    const deals = await readDealLookup(this.runner, dealIds(rows.map((r) => rec(r.props))));
    return buildCofunding(
      funded,
      (f) => !kinds || kinds.has(str(props.get(f)!.kind)),
      q,
      (m) => m,
      (n, recipients) => ({ key: n, attributes: nodeAttributes(props.get(n)!, { recipients }) }),
      deals,
    );
  }

  stats(): Promise<Stats> {
    return this.perVersion.get('stats', () => this.readStats());
  }

  private async readStats(): Promise<Stats> {
    const count = (rows: Row[], key: string): Record<string, number> =>
      Object.fromEntries(
        rows
          .filter((r) => typeof r[key] === 'string' && num(r.count) > 0)
          .map((r): [string, number] => [str(r[key]), num(r.count)])
          .sort(([a], [b]) => byString(a, b)),
      );
    const nodes = count(await this.runner.read('stats-nodes'), 'kind');
    const relationships = count(await this.runner.read('stats-rels'), 'type');
    const moneyRows = await this.runner.read('stats-money');
    const money = moneyTotals(moneyRows, await readDealLookup(this.runner, dealIds(moneyRows)));
    const sum = (o: Record<string, number>) => Object.values(o).reduce((s, n) => s + n, 0);
    return { nodes, relationships, totals: { nodes: sum(nodes), relationships: sum(relationships) }, money };
  }

  deal(id: string): Promise<Deal> {
    return readDeal(this.runner, id);
  }

  dataVersion = (): Promise<string> => this.ov.version(this.writes);
  projection = (): Promise<Projection> => this.ov.projection();
  readLayout: GraphStore['readLayout'] = (key, version) => this.ov.readLayout(key, version);
  writeLayout: GraphStore['writeLayout'] = (key, version, layout) => this.ov.writeLayout(key, version, layout);
  readOverview = (key: string, version: string): Promise<unknown> => this.ovCache.read(key, version);
  writeOverview = (key: string, version: string, answer: unknown): Promise<void> =>
    this.ovCache.write(key, version, answer);

  async cypher(req: CypherRequest, opts: CypherOptions): Promise<CypherResult> {
    const t0 = performance.now();
    const text = guardCypher(req.query);
    const raw = await this.console.run('cypher-endpoint', text, req.params ?? {}, {
      timeoutMs: opts.timeoutMs,
      maxRows: opts.maxRows,
      maxBytes: opts.maxBytes ?? DEFAULT_MAX_BYTES,
      signal: opts.signal,
      beforeRun: (queryType) => {
        if (queryType !== 'r')
          throw new QueryError(
            'QUERY_REFUSED',
            `Cypher refused: Neo4j plans this query as type "${queryType}", not read-only ("r")`,
            {
              where: 'body field "query"',
              hint: 'the Cypher endpoint runs read-only queries only',
            },
          );
      },
    });
    const found = { nodes: new Map<string, PlainNode>(), relationships: new Map<string, PlainRelationship>() };
    for (const record of raw.records) for (const k of raw.keys) collectGraph(record.get(k), found);
    const missing = new Set<string>();
    for (const r of found.relationships.values())
      for (const e of [r.startElementId, r.endElementId]) if (!found.nodes.has(e)) missing.add(e);
    if (missing.size > 0) {
      const rows = await this.runner.run(
        'element-nodes',
        { eids: [...missing].slice(0, MAX_END_LOOKUPS) },
        { routing: 'READ', timeoutMs: opts.timeoutMs },
      );
      for (const row of rows) {
        const n = rec(row.n);
        if (typeof n.elementId === 'string')
          found.nodes.set(n.elementId, {
            id: str(n.id),
            elementId: n.elementId,
            labels: strings(n.labels),
            properties: rec(n.properties),
          });
      }
    }
    const keyOf = (eid: string): string => found.nodes.get(eid)?.id ?? eid;
    const shape = {
      node: (n: PlainNode) => ({ id: n.id, labels: n.labels, properties: n.properties }),
      relationship: (r: PlainRelationship) => ({
        id: r.id,
        type: r.type,
        start: keyOf(r.startElementId),
        end: keyOf(r.endElementId),
        properties: r.properties,
      }),
    };
    const rows = raw.records.map((record) => raw.keys.map((k) => toPlainWith(record.get(k), shape)));
    // The graph holds what the API's graph format can carry: nodes of a model kind, and relationships
    // of a model type between two of them (not, e.g., the virtual nodes of db.schema.visualization).
    const graph = emptySerializedGraph(false);
    const nodeByKey = new Map<string, GraphNode>();
    for (const n of found.nodes.values()) {
      const p = n.properties;
      const kind = typeof p.kind === 'string' && isNodeKind(p.kind) ? p.kind : n.labels.find(isNodeKind);
      if (kind === undefined || nodeByKey.has(n.id)) continue;
      nodeByKey.set(n.id, {
        key: n.id,
        attributes: {
          ...nodeAttributes({ ...p, name: typeof p.name === 'string' ? p.name : n.id, kind }),
          labels: n.labels,
        },
      });
    }
    graph.nodes = [...nodeByKey.values()].sort((a, b) => byString(a.key, b.key));
    const edgeByKey = new Map<string, GraphEdge>();
    for (const r of found.relationships.values()) {
      const source = keyOf(r.startElementId);
      const target = keyOf(r.endElementId);
      if (!isRelType(r.type) || edgeByKey.has(r.id) || !nodeByKey.has(source) || !nodeByKey.has(target)) continue;
      edgeByKey.set(r.id, { key: r.id, source, target, attributes: edgeAttributes(r.type, r.properties) });
    }
    graph.edges = [...edgeByKey.values()].sort((a, b) => byString(a.key, b.key));
    return {
      columns: raw.keys,
      rows,
      graph,
      truncated: raw.truncated,
      timing: { ms: Math.round((performance.now() - t0) * 10) / 10 },
    };
  }
}

/** Options of the Neo4j store: driver timeouts, or an existing driver (then not closed by `close()`). */
export interface Neo4jStoreOptions extends DriverOptions {
  driver?: Driver;
}

/**
 * A GraphStore over the Neo4j database named by the config (NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD,
 * NEO4J_DATABASE; QUERY_TIMEOUT_MS is the default transaction timeout). Creating it does not connect;
 * `ping()` checks the connection.
 */
export function createNeo4jStore(config: Config, options: Neo4jStoreOptions = {}): GraphStore {
  const { driver: given, ...driverOptions } = options;
  const driver = given ?? createDriver(config, driverOptions);
  const runner = new CypherRunner(driver, {
    database: config.NEO4J_DATABASE,
    defaultTimeoutMs: config.QUERY_TIMEOUT_MS,
  });
  const console = new CypherConsole(
    config,
    config.NEO4J_DATABASE,
    { concurrency: config.CYPHER_CONCURRENCY, queue: config.CYPHER_QUEUE, maxWaitMs: config.CYPHER_TIMEOUT_MS },
    () => runner.ping(),
  );
  return new Neo4jStore(runner, given === undefined, console, {
    tableMaxNodes: config.SEARCH_WEIGHTS_TABLE_MAX_NODES,
    tableTimeoutMs: Math.max(config.QUERY_TIMEOUT_MS, TABLE_TIMEOUT_MS),
  });
}

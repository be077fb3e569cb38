/**
 * The Neo4j store (backend 'neo4j'): GraphStore over a Neo4j 5 database. Every query is a named file in
 * cypher/queries/ run through server/neo4j/run.ts; Cypher fetches the candidates and TypeScript applies
 * the ordering and capping rules of SEMANTICS.md with the helpers shared with the embedded store
 * (common.ts, rank.ts), so that both stores give the same answers. This module holds the lifecycle,
 * the writes and the entity, neighbourhood and path reads; core.ts the row narrowing and lookups,
 * analysis.ts flows, overview, co-funding and statistics, cypherEndpoint.ts POST /api/cypher.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Driver } from 'neo4j-driver';
import type {
  BetweenQuery,
  CypherRequest,
  CypherResult,
  DatasetsResult,
  Deal,
  Entity,
  NeighborhoodQuery,
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
import { NotFoundError } from '../../errors';
import {
  NODE_KINDS,
  ORG_LABEL,
  labelsOf,
  type GraphData,
  type Node,
  type NodeKind,
  type Relationship,
  type RelType,
} from '../../model/model';
import { CypherConsole } from '../../neo4j/console';
import { createDriver, type DriverOptions } from '../../neo4j/driver';
import { checkNeighborPaging } from '../neighborPage';
import { neighborPage } from './neighborPage';
import { CYPHER_DIR, CypherRunner, label, labels, relType, type TxRunner } from '../../neo4j/run';
import {
  buildEntity,
  byString,
  decodeCursor,
  emptySerializedGraph,
  encodeCursor,
  nodeAttributes,
  relationshipItem,
  toNeo4jNode,
  toStoredRel,
  type StoredProps,
} from '../common';
import { addCounts, emptyCounts, type CypherOptions, type GraphStore, type WriteCounts } from '../store';
import { dealLookupOf, readDeal } from './deals';
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
import { Neo4jAnalysis } from './analysis';
import { runCypherEndpoint } from './cypherEndpoint';
import { foundNodes, list, num, rec, relTypeOf, sameProps, sameSet, str, type FoundNode } from './core';

const MODEL_LABELS = new Set<string>([...NODE_KINDS, ORG_LABEL]);
const DEFAULT_BATCH = 1000;
/** writes (upsert batches, clear, schema) are bulk work: they get this much time, however short QUERY_TIMEOUT_MS is */
const WRITE_TIMEOUT_MS = 300_000;
/** Time limit of the search importance table's query (or QUERY_TIMEOUT_MS if longer): it reads every node. */
const TABLE_TIMEOUT_MS = 60_000;
const CLEAR_BATCH = 10_000;
/** candidates taken from each full-text index */

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

class Neo4jStore extends Neo4jAnalysis implements GraphStore {
  readonly backend = 'neo4j' as const;
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
    super(runner);
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
    await this.runner.runTextsInTransaction('schema', schemaStatements(text), WRITE_TIMEOUT_MS);
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

  stats(): Promise<Stats> {
    return this.perVersion.get('stats', () => this.readStats());
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

  cypher(req: CypherRequest, opts: CypherOptions): Promise<CypherResult> {
    return runCypherEndpoint(this.console, this.runner, req, opts);
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

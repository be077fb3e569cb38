/**
 * The one store interface, implemented by the Neo4j store (server/store/neo4j) and the embedded
 * graphology store (server/store/embedded). The contract test suite (test/contract) runs against both
 * and expects the same answers on the seed graph.
 */
import type {
  BetweenQuery,
  CofundingQuery,
  CypherRequest,
  CypherResult,
  DatasetsResult,
  Deal,
  Entity,
  FlowsQuery,
  FlowsResult,
  NeighborhoodQuery,
  OverviewQuery,
  PathsQuery,
  PathsResult,
  RelationshipPage,
  RelationshipsQuery,
  SearchQuery,
  SearchResult,
  SerializedGraph,
  Stats,
} from '../api/schemas';
import type { GraphData, Node, Relationship } from '../model/model';
import type { LayoutPositions, Projection } from '../overview/types';

/** What a write did. `created + updated` = records written; `unchanged` were equal already. */
export interface WriteCounts {
  nodesCreated: number;
  nodesUpdated: number;
  relationshipsCreated: number;
  relationshipsUpdated: number;
  /** relationships not written because an endpoint does not exist (ids of the relationships) */
  missingEndpoints: string[];
}

export interface GraphStore {
  readonly backend: 'neo4j' | 'embedded';

  /** Resolves when the store answers; throws StoreUnavailableError otherwise. */
  ping(): Promise<void>;
  /** Applies indexes and constraints (idempotent). */
  applySchema(): Promise<void>;
  close(): Promise<void>;
  /** Loads what makes the first requests fast (Neo4j: the search importance table); resolves with what it did for the log, never rejects. */
  warm?(): Promise<string>;

  /**
   * Upserts nodes by `id` (MERGE), replacing their properties. All or nothing: the records are valid
   * parsed model objects; a failure writes nothing of the batch.
   */
  upsertNodes(nodes: Node[]): Promise<WriteCounts>;
  /** Upserts relationships by `id` between existing nodes; all or nothing as above. */
  upsertRelationships(relationships: Relationship[]): Promise<WriteCounts>;
  /** Validated graph in batches: nodes first, then relationships. */
  upsertGraph(graph: GraphData, batchSize?: number): Promise<WriteCounts>;
  /** Removes everything (tests and re-imports only). */
  clear(): Promise<void>;

  search(q: SearchQuery): Promise<SearchResult>;
  /** Throws NotFoundError for an unknown id. */
  entity(id: string): Promise<Entity>;
  relationships(id: string, q: RelationshipsQuery): Promise<RelationshipPage>;
  /** The `from` → `to` relationships of one type (and currency): the parts of a merged edge. */
  between(q: BetweenQuery): Promise<RelationshipPage>;
  /** The data sets loaded, with their counts and sources. */
  datasets(): Promise<DatasetsResult>;
  neighborhood(id: string, q: NeighborhoodQuery): Promise<SerializedGraph>;
  paths(q: PathsQuery): Promise<PathsResult>;
  flows(q: FlowsQuery): Promise<FlowsResult>;
  overview(q: OverviewQuery): Promise<SerializedGraph>;
  cofunding(q: CofundingQuery): Promise<SerializedGraph>;
  stats(): Promise<Stats>;
  /** A deal and its participants; throws NotFoundError when there is no Deal node with `id`. */
  deal(id: string): Promise<Deal>;
  /** Read-only Cypher; the embedded store throws NotSupportedError. */
  cypher(req: CypherRequest, opts: CypherOptions): Promise<CypherResult>;

  /** A token that changes whenever the store's nodes or relationships change (server/overview). */
  dataVersion(): Promise<string>;
  /** Every node (id, name, kind) and relationship (ends, type, money fields), for the overview. */
  projection(): Promise<Projection>;
  /** A cached layout (`key`: a grouping or the node layout) computed for `version`, if any. */
  readLayout(key: string, version: string): Promise<LayoutPositions | undefined>;
  /** Caches a layout: on disk (embedded store), as node properties or in memory (Neo4j; server/overview). */
  writeLayout(key: string, version: string, layout: LayoutPositions): Promise<void>;
  /** A computed overview answer kept for `version` (Neo4j only; server/store/neo4j/overviewCache.ts). */
  readOverview?(key: string, version: string): Promise<unknown>;
  /** Keeps a computed overview answer for `version`, so a restart on the same data serves it at once. */
  writeOverview?(key: string, version: string, answer: unknown): Promise<void>;
}

/** Limits of one read-only Cypher query; `signal` cancels it (the client went away). */
export interface CypherOptions {
  timeoutMs: number;
  maxRows: number;
  /** bytes the result may take (default 4 MiB) */
  maxBytes?: number;
  signal?: AbortSignal;
}

/** Zero counts, to add to. */
export const emptyCounts = (): WriteCounts => ({
  nodesCreated: 0,
  nodesUpdated: 0,
  relationshipsCreated: 0,
  relationshipsUpdated: 0,
  missingEndpoints: [],
});

/** Adds `b` into `a` and returns `a`. */
export function addCounts(a: WriteCounts, b: WriteCounts): WriteCounts {
  a.nodesCreated += b.nodesCreated;
  a.nodesUpdated += b.nodesUpdated;
  a.relationshipsCreated += b.relationshipsCreated;
  a.relationshipsUpdated += b.relationshipsUpdated;
  a.missingEndpoints.push(...b.missingEndpoints);
  return a;
}

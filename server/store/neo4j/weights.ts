/**
 * Search importance on the Neo4j store (server/search/importance.ts): what each match weighs in the
 * graph. A table of every node's importance is loaded in the background (search-weights-all.cypher)
 * when the graph has at most `tableMaxNodes` nodes, and reloaded when older than WEIGHT_TTL_MS (the old
 * table is used meanwhile) or after this store's own writes. Without a table, the matches that need it
 * are weighed per query (search-weights.cypher) and kept for WEIGHT_TTL_MS.
 */
import type { CypherRunner, Row } from '../../neo4j/run';
import { importance } from '../../search/importance';

/** How long a node's importance is reused: what writers outside this store change shows within this time. */
export const WEIGHT_TTL_MS = 60_000;
const MAX_CACHED_WEIGHTS = 100_000;
/** The least time between two table loads after writes (an import writing batches reloads it at most this often). */
const RELOAD_MIN_MS = 10_000;

const str = (v: unknown): string => (typeof v === 'string' ? v : String(v));
const weightOf = (r: Row): number => importance(str(r.kind), Number(r.degree), Number(r.money ?? 0));

export interface SearchWeightsOptions {
  /** the most nodes the table is loaded for; 0: never (SEARCH_WEIGHTS_TABLE_MAX_NODES) */
  tableMaxNodes: number;
  /** time limit of the table's query (ms) */
  tableTimeoutMs: number;
}

/** Importance per element id: from the table when loaded, else per query with a short-lived cache. */
export class SearchWeights {
  private readonly cache = new Map<string, { value: number; at: number }>();
  private table: Map<string, number> | null = null;
  private tableAt = 0;
  private loading: Promise<void> | null = null;
  /** when a load last started: a failed or skipped one is not tried again within WEIGHT_TTL_MS */
  private attemptAt = -Infinity;
  private attemptWrites = -1;
  /** this store's writes: a table loaded across one is dropped */
  private writes = 0;
  /** the last table load's outcome, for the logs */
  private lastLoad = 'not loaded';

  constructor(
    private readonly runner: CypherRunner,
    private readonly options: SearchWeightsOptions,
  ) {}

  /** Forgets what a write may change (this store's own writes). */
  clear(): void {
    this.writes++;
    this.cache.clear();
    this.table = null;
  }

  /** Loads the table now unless it is fresh or loading; resolves when done (never rejects). */
  warm(): Promise<void> {
    if (this.options.tableMaxNodes <= 0) return Promise.resolve();
    if (this.table !== null && Date.now() - this.tableAt < WEIGHT_TTL_MS && !this.loading) return Promise.resolve();
    return (this.loading ??= this.load().finally(() => (this.loading = null)));
  }

  private async load(): Promise<void> {
    const writes = this.writes;
    this.attemptAt = Date.now();
    this.attemptWrites = writes;
    const t = performance.now();
    try {
      const [count] = await this.runner.read('node-count');
      const nodes = Number(count?.nodes ?? 0);
      if (nodes > this.options.tableMaxNodes) {
        this.lastLoad = `not loaded: ${nodes} nodes, above SEARCH_WEIGHTS_TABLE_MAX_NODES (${this.options.tableMaxNodes})`;
        return;
      }
      const rows = await this.runner.read('search-weights-all', {}, undefined, this.options.tableTimeoutMs);
      const table = new Map<string, number>();
      for (const r of rows) table.set(str(r.eid), weightOf(r));
      if (writes !== this.writes) {
        this.lastLoad = 'dropped: the graph was written while it loaded';
        return;
      }
      this.table = table;
      this.tableAt = Date.now();
      this.lastLoad = `loaded: ${table.size} nodes in ${Math.round(performance.now() - t)} ms`;
    } catch (e) {
      this.lastLoad = `failed (searches weigh their matches per query): ${e instanceof Error ? e.message : String(e)}`;
    }
  }

  /** The last table load's outcome, for the logs. */
  describe(): string {
    return `search importance table ${this.options.tableMaxNodes <= 0 ? 'off (SEARCH_WEIGHTS_TABLE_MAX_NODES=0)' : this.lastLoad}`;
  }

  /** The importance of each hit, by element id. */
  async of(hits: readonly { eid: string }[]): Promise<Map<string, number>> {
    const table = this.table;
    const now = Date.now();
    const stale = table === null || now - this.tableAt >= WEIGHT_TTL_MS;
    // a failed or skipped load is tried again one TTL later; a table dropped by writes, RELOAD_MIN_MS later
    const failed = table === null && this.attemptWrites === this.writes;
    if (stale && now - this.attemptAt >= (failed ? WEIGHT_TTL_MS : RELOAD_MIN_MS)) void this.warm();
    const out = new Map<string, number>();
    const missing: string[] = [];
    for (const h of hits) {
      const t = table?.get(h.eid);
      if (t !== undefined) {
        out.set(h.eid, t);
        continue;
      }
      const c = this.cache.get(h.eid);
      if (c && now - c.at < WEIGHT_TTL_MS) out.set(h.eid, c.value);
      else missing.push(h.eid);
    }
    if (missing.length === 0) return out;
    const rows = await this.runner.read('search-weights', { eids: missing });
    if (this.cache.size + rows.length > MAX_CACHED_WEIGHTS) this.cache.clear();
    for (const r of rows) {
      const value = weightOf(r);
      out.set(str(r.eid), value);
      this.cache.set(str(r.eid), { value, at: now });
    }
    return out;
  }
}

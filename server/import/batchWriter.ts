/**
 * The importer's writer (importer.ts): records batched and written while the next batch is built,
 * retries with backoff while the store is unavailable, and a refused batch split until the refused
 * record is found. `Where` says which file, line and mapping spec a record came from.
 */
import { AppError, StoreUnavailableError } from '../errors';
import type { Node, Relationship } from '../model/model';
import type { GraphStore, WriteCounts } from '../store/store';

/** Where a record came from: its file, line, mapping spec and the row as read. */
export interface Where {
  file: string;
  line: number;
  spec: string;
  row: string;
}

const isTransient = (e: unknown): boolean =>
  e instanceof StoreUnavailableError ||
  (e instanceof Error &&
    /ServiceUnavailable|SessionExpired|TransientError|ECONNRESET|ECONNREFUSED/i.test(
      `${e.name} ${e.message} ${(e as { code?: string }).code ?? ''}`,
    ));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface WriterHooks {
  onCounts: (c: WriteCounts) => void;
  onMissing: (items: { rel: Relationship; where: Where }[]) => void;
  onFailed: (where: Where, reason: string) => void;
}

/**
 * Batches records and writes them while the next batch is built: a node batch alone, relationship
 * batches up to `concurrency` at once (each its own transaction, so the store can use a second core;
 * the nodes they need were written before them). Relationship batches first flush the nodes buffered
 * so far. A batch the store refuses for a reason other than availability is split in halves until
 * the refused record is found; that record is rejected and the rest written.
 */
export class BatchWriter {
  private nodes: Node[] = [];
  private nodeWhere: Where[] = [];
  private rels: Relationship[] = [];
  private relWhere: Where[] = [];
  private inflight = new Set<Promise<void>>();
  private nodesInflight: Promise<void> | undefined;
  private failure: unknown;

  constructor(
    private readonly store: GraphStore | undefined,
    private readonly batchSize: number,
    private readonly retries: number,
    private readonly hooks: WriterHooks,
    private readonly concurrency = 2,
  ) {}

  /** Buffers a node; returns a promise to wait for when a batch had to be written. */
  addNode(n: Node, where: Where): Promise<void> | undefined {
    this.nodes.push(n);
    this.nodeWhere.push(where);
    return this.nodes.length >= this.batchSize ? this.flushNodes() : undefined;
  }

  /** Buffers a relationship; returns a promise to wait for when a batch had to be written. */
  addRel(r: Relationship, where: Where): Promise<void> | undefined {
    this.rels.push(r);
    this.relWhere.push(where);
    return this.rels.length >= this.batchSize ? this.flushRels() : undefined;
  }

  async flushNodes(): Promise<void> {
    if (this.nodes.length === 0) return;
    const batch = this.nodes;
    const where = this.nodeWhere;
    this.nodes = [];
    this.nodeWhere = [];
    await this.enqueue(() => this.writeNodes(batch, where), 'nodes');
  }

  async flushRels(): Promise<void> {
    await this.flushNodes();
    if (this.rels.length === 0) return;
    const batch = this.rels;
    const where = this.relWhere;
    this.rels = [];
    this.relWhere = [];
    await this.enqueue(() => this.writeRels(batch, where), 'rels');
  }

  /** Writes what is buffered and waits for it. */
  async finish(): Promise<void> {
    await this.flushRels();
    await Promise.all(this.inflight);
    this.check();
  }

  /** Waits for the batches in flight and drops what is buffered (interruption). */
  async abandon(): Promise<void> {
    this.nodes = [];
    this.rels = [];
    await Promise.all(this.inflight);
  }

  private check(): void {
    if (this.failure !== undefined)
      throw this.failure instanceof Error
        ? this.failure
        : new Error('a batch could not be written', { cause: this.failure });
  }

  private async enqueue(job: () => Promise<void>, kind: 'nodes' | 'rels'): Promise<void> {
    if (kind === 'nodes') await Promise.all(this.inflight);
    else {
      if (this.nodesInflight) await this.nodesInflight;
      while (this.inflight.size >= Math.max(1, this.concurrency)) await Promise.race(this.inflight);
    }
    this.check();
    const p: Promise<void> = job()
      .catch((e: unknown) => {
        this.failure = e;
      })
      .finally(() => {
        this.inflight.delete(p);
        if (this.nodesInflight === p) this.nodesInflight = undefined;
      });
    this.inflight.add(p);
    if (kind === 'nodes') this.nodesInflight = p;
  }

  private async attempt<T>(fn: () => Promise<T>): Promise<T> {
    for (let i = 1; ; i++) {
      try {
        return await fn();
      } catch (e) {
        if (!isTransient(e) || i >= this.retries) throw e;
        await sleep(250 * 2 ** i);
      }
    }
  }

  private async writeNodes(batch: Node[], where: Where[]): Promise<void> {
    const store = this.store;
    if (!store) return;
    try {
      this.hooks.onCounts(await this.attempt(() => store.upsertNodes(batch)));
    } catch (e) {
      if (isTransient(e)) throw e;
      if (batch.length === 1) return this.hooks.onFailed(where[0]!, errorText(e));
      const h = batch.length >> 1;
      await this.writeNodes(batch.slice(0, h), where.slice(0, h));
      await this.writeNodes(batch.slice(h), where.slice(h));
    }
  }

  private async writeRels(batch: Relationship[], where: Where[]): Promise<void> {
    const store = this.store;
    if (!store) return;
    try {
      const counts = await this.attempt(() => store.upsertRelationships(batch));
      this.hooks.onCounts(counts);
      if (counts.missingEndpoints.length > 0) {
        const missing = new Set(counts.missingEndpoints);
        const items: { rel: Relationship; where: Where }[] = [];
        batch.forEach((rel, i) => {
          if (missing.has(rel.id)) items.push({ rel, where: where[i]! });
        });
        this.hooks.onMissing(items);
      }
    } catch (e) {
      if (isTransient(e)) throw e;
      if (batch.length === 1) return this.hooks.onFailed(where[0]!, errorText(e));
      const h = batch.length >> 1;
      await this.writeRels(batch.slice(0, h), where.slice(0, h));
      await this.writeRels(batch.slice(h), where.slice(h));
    }
  }
}

function errorText(e: unknown): string {
  if (e instanceof AppError) return `${e.code}: ${e.message}`;
  return e instanceof Error ? e.message : String(e);
}

/**
 * Runs the user's Cypher of POST /api/cypher with every limit the endpoint promises:
 * - a Gate: at most CYPHER_CONCURRENCY queries at once (and CYPHER_QUEUE waiting), else 429;
 * - its own connection per query (a driver of one connection, never the API's pool), so that a busy
 *   console cannot hold the connections search and the other endpoints need, and so that the query can
 *   be cancelled for real: closing that driver destroys the socket and Neo4j ends the transaction;
 * - a READ transaction with Neo4j's own timeout, and a deadline here (timeout + a grace) for a server
 *   that stops answering mid-stream (e.g. a value too deep for Neo4j to encode);
 * - a byte limit counted on the wire while records arrive (so no single huge record is ever decoded
 *   whole) and on each record's estimated JSON size, and a nesting limit on values (measure.ts);
 * - cancellation when the HTTP client goes away (`signal`);
 * - records consumed one at a time, yielding to the event loop every few milliseconds.
 * Neo4j errors are mapped by code in run.ts (mapNeo4jError with `user: true`).
 */
import { Socket } from 'node:net';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import neo4j, { type Driver, type Record as Neo4jRecord } from 'neo4j-driver';
import { AppError, QueryTimeoutError, QueryTooLargeError, StoreUnavailableError, TooManyQueriesError } from '../errors';
import { toParam } from './convert';
import { createDriver, type Neo4jConnectionConfig } from './driver';
import { Gate } from './gate';
import { measureValue } from './measure';
import { mapNeo4jError } from './run';

/** Limits of the console, from the configuration. */
export interface ConsoleLimits {
  concurrency: number;
  queue: number;
  /** how long a query may wait for a turn, ms */
  maxWaitMs: number;
}

/** One query's limits. */
export interface ConsoleRunOptions {
  timeoutMs: number;
  maxRows: number;
  maxBytes: number;
  /** aborts the query (the HTTP client went away) */
  signal?: AbortSignal;
  /** called with the EXPLAIN plan's query type before the query runs; throw to refuse it */
  beforeRun?: (queryType: string) => void;
}

/** The records kept, their column names, and whether rows were cut at maxRows. */
export interface ConsoleResult {
  keys: string[];
  records: Neo4jRecord[];
  truncated: boolean;
}

/** The byte limit when the caller names none (CYPHER_MAX_BYTES's default). */
export const DEFAULT_MAX_BYTES = 4 * 1024 * 1024;
/** Time given to Neo4j past the transaction timeout before the connection is cut here. */
export const DEADLINE_GRACE_MS = 1_500;
/** Longest stretch of record handling between two yields to the event loop. */
const YIELD_EVERY_MS = 10;
/** Records per pull: small, so that a stop (row or byte limit) discards the rest on the server. */
const FETCH_SIZE = 100;
/** Bytes on the wire allowed past maxBytes (Bolt framing, the keys and the summary). */
const WIRE_SLACK = 64 * 1024;

/** An abort for a client that went away; never sent (no one listens), only ends the work. */
class ClientGoneError extends AppError {
  constructor() {
    super('VALIDATION_FAILED', 499, 'the client closed the connection before the answer');
  }
}

/**
 * The sockets of a driver's open connections. neo4j-driver has no public access to them; this reads
 * two private fields and finds nothing if they change (test/chaos checks that the byte limit holds).
 */
export function socketsOf(driver: Driver): Socket[] {
  interface Internals {
    _connectionProvider?: { _openConnections?: Record<string, { _ch?: { _conn?: unknown } }> } | null;
  }
  const open = (driver as unknown as Internals)._connectionProvider?._openConnections ?? {};
  return Object.values(open)
    .map((c) => c._ch?._conn)
    .filter((s): s is Socket => s instanceof Socket);
}

/** Runs console queries against one database under the limits above. */
export class CypherConsole {
  readonly gate: Gate;
  readonly #connection: Neo4jConnectionConfig;
  readonly #database: string;
  readonly #ping: (() => Promise<void>) | undefined;

  /**
   * `ping` checks the store through the API's own connections: when the console cannot get a
   * connection but the ping answers, Neo4j is busy (429), not down (503).
   */
  constructor(connection: Neo4jConnectionConfig, database: string, limits: ConsoleLimits, ping?: () => Promise<void>) {
    this.#connection = connection;
    this.#database = database;
    this.gate = new Gate(limits);
    this.#ping = ping;
  }

  /** A console query that found Neo4j unreachable: 429 when the store answers the API, else the 503. */
  async #busyOrDown(e: AppError): Promise<AppError> {
    if (!(e instanceof StoreUnavailableError) || !this.#ping) return e;
    try {
      await this.#ping();
    } catch {
      return e;
    }
    return new TooManyQueriesError('Neo4j is too busy to take another console query now', {
      where: 'POST /api/cypher',
      retryAfterSeconds: 5,
      cause: e,
      hint: 'retry after the time in the Retry-After header',
    });
  }

  /** Runs `text` (already checked by cypherGuard) read-only; see the module comment for the limits. */
  async run(name: string, text: string, params: Record<string, unknown>, o: ConsoleRunOptions): Promise<ConsoleResult> {
    const release = await this.gate.acquire(o.signal);
    const driver = createDriver(this.#connection, {
      maxPoolSize: 1,
      maxRetryTimeMs: 0,
      connectionTimeoutMs: 3_000,
      acquisitionTimeoutMs: 5_000,
    });
    const stop = new AbortController();
    const abort = (e: unknown) => {
      if (!stop.signal.aborted) stop.abort(e);
    };
    const deadline = setTimeout(
      () =>
        abort(
          new QueryTimeoutError(`query ${name} did not finish within its time limit of ${o.timeoutMs} ms`, {
            where: `query ${name}`,
            hint: 'narrow the query (fewer hops, a LIMIT, smaller values); CYPHER_TIMEOUT_MS sets this limit',
          }),
        ),
      o.timeoutMs + DEADLINE_GRACE_MS,
    );
    const onClientGone = () => abort(new ClientGoneError());
    o.signal?.addEventListener('abort', onClientGone, { once: true });
    if (o.signal?.aborted) onClientGone();
    const stopped = new Promise<never>((_, reject) => {
      stop.signal.addEventListener('abort', () => reject(stop.signal.reason as Error), { once: true });
    });
    const work = this.#work(driver, name, text, params, o, abort);
    work.catch(() => undefined);
    stopped.catch(() => undefined);
    try {
      return await Promise.race([work, stopped]);
    } catch (e) {
      throw await this.#busyOrDown(mapNeo4jError(e, name, o.timeoutMs, { user: true }));
    } finally {
      clearTimeout(deadline);
      o.signal?.removeEventListener('abort', onClientGone);
      // closing the driver destroys its socket: Neo4j sees the connection go and ends the transaction
      void driver.close().catch(() => undefined);
      release();
    }
  }

  async #work(
    driver: Driver,
    name: string,
    text: string,
    params: Record<string, unknown>,
    o: ConsoleRunOptions,
    abort: (e: unknown) => void,
  ): Promise<ConsoleResult> {
    const p = toParam(params) as Record<string, unknown>;
    const txConfig = { timeout: o.timeoutMs, metadata: { app: 'innograph', query: name } };
    await driver.verifyConnectivity({ database: this.#database });
    const session = driver.session({
      database: this.#database,
      defaultAccessMode: neo4j.session.READ,
      fetchSize: FETCH_SIZE,
    });
    const sockets = socketsOf(driver);
    let wire = 0;
    const onData = (chunk: Buffer) => {
      wire += chunk.length;
      if (wire > o.maxBytes + WIRE_SLACK)
        abort(
          new QueryTooLargeError(`the result of query ${name} is larger than the limit of ${o.maxBytes} bytes`, {
            where: 'POST /api/cypher',
            hint: 'return less (a LIMIT, fewer or smaller columns); CYPHER_MAX_BYTES sets this limit',
          }),
        );
    };
    try {
      if (o.beforeRun) {
        const tx = session.beginTransaction(txConfig);
        try {
          const plan = await tx.run(`EXPLAIN ${text}`, p);
          o.beforeRun(String(plan.summary.queryType));
        } finally {
          await tx.rollback().catch(() => undefined);
        }
      }
      for (const s of sockets) s.on('data', onData);
      const tx = session.beginTransaction(txConfig);
      try {
        const result = tx.run(text, p);
        const records: Neo4jRecord[] = [];
        let truncated = false;
        let bytes = 0;
        let lastYield = performance.now();
        for await (const record of result) {
          if (records.length >= o.maxRows) {
            truncated = true;
            break;
          }
          for (const k of record.keys) bytes += measureValue(record.get(k), o.maxBytes - bytes);
          records.push(record);
          if (performance.now() - lastYield > YIELD_EVERY_MS) {
            await yieldToLoop();
            lastYield = performance.now();
          }
        }
        const keys = (await result.keys()).map(String);
        return { keys, records, truncated };
      } finally {
        await tx.rollback().catch(() => undefined);
      }
    } finally {
      for (const s of sockets) s.off('data', onData);
      await session.close().catch(() => undefined);
    }
  }
}

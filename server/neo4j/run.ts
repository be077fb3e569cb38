/**
 * THE one way to run Cypher. Queries are `.cypher` files in cypher/queries/, loaded once by name and
 * given `$params` only. Labels, relationship types and hop bounds, which Cypher cannot take as
 * parameters, are spliced in only as `CypherFragment`s, which can be made only from the model's
 * allowlists (NODE_KINDS, ORG_LABEL, REL_TYPES) and bounded integers. Every run names its query,
 * routing (READ/WRITE), database and timeout; results are converted to plain values (convert.ts) and
 * Neo4j error codes are mapped to the application's typed errors.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import neo4j, { type Driver, type ManagedTransaction, type QueryConfig } from 'neo4j-driver';
import {
  AppError,
  QueryError,
  QueryTimeoutError,
  QueryTooLargeError,
  StoreUnavailableError,
  TooManyQueriesError,
  ValidationError,
} from '../errors';
import { NODE_KINDS, ORG_LABEL, REL_TYPES } from '../model/model';
import { plainRecord, toParam } from './convert';

/** cypher/ at the repository root (schema.cypher and queries/). */
export const CYPHER_DIR = resolve(import.meta.dirname, '../../cypher');
/** One `.cypher` file per named query. */
export const QUERIES_DIR = join(CYPHER_DIR, 'queries');

/** Where a transaction goes: a reader or the writer (the server's access mode follows). */
export type Routing = 'READ' | 'WRITE';
/** A result row, converted to plain values. */
export type Row = Record<string, unknown>;

// ---------------------------------------------------------------- allowlisted fragments

const LABELS: readonly string[] = [...NODE_KINDS, ORG_LABEL];
const TYPES: readonly string[] = REL_TYPES;
const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A piece of Cypher text that is safe to splice into a query; only the factories below make one. */
export class CypherFragment {
  readonly #text: string;
  private constructor(text: string) {
    this.#text = text;
  }
  toString(): string {
    return this.#text;
  }
  /** @internal */
  static make(text: string): CypherFragment {
    return new CypherFragment(text);
  }
}

function checked(value: string, allowed: readonly string[], what: string): string {
  if (!allowed.includes(value) || !IDENT.test(value))
    throw new AppError(
      'INTERNAL',
      500,
      `refusing to splice ${what} "${value}" into Cypher: not in the model's allowlist`,
      {
        hint: `allowed: ${allowed.join(', ')}`,
      },
    );
  return `\`${value}\``;
}

/** One node label (a kind or `Organization`), backticked. */
export const label = (name: string): CypherFragment => CypherFragment.make(checked(name, LABELS, 'label'));

/** Several node labels joined for a pattern or SET/REMOVE: `Lab`:`Organization`. */
export const labels = (names: readonly string[]): CypherFragment => {
  if (names.length === 0) throw new AppError('INTERNAL', 500, 'labels() needs at least one label');
  return CypherFragment.make(names.map((n) => checked(n, LABELS, 'label')).join(':'));
};

/** One relationship type, backticked. */
export const relType = (name: string): CypherFragment => CypherFragment.make(checked(name, TYPES, 'relationship type'));

/**
 * A relationship-type filter for a pattern: `:`A`|`B`` or the empty fragment when `names` is
 * undefined or empty (any type).
 */
export const relTypeFilter = (names: readonly string[] | undefined): CypherFragment =>
  CypherFragment.make(
    names && names.length > 0
      ? `:${[...new Set(names)].map((n) => checked(n, TYPES, 'relationship type')).join('|')}`
      : '',
  );

/**
 * A node-label filter for a pattern: `:`A`|`B`` (kinds or `Organization`) or the empty fragment when
 * `names` is undefined or empty (any node).
 */
export const labelFilter = (names: readonly string[] | undefined): CypherFragment =>
  CypherFragment.make(
    names && names.length > 0 ? `:${[...new Set(names)].map((n) => checked(n, LABELS, 'label')).join('|')}` : '',
  );

/** A bounded non-negative integer (e.g. a variable-length upper bound). */
export const bounded = (n: number, min: number, max: number): CypherFragment => {
  if (!Number.isInteger(n) || n < min || n > max)
    throw new AppError('INTERNAL', 500, `refusing to splice ${n} into Cypher: not an integer in ${min}..${max}`);
  return CypherFragment.make(String(n));
};

/** Values of a query's `{{NAME}}` placeholders. */
export type Vars = Record<string, CypherFragment>;

// ---------------------------------------------------------------- query files

const cache = new Map<string, string>();
const PLACEHOLDER = /\{\{([A-Z][A-Z0-9_]*)\}\}/g;

/** The text of `cypher/queries/<name>.cypher`, read once. */
export function loadQuery(name: string): string {
  const hit = cache.get(name);
  if (hit !== undefined) return hit;
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(name)) throw new AppError('INTERNAL', 500, `bad query name "${name}"`);
  let text: string;
  try {
    text = readFileSync(join(QUERIES_DIR, `${name}.cypher`), 'utf8');
  } catch (e) {
    throw new AppError('INTERNAL', 500, `query file cypher/queries/${name}.cypher cannot be read`, { cause: e });
  }
  cache.set(name, text);
  return text;
}

/** A query's text with its `{{NAME}}` placeholders filled from `vars` (every one must be given). */
export function renderQuery(name: string, vars: Vars = {}): string {
  const text = loadQuery(name);
  if (!text.includes('{{')) return text;
  return text.replace(PLACEHOLDER, (_, key: string) => {
    const v = vars[key];
    if (!(v instanceof CypherFragment))
      throw new AppError('INTERNAL', 500, `query ${name}: placeholder {{${key}}} has no allowlisted value`);
    return v.toString();
  });
}

// ---------------------------------------------------------------- error mapping

const TIMEOUT_CODES = new Set([
  'Neo.ClientError.Transaction.TransactionTimedOut',
  'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration',
  'Neo.TransientError.Transaction.TransactionTimedOut',
  'Neo.ClientError.Transaction.LockClientStopped',
  'Neo.TransientError.Transaction.LockClientStopped',
  'Neo.ClientError.Transaction.Terminated',
  'Neo.TransientError.Transaction.Terminated',
  'Neo.TransientError.Transaction.LockAcquisitionTimeout',
]);
const UNAVAILABLE_CODES = new Set([
  'ServiceUnavailable',
  'SessionExpired',
  'ProtocolError',
  'N/A',
  'Neo.TransientError.General.DatabaseUnavailable',
  'Neo.TransientError.Database.DatabaseUnavailable',
  'Neo.ClientError.Database.DatabaseNotFound',
  'Neo.ClientError.Security.Unauthorized',
  'Neo.ClientError.Security.AuthenticationRateLimit',
  'Neo.ClientError.Security.CredentialsExpired',
  'Neo.ClientError.Security.TokenExpired',
]);
/** A query that needs more memory (or stack) than Neo4j gives one: the query's fault, not an outage. */
const TOO_LARGE_CODES = new Set([
  'Neo.ClientError.General.TransactionOutOfMemoryError',
  'Neo.TransientError.General.MemoryPoolOutOfMemoryError',
  'Neo.TransientError.General.OutOfMemoryError',
  'Neo.TransientError.General.TransactionMemoryLimit',
  'Neo.TransientError.General.StackOverFlowError',
]);
/** Neo4j's own limit of concurrent transactions (db.transaction.concurrent.maximum). */
const TOO_MANY_CODES = new Set(['Neo.TransientError.Transaction.MaximumTransactionLimitReached']);
const REFUSED_CODES = new Set([
  'Neo.ClientError.Statement.AccessMode',
  'Neo.ClientError.Security.Forbidden',
  'Neo.ClientError.Security.AuthorizationExpired',
  'Neo.ClientError.Transaction.ForbiddenDueToTransactionType',
]);

function errorCode(e: unknown): string | undefined {
  if (e && typeof e === 'object' && 'code' in e && typeof e.code === 'string') return e.code;
  return undefined;
}

function firstLine(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  return (m.split('\n')[0] ?? m).slice(0, 500);
}

/**
 * Maps a driver/server error (by its Neo4j code, never its text) to a typed application error. With
 * `user` (a client's own query, the Cypher console), Neo4j's concurrency limit is a 429 and a database
 * error raised while running the query is the query's fault (422), not the server's.
 */
export function mapNeo4jError(
  e: unknown,
  queryName: string,
  timeoutMs?: number,
  options: { user?: boolean } = {},
): AppError {
  if (e instanceof AppError) return e;
  const code = errorCode(e);
  const where = `query ${queryName}`;
  const opts = { where, cause: e, details: code === undefined ? undefined : { neo4jCode: code } };
  if (
    code !== undefined &&
    (TOO_LARGE_CODES.has(code) ||
      (options.user && code.startsWith('Neo.DatabaseError.') && !code.startsWith('Neo.DatabaseError.Statement.')))
  )
    return new QueryTooLargeError(`${where} needs more memory or stack than Neo4j allows one query (${code})`, {
      ...opts,
      hint: 'return less and build smaller values (a LIMIT, no huge lists or strings, flatter nesting); the limits are NEO4J_TX_MEMORY / NEO4J_HEAP of the Neo4j launcher',
    });
  if (code !== undefined && TOO_MANY_CODES.has(code) && options.user)
    return new TooManyQueriesError(`Neo4j runs as many transactions as it allows (${code})`, {
      ...opts,
      retryAfterSeconds: 2,
      hint: 'retry in a moment',
    });
  if (code !== undefined && TIMEOUT_CODES.has(code))
    return new QueryTimeoutError(
      `${where} ran past its time limit${timeoutMs ? ` of ${timeoutMs} ms` : ''} and was stopped`,
      {
        ...opts,
        hint: 'narrow the query (fewer hops, a LIMIT, a more selective start) or raise the timeout',
      },
    );
  if (code !== undefined && UNAVAILABLE_CODES.has(code))
    return new StoreUnavailableError(`Neo4j is not available (${code}): ${firstLine(e)}`, {
      ...opts,
      hint: 'check that Neo4j runs (npm run neo4j:start) and that NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD and NEO4J_DATABASE are right',
    });
  if (code !== undefined && REFUSED_CODES.has(code))
    return new QueryError('QUERY_REFUSED', `${where} was refused by Neo4j: ${firstLine(e)}`, {
      ...opts,
      hint: 'only read queries are allowed here',
    });
  if (code !== undefined && code.startsWith('Neo.ClientError.Schema.ConstraintValidationFailed'))
    return new ValidationError(`${where}: a constraint refused the write: ${firstLine(e)}`, {
      ...opts,
      hint: 'ids must be unique per kind; fix the records and retry',
    });
  if (
    code !== undefined &&
    (code.startsWith('Neo.ClientError.Statement.') ||
      code.startsWith('Neo.ClientError.Procedure.') ||
      code.startsWith('Neo.ClientError.Schema.') ||
      code === 'Neo.ClientError.Request.Invalid' ||
      code === 'Neo.ClientError.Request.InvalidFormat' ||
      code.startsWith('Neo.DatabaseError.Statement.'))
  )
    return new QueryError('QUERY_INVALID', `${where} is not valid: ${firstLine(e)}`, {
      ...opts,
      hint: 'check the Cypher syntax, the names used and the parameters',
    });
  if (code !== undefined && code.startsWith('Neo.TransientError.'))
    return new StoreUnavailableError(`Neo4j could not run ${where} just now (${code}): ${firstLine(e)}`, {
      ...opts,
      retryAfterSeconds: 1,
      hint: 'retry in a moment',
    });
  return new AppError('INTERNAL', 500, `${where} failed${code ? ` (${code})` : ''}: ${firstLine(e)}`, opts);
}

// ---------------------------------------------------------------- runner

export interface RunOptions {
  routing: Routing;
  /** transaction timeout in ms; the runner's default when absent */
  timeoutMs?: number;
  vars?: Vars;
}

/** A statement runner inside one transaction (see `CypherRunner.writeTransaction`). */
export interface TxRunner {
  run(name: string, params?: Record<string, unknown>, vars?: Vars): Promise<Row[]>;
}

/** neo4j-driver's fetch size for "all records in one pull". */
const FETCH_ALL = -1;

const prepareParams = (params: Record<string, unknown>): Record<string, unknown> =>
  toParam(params) as Record<string, unknown>;

/** Runs named queries against one database with explicit routing and timeouts. */
export class CypherRunner {
  readonly driver: Driver;
  readonly database: string;
  readonly defaultTimeoutMs: number;

  constructor(driver: Driver, options: { database: string; defaultTimeoutMs: number }) {
    this.driver = driver;
    this.database = options.database;
    this.defaultTimeoutMs = options.defaultTimeoutMs;
  }

  /** executeQuery's configuration per routing, query name and timeout, made once (the names are the query files'). */
  readonly #queryConfigs = new Map<string, QueryConfig>();

  #txConfig(name: string, timeoutMs: number) {
    return { timeout: timeoutMs, metadata: { app: 'innograph', query: name } };
  }

  #queryConfig(routing: Routing, name: string, timeoutMs: number): QueryConfig {
    const key = `${routing} ${timeoutMs} ${name}`;
    let config = this.#queryConfigs.get(key);
    if (config === undefined) {
      config = {
        routing: routing === 'READ' ? neo4j.routing.READ : neo4j.routing.WRITE,
        database: this.database,
        transactionConfig: this.#txConfig(name, timeoutMs),
      };
      this.#queryConfigs.set(key, config);
    }
    return config;
  }

  /** Runs `cypher/queries/<name>.cypher` in its own transaction and returns plain rows. */
  async run(name: string, params: Record<string, unknown>, options: RunOptions): Promise<Row[]> {
    const text = renderQuery(name, options.vars);
    return this.runText(name, text, params, options);
  }

  /** Shorthand: a READ query. */
  read(name: string, params: Record<string, unknown> = {}, vars?: Vars, timeoutMs?: number): Promise<Row[]> {
    return this.run(name, params, { routing: 'READ', vars, timeoutMs });
  }

  /** Shorthand: a WRITE query. */
  write(name: string, params: Record<string, unknown> = {}, vars?: Vars, timeoutMs?: number): Promise<Row[]> {
    return this.run(name, params, { routing: 'WRITE', vars, timeoutMs });
  }

  /**
   * Runs Cypher text that does not come from a query file (the statements of cypher/schema.cypher);
   * `name` says which. The user's query of the Cypher endpoint runs through console.ts.
   */
  async runText(name: string, text: string, params: Record<string, unknown>, options: RunOptions): Promise<Row[]> {
    const timeoutMs = options.timeoutMs ?? this.defaultTimeoutMs;
    try {
      const res = await this.driver.executeQuery(
        text,
        prepareParams(params),
        this.#queryConfig(options.routing, name, timeoutMs),
      );
      return res.records.map(plainRecord);
    } catch (e) {
      throw mapNeo4jError(e, name, timeoutMs);
    }
  }

  /**
   * Runs several named statements in ONE write transaction: all commit or none. `work` may be retried
   * by the driver on transient failures, so it must only depend on what it reads inside.
   */
  async writeTransaction<T>(name: string, work: (tx: TxRunner) => Promise<T>, timeoutMs?: number): Promise<T> {
    const ms = timeoutMs ?? this.defaultTimeoutMs;
    // every row at once: a write's rows are few, or all needed (a batch's lookups), and a paged pull would
    // leave the server waiting while this process is busy building the next batch
    const session = this.driver.session({
      database: this.database,
      defaultAccessMode: neo4j.session.WRITE,
      fetchSize: FETCH_ALL,
    });
    try {
      return await session.executeWrite(
        async (tx: ManagedTransaction) => {
          const runner: TxRunner = {
            run: async (q, params = {}, vars) => {
              try {
                const r = await tx.run(renderQuery(q, vars), prepareParams(params));
                return r.records.map(plainRecord);
              } catch (e) {
                // keep the driver's error (the driver decides on retries by it); it is mapped below
                if (e !== null && typeof e === 'object' && !('innographQuery' in e))
                  Object.defineProperty(e, 'innographQuery', { value: q, enumerable: false });
                throw e;
              }
            },
          };
          return work(runner);
        },
        this.#txConfig(name, ms),
      );
    } catch (e) {
      const q = e !== null && typeof e === 'object' && 'innographQuery' in e ? e.innographQuery : undefined;
      throw mapNeo4jError(e, typeof q === 'string' ? `${name}/${q}` : name, ms);
    } finally {
      await session.close().catch(() => undefined);
    }
  }

  /**
   * Runs Cypher texts that do not come from a query file (the statements of cypher/schema.cypher) one
   * after the other in ONE write transaction: one commit instead of one per statement.
   */
  async runTextsInTransaction(name: string, texts: readonly string[], timeoutMs?: number): Promise<void> {
    const ms = timeoutMs ?? this.defaultTimeoutMs;
    const session = this.driver.session({ database: this.database, defaultAccessMode: neo4j.session.WRITE });
    try {
      await session.executeWrite(
        async (tx: ManagedTransaction) => {
          for (const text of texts) await tx.run(text);
        },
        this.#txConfig(name, ms),
      );
    } catch (e) {
      throw mapNeo4jError(e, name, ms);
    } finally {
      await session.close().catch(() => undefined);
    }
  }

  /** Resolves when the database answers; StoreUnavailableError otherwise. */
  async ping(): Promise<void> {
    try {
      await this.driver.verifyConnectivity({ database: this.database });
    } catch (e) {
      throw mapNeo4jError(e, 'ping');
    }
  }
}

/**
 * The application's typed errors. Each carries a stable `code` (tests check codes, not prose), an HTTP
 * status, a message that says where and what, and a hint. Routes turn them into RFC 9457 problem+json.
 */

export type ErrorCode =
  | 'VALIDATION_FAILED'
  | 'NOT_FOUND'
  | 'QUERY_REFUSED'
  | 'QUERY_INVALID'
  | 'QUERY_TIMEOUT'
  | 'QUERY_TOO_LARGE'
  | 'TOO_MANY_QUERIES'
  | 'STORE_UNAVAILABLE'
  | 'NOT_SUPPORTED'
  | 'UNAUTHORIZED'
  | 'RATE_LIMITED'
  | 'PAYLOAD_TOO_LARGE'
  | 'INTERNAL';

export interface ErrorOptions {
  /** where the error arose: a record, a parameter, a query name */
  where?: string;
  /** what the caller can do about it */
  hint?: string;
  /** extra machine-readable detail, e.g. a list of field issues */
  details?: unknown;
  cause?: unknown;
}

/** Base class of every error the application raises on purpose. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly where: string | undefined;
  readonly hint: string | undefined;
  readonly details: unknown;

  constructor(code: ErrorCode, status: number, message: string, options: ErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.status = status;
    this.where = options.where;
    this.hint = options.hint;
    this.details = options.details;
  }
}

/** Input that does not fit the model or the parameters of a request. */
export class ValidationError extends AppError {
  constructor(message: string, options: ErrorOptions = {}) {
    super('VALIDATION_FAILED', 400, message, options);
  }
}

/** An id that names nothing in the graph. */
export class NotFoundError extends AppError {
  constructor(message: string, options: ErrorOptions = {}) {
    super('NOT_FOUND', 404, message, options);
  }
}

/** A Cypher query refused before it runs (writes, LOAD CSV, admin commands, ...) or rejected by Neo4j. */
export class QueryError extends AppError {
  constructor(code: 'QUERY_REFUSED' | 'QUERY_INVALID', message: string, options: ErrorOptions = {}) {
    super(code, code === 'QUERY_REFUSED' ? 403 : 400, message, options);
  }
}

/** A query that ran past its time limit. */
export class QueryTimeoutError extends AppError {
  constructor(message: string, options: ErrorOptions = {}) {
    super('QUERY_TIMEOUT', 408, message, options);
  }
}

/** A query that needs more than a limit allows: memory in Neo4j, bytes of its result, nesting of a value. */
export class QueryTooLargeError extends AppError {
  constructor(message: string, options: ErrorOptions = {}) {
    super('QUERY_TOO_LARGE', 422, message, options);
  }
}

/** More queries at once than the server runs for this endpoint; retry after `retryAfterSeconds`. */
export class TooManyQueriesError extends AppError {
  readonly retryAfterSeconds: number;
  constructor(message: string, options: ErrorOptions & { retryAfterSeconds?: number } = {}) {
    super('TOO_MANY_QUERIES', 429, message, options);
    this.retryAfterSeconds = options.retryAfterSeconds ?? 1;
  }
}

/** The store does not answer (Neo4j down, unreachable, or out of resources). */
export class StoreUnavailableError extends AppError {
  readonly retryAfterSeconds: number;
  constructor(message: string, options: ErrorOptions & { retryAfterSeconds?: number } = {}) {
    super('STORE_UNAVAILABLE', 503, message, options);
    this.retryAfterSeconds = options.retryAfterSeconds ?? 5;
  }
}

/** A capability the current store does not have (e.g. Cypher on the embedded store). */
export class NotSupportedError extends AppError {
  constructor(message: string, options: ErrorOptions = {}) {
    super('NOT_SUPPORTED', 501, message, options);
  }
}

/** A missing or wrong API key. */
export class UnauthorizedError extends AppError {
  constructor(message: string, options: ErrorOptions = {}) {
    super('UNAUTHORIZED', 401, message, options);
  }
}

/**
 * Creates the Neo4j driver from the configuration. `bolt://` (direct) and `neo4j://` (routing) URIs
 * both work. Timeouts are short so that a dead or unreachable server fails fast with
 * StoreUnavailableError instead of hanging a request.
 */
import neo4j, { type Driver } from 'neo4j-driver';
import type { Config } from '../config';
import { StoreUnavailableError } from '../errors';

/** Connection settings that may be tuned per driver (tests use shorter ones). */
export interface DriverOptions {
  /** opening a TCP/Bolt connection, ms */
  connectionTimeoutMs?: number;
  /** waiting for a pooled connection (includes opening one), ms; at least connectionTimeoutMs */
  acquisitionTimeoutMs?: number;
  /** how long managed transactions retry transient failures, ms */
  maxRetryTimeMs?: number;
  maxPoolSize?: number;
}

/** Fail-fast defaults: a dead server is reported within a few seconds. */
export const DRIVER_DEFAULTS: Required<DriverOptions> = {
  connectionTimeoutMs: 3_000,
  acquisitionTimeoutMs: 5_000,
  maxRetryTimeMs: 1_000,
  maxPoolSize: 50,
};

/** The configuration the driver needs. */
export type Neo4jConnectionConfig = Pick<Config, 'NEO4J_URI' | 'NEO4J_USER' | 'NEO4J_PASSWORD'>;

/** Creates a driver for `config.NEO4J_URI`; throws StoreUnavailableError when no URI is configured. */
export function createDriver(config: Neo4jConnectionConfig, options: DriverOptions = {}): Driver {
  const uri = config.NEO4J_URI;
  if (!uri)
    throw new StoreUnavailableError('NEO4J_URI is not set', {
      where: 'configuration',
      hint: 'run `npm run neo4j:start` and set NEO4J_URI to the URI it prints, e.g. bolt://127.0.0.1:7687',
    });
  const o = { ...DRIVER_DEFAULTS, ...options };
  return neo4j.driver(uri, neo4j.auth.basic(config.NEO4J_USER, config.NEO4J_PASSWORD), {
    maxConnectionPoolSize: o.maxPoolSize,
    connectionTimeout: o.connectionTimeoutMs,
    connectionAcquisitionTimeout: Math.max(o.acquisitionTimeoutMs, o.connectionTimeoutMs),
    maxTransactionRetryTime: o.maxRetryTimeMs,
    maxConnectionLifetime: 30 * 60_000,
    connectionLivenessCheckTimeout: 30_000,
    userAgent: 'innograph/0.1',
    logging: { level: 'error', logger: () => undefined },
  });
}

/**
 * The one configuration module: environment variables parsed with zod at start-up. A bad value fails
 * fast with a message that names the variable and says what it should be.
 */
import { existsSync } from 'node:fs';
import { isIP } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** One EMBEDDED_IMPORTS entry: a mapping file, and the folder of its data when not the mapping's own. */
const EmbeddedImport = z.object({
  mapping: z.string().refine((p) => existsSync(p), { error: (i) => `no mapping file at "${String(i.input)}"` }),
  dataDir: z
    .string()
    .refine((p) => existsSync(p), { error: (i) => `no data folder at "${String(i.input)}"` })
    .optional(),
});
export type EmbeddedImport = z.infer<typeof EmbeddedImport>;

const importList = (text: string): { mapping: string; dataDir?: string }[] =>
  text
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e.length > 0)
    .map((e) => {
      const [mapping = '', dataDir] = e.split('=').map((p) => p.trim());
      return dataDir ? { mapping, dataDir } : { mapping };
    });

/** An entry of TRUST_PROXY's list: a name Express knows, an address or a CIDR range. */
const proxyEntry = (e: string): boolean => {
  if (['loopback', 'linklocal', 'uniquelocal'].includes(e)) return true;
  const [ip = '', bits, ...rest] = e.split('/');
  const v = isIP(ip);
  if (v === 0 || rest.length > 0) return false;
  return bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (v === 4 ? 32 : 128));
};

/** Express's `trust proxy`: unset or false = none, a hop count, or a comma-separated list of proxies. */
const TrustProxy = z
  .string()
  .default('false')
  .transform((s, ctx): boolean | number | string[] => {
    const t = s.trim();
    if (t === 'false' || t === '0' || t === '') return false;
    if (t === 'true') return true;
    if (/^\d+$/.test(t)) return Number(t);
    const list = t
      .split(',')
      .map((e) => e.trim())
      .filter(Boolean);
    const bad = list.filter((e) => !proxyEntry(e));
    if (bad.length > 0) {
      ctx.addIssue({
        code: 'custom',
        message: `not a proxy address: ${bad.join(', ')} (give false, true, a hop count, or addresses/CIDRs and loopback, linklocal, uniquelocal, comma-separated)`,
      });
      return z.NEVER;
    }
    return list;
  });

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NEO4J_URI: z
    .string()
    .regex(/^(neo4j|bolt)(\+s|\+ssc)?:\/\/.+/, 'must be a bolt:// or neo4j:// URI, e.g. bolt://127.0.0.1:7687')
    .optional(),
  NEO4J_USER: z.string().default('neo4j'),
  NEO4J_PASSWORD: z.string().default('neo4j'),
  NEO4J_DATABASE: z.string().default('neo4j'),
  /** default timeout of a store query, in milliseconds */
  QUERY_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  /** timeout and row cap of POST /api/cypher */
  CYPHER_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(5_000),
  CYPHER_MAX_ROWS: z.coerce.number().int().min(1).max(100_000).default(1_000),
  /** bytes a POST /api/cypher result may take, counted while it streams from Neo4j */
  CYPHER_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(256 * 1024 * 1024)
    .default(4 * 1024 * 1024),
  /** POST /api/cypher queries run at once, and queries waiting for a turn; more get 429 */
  CYPHER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  CYPHER_QUEUE: z.coerce.number().int().min(0).max(1000).default(4),
  /** when set, POST /api/cypher and every write need the header `x-api-key` */
  API_KEY: z.string().min(8, 'must be at least 8 characters').optional(),
  /** comma-separated origins allowed by CORS; empty means same-origin only, `*` any */
  CORS_ORIGINS: z.string().default(''),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(600),
  /** answers smaller than this go uncompressed (fewer bytes than a few packets: compressing costs more than it saves) */
  COMPRESSION_MIN_BYTES: z.coerce.number().int().min(0).max(100_000_000).default(8192),
  CYPHER_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(60),
  /** how long shutdown waits for requests in flight; default the longest query timeout + 5 s */
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(3_600_000).optional(),
  /** the reverse proxies whose X-Forwarded-For is believed (Express `trust proxy`); default none */
  TRUST_PROXY: TrustProxy,
  /** load the curated seed into the embedded store at start-up */
  /** unset: the seed only when EMBEDDED_IMPORTS is empty (server/store/index.ts `seedsEmbedded`) */
  SEED_EMBEDDED: bool.optional(),
  /** serve the built client from dist/client */
  SERVE_CLIENT: bool.default(true),
  /**
   * data sets imported into the embedded store at start-up, after the seed: comma-separated
   * `mapping[=dataDir]` (the data folder defaults to the mapping's `dataDir`)
   */
  EMBEDDED_IMPORTS: z.string().default('').transform(importList).pipe(z.array(EmbeddedImport)),
  /** folder of the embedded imports' reject files (`<mapping>-embedded-rejects.csv`) */
  IMPORT_REPORT_DIR: z.string().min(1).default('import-reports'),
  /** processes serving the API behind one port with `npm run start:cluster` (server/cluster.ts) */
  WORKERS: z.coerce.number().int().min(1).max(64).default(1),
  /** above this many nodes, /api/overview leaves people, programmes and indicators out unless asked (`show`) */
  OVERVIEW_HIDE_KINDS_ABOVE: z.coerce.number().int().min(0).max(100_000_000).default(5000),
  /** above this many nodes, computed /api/overview answers are kept by the store (Neo4j) for a restart */
  OVERVIEW_KEEP_ABOVE: z.coerce.number().int().min(0).max(100_000_000).default(5000),
  /** nodes the server lays out (the best connected); 0 turns the server layout of nodes off */
  LAYOUT_MAX_NODES: z.coerce.number().int().min(0).max(2_000_000).default(200_000),
  /** ForceAtlas2 iterations of the server layout, and the time it may take at most */
  LAYOUT_ITERATIONS: z.coerce.number().int().min(0).max(10_000).default(100),
  LAYOUT_MAX_MS: z.coerce.number().int().min(100).max(3_600_000).default(120_000),
  /** how long a request waits for a layout being computed before it answers without positions */
  LAYOUT_WAIT_MS: z.coerce.number().int().min(0).max(60_000).default(2_000),
  /** folder of the embedded store's layout cache (Neo4j keeps layouts in the database) */
  LAYOUT_CACHE_DIR: z.string().min(1).default(join(tmpdir(), 'innograph-layouts')),
  /** compute the default overview, then the node layout, at start-up rather than on the first request */
  LAYOUT_WARM: bool.default(true),
  SEARCH_WEIGHTS_TABLE_MAX_NODES: z.coerce.number().int().min(0).max(10_000_000).default(1_000_000),
});

export type Config = z.infer<typeof Env>;

/** The longest time a request may run on a query (what shutdown must wait for at least). */
const longestQueryMs = (c: Pick<Config, 'QUERY_TIMEOUT_MS' | 'CYPHER_TIMEOUT_MS'>): number =>
  Math.max(c.QUERY_TIMEOUT_MS, c.CYPHER_TIMEOUT_MS);

/** SHUTDOWN_GRACE_MS, or the longest query timeout plus 5 s. */
export function shutdownGraceMs(c: Config): number {
  return c.SHUTDOWN_GRACE_MS ?? longestQueryMs(c) + 5_000;
}

/** Parses a configuration from an environment; throws an Error listing every bad variable. */
export function parseConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const r = Env.refine((c) => c.EMBEDDED_IMPORTS.length === 0 || !c.NEO4J_URI, {
    error: 'applies to the embedded store only; with NEO4J_URI, load data with `npm run import -- <mapping>`',
    path: ['EMBEDDED_IMPORTS'],
  })
    .refine((c) => c.SHUTDOWN_GRACE_MS === undefined || c.SHUTDOWN_GRACE_MS >= longestQueryMs(c), {
      error: 'must be at least the longest query timeout (QUERY_TIMEOUT_MS, CYPHER_TIMEOUT_MS), or unset',
      path: ['SHUTDOWN_GRACE_MS'],
    })
    .safeParse(cleaned);
  if (!r.success) {
    const lines = r.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration (environment variables):\n${lines.join('\n')}`);
  }
  return r.data;
}

/**
 * The one configuration module: environment variables parsed with zod at start-up. A bad value fails
 * fast with a message that names the variable and says what it should be.
 */
import { existsSync } from 'node:fs';
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
  /** when set, POST /api/cypher and every write need the header `x-api-key` */
  API_KEY: z.string().min(8, 'must be at least 8 characters').optional(),
  /** comma-separated origins allowed by CORS; empty means same-origin only, `*` any */
  CORS_ORIGINS: z.string().default(''),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(600),
  CYPHER_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(60),
  /** load the curated seed into the embedded store at start-up */
  SEED_EMBEDDED: bool.default(true),
  /** serve the built client from dist/client */
  SERVE_CLIENT: bool.default(true),
  /**
   * data sets imported into the embedded store at start-up, after the seed: comma-separated
   * `mapping[=dataDir]` (the data folder defaults to the mapping's `dataDir`)
   */
  EMBEDDED_IMPORTS: z.string().default('').transform(importList).pipe(z.array(EmbeddedImport)),
  /** processes serving the API behind one port with `npm run start:cluster` (server/cluster.ts) */
  WORKERS: z.coerce.number().int().min(1).max(64).default(1),
});

export type Config = z.infer<typeof Env>;

/** Parses a configuration from an environment; throws an Error listing every bad variable. */
export function parseConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const r = Env.refine((c) => c.EMBEDDED_IMPORTS.length === 0 || !c.NEO4J_URI, {
    error: 'applies to the embedded store only; with NEO4J_URI, load data with `npm run import -- <mapping>`',
    path: ['EMBEDDED_IMPORTS'],
  }).safeParse(cleaned);
  if (!r.success) {
    const lines = r.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration (environment variables):\n${lines.join('\n')}`);
  }
  return r.data;
}

/**
 * The large data sets of the end-to-end suites and the client-render bench: the NSF 2017 awards in the
 * embedded store (../shared/realdata, or NSF_DATA_DIR), and a synthetic ecosystem of about 100k nodes
 * (`npm run generate`) bulk-loaded (neo4j-admin, `npm run import -- … --bulk`) into a scratch Neo4j
 * that scripts/neo4j/neo4j.sh starts for it. No vitest here: the bench uses it too.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { parseConfig } from '../../server/config';
import { generateEcosystem } from '../../server/generate/synthetic';
import { runBulkImport } from '../../server/import/bulk';
import { runImport } from '../../server/import/importer';
import { createEmbeddedStore } from '../../server/store/embedded';
import type { GraphStore } from '../../server/store/store';

const ROOT = join(import.meta.dirname, '../..');
const SCRIPT = join(ROOT, 'scripts/neo4j/neo4j.sh');
export const NSF_MAPPING = join(ROOT, 'mappings/nsf-awards-2017.yaml');
/** The full NSF data: NSF_DATA_DIR, else ../shared/realdata/nsf-awards-2017 (CI has it there). */
export const NSF_DATA_DIR = process.env.NSF_DATA_DIR ?? join(ROOT, '../shared/realdata/nsf-awards-2017');
export const SYNTHETIC_MAPPING = join(ROOT, 'mappings/synthetic-ecosystem.yaml');

/** Why the NSF data set cannot be loaded here, or null. */
export function nsfUnavailableReason(): string | null {
  return existsSync(join(NSF_DATA_DIR, 'awards.csv'))
    ? null
    : `no NSF data at ${NSF_DATA_DIR} (set NSF_DATA_DIR to the folder of nsf-awards-2017)`;
}

/** The embedded store with the NSF 2017 awards only (no seed), as EMBEDDED_IMPORTS with SEED_EMBEDDED=false. */
export async function nsfEmbeddedStore(): Promise<GraphStore> {
  const store = createEmbeddedStore();
  await runImport(NSF_MAPPING, store, { dataDir: NSF_DATA_DIR, rejectsPath: null });
  return store;
}

const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;

/** Why a scratch Neo4j cannot be started here (java and mvn), or null. */
export function neo4jUnavailableReason(): string | null {
  return has('java') && has('mvn') ? null : 'java or mvn not found (needed to run the embedded Neo4j)';
}

/** Organisations and relationships of the ~100k-node synthetic graph (100,214 nodes, 299,998 relationships). */
export const SYNTHETIC_100K = { orgs: 99_000, relationships: 300_000, seed: 42 } as const;

/** `npm run generate` output for `opts`, cached in the temp folder (deterministic per seed). */
export function syntheticDir(opts: { orgs: number; relationships: number; seed: number } = SYNTHETIC_100K): string {
  const dir = join(tmpdir(), 'innograph-e2e-data', `${opts.orgs}-${opts.relationships}-${opts.seed}`);
  if (!existsSync(join(dir, 'manifest.json'))) generateEcosystem(dir, opts);
  return dir;
}

/** The `nth` (from 0) organisation of a kind in a generated data set (its `orgs.csv`): [id, name]. */
export function syntheticOrg(dir: string, kind: string, nth = 0): [string, string] {
  const rows = parse<Record<string, string>>(readFileSync(join(dir, 'orgs.csv'), 'utf8'), { columns: true });
  const row = rows.filter((r) => r.kind === kind)[nth];
  if (!row) throw new Error(`no ${kind} in ${dir}/orgs.csv`);
  return [row.org_id!, row.name!];
}

/** The field an organisation of a generated data set focuses on (FOCUSES_ON): [id, name]. */
export function syntheticFieldOf(dir: string, orgId: string): [string, string] {
  const orgs = parse<Record<string, string>>(readFileSync(join(dir, 'orgs.csv'), 'utf8'), { columns: true });
  const fields = parse<Record<string, string>>(readFileSync(join(dir, 'fields.csv'), 'utf8'), { columns: true });
  const field = fields.find((f) => f.field_id === orgs.find((o) => o.org_id === orgId)?.field_id);
  if (!field) throw new Error(`no field for ${orgId} in ${dir}`);
  return [field.field_id!, field.name!];
}

/** The province of an organisation of a generated data set (its city's parent): [id, name]. */
export function syntheticProvinceOf(dir: string, orgId: string): [string, string] {
  const orgs = parse<Record<string, string>>(readFileSync(join(dir, 'orgs.csv'), 'utf8'), { columns: true });
  const regions = parse<Record<string, string>>(readFileSync(join(dir, 'regions.csv'), 'utf8'), { columns: true });
  const city = regions.find((r) => r.region_id === orgs.find((o) => o.org_id === orgId)?.region_id);
  const province = regions.find((r) => r.region_id === city?.parent_id);
  if (!province) throw new Error(`no province for ${orgId} in ${dir}`);
  return [province.region_id!, province.name!];
}

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => ok(port));
    });
  });
}

export interface ScratchNeo4j {
  uri: string;
  /** seconds: Neo4j start, then the bulk load (mapping, CSV, neo4j-admin, restart, schema) */
  startS: number;
  loadS: number;
  nodes: number;
  relationships: number;
  stop(): void;
}

/** Stops the scratch Neo4j whose home is `home` (if it runs) and removes its folder. */
export function stopScratchNeo4j(home: string): void {
  spawnSync('bash', [SCRIPT, 'stop'], {
    env: { ...process.env, NEO4J_HOME_DIR: home },
    encoding: 'utf8',
    timeout: 120_000,
  });
  rmSync(home, { recursive: true, force: true });
}

/**
 * Starts a Neo4j of its own (home `home`, a free port) and bulk-loads the synthetic data set in `dir`
 * into it. The caller stops it.
 */
export async function syntheticNeo4j(dir: string, home: string): Promise<ScratchNeo4j> {
  const port = await freePort();
  const env = {
    ...process.env,
    NEO4J_HOME_DIR: home,
    NEO4J_BOLT_PORT: String(port),
    NEO4J_HEAP: process.env.NEO4J_HEAP ?? '1g',
    NEO4J_PAGECACHE: process.env.NEO4J_PAGECACHE ?? '1g',
  };
  rmSync(home, { recursive: true, force: true });
  const stop = () => stopScratchNeo4j(home);
  let t = performance.now();
  const r = spawnSync('bash', [SCRIPT, 'start'], { env, encoding: 'utf8', timeout: 600_000 });
  if (r.status !== 0) {
    stop();
    throw new Error(`cannot start a scratch Neo4j under ${home}:\n${r.stdout}\n${r.stderr}`);
  }
  const startS = (performance.now() - t) / 1000;
  const uri = `bolt://127.0.0.1:${port}`;
  t = performance.now();
  try {
    const { bulk } = await runBulkImport(SYNTHETIC_MAPPING, {
      config: parseConfig({ NEO4J_URI: uri, QUERY_TIMEOUT_MS: '600000' }),
      dataDir: dir,
      csvDir: join(home, 'bulk-csv'),
      rejectsPath: null,
      memory: '1g',
      env,
    });
    if (!bulk.imported) throw new Error(`bulk import not done: ${bulk.reason ?? 'interrupted'}`);
    return {
      uri,
      startS,
      loadS: (performance.now() - t) / 1000,
      nodes: bulk.nodes,
      relationships: bulk.relationships,
      stop,
    };
  } catch (e) {
    stop();
    throw e;
  }
}

/**
 * What the import, API, memory and load benchmarks share: the sizes to run (BENCH_SCALE), synthetic
 * data generated once per size and seed into a cache folder, a Neo4j of their own (or the one at
 * NEO4J_BENCH_URI, which is wiped) and a fast wipe. The benches load their graphs with the importer
 * through the Neo4j store, the path of `npm run import`.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import neo4j, { type Driver } from 'neo4j-driver';
import { generateEcosystem, type GenerateResult } from './synthetic';

export const REPO_ROOT = resolve(import.meta.dirname, '../..');
export const SYNTHETIC_MAPPING = join(REPO_ROOT, 'mappings/synthetic-ecosystem.yaml');

/** `BENCH_SCALE`: `small` (smoke), default, or `full` (adds the 1M-relationship runs). */
export function benchScale(): 'small' | 'default' | 'full' {
  const s = process.env.BENCH_SCALE ?? 'default';
  if (s !== 'small' && s !== 'default' && s !== 'full')
    throw new Error(`BENCH_SCALE must be small, default or full, not "${s}"`);
  return s;
}

/** Synthetic data with about `relationships` relationships (10 per organisation), cached by size and seed. */
export function syntheticData(relationships: number, seed = 1): GenerateResult {
  const dir = join(tmpdir(), 'innograph-bench-data', `${relationships}-${seed}`);
  const manifest = join(dir, 'manifest.json');
  if (existsSync(manifest)) {
    const m = JSON.parse(readFileSync(manifest, 'utf8')) as Omit<GenerateResult, 'dir'>;
    return { ...m, dir };
  }
  return generateEcosystem(dir, { orgs: Math.max(20, Math.round(relationships / 10)), seed, relationships });
}

/** A Neo4j for a bench: NEO4J_BENCH_URI, or one started here (port 7699, data in the temp folder). */
export interface BenchNeo4j {
  uri: string;
  driver: Driver;
  /** the Neo4j process's pid when it runs here (its home dir's neo4j.pid), for CPU readings */
  pid?: number;
  stop(): Promise<void>;
}

export async function startBenchNeo4j(): Promise<BenchNeo4j> {
  let uri = process.env.NEO4J_BENCH_URI;
  let started = false;
  const env = {
    ...process.env,
    NEO4J_BOLT_PORT: process.env.NEO4J_BENCH_PORT ?? '7699',
    NEO4J_HOME_DIR: join(tmpdir(), 'innograph-bench-neo4j'),
    NEO4J_HEAP: process.env.NEO4J_HEAP ?? '2g',
    NEO4J_PAGECACHE: process.env.NEO4J_PAGECACHE ?? '2g',
  };
  const script = join(REPO_ROOT, 'scripts/neo4j/neo4j.sh');
  if (!uri) {
    const r = spawnSync('bash', [script, 'start'], { env, encoding: 'utf8', timeout: 600_000 });
    const m = /NEO4J_URI=(\S+)/.exec(r.stdout ?? '');
    if (r.status !== 0 || !m) throw new Error(`could not start a Neo4j for the bench:\n${r.stdout}\n${r.stderr}`);
    uri = m[1]!;
    started = true;
  }
  const driver = neo4j.driver(
    uri,
    neo4j.auth.basic(process.env.NEO4J_USER ?? 'neo4j', process.env.NEO4J_PASSWORD ?? 'neo4j'),
    {
      logging: { level: 'error', logger: () => undefined },
    },
  );
  await driver.verifyConnectivity();
  let pid: number | undefined;
  try {
    pid = Number(readFileSync(join(env.NEO4J_HOME_DIR, 'neo4j.pid'), 'utf8').trim()) || undefined;
  } catch {
    pid = undefined;
  }
  return {
    uri,
    driver,
    pid: process.env.NEO4J_BENCH_URI ? undefined : pid,
    async stop() {
      await driver.close();
      if (started) execFileSync('bash', [script, 'stop'], { env, stdio: 'ignore' });
    },
  };
}

/** Deletes every relationship, then every node, in small transactions (any size of graph). */
export async function wipe(driver: Driver): Promise<void> {
  const session = driver.session();
  try {
    await session.run('MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 20000 ROWS');
    await session.run('MATCH (n) CALL (n) { DELETE n } IN TRANSACTIONS OF 20000 ROWS');
  } finally {
    await session.close();
  }
}

/** Number of relationships in the database. */
export async function countRelationships(driver: Driver): Promise<number> {
  const r = await driver.executeQuery('MATCH ()-[r]->() RETURN count(r) AS c');
  return Number(r.records[0]!.get('c'));
}

/** Percentile helpers and timing. */
export const seconds = (startMs: number): number => (performance.now() - startMs) / 1000;

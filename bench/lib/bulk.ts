/**
 * The bulk half of the import bench: bulk mode end to end from the mapping (server/import/bulk: map,
 * validate, CSV, neo4j-admin with the bench's Neo4j stopped, restart, lists and schema) against raw
 * neo4j-admin on the same CSV files in the same run (Neo4j stopped around it too; JVM start included,
 * as a user would run it). Raw runs second, then the lists and schema are completed, so that the
 * graph left for the other benches is the bulk graph.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Driver } from 'neo4j-driver';
import { parseConfig } from '../../server/config';
import { SYNTHETIC_MAPPING, seconds, wipe } from '../../server/generate/benchkit';
import { adminArgs, completeBulk, neo4jSh, runAdmin, runBulkImport } from '../../server/import/bulk';

/** neo4j.sh's settings of the bench's Neo4j (server/generate/benchkit.ts starts it so). */
/**
 * The home folder of the bench's Neo4j, which bulk mode stops and whose database it replaces:
 * NEO4J_BENCH_HOME, or the one startBenchNeo4j uses. A server of NEO4J_BENCH_URI needs its own
 * NEO4J_BENCH_HOME (the default home would be another server's data).
 */
export function benchHome(): string {
  const home = process.env.NEO4J_BENCH_HOME;
  if (home) return home;
  if (process.env.NEO4J_BENCH_URI)
    throw new Error(
      "NEO4J_BENCH_URI is set without NEO4J_BENCH_HOME: the bulk bench stops the server and replaces its database, set NEO4J_BENCH_HOME to that server's home folder",
    );
  return join(tmpdir(), 'innograph-bench-neo4j');
}

const benchEnv = (): NodeJS.ProcessEnv => ({
  ...process.env,
  NEO4J_HOME_DIR: benchHome(),
  NEO4J_HEAP: process.env.NEO4J_HEAP ?? '2g',
  NEO4J_PAGECACHE: process.env.NEO4J_PAGECACHE ?? '2g',
});

export interface BulkBench {
  bulkS: number;
  rawS: number;
  csvS: number;
  adminS: number;
  restartS: number;
  schemaS: number;
  relationships: number;
  nodes: number;
  rejects: number;
}

/** Bulk and raw neo4j-admin of `dataDir` into the bench's Neo4j at `uri` (emptied first). */
export async function benchBulk(uri: string, driver: Driver, dataDir: string, size: number): Promise<BulkBench> {
  const env = benchEnv();
  const config = parseConfig({ NEO4J_URI: uri, QUERY_TIMEOUT_MS: '600000' });
  const csvDir = join(tmpdir(), `innograph-bench-bulk-${size}`);
  await wipe(driver);
  let t = performance.now();
  const { summary, bulk } = await runBulkImport(SYNTHETIC_MAPPING, {
    config,
    dataDir,
    csvDir,
    rejectsPath: null,
    env,
  });
  const bulkS = seconds(t);
  if (!bulk.imported) throw new Error(`bulk bench: not imported: ${bulk.reason ?? 'interrupted'}`);

  const local = { homeDir: env.NEO4J_HOME_DIR!, port: Number(new URL(uri.replace(/^bolt/, 'http')).port) };
  const args = adminArgs(bulk.files, { database: 'neo4j', arrayDelimiter: String.fromCharCode(0x1f), memory: '2g' });
  if (bulk.arrayDelimiter !== 'U+001F')
    throw new Error(`bulk bench: the data moved the delimiter to ${bulk.arrayDelimiter}`);
  await neo4jSh('stop', local, env);
  t = performance.now();
  let rawS = 0;
  try {
    await runAdmin(csvDir, ['--overwrite-destination=true', ...args], local, undefined, env);
    rawS = seconds(t);
  } finally {
    await neo4jSh('start', local, env);
  }
  await completeBulk(config, bulk.emptyLists, { nodes: bulk.nodes, relationships: bulk.relationships });
  const ms = (x: number) => x / 1000;
  return {
    bulkS,
    rawS,
    csvS: ms(bulk.timings.csvMs),
    adminS: ms(bulk.timings.adminMs),
    restartS: ms(bulk.timings.restartMs),
    schemaS: ms(bulk.timings.schemaMs),
    relationships: bulk.relationships,
    nodes: bulk.nodes,
    rejects: summary.rejects.count,
  };
}

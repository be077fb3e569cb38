/**
 * Bulk mode for initial loads (`npm run import -- MAPPING --bulk`): the same mapping, validation,
 * rejects and summary as the online import (`runImport`, with a CsvSink as its store), written as
 * neo4j-admin CSV files, then Neo4j's offline importer into the EMPTY database of the local Neo4j
 * (stopped once found empty, while the files are written, and started again after the importer, or
 * when nothing is to be imported), then what the online path has that the importer cannot
 * write: empty lists, the schema of cypher/schema.cypher (constraints, full-text and other indexes).
 * A non-empty database is refused before anything is written; for a Neo4j elsewhere the CSV files
 * are written and the neo4j-admin command to run there is returned.
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../../config';
import { AppError } from '../../errors';
import { createDriver } from '../../neo4j/driver';
import { CYPHER_DIR, CypherRunner, labelFilter } from '../../neo4j/run';
import { schemaStatements } from '../../store/neo4j/store';
import { runImport, type ImportOptions } from '../importer';
import { dataDirOf, loadMapping, type LoadedMapping } from '../mapping';
import type { ImportSummary } from '../report';
import {
  adminArgs,
  javaBin,
  neo4jSh,
  printableCommand,
  runAdmin,
  targetOf,
  type AdminProgress,
  type LocalNeo4j,
} from './admin';
import { CsvSink, type BulkFile, type EmptyList } from './csvSink';

export { adminArgs, homeDirOf, neo4jSh, runAdmin, type AdminProgress, type LocalNeo4j } from './admin';
export type { BulkFile, EmptyList } from './csvSink';

export interface BulkOptions extends Omit<ImportOptions, 'dryRun' | 'retries' | 'concurrency'> {
  config: Pick<Config, 'NEO4J_URI' | 'NEO4J_USER' | 'NEO4J_PASSWORD' | 'NEO4J_DATABASE' | 'QUERY_TIMEOUT_MS'>;
  /** where the CSV files go (created) */
  csvDir: string;
  /** neo4j-admin --max-off-heap-memory (default 2g) */
  memory?: string;
  /** neo4j-admin's progress while it runs */
  onAdminProgress?: (p: AdminProgress) => void;
  /** one line per step (stopping Neo4j, importing, starting, schema) */
  log?: (line: string) => void;
  env?: NodeJS.ProcessEnv;
}

/** What bulk mode did besides the import summary. */
export interface BulkInfo {
  csvDir: string;
  files: BulkFile[];
  /** U+XXXX of the list delimiter in the files */
  arrayDelimiter: string;
  /** list properties written empty, to set to [] after neo4j-admin */
  emptyLists: EmptyList[];
  /** the neo4j-admin command for the CSV files (to run where the database is, when not imported here) */
  command: string;
  /** false: the CSV files were written but not imported (Neo4j elsewhere, or interrupted) */
  imported: boolean;
  /** why not imported */
  reason?: string;
  /** ms of each step: mapping + CSV writing, neo4j-admin (with Neo4j stopped), restart, schema and lists */
  timings: { csvMs: number; adminMs: number; restartMs: number; schemaMs: number; totalMs: number };
  nodes: number;
  relationships: number;
}

/** Candidates for the list delimiter: control characters that CSV text hardly ever holds. */
const DELIMITERS = [0x1f, 0x1e, 0x1d, 0x1c, 0x1b, 0x1a, 0x19, 0x18, 0x17, 0x16, 0x15, 0x14, 0x13, 0x12, 0x11, 0x10];

/**
 * The first candidate delimiter that occurs in none of the files (bytes below 0x20 are never part of
 * a multi-byte UTF-8 character, so a byte search is exact).
 */
export async function chooseArrayDelimiter(paths: string[], texts: string[] = []): Promise<string> {
  let left = [...DELIMITERS];
  const drop = (has: (b: number) => boolean) => (left = left.filter((b) => !has(b)));
  for (const t of texts) drop((b) => t.includes(String.fromCharCode(b)));
  for (const p of paths) {
    if (left.length === 0) break;
    for await (const chunk of createReadStream(p)) {
      const buf = chunk as Buffer;
      drop((b) => buf.includes(b));
      if (left.length === 0) break;
    }
  }
  if (left.length === 0)
    throw new AppError(
      'VALIDATION_FAILED',
      400,
      'the data holds every control character bulk mode can use between list elements',
      {
        hint: 'import this data set online (without --bulk)',
      },
    );
  return String.fromCharCode(left[0]!);
}

const codePoint = (c: string) => `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
const EMPTY_LIST_BATCH = 50_000;
const SCHEMA_TIMEOUT_MS = 300_000;
/**
 * Records per batch handed to the CSV writer: small, so that a batch's records die young instead of
 * outliving a scavenge (mapping 1M relationships: scavenges 5.4 s at 10,000, 2.7 s at 1000; 997 MB
 * promoted to the old generation at 1000, 814 MB at 250).
 */
const BULK_BATCH = 250;

async function counts(runner: CypherRunner): Promise<{ nodes: number; relationships: number }> {
  const [row] = await runner.read('bulk-counts');
  return { nodes: Number(row?.nodes ?? 0), relationships: Number(row?.relationships ?? 0) };
}

async function refuseNonEmpty(runner: CypherRunner, uri: string, database: string): Promise<void> {
  const c = await counts(runner);
  if (c.nodes > 0 || c.relationships > 0)
    throw new AppError(
      'VALIDATION_FAILED',
      409,
      `bulk import needs an empty database: "${database}" at ${uri} holds ${c.nodes} nodes and ${c.relationships} relationships`,
      {
        where: uri,
        hint: 'add to a live graph with the online import (without --bulk), or start from an empty database (npm run neo4j:stop, delete the data folder of NEO4J_HOME_DIR, npm run neo4j:start)',
      },
    );
}

/** Runs a mapping in bulk mode. Throws like `runImport`, and when the database is not empty. */
export async function runBulkImport(
  mappingOrPath: string | LoadedMapping,
  options: BulkOptions,
): Promise<{ summary: ImportSummary; bulk: BulkInfo }> {
  const started = Date.now();
  const env = options.env ?? process.env;
  const log = options.log ?? (() => {});
  const loaded = typeof mappingOrPath === 'string' ? loadMapping(mappingOrPath) : mappingOrPath;
  const { config } = options;
  if (!config.NEO4J_URI)
    throw new AppError('VALIDATION_FAILED', 400, 'bulk import: NEO4J_URI is not set', {
      hint: 'start Neo4j (npm run neo4j:start prints NEO4J_URI=...) and set NEO4J_URI',
    });
  const uri = config.NEO4J_URI;
  const database = config.NEO4J_DATABASE;
  const target = await targetOf(uri, env);
  let local: LocalNeo4j | undefined;
  let reason: string | undefined;
  if ('local' in target) {
    if (database !== 'neo4j') reason = `the local Neo4j (Community) serves one database, "neo4j", not "${database}"`;
    else local = target.local;
  } else reason = target.remote;

  const driver = createDriver(config);
  const runner = new CypherRunner(driver, { database, defaultTimeoutMs: config.QUERY_TIMEOUT_MS });
  try {
    if (local) {
      checkJava(env);
      await refuseNonEmpty(runner, uri, database);
    }
  } finally {
    await driver.close();
  }
  // The local Neo4j stops now, while the files are written: nothing can be written to the database
  // between the emptiness check and the import, and its shutdown overlaps the mapping.
  let stopped: Promise<unknown> | undefined;
  if (local) {
    log(`stopping the local Neo4j (${local.homeDir})`);
    stopped = neo4jSh('stop', local, env);
    stopped.catch(() => {});
  }
  let t1 = Date.now();
  const restart = async () => {
    if (!local || !stopped) return;
    await stopped.catch(() => {});
    t1 = Date.now();
    log('starting the local Neo4j');
    await neo4jSh('start', local, env);
  };

  // Map, validate and write the CSV files.
  const m = loaded.mapping;
  const dataDir = dataDirOf(loaded, options.dataDir);
  const inputs = [...new Set([...Object.values(m.lookups ?? {}).map((l) => l.file), ...m.files.map((f) => f.file)])];
  let summary: ImportSummary;
  let delimiter: string;
  let sink: CsvSink;
  try {
    delimiter = await chooseArrayDelimiter(
      inputs.map((f) => join(dataDir, f)),
      [readFileSync(loaded.path, 'utf8')],
    );
    sink = new CsvSink(options.csvDir, delimiter);
    try {
      summary = await runImport(loaded, sink, {
        ...options,
        batchSize: options.batchSize ?? BULK_BATCH,
        concurrency: 1,
      });
    } finally {
      await sink.close();
    }
  } catch (e) {
    await restart();
    throw e;
  }
  const csvMs = Date.now() - started;
  const files = sink.files();
  const emptyLists = sink.emptyLists();
  const args = adminArgs(files, { database, arrayDelimiter: delimiter, memory: options.memory ?? '2g' });
  const bulk: BulkInfo = {
    csvDir: options.csvDir,
    files,
    arrayDelimiter: codePoint(delimiter),
    emptyLists,
    command: printableCommand(options.csvDir, args),
    imported: false,
    timings: { csvMs, adminMs: 0, restartMs: 0, schemaMs: 0, totalMs: 0 },
    nodes: sink.nodesWritten,
    relationships: sink.relsWritten,
  };
  const done = () => {
    bulk.timings.totalMs = Date.now() - started;
    return { summary, bulk };
  };
  if (summary.interrupted || summary.rejectLimit !== undefined) {
    if (summary.rejectLimit !== undefined)
      bulk.reason = `more than ${summary.rejectLimit} rows rejected (--max-rejects): nothing imported`;
    await restart();
    return done();
  }
  if (!local) {
    bulk.reason = reason;
    if (emptyLists.length > 0)
      bulk.reason += `; after the import, set the empty lists as the online import stores them: ${emptyLists
        .map((e) => `MATCH (n:${e.kind}) WHERE n.${e.property} IS NULL SET n.${e.property} = []`)
        .join('; ')}; then apply cypher/schema.cypher`;
    else bulk.reason += '; then apply cypher/schema.cypher';
    return done();
  }

  // The import proper, with the local Neo4j stopped.
  await stopped;
  const t0 = Date.now();
  let failure: Error | undefined;
  try {
    log(`neo4j-admin database import full: ${files.length} files`);
    await runAdmin(options.csvDir, ['--overwrite-destination=true', ...args], local, options.onAdminProgress, env);
  } catch (e) {
    failure = e instanceof Error ? e : new Error(String(e));
  }
  bulk.timings.adminMs = Date.now() - t0;
  await restart();
  bulk.timings.restartMs = Date.now() - t1;
  if (failure !== undefined) throw failure;

  const t2 = Date.now();
  await completeBulk(config, emptyLists, { nodes: sink.nodesWritten, relationships: sink.relsWritten }, log);
  bulk.timings.schemaMs = Date.now() - t2;
  bulk.imported = true;
  return done();
}

function checkJava(env: NodeJS.ProcessEnv): void {
  const r = spawnSync(javaBin(env), ['-version'], { encoding: 'utf8' });
  if (r.error || r.status !== 0)
    throw new AppError('INTERNAL', 500, `bulk import needs Java to run neo4j-admin: ${javaBin(env)} -version failed`, {
      hint: 'install a Java 17+ JDK (as for npm run neo4j:start) or set JAVA_HOME',
    });
}

/**
 * What follows neo4j-admin (once Neo4j is up again): the empty lists set, cypher/schema.cypher applied
 * (indexes awaited), and the database's counts checked against the files' `expected` counts. The
 * schema's statements run in one transaction, and the counts are read while the lists are set.
 */
export async function completeBulk(
  config: BulkOptions['config'],
  emptyLists: EmptyList[],
  expected: { nodes: number; relationships: number },
  log: (line: string) => void = () => {},
): Promise<void> {
  const driver = createDriver(config);
  const runner = new CypherRunner(driver, {
    database: config.NEO4J_DATABASE,
    defaultTimeoutMs: config.QUERY_TIMEOUT_MS,
  });
  try {
    const checked = counts(runner).then((c) => {
      if (c.nodes !== expected.nodes || c.relationships !== expected.relationships)
        throw new AppError(
          'INTERNAL',
          500,
          `bulk import: the database holds ${c.nodes} nodes and ${c.relationships} relationships, the CSV files ${expected.nodes} and ${expected.relationships}`,
          { hint: 'see import.report in the CSV folder' },
        );
    });
    checked.catch(() => {});
    await setEmptyLists(runner, emptyLists, log);
    // The store's applySchema without its search-name backfill: every node of the files has
    // `searchNames` (set by the CSV writer, or by the lists above when empty).
    log('schema: cypher/schema.cypher');
    const text = readFileSync(join(CYPHER_DIR, 'schema.cypher'), 'utf8');
    await runner.runTextsInTransaction('schema', schemaStatements(text), SCHEMA_TIMEOUT_MS);
    await runner.run('await-indexes', { seconds: 300 }, { routing: 'WRITE', timeoutMs: SCHEMA_TIMEOUT_MS + 10_000 });
    await checked;
  } finally {
    await driver.close();
  }
}

/** Sets the list properties written empty to [] (neo4j-admin stores no property for them). */
async function setEmptyLists(runner: CypherRunner, emptyLists: EmptyList[], log: (line: string) => void) {
  // one pass per property over all the kinds that hold it
  const byProperty = new Map<string, string[]>();
  for (const e of emptyLists) byProperty.set(e.property, [...(byProperty.get(e.property) ?? []), e.kind]);
  for (const [property, kinds] of byProperty) {
    log(`empty lists: ${property} of ${kinds.join(', ')}`);
    for (;;) {
      const [row] = await runner.write(
        'bulk-empty-list',
        { property, batch: EMPTY_LIST_BATCH },
        { LABELS: labelFilter(kinds) },
        SCHEMA_TIMEOUT_MS,
      );
      if (Number(row?.written ?? 0) < EMPTY_LIST_BATCH) break;
    }
  }
}

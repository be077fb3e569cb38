/**
 * `npm run import -- <mapping> [--data-dir DIR] [--dry-run] [--batch-size N] [--max-rejects N]
 * [--rejects FILE] [--rates FILE] [--report-dir DIR] [--json] [--bulk [--bulk-dir DIR] [--bulk-memory SIZE]]`:
 * imports a data set into the Neo4j at NEO4J_URI by its mapping (see docs/import.md). `--dry-run` maps and
 * validates without a store. `--bulk` loads an empty local database with neo4j-admin (server/import/bulk).
 * Writes the rejects CSV and a JSON summary under import-reports/ (or --report-dir). Ctrl-C stops between
 * rows, waits for the batch being written and exits with 130; running the same command again completes the
 * import. `--max-rejects N` stops before anything more is written once more than N rows are rejected.
 * Exit codes: 0 done (rejects and warnings are in the report), 1 error, 2 usage, 3 too many rejects,
 * 4 bulk CSV files written but not imported (Neo4j elsewhere: the command to run there is printed),
 * 130 interrupted.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { parseConfig } from '../server/config';
import { AppError } from '../server/errors';
import { runImport } from '../server/import/importer';
import { RateTable, loadMapping } from '../server/import/mapping';
import { formatSummary, progressLine, type ProgressInfo } from '../server/import/report';
import type { GraphStore } from '../server/store/store';

const USAGE = `usage: npm run import -- <mapping.yaml> [--data-dir DIR] [--dry-run] [--batch-size N] [--max-rejects N]
                         [--rejects FILE] [--rates FILE] [--report-dir DIR] [--json]
                         [--bulk [--bulk-dir DIR] [--bulk-memory SIZE]]
  Imports into the Neo4j at NEO4J_URI (e.g. NEO4J_URI=bolt://127.0.0.1:7687); --dry-run needs no store.
  --bulk: first load of an EMPTY database of the local Neo4j with neo4j-admin (it is stopped and restarted).`;

/** A word as a POSIX shell reads it back (for hints that are commands). */
function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

function fail(message: string, code = 1): never {
  console.error(message);
  process.exit(code);
}

async function main(): Promise<void> {
  let args;
  try {
    args = parseArgs({
      allowPositionals: true,
      options: {
        'data-dir': { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        'batch-size': { type: 'string' },
        'max-rejects': { type: 'string' },
        rejects: { type: 'string' },
        rates: { type: 'string' },
        'report-dir': { type: 'string' },
        json: { type: 'boolean', default: false },
        bulk: { type: 'boolean', default: false },
        'bulk-dir': { type: 'string' },
        'bulk-memory': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    fail(`${(e as Error).message}\n${USAGE}`, 2);
  }
  const { values, positionals } = args;
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (positionals.length !== 1) fail(USAGE, 2);
  const batchSize = values['batch-size'] === undefined ? undefined : Number(values['batch-size']);
  if (batchSize !== undefined && (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 100_000))
    fail('--batch-size must be a whole number from 1 to 100000', 2);
  const maxRejects = values['max-rejects'] === undefined ? undefined : Number(values['max-rejects']);
  if (maxRejects !== undefined && (!/^\d+$/.test(values['max-rejects'] ?? '') || !Number.isSafeInteger(maxRejects)))
    fail('--max-rejects must be a whole number (0 or more)', 2);

  const loaded = loadMapping(positionals[0]!);
  const name = loaded.mapping.name;
  const reportDir = resolve(values['report-dir'] ?? 'import-reports');
  const rejectsPath = values.rejects ? resolve(values.rejects) : join(reportDir, `${name}-rejects.csv`);
  let rates;
  if (values.rates) {
    const r = RateTable.safeParse(parseYaml(readFileSync(values.rates, 'utf8')));
    if (!r.success)
      fail(`${values.rates}: not a rate table ({base: USD, rates: {CNY: 0.14, ...}}): ${r.error.message}`, 2);
    rates = r.data;
  }

  if (values.bulk) {
    if (values['dry-run']) fail('--bulk and --dry-run do not go together (a dry run writes nothing anyway)', 2);
    if (values['bulk-memory'] !== undefined && !/^\d+[kmgKMG]?$|^\d{1,2}%$/.test(values['bulk-memory']))
      fail('--bulk-memory is a size such as 2g or 512m, or a share of the memory such as 50%', 2);
    const { runBulk } = await import('./import-bulk');
    process.exitCode = await runBulk(loaded, {
      dataDir: values['data-dir'],
      batchSize,
      rejectsPath,
      reportDir,
      rates,
      json: values.json,
      csvDir: values['bulk-dir'] ? resolve(values['bulk-dir']) : join(reportDir, `${name}-bulk`),
      memory: values['bulk-memory'],
      maxRejects,
    });
    return;
  }

  let store: GraphStore | undefined;
  if (!values['dry-run']) {
    const config = parseConfig();
    if (!config.NEO4J_URI)
      fail(
        'NEO4J_URI is not set. Start Neo4j (npm run neo4j:start prints NEO4J_URI=...) and run\n' +
          `  NEO4J_URI=bolt://127.0.0.1:7687 npm run import -- ${process.argv.slice(2).map(shellQuote).join(' ')}\n` +
          'or check the mapping with --dry-run.',
        2,
      );
    const { createNeo4jStore } = await import('../server/store/neo4j');
    store = createNeo4jStore(config);
    await store.ping();
  }

  const controller = new AbortController();
  let interrupts = 0;
  const onSignal = (sig: NodeJS.Signals) => {
    interrupts++;
    if (interrupts > 1) {
      console.error(`\n${sig} again: exiting now (the batch in flight is rolled back).`);
      process.exit(130);
    }
    console.error(`\n${sig}: stopping after the batch being written (Ctrl-C again to exit at once)...`);
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const tty = process.stderr.isTTY === true;
  let last = '';
  const onProgress = tty
    ? (p: ProgressInfo) => {
        const line = progressLine(p);
        if (line !== last) process.stderr.write(`\r${line.padEnd(last.length)}`);
        last = line;
      }
    : undefined;

  try {
    const summary = await runImport(loaded, store, {
      dryRun: values['dry-run'],
      signal: controller.signal,
      rejectsPath,
      ...(values['data-dir'] ? { dataDir: values['data-dir'] } : {}),
      ...(batchSize ? { batchSize } : {}),
      ...(maxRejects !== undefined ? { maxRejects } : {}),
      ...(rates ? { rates } : {}),
      ...(onProgress ? { onProgress } : {}),
    });
    if (tty && last) process.stderr.write('\n');
    mkdirSync(reportDir, { recursive: true });
    const summaryPath = join(reportDir, `${name}-summary.json`);
    writeFileSync(summaryPath, JSON.stringify(summary, null, 2) + '\n');
    if (values.json) console.log(JSON.stringify(summary, null, 2));
    else console.log(`${formatSummary(summary)}\n  summary → ${summaryPath}`);
    if (summary.rejectLimit !== undefined) {
      console.error(
        `${summary.interrupted ? 'Stopped' : 'Failed'}: more than ${summary.rejectLimit} rows rejected (--max-rejects ${summary.rejectLimit}); the rejects are in ${rejectsPath}`,
      );
      process.exitCode = 3;
    } else process.exitCode = summary.interrupted ? 130 : 0;
  } finally {
    await store?.close();
  }
}

main().catch((e: unknown) => {
  if (e instanceof AppError) fail(`${e.message}${e.hint ? `\n  hint: ${e.hint}` : ''}`);
  fail(e instanceof Error ? (e.stack ?? e.message) : String(e));
});

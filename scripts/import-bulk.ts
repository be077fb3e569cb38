/**
 * The `--bulk` half of `npm run import` (scripts/import.ts parses the options): runs
 * server/import/bulk with a progress bar (the mapping's, then neo4j-admin's), writes the summary and
 * prints it with what bulk mode did. Returns the exit code: 0 imported, 3 CSV files written but not
 * imported (a Neo4j elsewhere: the neo4j-admin command to run there is printed), 130 interrupted.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig } from '../server/config';
import { runBulkImport, type AdminProgress, type BulkInfo } from '../server/import/bulk';
import type { LoadedMapping, RateTable } from '../server/import/mapping';
import { formatSummary, progressLine, type ProgressInfo } from '../server/import/report';

export interface BulkCliOptions {
  dataDir: string | undefined;
  batchSize: number | undefined;
  rejectsPath: string;
  reportDir: string;
  rates: RateTable | undefined;
  json: boolean;
  csvDir: string;
  memory: string | undefined;
  maxRejects: number | undefined;
}

const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** The bulk lines of the printed summary. */
export function formatBulk(b: BulkInfo): string {
  const t = b.timings;
  const lines = [
    b.imported
      ? `  bulk: ${b.nodes.toLocaleString('en-US')} nodes and ${b.relationships.toLocaleString('en-US')} relationships imported by neo4j-admin`
      : `  bulk: NOT imported: ${b.reason ?? 'interrupted'}`,
    `    CSV files (${b.files.length}, list delimiter ${b.arrayDelimiter}) → ${b.csvDir}`,
    ...(b.imported
      ? ['    restart the servers that were connected to this Neo4j (their drivers hold old bookmarks)']
      : []),
    `    mapping + CSV ${secs(t.csvMs)}, neo4j-admin ${secs(t.adminMs)}, restart ${secs(t.restartMs)}, lists + schema ${secs(t.schemaMs)}, total ${secs(t.totalMs)}`,
  ];
  if (!b.imported && b.reason)
    lines.push(`  run this where the database is (stop it or use an empty one first):\n${b.command}`);
  return lines.join('\n');
}

export async function runBulk(loaded: LoadedMapping, o: BulkCliOptions): Promise<number> {
  const config = parseConfig();
  const controller = new AbortController();
  const onSignal = () => {
    console.error('\nstopping after the batch being written (nothing is imported)...');
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const tty = process.stderr.isTTY === true;
  let last = '';
  const draw = (line: string) => {
    if (!tty || line === last) return;
    process.stderr.write(`\r${line.padEnd(last.length)}`);
    last = line;
  };
  const endLine = () => {
    if (tty && last) process.stderr.write('\n');
    last = '';
  };
  const onProgress = (p: ProgressInfo) => draw(progressLine(p));
  const onAdminProgress = (p: AdminProgress) => {
    const full = Math.round((p.percent / 100) * 30);
    draw(`[${'#'.repeat(full)}${'.'.repeat(30 - full)}] ${String(p.percent).padStart(3)}% neo4j-admin: ${p.step}`);
  };

  const { summary, bulk } = await runBulkImport(loaded, {
    config,
    csvDir: o.csvDir,
    signal: controller.signal,
    rejectsPath: o.rejectsPath,
    onProgress,
    onAdminProgress,
    log: (line) => {
      endLine();
      console.error(line);
    },
    ...(o.dataDir ? { dataDir: o.dataDir } : {}),
    ...(o.batchSize ? { batchSize: o.batchSize } : {}),
    ...(o.rates ? { rates: o.rates } : {}),
    ...(o.memory ? { memory: o.memory } : {}),
    ...(o.maxRejects !== undefined ? { maxRejects: o.maxRejects } : {}),
  });
  endLine();
  mkdirSync(o.reportDir, { recursive: true });
  const summaryPath = join(o.reportDir, `${summary.mapping}-summary.json`);
  writeFileSync(summaryPath, JSON.stringify({ ...summary, bulk }, null, 2) + '\n');
  if (o.json) console.log(JSON.stringify({ ...summary, bulk }, null, 2));
  else console.log(`${formatSummary(summary)}\n${formatBulk(bulk)}\n  summary → ${summaryPath}`);
  return summary.interrupted ? 130 : summary.rejectLimit !== undefined ? 3 : bulk.imported ? 0 : 4;
}

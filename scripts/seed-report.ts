/**
 * Seed report: validates the curated seed (`seed/data/*.yaml`) with `readSeed()`, checks that every
 * provenance quote occurs verbatim in its Source text with `checkQuotes()`, and prints counts.
 *
 *   npx tsx scripts/seed-report.ts [seed-dir]
 *
 * `seed-dir` defaults to seed/data; Source paths are still resolved against the repository root.
 * Exits 1 and lists every issue when the seed is invalid or a quote is not found; exits 0 otherwise.
 */
import { AppError } from '../server/errors';
import { checkQuotes, readSeed } from '../server/data/seed';
import type { GraphData } from '../server/model/model';
import type { RecordIssue } from '../server/model/validate';

function printIssues(title: string, issues: RecordIssue[]): void {
  console.error(`${title}: ${issues.length} issue(s)`);
  for (const i of issues) console.error(`  - ${i.record} [${i.field}] ${i.message}`);
}

function countBy<T>(items: readonly T[], key: (t: T) => string): [string, number][] {
  const m = new Map<string, number>();
  for (const it of items) m.set(key(it), (m.get(key(it)) ?? 0) + 1);
  return [...m.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

function printTable(title: string, rows: [string, number][]): void {
  console.log(`${title}:`);
  const width = Math.max(0, ...rows.map(([k]) => k.length));
  for (const [k, n] of rows) console.log(`  ${k.padEnd(width)}  ${String(n).padStart(4)}`);
}

const dir = process.argv[2];
let graph: GraphData;
try {
  graph = dir === undefined ? readSeed() : readSeed(dir);
} catch (e) {
  if (e instanceof AppError && Array.isArray(e.details)) {
    printIssues('seed validation failed', e.details as RecordIssue[]);
  } else {
    console.error(`seed could not be read: ${(e as Error).message}`);
  }
  process.exit(1);
}

const quoteIssues = checkQuotes(graph);
if (quoteIssues.length > 0) {
  printIssues('provenance check failed', quoteIssues);
  process.exit(1);
}

const { nodes, relationships } = graph;
const indicators = nodes.filter((n) => n.kind === 'Indicator').length;
const moneyRels = relationships.filter((r) => 'amount' in r && r.amount !== undefined).length;
const deals = nodes.filter((n) => n.kind === 'Deal' && n.amount !== undefined).length;
const quotes = [...nodes, ...relationships].reduce((sum, r) => sum + r.sources.length, 0);

printTable(
  'nodes by kind',
  countBy(nodes, (n) => n.kind),
);
printTable(
  'relationships by type',
  countBy(relationships, (r) => r.type),
);
console.log(`total nodes:                 ${nodes.length}`);
console.log(`total relationships:         ${relationships.length}`);
console.log(`indicator nodes:             ${indicators}`);
console.log(`relationships with amount:   ${moneyRels}`);
console.log(`deals with a stated total:   ${deals}`);
console.log(`facts (indicators + amounts + deal totals): ${indicators + moneyRels + deals}`);
console.log(`provenance quotes:           ${quotes}`);
console.log('seed OK: 0 issues');

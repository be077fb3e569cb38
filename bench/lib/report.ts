/**
 * Shared bench plumbing: percentiles, the machine's description, and writing results as JSON and a
 * Markdown table under bench/results/<name>.{json,md}.
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';

export const RESULTS_DIR = join(import.meta.dirname, '..', 'results');

/** The p-th percentile (0..100) of a list of numbers (nearest rank). */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

/** Cores, memory and runtime of this machine. */
export function machine() {
  return {
    cores: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: process.platform,
  };
}

/** A further table of a results file, after the main one. */
export interface MoreTable {
  title: string;
  columns: string[];
  rows: Record<string, unknown>[];
  /** a paragraph under the title */
  note?: string;
}

/**
 * Writes `bench/results/<name>.json` and `<name>.md` (a table of `rows` with `columns`, then the
 * `more` tables, each under its own heading).
 */
export function writeResults(
  name: string,
  title: string,
  columns: string[],
  rows: Record<string, unknown>[],
  extra: Record<string, unknown> = {},
  more: MoreTable[] = [],
): void {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const at = new Date().toISOString();
  const m = machine();
  writeFileSync(
    join(RESULTS_DIR, `${name}.json`),
    JSON.stringify({ name, title, at, machine: m, ...extra, rows, ...(more.length > 0 ? { more } : {}) }, null, 2) +
      '\n',
  );
  const fmt = (v: unknown) =>
    typeof v === 'number'
      ? Number.isInteger(v)
        ? String(v)
        : v.toFixed(2)
      : typeof v === 'string'
        ? v
        : v == null
          ? ''
          : JSON.stringify(v);
  const table = (cols: string[], rs: Record<string, unknown>[]) => [
    `| ${cols.join(' | ')} |`,
    `| ${cols.map(() => '---').join(' | ')} |`,
    ...rs.map((r) => `| ${cols.map((c) => fmt(r[c])).join(' | ')} |`),
  ];
  const md = [
    `# ${title}`,
    '',
    `${at} · ${m.cores} cores · ${m.memoryGiB} GiB · ${m.cpu} · Node ${m.node}`,
    '',
    ...table(columns, rows),
    '',
    ...more.flatMap((t) => [`## ${t.title}`, '', ...(t.note ? [t.note, ''] : []), ...table(t.columns, t.rows), '']),
  ].join('\n');
  writeFileSync(join(RESULTS_DIR, `${name}.md`), md);
  console.log(md);
}

/**
 * What an import reports: rejected rows (written as CSV as they happen), warnings grouped by file,
 * spec and message with a few examples each, money totals per currency (and in one currency when a
 * rate table is given), the summary, and its rendering as text and as a terminal progress bar.
 */
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { dirname } from 'node:path';
import type { MoneyTotal } from '../api/schemas';
import type { RateTable } from './mapping';

/** A row, or one record of it, that was not imported. */
export interface Reject {
  file: string;
  line: number;
  spec: string;
  field: string;
  reason: string;
  value?: string;
  /** the row's text (cut to 500 characters) */
  row: string;
}

export interface WarningGroup {
  file: string;
  spec: string;
  message: string;
  count: number;
  /** up to five `line N (id)` examples */
  examples: string[];
}

export interface WriteTotals {
  created: number;
  updated: number;
  /** written but equal already (re-import) */
  unchanged: number;
}

export interface ImportSummary {
  mapping: string;
  dataDir: string;
  dryRun: boolean;
  /** stopped early (Ctrl-C, signal): a rerun completes the import */
  interrupted: boolean;
  durationMs: number;
  rowsRead: number;
  rowsPerSecond: number;
  rowsSkipped: number;
  rowsRejected: number;
  files: { file: string; rows: number; skipped: number; rejected: number }[];
  nodes: WriteTotals & { records: number; byKind: Record<string, number> };
  relationships: WriteTotals & { records: number; byType: Record<string, number> };
  /** records whose id had been imported already in this run (the first one is kept) */
  duplicates: number;
  rejects: { count: number; path: string | null; sample: Reject[] };
  /** set when the import stopped because more rows than this were rejected (`--max-rejects`) */
  rejectLimit?: number;
  warnings: { count: number; groups: WarningGroup[] };
  money: MoneyTotal[];
  /** all money converted with the rate table, when one is given */
  moneyInBase?: { currency: string; amount: number; unconverted: string[] };
}

const csvCell = (s: string | number): string => {
  const t = String(s);
  return /[",\n\r]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
};

/** Collects rejects; writes them to a CSV file as they come when a path is given. */
export class RejectLog {
  readonly sample: Reject[] = [];
  count = 0;
  rows = 0;
  private out: WriteStream | undefined;

  constructor(readonly path: string | null) {
    if (path) {
      mkdirSync(dirname(path), { recursive: true });
      this.out = createWriteStream(path, { encoding: 'utf8' });
      this.out.write('file,line,spec,field,reason,value,row\n');
    }
  }

  add(r: Reject): void {
    this.count++;
    if (this.sample.length < 20) this.sample.push(r);
    this.out?.write(
      [r.file, r.line, r.spec, r.field, r.reason, r.value ?? '', r.row.slice(0, 500)].map(csvCell).join(',') + '\n',
    );
  }

  async close(): Promise<void> {
    const out = this.out;
    if (!out) return;
    this.out = undefined;
    await new Promise<void>((res, rej) => out.end((e?: Error | null) => (e ? rej(e) : res())));
  }
}

/** Groups warnings by file, spec and message. */
export class WarningLog {
  private groups = new Map<string, WarningGroup>();
  count = 0;

  add(file: string, spec: string, message: string, example: string): void {
    this.count++;
    const key = `${file}\u0000${spec}\u0000${message}`;
    let g = this.groups.get(key);
    if (!g) {
      g = { file, spec, message, count: 0, examples: [] };
      this.groups.set(key, g);
    }
    g.count++;
    if (g.examples.length < 5) g.examples.push(example);
  }

  list(): WarningGroup[] {
    return [...this.groups.values()];
  }
}

/** Money per currency; `convert` totals it in the rate table's base currency. */
export class MoneyLog {
  private totals = new Map<string, MoneyTotal>();

  add(currency: string, amount: number, count = 1): void {
    const t = this.totals.get(currency) ?? { currency, amount: 0, count: 0 };
    t.amount += amount;
    t.count += count;
    this.totals.set(currency, t);
  }

  list(): MoneyTotal[] {
    return [...this.totals.values()].sort((a, b) => (a.currency < b.currency ? -1 : a.currency > b.currency ? 1 : 0));
  }

  convert(rates: RateTable): { currency: string; amount: number; unconverted: string[] } {
    let amount = 0;
    const unconverted: string[] = [];
    for (const t of this.totals.values()) {
      const rate = t.currency === rates.base ? 1 : rates.rates[t.currency];
      if (rate === undefined) unconverted.push(t.currency);
      else amount += t.amount * rate;
    }
    return { currency: rates.base, amount, unconverted };
  }
}

const n = (x: number): string => x.toLocaleString('en-US');
const money = (x: number): string => x.toLocaleString('en-US', { maximumFractionDigits: 2 });

/** The summary as the CLI prints it. */
export function formatSummary(s: ImportSummary): string {
  const lines: string[] = [];
  const head =
    s.rejectLimit !== undefined
      ? s.interrupted
        ? `Import STOPPED after more than ${n(s.rejectLimit)} rejected rows (--max-rejects ${s.rejectLimit}): nothing after the last reject was written${s.dryRun ? ' (dry run)' : ''}`
        : `Import done, but more than ${n(s.rejectLimit)} rows were rejected (--max-rejects ${s.rejectLimit}), found after the rows were written`
      : s.dryRun
        ? 'Dry run (nothing written)'
        : s.interrupted
          ? 'Import INTERRUPTED (rerun to complete)'
          : 'Import done';
  lines.push(`${head}: ${s.mapping} from ${s.dataDir}`);
  lines.push(
    `  rows read ${n(s.rowsRead)} in ${(s.durationMs / 1000).toFixed(1)} s (${n(Math.round(s.rowsPerSecond))} rows/s) = imported ${n(s.rowsRead - s.rowsRejected - s.rowsSkipped)} + rejected ${n(s.rowsRejected)} + skipped ${n(s.rowsSkipped)}`,
  );
  for (const f of s.files)
    lines.push(
      `    ${f.file}: ${n(f.rows)} rows = imported ${n(f.rows - f.rejected - f.skipped)}${f.rejected ? ` + ${n(f.rejected)} rejected` : ''}${f.skipped ? ` + ${n(f.skipped)} skipped` : ''}`,
    );
  const w = (t: WriteTotals & { records: number }) =>
    s.dryRun
      ? `${n(t.records)} to write`
      : `${n(t.records)} (created ${n(t.created)}, updated ${n(t.updated)}, unchanged ${n(t.unchanged)})`;
  lines.push(`  nodes ${w(s.nodes)}`);
  lines.push(
    `    ${Object.entries(s.nodes.byKind)
      .map(([k, v]) => `${k} ${n(v)}`)
      .join(', ')}`,
  );
  lines.push(`  relationships ${w(s.relationships)}`);
  lines.push(
    `    ${Object.entries(s.relationships.byType)
      .map(([k, v]) => `${k} ${n(v)}`)
      .join(', ')}`,
  );
  if (s.duplicates) lines.push(`  repeated ids (first kept): ${n(s.duplicates)}`);
  if (s.money.length)
    lines.push(`  money: ${s.money.map((m) => `${m.currency} ${money(m.amount)} (${n(m.count)})`).join('; ')}`);
  if (s.moneyInBase)
    lines.push(
      `  money in ${s.moneyInBase.currency}: ${money(s.moneyInBase.amount)}${s.moneyInBase.unconverted.length ? ` (no rate for ${s.moneyInBase.unconverted.join(', ')})` : ''}`,
    );
  lines.push(`  rejects: ${n(s.rejects.count)}${s.rejects.path && s.rejects.count ? ` → ${s.rejects.path}` : ''}`);
  for (const r of s.rejects.sample.slice(0, 5))
    lines.push(`    ${r.file} line ${r.line}: ${r.spec} ${r.field}: ${r.reason}${r.value ? ` ("${r.value}")` : ''}`);
  lines.push(`  warnings: ${n(s.warnings.count)}`);
  for (const g of s.warnings.groups)
    lines.push(`    ${n(g.count)} × ${g.file} ${g.spec}: ${g.message}  [${g.examples.join(', ')}]`);
  return lines.join('\n');
}

/** Progress while an import runs. */
export interface ProgressInfo {
  phase: 'lookups' | 'rows' | 'finishing';
  file: string;
  rows: number;
  bytes: number;
  totalBytes: number;
  elapsedMs: number;
}

/** A one-line progress bar with rows/s, redrawn in place on a terminal. */
export function progressLine(p: ProgressInfo, width = 30): string {
  const frac = p.totalBytes > 0 ? Math.min(1, p.bytes / p.totalBytes) : 0;
  const full = Math.round(frac * width);
  const rate = p.elapsedMs > 0 ? (p.rows * 1000) / p.elapsedMs : 0;
  return `[${'#'.repeat(full)}${'.'.repeat(width - full)}] ${(frac * 100).toFixed(0).padStart(3)}% ${n(p.rows)} rows ${n(Math.round(rate))} rows/s  ${p.phase === 'rows' ? p.file : p.phase}`;
}

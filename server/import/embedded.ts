/**
 * The imports of EMBEDDED_IMPORTS into the embedded store at start-up: each mapping through the same
 * importer as `npm run import`, its rejects written to `<report dir>/<mapping>-embedded-rejects.csv`
 * (the path is logged), and a hint that is a command which works as printed.
 */
import { join, relative, resolve } from 'node:path';
import type { GraphStore } from '../store/store';
import { runImport } from './importer';
import { loadMapping } from './mapping';
import type { ImportSummary } from './report';

/** One entry of EMBEDDED_IMPORTS. */
export interface EmbeddedImportEntry {
  mapping: string;
  dataDir?: string | undefined;
}

export type ImportLog = (message: string, details?: Record<string, unknown>) => void;

/** A path as a shell reads it back, relative to the working folder when inside it. */
function arg(path: string): string {
  const rel = relative(process.cwd(), resolve(path));
  const p = rel && !rel.startsWith('..') ? rel : resolve(path);
  return /^[\w@%+=:,./-]+$/.test(p) ? p : `'${p.replace(/'/g, `'\\''`)}'`;
}

/** The command that lists an embedded import's rejects without a store. */
export function dryRunCommand(entry: EmbeddedImportEntry): string {
  return `npm run import -- ${arg(entry.mapping)}${entry.dataDir ? ` --data-dir ${arg(entry.dataDir)}` : ''} --dry-run`;
}

/** Imports each entry in turn into `store`; rejects go to a CSV file under `reportDir`. */
export async function importEmbedded(
  store: GraphStore,
  entries: EmbeddedImportEntry[],
  reportDir: string,
  log: ImportLog,
): Promise<ImportSummary[]> {
  const out: ImportSummary[] = [];
  for (const entry of entries) {
    const loaded = loadMapping(entry.mapping);
    const rejectsPath = resolve(join(reportDir, `${loaded.mapping.name}-embedded-rejects.csv`));
    const s = await runImport(loaded, store, { rejectsPath, ...(entry.dataDir ? { dataDir: entry.dataDir } : {}) });
    log(`imported ${entry.mapping} into the embedded store`, {
      rows: s.rowsRead,
      nodes: s.nodes.records,
      relationships: s.relationships.records,
      rejects: s.rejects.count,
      warnings: s.warnings.count,
      seconds: Math.round(s.durationMs / 100) / 10,
      ...(s.rejects.count > 0 ? { rejectsFile: rejectsPath, hint: `${dryRunCommand(entry)} lists them too` } : {}),
    });
    out.push(s);
  }
  return out;
}

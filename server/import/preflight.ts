/**
 * Checks a mapping's data files before anything is written: each must exist, and an empty (0-byte)
 * or header-only file is an error unless every mention of it in the mapping says `optional: true`.
 * Returns the file sizes (for the progress bar).
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../errors';
import { readCsvBatches } from './csv';
import type { Mapping } from './mapping';

interface FileUse {
  optional: boolean;
  delimiter: string;
  multiline: boolean;
  /** where the file is named in the mapping, e.g. `files.2` or `lookups.orgName` */
  at: string;
}

const fail = (m: Mapping, file: string, message: string, hint: string, cause?: unknown): never => {
  throw new AppError('VALIDATION_FAILED', 400, `${m.name}: ${message}`, {
    where: file,
    hint,
    ...(cause ? { cause } : {}),
  });
};

/** Whether the file has at least one record after its header. */
async function hasRecords(path: string, use: FileUse): Promise<boolean> {
  let rows = 0;
  for await (const batch of readCsvBatches(path, { delimiter: use.delimiter, multiline: use.multiline })) {
    rows += batch.length;
    if (rows >= 2) return true;
  }
  return false;
}

/** Sizes of the data files; throws a VALIDATION_FAILED AppError for a missing, empty or header-only file. */
export async function checkDataFiles(m: Mapping, dataDir: string): Promise<Map<string, number>> {
  const uses = new Map<string, FileUse[]>();
  const add = (file: string, use: FileUse) => uses.set(file, [...(uses.get(file) ?? []), use]);
  for (const [name, l] of Object.entries(m.lookups ?? {})) add(l.file, { ...l, at: `lookups.${name}` });
  m.files.forEach((f, i) => add(f.file, { ...f, at: `files.${i}` }));
  const sizes = new Map<string, number>();
  for (const [file, list] of uses) {
    const path = join(dataDir, file);
    let size = 0;
    try {
      size = statSync(path).size;
    } catch (e) {
      fail(
        m,
        file,
        `cannot read data file ${path}: ${(e as Error).message}`,
        "check --data-dir (or the mapping's dataDir) and the file names in the mapping",
        e,
      );
    }
    sizes.set(file, size);
    if (list.every((u) => u.optional)) continue;
    const at = list.filter((u) => !u.optional).map((u) => u.at);
    const hint = `check the file (a failed export?); if it may be empty, set \`optional: true\` on it in the mapping (${at.join(', ')})`;
    if (size === 0) fail(m, file, `data file ${path} is empty (0 bytes)`, hint);
    if (!(await hasRecords(path, list[0]!)))
      fail(m, file, `data file ${path} has no records (only a header, or only empty lines)`, hint);
  }
  return sizes;
}

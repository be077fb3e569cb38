/**
 * Streams the rows of a CSV file with csv-parse: the header, then each row's cells, its first line
 * number (1-based, physical lines) and its text. Rows the parser cannot read, and rows with a wrong
 * number of fields, come out with an `error` instead of being dropped, so that the importer can
 * report them and carry on.
 */
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';

export interface CsvRow {
  line: number;
  cells: string[];
  /** the row as it stands in the file, without the line break */
  text: string;
  /** why the row cannot be read (then `cells` may be incomplete) */
  error?: string;
}

export interface CsvOptions {
  delimiter?: string;
  /** called with the number of bytes read so far, as the file is read */
  onBytes?: (bytes: number) => void;
  /** checked between batches; when it returns true the reader stops early */
  stop?: () => boolean;
}

/** Line breaks in a text: CRLF, LF or a lone CR each count once (csv-parse's raw text may end in a bare CR). */
function countNewlines(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 10) n++;
    else if (c === 13) {
      n++;
      if (s.charCodeAt(i + 1) === 10) i++;
    }
  }
  return n;
}

/** The row's text: without the empty lines before it and the line break after it. */
function rowText(raw: string): { lead: number; text: string } {
  let start = 0;
  while (start < raw.length && (raw.charCodeAt(start) === 10 || raw.charCodeAt(start) === 13)) start++;
  let end = raw.length;
  if (end > start && raw.charCodeAt(end - 1) === 10) end--;
  if (end > start && raw.charCodeAt(end - 1) === 13) end--;
  return {
    lead: start === 0 ? 0 : countNewlines(raw.slice(0, start)),
    text: start === 0 && end === raw.length ? raw : raw.slice(start, end),
  };
}

interface Parsed {
  record: string[];
  raw: string;
}

/** Reads the header of a CSV file (the first record). */
export async function readHeader(path: string, delimiter = ','): Promise<string[]> {
  for await (const batch of readCsvBatches(path, { delimiter })) if (batch[0]) return batch[0].cells;
  return [];
}

/** Every row, one at a time (see `readCsvBatches`). */
export async function* readCsv(path: string, options: CsvOptions = {}): AsyncGenerator<CsvRow> {
  for await (const batch of readCsvBatches(path, options)) yield* batch;
}

/**
 * Yields the rows in batches (those of each 1 MiB read): the header first (as the first row, cells
 * trimmed), then every record. A row with more or fewer fields than the header carries an error; so
 * does text the parser gives up on (an unclosed quote swallows the rest of the file).
 */
export async function* readCsvBatches(path: string, options: CsvOptions = {}): AsyncGenerator<CsvRow[]> {
  const input = createReadStream(path, { highWaterMark: 1 << 20 });
  const parser = parse({
    delimiter: options.delimiter ?? ',',
    bom: true,
    raw: true,
    skip_empty_lines: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_records_with_error: true,
  });
  let out: CsvRow[] = [];
  let consumed = 0;
  let width = -1;
  let failure: unknown;
  parser.on('error', (e) => (failure = e));
  parser.on('skip', (err: Error & { lines?: number; raw?: string }) => {
    const raw = (err.raw ?? '').replace(/(?:\r\n?|\n)$/, '');
    const end = typeof err.lines === 'number' ? err.lines : consumed + 1;
    out.push({
      line: Math.max(1, end - countNewlines(raw)),
      cells: [],
      text: raw.slice(0, 2000),
      error: `unreadable CSV: ${err.message}`,
    });
  });
  const take = () => {
    for (let rec = parser.read() as Parsed | null; rec !== null; rec = parser.read() as Parsed | null) {
      const raw = rec.raw;
      const { lead, text } = rowText(raw);
      const line = consumed + lead + 1;
      consumed += countNewlines(raw);
      if (width < 0) {
        width = rec.record.length;
        out.push({ line, cells: rec.record.map((c) => c.trim()), text });
        continue;
      }
      const row: CsvRow = { line, cells: rec.record, text };
      if (rec.record.length !== width) row.error = `the row has ${rec.record.length} fields, the header ${width}`;
      out.push(row);
    }
  };
  const flush = function* () {
    if (failure) throw failure instanceof Error ? failure : new Error('the CSV parser failed', { cause: failure });
    if (out.length > 0) {
      const batch = out;
      out = [];
      yield batch;
    }
  };
  let bytes = 0;
  try {
    for await (const chunk of input as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      options.onBytes?.(bytes);
      parser.write(chunk);
      take();
      yield* flush();
      if (options.stop?.()) return;
    }
    const ended = new Promise<void>((resolve) => {
      parser.on('end', resolve);
      parser.on('close', resolve);
      parser.on('error', () => resolve());
    });
    parser.on('readable', take);
    parser.end();
    take();
    await ended;
    take();
    yield* flush();
  } finally {
    input.destroy();
    parser.destroy();
  }
}

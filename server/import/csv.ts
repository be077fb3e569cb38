/**
 * Streams the rows of a CSV file with csv-parse: the header, then each record's cells, its physical
 * line range (1-based) and its text. Records the parser cannot read, and records with a wrong number
 * of fields, come out with an `error` instead of being dropped, so that the importer can report them
 * and carry on.
 *
 * Line breaks inside quoted fields are refused unless the file is declared `multiline` (as
 * neo4j-admin does): a record that would span lines is a stray quote, so its first line is a reject
 * and every following line of it is parsed again on its own. Nothing is ever merged silently, and
 * the records after a bad one are read as if it were not there.
 */
import { createReadStream } from 'node:fs';
import { parse, type CsvError, type Options } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';

export interface CsvRow {
  /** first physical line of the record */
  line: number;
  /** last physical line of the record (equal to `line` unless a multi-line field spans lines) */
  lastLine: number;
  cells: string[];
  /** the row as it stands in the file, without the line break */
  text: string;
  /** why the row cannot be read (then `cells` may be incomplete) */
  error?: string;
}

export interface CsvOptions {
  delimiter?: string;
  /** quoted fields may hold line breaks (default false: a quote left open at the end of a line is an error) */
  multiline?: boolean;
  /** called with the number of bytes read so far, as the file is read */
  onBytes?: (bytes: number) => void;
  /** checked between batches; when it returns true the reader stops early */
  stop?: () => boolean;
}

const BREAK = /\r\n|\n|\r/;

/** Line breaks in a text: CRLF, LF or a lone CR each count once. */
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

/** The record's text (without the empty lines before it and the line break after it) and its first line. */
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

const baseOptions = (delimiter: string): Options => ({
  delimiter,
  // any line break ends a record, also in a file with mixed line endings
  record_delimiter: ['\r\n', '\n', '\r'],
  raw: true,
  skip_empty_lines: true,
  relax_column_count: true,
  relax_quotes: true,
  skip_records_with_error: true,
});

const MULTILINE_HINT = 'a stray quote? If fields of this file hold line breaks, set `multiline: true` on the file';

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
 * trimmed), then every record, in file order. A row with more or fewer fields than the header
 * carries an error; so does a line with a quote left open (see the file comment) and, in a
 * multi-line file, a quote that is never closed (the rest of the file is then that one reject).
 */
export async function* readCsvBatches(path: string, options: CsvOptions = {}): AsyncGenerator<CsvRow[]> {
  const delimiter = options.delimiter ?? ',';
  const multiline = options.multiline === true;
  let out: CsvRow[] = [];
  let width = -1;
  /** physical lines before the current record (csv-parse's own count is off for CRLF inside quotes) */
  let consumed = 0;
  const place = (raw: string) => {
    const { lead, text } = rowText(raw);
    const line = consumed + lead + 1;
    consumed += countNewlines(raw);
    return { line, text, span: countNewlines(text) };
  };

  const emit = (row: CsvRow) => {
    if (width < 0) {
      if (row.error) throw new Error(`line ${row.line}: the header cannot be read: ${row.error}`);
      width = row.cells.length;
      out.push({ ...row, cells: row.cells.map((c) => c.trim()) });
      return;
    }
    if (!row.error && row.cells.length !== width)
      row.error = `the row has ${row.cells.length} fields, the header ${width}`;
    out.push(row);
  };

  /** A record that spans lines in a file without multi-line fields: each line on its own. */
  const splitLines = (text: string, first: number, reason: string) => {
    const lines = text.split(BREAK);
    const last = first + lines.length - 1;
    emit({
      line: first,
      lastLine: first,
      cells: [],
      text: lines[0]!,
      error: `unreadable CSV: ${reason} on line ${first} (it would run on to line ${last}): ${MULTILINE_HINT}`,
    });
    for (let i = 1; i < lines.length; i++) {
      const line = lines[i]!;
      if (line.length === 0) continue;
      const n = first + i;
      try {
        const recs = parseSync(line, { ...baseOptions(delimiter), skip_records_with_error: false, raw: false });
        for (const cells of recs) emit({ line: n, lastLine: n, cells, text: line });
      } catch (e) {
        emit({ line: n, lastLine: n, cells: [], text: line, error: `unreadable CSV: ${(e as Error).message}` });
      }
    }
  };

  const onRecord = (rec: unknown): null => {
    const { record, raw } = rec as { record: string[]; raw: string };
    const { line, text, span } = place(raw);
    if (span > 0 && !multiline) splitLines(text, line, 'a quoted field is not closed');
    else emit({ line, lastLine: line + span, cells: record, text });
    return null;
  };
  const onSkip = (err: CsvError | undefined, raw: string | undefined): undefined => {
    const { line, text, span } = place(raw ?? '');
    if (span > 0 && !multiline) {
      splitLines(text, line, 'a quoted field is not closed');
      return;
    }
    emit({
      line,
      lastLine: line + span,
      cells: [],
      text: text.slice(0, 2000),
      error: `unreadable CSV${span > 0 ? ` (lines ${line}–${line + span})` : ''}: ${err?.message ?? 'bad record'}`,
    });
  };

  const parserOptions: Options = {
    ...baseOptions(delimiter),
    bom: true,
    on_record: onRecord,
    on_skip: onSkip,
  };
  const parser = parse(parserOptions);
  let failure: unknown;
  parser.on('error', (e) => (failure = e));
  const ended = new Promise<void>((resolve) => {
    parser.on('end', resolve);
    parser.on('close', resolve);
    parser.on('error', () => resolve());
  });
  parser.resume();
  const flush = function* () {
    if (failure) throw failure instanceof Error ? failure : new Error('the CSV parser failed', { cause: failure });
    if (out.length > 0) {
      const batch = out;
      out = [];
      yield batch;
    }
  };
  const input = createReadStream(path, { highWaterMark: 1 << 20 });
  let bytes = 0;
  try {
    for await (const chunk of input as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      options.onBytes?.(bytes);
      parser.write(chunk);
      yield* flush();
      if (options.stop?.()) return;
    }
    parser.end();
    await ended;
    yield* flush();
  } finally {
    input.destroy();
    parser.destroy();
  }
}

/**
 * The CSV reader: physical line numbers (blank lines, CRLF, a BOM), no line merged across a stray
 * quote unless the file is multiline, every line after a bad one read on its own, and in a multiline
 * file the real line range of a record.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCsv, type CsvOptions, type CsvRow } from '../../server/import/csv';

async function rows(text: string, options: CsvOptions = {}): Promise<CsvRow[]> {
  const path = join(mkdtempSync(join(tmpdir(), 'innograph-csv-')), 'f.csv');
  writeFileSync(path, text);
  const out: CsvRow[] = [];
  for await (const r of readCsv(path, options)) out.push(r);
  return out;
}

const brief = (r: CsvRow) => [r.line, r.lastLine, r.error ? 'ERR' : r.cells.join('|')];

describe('readCsv', () => {
  it('counts physical lines across blank lines, CRLF and a BOM', async () => {
    const got = await rows('\uFEFFa,b\r\n1,2\r\n\r\n3,"x,y"\r\n\n4,5\n');
    expect(got.map(brief)).toEqual([
      [1, 1, 'a|b'],
      [2, 2, '1|2'],
      [4, 4, '3|x,y'],
      [6, 6, '4|5'],
    ]);
  });

  it('a stray quote is one bad line; each following line is read on its own', async () => {
    const got = await rows('a,b\n1,"open\n2,two\n3,"x"\n4,"y\n5,five\n');
    expect(got.map(brief)).toEqual([
      [1, 1, 'a|b'],
      [2, 2, 'ERR'],
      [3, 3, '2|two'],
      [4, 4, '3|x'],
      [5, 5, 'ERR'],
      [6, 6, '5|five'],
    ]);
    expect(got[1]!.error).toMatch(/not closed on line 2 \(it would run on to line 4\).*multiline: true/);
    expect(got[1]!.text).toBe('1,"open');
  });

  it('a multiline file keeps line breaks in quoted fields, with the record line range', async () => {
    const got = await rows('a,b\n1,"two\nlines"\n2,"three\n\nlines"\n3,x\n', { multiline: true });
    expect(got.map(brief)).toEqual([
      [1, 1, 'a|b'],
      [2, 3, '1|two\nlines'],
      [4, 6, '2|three\n\nlines'],
      [7, 7, '3|x'],
    ]);
  });

  it('a wrong number of fields is an error on that row only', async () => {
    const got = await rows('a,b\n1,2,3\n4\n5,6\n');
    expect(got.map((r) => [r.line, r.error ?? 'ok'])).toEqual([
      [1, 'ok'],
      [2, 'the row has 3 fields, the header 2'],
      [3, 'the row has 1 fields, the header 2'],
      [4, 'ok'],
    ]);
  });
});

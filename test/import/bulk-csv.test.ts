/**
 * The bulk CSV files without Neo4j (server/import/bulk): every model field has a typed column; what
 * CsvSink writes reads back (with csv-parse, as neo4j-admin reads it: RFC 4180 quotes, lists split on
 * the delimiter) to exactly the properties the Neo4j store stores; numbers go to long or double
 * columns as neo4j-driver would send them; a relationship without its ends is reported missing; a
 * value holding the delimiter is refused whole; the delimiter avoids characters in the data; the
 * neo4j-admin arguments name every file with its labels.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { adminArgs } from '../../server/import/bulk/admin';
import { NODE_COLUMNS, REL_COLUMNS } from '../../server/import/bulk/columns';
import { CsvSink } from '../../server/import/bulk/csvSink';
import { chooseArrayDelimiter } from '../../server/import/bulk';
import { Node, Relationship, type Node as NodeT, type Relationship as RelT } from '../../server/model/model';
import { toNeo4jNode, toStoredRel } from '../../server/store/common';

const D = '\u001f';
const TMP = mkdtempSync(join(tmpdir(), 'bulk-csv-'));
let n = 0;
const scratch = () => mkdtempSync(join(TMP, `${n++}-`));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));
const src = (quote: string) => [{ source: 'test-source', quote }];

/**
 * A file's rows as stored properties, read as neo4j-admin reads them: typed by the header, lists split
 * on the delimiter, an unquoted empty cell is no property ("" is the empty string).
 */
function readBack(path: string): Record<string, unknown>[] {
  const [header, ...rows] = parse(readFileSync(path, 'utf8'), {
    cast: (value, ctx) => (ctx.quoting || value !== '' ? value : null),
  }) as (string | null)[][];
  return rows.map((cells) => {
    const out: Record<string, unknown> = {};
    header!.forEach((h, i) => {
      const [name, type] = String(h).split(':') as [string, string];
      const v = cells[i];
      if (v === null || v === undefined || name === '') return;
      out[name] = type === 'string[]' ? v.split(D) : type === 'long' || type === 'double' ? Number(v) : v;
    });
    return out;
  });
}

describe('bulk CSV columns', () => {
  it('cover every field of every kind and type', () => {
    for (const o of Node.options) {
      const cols = NODE_COLUMNS.get(o.shape.kind.value)!.map((c) => c.name);
      for (const k of Object.keys(o.shape)) if (k !== 'sources' && k !== 'id') expect(cols).toContain(k);
      expect(cols).toEqual(expect.arrayContaining(['sourceIds', 'sourceQuotes']));
    }
    for (const o of Relationship.options) {
      const cols = REL_COLUMNS.get(o.shape.type.value)!.map((c) => c.name);
      for (const k of Object.keys(o.shape))
        if (!['sources', 'type', 'source', 'target'].includes(k)) expect(cols).toContain(k);
    }
    expect(NODE_COLUMNS.get('Lab')!.find((c) => c.name === 'aliases')?.kind).toBe('string[]');
    expect(REL_COLUMNS.get('FUNDS')!.find((c) => c.name === 'amount')?.kind).toBe('number');
  });
});

describe('CsvSink', () => {
  const nodes: NodeT[] = [
    Node.parse({
      id: 'lab-1',
      kind: 'Lab',
      name: 'The "Quoted", Lab',
      aliases: ['a;b', 'line\nbreak'],
      description: '',
      founded: 2001,
      sources: src('orgs.csv line 2: "x",y\r\nz'),
    }),
    Node.parse({ id: 'gov-1', kind: 'GovernmentBody', name: 'Gov', sources: src('orgs.csv line 3') }),
  ];
  const rels: RelT[] = [
    Relationship.parse({
      id: 'g-1',
      type: 'FUNDS',
      source: 'gov-1',
      target: 'lab-1',
      amount: 12.5,
      currency: 'CNY',
      year: 2023,
      sources: src('grants.csv line 2'),
    }),
    Relationship.parse({
      id: 'g-2',
      type: 'FUNDS',
      source: 'gov-1',
      target: 'lab-1',
      amount: 1000,
      currency: 'CNY',
      sources: src('grants.csv line 3'),
    }),
    Relationship.parse({ id: 'g-3', type: 'FUNDS', source: 'gov-1', target: 'nowhere', sources: src('grants.csv l4') }),
  ];

  it('writes what reads back to the stored properties, with long and double files', async () => {
    const dir = scratch();
    const sink = new CsvSink(dir, D);
    expect((await sink.upsertNodes(nodes)).nodesCreated).toBe(2);
    const c = await sink.upsertRelationships(rels);
    expect(c.relationshipsCreated).toBe(2);
    expect(c.missingEndpoints).toEqual(['g-3']);
    await sink.close();
    const files = sink.files();
    const lab = files.find((f) => f.labels[0] === 'Lab')!;
    expect(lab.labels).toEqual(['Lab', 'Organization']);
    expect(lab.multiline).toBe(true);
    const stored = toNeo4jNode(nodes[0]!);
    expect(readBack(join(dir, lab.name))).toEqual([stored]);
    const funds = files.filter((f) => f.labels[0] === 'FUNDS');
    expect(funds).toHaveLength(2);
    const headers = funds.map((f) => readFileSync(join(dir, f.name), 'utf8').split('\n')[0]);
    expect(headers.some((h) => h!.includes('amount:double'))).toBe(true);
    expect(headers.some((h) => h!.includes('amount:long') && h!.includes('year:long'))).toBe(true);
    const back = funds.flatMap((f) => readBack(join(dir, f.name)));
    expect(back).toHaveLength(2);
    expect(back).toEqual(expect.arrayContaining([toStoredRel(rels[0]!), toStoredRel(rels[1]!)]));
    // the node of the kind with nothing in the list: an empty cell, set to [] after the import
    expect(sink.emptyLists()).toEqual([{ kind: 'GovernmentBody', property: 'aliases' }]);
  });

  it('refuses a batch whose list holds the delimiter, writing none of it', async () => {
    const dir = scratch();
    const sink = new CsvSink(dir, D);
    const bad = Node.parse({ id: 'x', kind: 'Field', name: 'X', aliases: [`a${D}b`], sources: src('f.csv line 9') });
    await expect(sink.upsertNodes([nodes[1]!, bad])).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(sink.nodesWritten).toBe(0);
    expect((await sink.upsertRelationships([rels[1]!])).missingEndpoints).toEqual(['g-2']);
    await sink.close();
  });

  it('chooses a list delimiter the data does not hold; neo4j-admin gets every file', async () => {
    const dir = scratch();
    writeFileSync(join(dir, 'a.csv'), `x,y\n1,"a${D}b"\n`);
    writeFileSync(join(dir, 'b.csv'), 'x,y\n1,\u001e\n');
    expect(await chooseArrayDelimiter([join(dir, 'a.csv')])).toBe('\u001e');
    expect(await chooseArrayDelimiter([join(dir, 'a.csv'), join(dir, 'b.csv')])).toBe('\u001d');
    expect(await chooseArrayDelimiter([join(dir, 'a.csv')], ['\u001e\u001d'])).toBe('\u001c');
    const args = adminArgs(
      [
        { name: 'n.csv', what: 'nodes', labels: ['Lab', 'Organization'], rows: 1, multiline: true },
        { name: 'r.csv', what: 'relationships', labels: ['FUNDS'], rows: 1, multiline: false },
      ],
      { database: 'neo4j', arrayDelimiter: '\u001e', memory: '1g' },
    );
    expect(args).toEqual(
      expect.arrayContaining([
        'neo4j',
        '--array-delimiter=U+001E',
        '--nodes=Lab:Organization=n.csv',
        '--relationships=FUNDS=r.csv',
        '--multiline-fields=n.csv',
      ]),
    );
  });
});

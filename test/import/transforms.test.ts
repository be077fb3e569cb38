/**
 * The importer's value transforms and expressions: slugs, numbers, amounts, currencies, dates, lists,
 * maps, templates, coalesce, cases, lookups, and the errors a wrong mapping gets before any row is read.
 */
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../server/errors';
import { compileCond, compileValue, type Scope } from '../../server/import/expr';
import { parseMapping, type CondSpec, type ValueSpec } from '../../server/import/mapping';
import {
  TransformError,
  compilePipe,
  parseAmount,
  parseCurrency,
  parseDate,
  parseNumber,
  parseYear,
  slugify,
  type Value,
} from '../../server/import/transforms';

describe('transforms', () => {
  it('slugifies ids', () => {
    expect(slugify('INST-e16e95b57054')).toBe('inst-e16e95b57054');
    expect(slugify('  Zürich  & Co. ')).toBe('zurich-and-co');
    expect(slugify('already-a-slug')).toBe('already-a-slug');
    expect(slugify('a'.repeat(130))).toHaveLength(120);
    expect(slugify('山东')).toBe('');
  });

  it('parses numbers, amounts and currencies', () => {
    expect(parseNumber('1,234.5')).toBe(1234.5);
    expect(parseNumber('-47492')).toBe(-47492);
    expect(parseNumber('(120)')).toBe(-120);
    expect(parseNumber('$ 1 000')).toBe(1000);
    expect(() => parseNumber('lots')).toThrow(TransformError);
    expect(() => parseNumber('1,23,4')).toThrow(TransformError);
    expect(parseAmount('USD 1.2 million')).toBe(1_200_000);
    expect(parseAmount('3.5亿元')).toBe(350_000_000);
    expect(parseAmount('2bn')).toBe(2e9);
    expect(parseAmount('250000')).toBe(250000);
    expect(() => parseAmount('12 zillion')).toThrow(/unknown scale/);
    expect(parseCurrency('usd')).toBe('USD');
    expect(parseCurrency('RMB')).toBe('CNY');
    expect(parseCurrency('元')).toBe('CNY');
    expect(parseCurrency('US$')).toBe('USD');
    expect(parseCurrency('€')).toBe('EUR');
    expect(() => parseCurrency('shells')).toThrow(TransformError);
  });

  it('parses dates and years', () => {
    expect(parseDate('2017-6-1')).toBe('2017-06-01');
    expect(parseDate('20170601')).toBe('2017-06-01');
    expect(parseDate('06/01/2017')).toBe('2017-06-01');
    expect(parseDate('01/06/2017', 'DD/MM/YYYY')).toBe('2017-06-01');
    expect(() => parseDate('2017-02-30')).toThrow(/not a real date/);
    expect(parseYear('2017-06-01')).toBe(2017);
    expect(parseYear('FY 2019')).toBe(2019);
    expect(() => parseYear('soon')).toThrow(TransformError);
  });

  it('runs pipes; empty results are no value', () => {
    const run = (steps: Parameters<typeof compilePipe>[0], v: Value) => compilePipe(steps)!(v);
    expect(run(['squish'], '  a   b ')).toBe('a b');
    expect(run([{ split: ';' }, 'trim', 'unique'], 'x; y;;x')).toEqual(['x', 'y']);
    expect(run([{ map: { a: 'A', '*': null } }], 'b')).toBeUndefined();
    expect(run([{ map: { a: 'A' } }], 'b')).toBe('b');
    expect(run(['trim', { default: 'none' }], '   ')).toBe('none');
    expect(run([{ replace: ['^(\\S+)\\s{2,}(\\S+)$', '$2 $1'] }], 'Doe   Jane')).toBe('Jane Doe');
    expect(run([{ slice: [0, 2] }, { prefix: 'nsf-' }], '03040000')).toBe('nsf-03');
    expect(run(['number', { multiply: 1000 }], '1.5')).toBe(1500);
    expect(run(['date', 'year'], '2020-02-29')).toBe(2020);
    expect(run(['boolean'], 'Yes')).toBe(true);
    expect(run(['title'], 'ANALYSIS PROGRAM')).toBe('Analysis Program');
  });
});

describe('expressions', () => {
  const scope = (columns: string[], lookups: Record<string, Record<string, Value>> = {}): Scope => ({
    where: 'test.csv',
    columns: new Map(columns.map((c, i) => [c, i])),
    vars: new Map(),
    lookups: new Map(Object.entries(lookups).map(([k, v]) => [k, new Map(Object.entries(v))])),
    kindOf: (id) => (id === 'known' ? 'University' : undefined),
    records: false,
  });
  const value = (spec: ValueSpec, cells: string[], s = scope(['a', 'b', 'c'])) =>
    compileValue(spec, s)({ cells, vars: [] });
  const cond = (spec: CondSpec, cells: string[], s = scope(['a', 'b', 'c'])) =>
    compileCond(spec, s)({ cells, vars: [] });

  it('fills templates; an empty placeholder gives no value', () => {
    expect(value('id-{a}-{b}', ['x', 'y', ''])).toBe('id-x-y');
    expect(value('id-{a}-{c}', ['x', 'y', ''])).toBeUndefined();
    expect(value('constant', [])).toBe('constant');
    expect(value({ coalesce: ['{c}', 'fallback-{a}'] }, ['x', 'y', ''])).toBe('fallback-x');
    expect(value({ list: ['{a}', '{c}', '{b}'] }, ['x', 'y', ''])).toEqual(['x', 'y']);
  });

  it('evaluates cases, lookups and kinds', () => {
    const spec: ValueSpec = {
      cases: [{ when: { column: 'a', matches: '^univ', flags: 'i' }, then: 'University' }],
      else: 'Enterprise',
    };
    expect(value(spec, ['Univ of X'])).toBe('University');
    expect(value(spec, ['Acme'])).toBe('Enterprise');
    const s = scope(['a'], { names: { k1: 'Name One' } });
    expect(value({ lookup: 'names', key: '{a}' }, ['k1'], s)).toBe('Name One');
    expect(value({ lookup: 'names', key: '{a}' }, ['k2'], s)).toBeUndefined();
    expect(value({ kindOf: '{a}' }, ['KNOWN'])).toBe('University');
  });

  it('evaluates conditions', () => {
    expect(cond({ column: 'a', empty: true }, [''])).toBe(true);
    expect(cond({ column: 'a', in: ['x', 'y'] }, ['y'])).toBe(true);
    expect(cond({ column: 'a', lt: 0 }, ['-5'])).toBe(true);
    expect(cond({ column: 'a', words: ['inc.', 'school of'] }, ['Acme Inc.'])).toBe(true);
    expect(cond({ column: 'a', words: ['inc', 'school of'] }, ['Incline Partners'])).toBe(false);
    expect(cond({ column: 'a', words: ['school of'] }, ['Harvard School  of Design'])).toBe(true);
    expect(cond({ column: 'a', lt: 0 }, ['abc'])).toBe(false);
    expect(cond({ all: [{ column: 'a', equals: 'x' }, { not: { column: 'b', empty: true } }] }, ['x', 'b'])).toBe(true);
    expect(
      cond(
        {
          any: [
            { column: 'a', equals: 'q' },
            { kindOf: '{b}', equals: 'University' },
          ],
        },
        ['x', 'known'],
      ),
    ).toBe(true);
  });

  it('refuses unknown columns and lookups with the list of what there is', () => {
    expect(() => value('{nope}', [])).toThrow(ValidationError);
    expect(() => value('{nope}', [])).toThrow(/no column or variable "nope"/);
    expect(() => value({ lookup: 'missing', key: '{a}' }, [])).toThrow(/no lookup "missing"/);
    expect(() => compileCond({ field: 'amount', lt: 0 }, scope(['a']))).toThrow(/only allowed in warn rules/);
  });
});

describe('mapping files', () => {
  const base = `version: 1
name: m
source: { id: src, name: S, title: T, quote: 'a quote' }
`;
  it('accepts a minimal mapping and fills defaults', () => {
    const m = parseMapping(
      `${base}files: [{ file: a.csv, nodes: [{ kind: Field, id: '{x}', name: '{x}' }] }]`,
      'm.yaml',
    );
    expect(m.files[0]!.quote).toBe('row');
    expect(m.files[0]!.nodes[0]!.conflicts).toBe('warn');
    expect(m.files[0]!.relationships).toEqual([]);
  });

  it('names every bad field', () => {
    const bad = `${base}files:
  - file: a.csv
    nodes: [{ kind: Field, id: '{x}' }]
    relationships: [{ type: LIKES, id: x, from: a, to: b }]
`;
    try {
      parseMapping(bad, 'bad.yaml');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      const fields = ((e as ValidationError).details as { field: string }[]).map((d) => d.field);
      expect(fields).toEqual(expect.arrayContaining(['files.0.nodes.0.name', 'files.0.relationships.0.type']));
    }
  });

  it('refuses a condition with no operator or a bad regular expression', () => {
    expect(() => parseMapping(`${base}files: [{ file: a.csv, skip: { column: a } }]`, 'm.yaml')).toThrow(
      /exactly one of equals/,
    );
    expect(() => parseMapping(`${base}files: [{ file: a.csv, skip: { column: a, matches: '(' } }]`, 'm.yaml')).toThrow(
      /bad regular expression/,
    );
    expect(() => parseMapping('version: [', 'm.yaml')).toThrow(/not valid YAML/);
  });
});

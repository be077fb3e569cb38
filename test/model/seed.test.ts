/**
 * The curated seed against the model: it validates, every record has provenance, every quote occurs
 * verbatim in its Source text; and the validator refuses bad records, naming the record and the field.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { checkQuotes, readSeed } from '../../server/data/seed';
import { ValidationError, type AppError } from '../../server/errors';
import { validateGraph, type RecordIssue } from '../../server/model/validate';

describe('the curated seed', () => {
  const seed = readSeed();

  it('validates against the model', () => {
    expect(seed.nodes.length).toBeGreaterThan(0);
    expect(seed.relationships.length).toBeGreaterThan(0);
  });

  it('has at least one source on every node and relationship', () => {
    for (const rec of [...seed.nodes, ...seed.relationships]) expect(rec.sources.length, rec.id).toBeGreaterThan(0);
  });

  it('quotes every source verbatim', () => {
    expect(checkQuotes(seed)).toEqual([]);
  });

  it('names a text file for every Source that is quoted', () => {
    const quoted = new Set([...seed.nodes, ...seed.relationships].flatMap((r) => r.sources.map((s) => s.source)));
    for (const n of seed.nodes) if (n.kind === 'Source' && quoted.has(n.id)) expect(n.path, n.id).toBeTruthy();
  });
});

const SOURCE_TEXT = 'The Example Fund gave 5 million yuan to the Alpha Lab, which works on quantum sensing.';
const quote = (q = 'gave 5 million yuan') => [{ source: 'doc', quote: q }];
const base = {
  nodes: [
    {
      id: 'doc',
      kind: 'Source',
      name: 'A document',
      title: 'A document',
      path: 'doc.txt',
      sources: quote('The Example Fund'),
    },
    { id: 'example-fund', kind: 'Fund', name: 'Example Fund', sources: quote() },
    { id: 'alpha-lab', kind: 'Lab', name: 'Alpha Lab', sources: quote('the Alpha Lab') },
    { id: 'quantum-sensing', kind: 'Field', name: 'Quantum sensing', sources: quote('quantum sensing') },
  ] as Record<string, unknown>[],
  relationships: [
    {
      id: 'example-fund-funds-alpha-lab',
      type: 'FUNDS',
      source: 'example-fund',
      target: 'alpha-lab',
      amount: 5_000_000,
      currency: 'CNY',
      amountText: '5 million yuan',
      sources: quote(),
    },
    {
      id: 'alpha-lab-focuses-on-quantum',
      type: 'FOCUSES_ON',
      source: 'alpha-lab',
      target: 'quantum-sensing',
      sources: quote('quantum sensing'),
    },
  ] as Record<string, unknown>[],
};

const raw = (g: typeof base) => ({
  nodes: g.nodes.map((value, i) => ({ where: `test.yaml#nodes[${i}]`, value })),
  relationships: g.relationships.map((value, i) => ({ where: `test.yaml#relationships[${i}]`, value })),
});

/** The issues validateGraph raises for a graph (fails when it raises none or something else). */
function issuesOf(g: typeof base): RecordIssue[] {
  const { nodes, relationships } = raw(g);
  try {
    validateGraph(nodes, relationships);
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    expect((e as AppError).code).toBe('VALIDATION_FAILED');
    return (e as AppError).details as RecordIssue[];
  }
  throw new Error('expected a ValidationError');
}

/** Asserts that one issue names the record (a part of its label), the field and, if given, words of the message. */
function expectIssue(issues: RecordIssue[], want: { record?: string; field: string; message?: string }): void {
  const hit = issues.find(
    (i) =>
      i.field === want.field &&
      (want.record === undefined || i.record.includes(want.record)) &&
      (want.message === undefined || i.message.includes(want.message)),
  );
  expect(hit, `${JSON.stringify(want)} in ${JSON.stringify(issues)}`).toBeDefined();
}

/** A copy of the base graph with one record changed. */
function withChange(
  list: 'nodes' | 'relationships',
  id: string,
  change: (r: Record<string, unknown>) => Record<string, unknown>,
) {
  const g = structuredClone(base);
  g[list] = g[list].map((r) => (r.id === id ? change(r) : r));
  return g;
}

describe('validation of records', () => {
  it('accepts the valid example graph and fills defaults', () => {
    const { nodes, relationships } = raw(base);
    const g = validateGraph(nodes, relationships);
    expect(g.nodes.find((n) => n.id === 'alpha-lab')).toMatchObject({ aliases: [], description: '' });
    expect(g.relationships).toHaveLength(2);
  });

  it('refuses a FUNDS with a string amount', () => {
    const issues = issuesOf(
      withChange('relationships', 'example-fund-funds-alpha-lab', (r) => ({ ...r, amount: '5 million' })),
    );
    expectIssue(issues, { record: 'example-fund-funds-alpha-lab', field: 'amount' });
  });

  it('refuses a node without a name', () => {
    const issues = issuesOf(withChange('nodes', 'alpha-lab', ({ name: _n, ...r }) => r));
    expectIssue(issues, { record: 'alpha-lab', field: 'name' });
  });

  it('refuses a relationship to an unknown id', () => {
    const issues = issuesOf(
      withChange('relationships', 'example-fund-funds-alpha-lab', (r) => ({ ...r, target: 'nobody' })),
    );
    expectIssue(issues, {
      record: 'example-fund-funds-alpha-lab',
      field: 'target',
      message: 'nobody',
    });
  });

  it('refuses a FOCUSES_ON to something that is not a Field', () => {
    const issues = issuesOf(
      withChange('relationships', 'alpha-lab-focuses-on-quantum', (r) => ({ ...r, target: 'example-fund' })),
    );
    expectIssue(issues, {
      record: 'alpha-lab-focuses-on-quantum',
      field: 'target',
      message: 'FOCUSES_ON',
    });
  });

  it('refuses an amount without a currency, a missing source list and a duplicate id', () => {
    const noCurrency = issuesOf(
      withChange('relationships', 'example-fund-funds-alpha-lab', ({ currency: _c, ...r }) => r),
    );
    expectIssue(noCurrency, { field: 'currency' });
    const noSources = issuesOf(withChange('nodes', 'alpha-lab', (r) => ({ ...r, sources: [] })));
    expectIssue(noSources, { record: 'alpha-lab', field: 'sources' });
    const dup = structuredClone(base);
    dup.nodes.push({ ...dup.nodes[1]! });
    expectIssue(issuesOf(dup), { field: 'id', message: 'duplicate' });
  });

  it('refuses provenance that names something other than a Source', () => {
    const issues = issuesOf(
      withChange('nodes', 'alpha-lab', (r) => ({
        ...r,
        sources: [{ source: 'example-fund', quote: 'the Alpha Lab' }],
      })),
    );
    expectIssue(issues, { record: 'alpha-lab', field: 'sources.0.source' });
  });
});

describe('quotes and seed files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'innograph-seed-'));
  writeFileSync(join(dir, 'doc.txt'), SOURCE_TEXT);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('finds every quote of the example in its text', () => {
    const { nodes, relationships } = raw(base);
    expect(checkQuotes(validateGraph(nodes, relationships), dir)).toEqual([]);
  });

  it('reports a quote that is not in the source, naming the record and the field', () => {
    const g = withChange('relationships', 'example-fund-funds-alpha-lab', (r) => ({
      ...r,
      sources: quote('gave 6 million yuan'),
    }));
    const { nodes, relationships } = raw(g);
    const issues = checkQuotes(validateGraph(nodes, relationships), dir);
    expect(issues).toHaveLength(1);
    expectIssue(issues, { record: 'example-fund-funds-alpha-lab', field: 'sources.0.quote', message: 'verbatim' });
  });

  it('reads a seed folder, and refuses bad YAML and a non-list', () => {
    const good = mkdtempSync(join(tmpdir(), 'innograph-seed-'));
    writeFileSync(join(good, '00.yaml'), stringify({ nodes: base.nodes }));
    writeFileSync(join(good, '10.yaml'), stringify({ relationships: base.relationships }));
    expect(readSeed(good).nodes).toHaveLength(base.nodes.length);
    writeFileSync(join(good, '20.yaml'), 'nodes: [unclosed');
    expect(() => readSeed(good)).toThrow(ValidationError);
    writeFileSync(join(good, '20.yaml'), 'nodes: {}');
    expect(() => readSeed(good)).toThrow(/must be a list/);
    rmSync(good, { recursive: true, force: true });
  });
});

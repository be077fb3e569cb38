/**
 * The importer on the embedded store with test/fixtures/import/tiny.yaml: bad rows go to the rejects
 * (file, line, field, reason) and the rest is imported; repeated ids keep the first record; money is
 * totalled per currency (and in one currency with a rate table); re-importing changes nothing; an
 * interrupted import leaves a consistent graph that a rerun completes; a dry run writes nothing.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runImport } from '../../server/import/importer';
import { loadMapping, parseMapping } from '../../server/import/mapping';
import { createEmbeddedStore } from '../../server/store/embedded';
import type { GraphStore } from '../../server/store/store';

const FIXTURES = join(import.meta.dirname, '../fixtures/import');
const TINY = join(FIXTURES, 'tiny.yaml');
const tmp = () => mkdtempSync(join(tmpdir(), 'innograph-import-'));

/** Every node and relationship of a store, as sorted JSON, for equality checks. */
async function snapshot(store: GraphStore): Promise<string> {
  const g = await store.overview({ limit: 100_000 });
  const nodes = g.nodes.map((n) => JSON.stringify(n)).sort();
  const edges = g.edges.map((e) => JSON.stringify(e)).sort();
  return JSON.stringify({ nodes, edges, stats: await store.stats() });
}

describe('importer on the embedded store', () => {
  it('imports the good rows and reports each bad one with file, line, field and reason', async () => {
    const store = createEmbeddedStore();
    const rejectsPath = join(tmp(), 'rejects.csv');
    const s = await runImport(TINY, store, { rejectsPath });
    const rejects = s.rejects.sample.map((r) => `${r.file}:${r.line}:${r.field}`);
    expect(rejects).toEqual(
      expect.arrayContaining([
        'orgs.csv:7:founded', // "twenty"
        'orgs.csv:10:id', // no id
        'orgs.csv:11:kind', // "alien"
        'grants.csv:5:target', // NOWHERE is no node
        'grants.csv:6:amount', // "lots"
        'grants.csv:7:year', // 2022-13-01
        'grants.csv:8:(row)', // too many fields
        'grants.csv:11:instrument', // "bribe"
        'grants.csv:12:currency', // an amount without a currency
      ]),
    );
    expect(s.rowsRejected).toBe(9);
    expect(s.files.map((f) => [f.file, f.rows, f.rejected])).toEqual([
      ['orgs.csv', 10, 3],
      ['grants.csv', 11, 6],
      ['collabs.csv', 4, 0],
    ]);
    const csv = readFileSync(rejectsPath, 'utf8').trim().split('\n');
    expect(csv[0]).toBe('file,line,spec,field,reason,value,row');
    expect(csv).toHaveLength(1 + s.rejects.count);
    expect(csv.find((l) => l.startsWith('grants.csv,6,'))).toContain('"""lots"" is not an amount"');

    const stats = await store.stats();
    expect(stats.nodes).toEqual({
      Enterprise: 2,
      Fund: 1,
      GovernmentBody: 1,
      Lab: 1,
      Region: 2,
      Source: 1,
      University: 1,
    });
    expect(stats.relationships).toEqual({ COLLABORATES_WITH: 3, FUNDS: 4, LOCATED_IN: 6 });
    expect(s.nodes.records).toBe(9);
    expect(s.relationships.records).toBe(13);
    expect(s.nodes.created).toBe(9);
    expect(s.relationships.created).toBe(13);

    // Provenance: the data set's Source and the file and line of the row.
    const acme = await store.entity('acme');
    expect(acme.name).toBe('Acme Robotics Co.');
    expect(acme.aliases).toEqual(['Acme', 'ACME Robotics']);
    expect(acme.sources).toEqual([
      {
        source: 'tiny-test-data',
        quote: 'orgs.csv line 2: ACME,  Acme Robotics Co.  ,company,2011,Shandong,Acme;ACME Robotics',
      },
    ]);
    expect((await store.entity('tiny-test-data')).kind).toBe('Source');
  });

  it('keeps amounts in their currency and totals per currency, or in one currency with rates', async () => {
    const store = createEmbeddedStore();
    const s = await runImport(TINY, store, { rates: { base: 'USD', rates: { CNY: 0.14, EUR: 1.1 } } });
    expect(s.money).toEqual([
      { currency: 'CNY', amount: 4_700_000, count: 2 },
      { currency: 'EUR', amount: -5000, count: 1 },
      { currency: 'USD', amount: 250_000, count: 1 },
    ]);
    expect(s.moneyInBase).toEqual({
      currency: 'USD',
      amount: 4_700_000 * 0.14 - 5000 * 1.1 + 250_000,
      unconverted: [],
    });
    expect((await store.stats()).money).toEqual(s.money);
    const rel = (await store.relationships('jnlab', { direction: 'in', limit: 10 })).items.find(
      (i) => i.type === 'FUNDS',
    );
    expect(rel?.properties).toMatchObject({
      amount: 3_500_000,
      currency: 'CNY',
      amountText: '3.5 million',
      year: 2022,
      instrument: 'subsidy',
    });
  });

  it("warns about repeats and the mapping's warn rules, once per record", async () => {
    const s = await runImport(TINY, createEmbeddedStore());
    const w = s.warnings.groups.map((g) => `${g.file} ${g.spec}: ${g.message} ×${g.count}`);
    expect(w).toEqual(
      expect.arrayContaining([
        'orgs.csv organisation: repeated id (the first one is kept) ×1',
        'grants.csv grant: negative amount ×1',
        'grants.csv grant: repeated id (the first one is kept) ×1',
      ]),
    );
    expect(s.duplicates).toBeGreaterThanOrEqual(3);
  });

  it('changes nothing when the same import runs again', async () => {
    const store = createEmbeddedStore();
    await runImport(TINY, store);
    const before = await snapshot(store);
    const again = await runImport(TINY, store);
    expect(again.nodes).toMatchObject({ created: 0, updated: 0, unchanged: 9 });
    expect(again.relationships).toMatchObject({ created: 0, updated: 0, unchanged: 13 });
    expect(await snapshot(store)).toBe(before);
  });

  it('stops between rows when aborted, leaving a consistent graph that a rerun completes', async () => {
    const clean = createEmbeddedStore();
    await runImport(TINY, clean);
    const store = createEmbeddedStore();
    // A signal that turns to aborted after the importer has looked at it a dozen times (between rows).
    let looks = 0;
    const signal = {
      get aborted() {
        return ++looks > 12;
      },
    } as AbortSignal;
    const cut = await runImport(TINY, store, { batchSize: 2, signal });
    expect(cut.interrupted).toBe(true);
    expect(cut.rowsRead).toBeGreaterThan(0);
    expect(cut.rowsRead).toBeLessThan(25);
    const st = await store.stats();
    expect(st.totals.relationships).toBeLessThan(13);
    const done = await runImport(TINY, store);
    expect(done.interrupted).toBe(false);
    expect(await snapshot(store)).toBe(await snapshot(clean));
  });

  it('reports unreadable CSV and carries on with the other files', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'orgs.csv'), readFileSync(join(FIXTURES, 'orgs.csv')));
    writeFileSync(join(dir, 'broken.csv'), readFileSync(join(FIXTURES, 'broken.csv')));
    const mapping = parseMapping(
      `version: 1
name: broken-test
source: { id: broken-test, name: Broken, title: Broken test data, quote: 'broken test' }
files:
  - file: broken.csv
    relationships: [{ type: COLLABORATES_WITH, id: 'c-{a}-{b}', from: '{a}', to: '{b}' }]
  - file: orgs.csv
    nodes: [{ kind: Enterprise, id: '{org_id}', name: '{name}' }]
`,
      'broken.yaml',
    );
    const s = await runImport({ mapping, path: join(dir, 'broken.yaml'), dir }, createEmbeddedStore());
    const reasons = s.rejects.sample.map((r) => `${r.file}:${r.line}:${r.reason.slice(0, 40)}`);
    expect(reasons.some((r) => r.startsWith('broken.csv:3:unreadable CSV'))).toBe(true);
    expect(s.files.find((f) => f.file === 'orgs.csv')?.rows).toBe(10);
  });

  it('fails before reading rows when the mapping names a column the file does not have', async () => {
    const loaded = loadMapping(TINY);
    const mapping = structuredClone(loaded.mapping);
    mapping.files[1]!.relationships[0]!.from = '{payer}';
    await expect(runImport({ ...loaded, mapping }, createEmbeddedStore())).rejects.toThrow(
      /grants\.csv.*no column or variable "payer"/,
    );
  });

  it('writes nothing in a dry run and still finds the bad rows', async () => {
    const store = createEmbeddedStore();
    const s = await runImport(TINY, store, { dryRun: true });
    expect(s.dryRun).toBe(true);
    expect(s.rowsRejected).toBe(9);
    expect(s.rejects.sample.some((r) => r.line === 5 && r.reason.includes('NOWHERE'.toLowerCase()))).toBe(true);
    expect((await store.stats()).totals).toEqual({ nodes: 0, relationships: 0 });
  });
});

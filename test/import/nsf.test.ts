/**
 * The NSF awards mapping (mappings/nsf-awards-2017.yaml) on the embedded store: the fixture sample
 * (test/fixtures/nsf-awards-2017, always) and the full data set (../shared/realdata/nsf-awards-2017,
 * when present, as in CI). Counts and money totals are checked against figures this test computes
 * itself from the CSV files with csv-parse, and the known data problems must come out as warnings.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runImport } from '../../server/import/importer';
import type { ImportSummary } from '../../server/import/report';
import { createEmbeddedStore } from '../../server/store/embedded';
import type { GraphStore } from '../../server/store/store';
import { expectedFigures } from './figures';

const ROOT = join(import.meta.dirname, '../..');
const MAPPING = join(ROOT, 'mappings/nsf-awards-2017.yaml');
const FIXTURE = join(ROOT, 'test/fixtures/nsf-awards-2017');
const FULL = join(ROOT, '../shared/realdata/nsf-awards-2017');
const HAS_FULL = existsSync(join(FULL, 'awards.csv'));
// CI has ../shared: there the full data set must run, never skip
if (!HAS_FULL && process.env.CI === 'true')
  throw new Error(`CI=true and the full NSF data set is missing: no ${join(FULL, 'awards.csv')}`);

const warned = (s: ImportSummary, message: string) =>
  s.warnings.groups.filter((g) => g.message.startsWith(message)).reduce((n, g) => n + g.count, 0);

async function check(dir: string, store: GraphStore) {
  const want = expectedFigures(dir);
  const s = await runImport(MAPPING, store, { dataDir: dir });
  const stats = await store.stats();

  expect(s.rejects.count).toBe(0);
  expect(stats.relationships.FUNDS).toBe(want.awards);
  expect(stats.money).toEqual([{ currency: 'USD', amount: want.usd, count: want.awards }]);
  expect(s.money).toEqual(stats.money);
  expect(stats.relationships.COLLABORATES_WITH).toBe(want.collaborations);
  expect(stats.nodes.Program).toBe(want.programs);
  expect(stats.nodes.Region).toBe(want.states + want.countries);
  // Every institution is a node, classified as an organisation kind or (for individual fellows) a Person.
  for (const id of want.institutionIds)
    expect(['University', 'Enterprise', 'ResearchInstitute', 'GovernmentBody', 'Lab', 'Person']).toContain(
      (await store.entity(id)).kind,
    );
  // NSF: its directorates and the divisions without a directorate report to it; each award funds once.
  const nsf = await store.entity('nsf');
  expect(nsf.kind).toBe('GovernmentBody');
  expect(nsf.stats.degree.byType.PART_OF).toBe(want.directorates + (want.noDirectorate > 0 ? 1 : 0));
  // Known data problems are warnings, not hidden.
  expect(warned(s, 'negative amount')).toBe(want.negative);
  expect(warned(s, 'zero amount')).toBe(want.zero);
  expect(warned(s, 'award without a directorate')).toBe(want.noDirectorate);
  expect(warned(s, 'repeated id')).toBeGreaterThanOrEqual(want.awardRows - want.awards);
  expect(s.warnings.groups.find((g) => g.spec === 'award' && g.message.startsWith('repeated id'))?.count ?? 0).toBe(
    want.awardRows - want.awards,
  );
  expect(s.warnings.groups.find((g) => g.spec === 'directorate')?.count ?? 0).toBe(want.truncatedDirectorates);
  return { s, stats, want };
}

describe('NSF awards mapping', () => {
  it('imports the fixture sample with the counts and totals of its CSV files', async () => {
    const { s, stats } = await check(FIXTURE, createEmbeddedStore());
    // The sample keeps the known problems.
    expect(warned(s, 'negative amount')).toBe(1);
    expect(warned(s, 'zero amount')).toBeGreaterThan(0);
    // An award: USD amount as obligated, period, instrument, programme, provenance.
    const store = createEmbeddedStore();
    await runImport(MAPPING, store, { dataDir: FIXTURE });
    const page = await store.relationships('inst-e16e95b57054', { direction: 'in', limit: 50 });
    const award = page.items.find((i) => i.id === 'nsf-award-1700003');
    expect(award).toMatchObject({
      type: 'FUNDS',
      other: { id: 'nsf-div-0304', kind: 'GovernmentBody' },
      properties: {
        amount: 128822,
        currency: 'USD',
        periodStart: 2017,
        periodEnd: 2020,
        instrument: 'grant',
        program: 'nsf-pe-1281',
      },
    });
    expect(award?.sources[0]?.source).toBe('nsf-awards-2017');
    expect(award?.sources[0]?.quote).toMatch(/^awards\.csv line 2: 1700003,Partial Differential Equations/);
    expect((await store.entity('nsf-dir-03')).name).toBe('Directorate for Mathematical and Physical Sciences');
    expect((await store.entity('nsf-dir-03')).aliases).toContain('Direct For Mathematical & Physical Scien');
    expect(stats.nodes.Person).toBeGreaterThan(0);
  });

  it('re-imports the sample without changing anything', async () => {
    const store = createEmbeddedStore();
    const first = await runImport(MAPPING, store, { dataDir: FIXTURE });
    const again = await runImport(MAPPING, store, { dataDir: FIXTURE });
    expect(again.nodes).toMatchObject({ created: 0, updated: 0, unchanged: first.nodes.records });
    expect(again.relationships).toMatchObject({ created: 0, updated: 0, unchanged: first.relationships.records });
  });

  describe.runIf(HAS_FULL)('the full data set (../shared)', () => {
    it('imports every award with the USD total computed from awards.csv', { timeout: 180_000 }, async () => {
      const { want, stats } = await check(FULL, createEmbeddedStore());
      // The README's figures: 11,252 rows (three awards twice), about USD 4.05 billion.
      expect(want.awardRows).toBe(11_252);
      expect(stats.relationships.FUNDS).toBe(11_249);
      expect(Math.round(want.usd / 1e7) / 100).toBeCloseTo(4.04, 2);
    });
  });
});

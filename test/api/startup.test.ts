/**
 * Start-up of the embedded store: EMBEDDED_IMPORTS loads data sets through the importer (here the NSF
 * mapping on its test sample), with the seed only when SEED_EMBEDDED=true asks for it, and a bad entry
 * fails the config at once, naming the variable.
 */
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../server/config';
import { readSeed } from '../../server/data/seed';
import { runImport } from '../../server/import/importer';
import { start, type Running } from '../../server/main';
import { createEmbeddedStore } from '../../server/store/embedded';
import { seedsEmbedded } from '../../server/store';
import { call, testConfig } from '../helpers/app';

const ROOT = resolve(import.meta.dirname, '../..');
const MAPPING = join(ROOT, 'mappings/nsf-awards-2017.yaml');
const SAMPLE = join(ROOT, 'test/fixtures/nsf-awards-2017');

describe('SEED_EMBEDDED', () => {
  it('loads the seed by default only when there is nothing to import', () => {
    expect(seedsEmbedded(parseConfig({}))).toBe(true);
    expect(seedsEmbedded(parseConfig({ EMBEDDED_IMPORTS: `${MAPPING}=${SAMPLE}` }))).toBe(false);
    expect(seedsEmbedded(parseConfig({ EMBEDDED_IMPORTS: `${MAPPING}=${SAMPLE}`, SEED_EMBEDDED: 'true' }))).toBe(true);
    expect(seedsEmbedded(parseConfig({ SEED_EMBEDDED: 'false' }))).toBe(false);
    expect(() => parseConfig({ SEED_EMBEDDED: 'maybe' })).toThrow(/SEED_EMBEDDED/);
  });

  it('serves an import alone unless the seed is asked for', async () => {
    const config = parseConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      EMBEDDED_IMPORTS: `${MAPPING}=${SAMPLE}`,
    });
    const app = await start(config);
    try {
      const r = await call(app.url, '/api/datasets');
      expect((r.body as { datasets: { name: string }[] }).datasets.map((d) => d.name)).toEqual(['nsf-awards-2017']);
      expect((await call(app.url, '/api/entities/jinfeng-laboratory')).status).toBe(404);
    } finally {
      await app.stop();
    }
  }, 120_000);
});

describe('EMBEDDED_IMPORTS', () => {
  let app: Running;
  let imported: { nodes: number; relationships: number };
  let importedDeals = 0;

  beforeAll(async () => {
    const alone = createEmbeddedStore();
    await runImport(MAPPING, alone, { dataDir: SAMPLE, rejectsPath: null });
    const s = await alone.stats();
    imported = s.totals;
    importedDeals = s.nodes.Deal ?? 0;
    app = await start(testConfig({ SEED_EMBEDDED: 'true', EMBEDDED_IMPORTS: `${MAPPING}=${SAMPLE}` }));
  }, 120_000);
  afterAll(async () => {
    await app?.stop();
  });

  it('serves the seed and the imported data set together', async () => {
    const seed = readSeed();
    expect(imported.relationships).toBeGreaterThan(0);
    const r = await call(app.url, '/api/stats');
    expect(r.status).toBe(200);
    const totals = (r.body as { totals: { nodes: number; relationships: number } }).totals;
    expect(totals).toEqual({
      nodes: seed.nodes.length + imported.nodes,
      relationships: seed.relationships.length + imported.relationships,
    });
  });

  it('lists both data sets, each with its counts', async () => {
    const seed = readSeed();
    const r = await call(app.url, '/api/datasets');
    expect(r.status).toBe(200);
    const sets = (r.body as { datasets: { name: string; origin: string; nodes: number; relationships: number }[] })
      .datasets;
    expect(sets.map((d) => [d.name, d.origin, d.nodes, d.relationships])).toEqual([
      ['nsf-awards-2017', 'import', imported.nodes, imported.relationships],
      ['seed', 'seed', seed.nodes.length, seed.relationships.length],
    ]);
    const nsfOnly = await call(app.url, '/api/graph?datasets=nsf-awards-2017&merge=false&limit=100000');
    expect((nsfOnly.body as { nodes: unknown[] }).nodes.length).toBe(imported.nodes - importedDeals);
  });

  it('finds an imported institution and the NSF money it received', async () => {
    const r = await call(app.url, '/api/search?q=Alabama%20A%26M%20University&limit=5');
    expect(r.status).toBe(200);
    const items = (r.body as { items: { id: string; kind: string }[] }).items;
    expect(items[0]?.kind).toBe('University');
    const e = await call(app.url, `/api/entities/${encodeURIComponent(items[0]!.id)}`);
    expect(e.status).toBe(200);
    const money = (e.body as { stats: { money: { in: { currency: string; amount: number }[] } } }).stats.money.in;
    expect(money.find((m) => m.currency === 'USD')?.amount).toBeGreaterThan(0);
  });

  it('fails the config at once for a missing mapping, a missing folder, or with NEO4J_URI', () => {
    expect(() => parseConfig({ EMBEDDED_IMPORTS: 'mappings/nope.yaml' })).toThrow(
      /EMBEDDED_IMPORTS.*no mapping file at "mappings\/nope\.yaml"/s,
    );
    expect(() => parseConfig({ EMBEDDED_IMPORTS: `${MAPPING}=/nowhere/at/all` })).toThrow(
      /EMBEDDED_IMPORTS.*no data folder/s,
    );
    expect(() => parseConfig({ EMBEDDED_IMPORTS: MAPPING, NEO4J_URI: 'bolt://127.0.0.1:7687' })).toThrow(
      /EMBEDDED_IMPORTS.*embedded store only/s,
    );
    expect(parseConfig({ EMBEDDED_IMPORTS: ` ${MAPPING} , ${MAPPING}=${SAMPLE} ` }).EMBEDDED_IMPORTS).toEqual([
      { mapping: MAPPING },
      { mapping: MAPPING, dataDir: SAMPLE },
    ]);
  });
});

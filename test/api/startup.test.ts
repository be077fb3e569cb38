/**
 * Start-up of the embedded store: EMBEDDED_IMPORTS loads data sets through the importer after the
 * seed (here the NSF mapping on its test sample), and a bad entry fails the config at once, naming the
 * variable.
 */
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../server/config';
import { readSeed } from '../../server/data/seed';
import { runImport } from '../../server/import/importer';
import { start, type Running } from '../../server/main';
import { createEmbeddedStore } from '../../server/store/embedded';
import { call, testConfig } from '../helpers/app';

const ROOT = resolve(import.meta.dirname, '../..');
const MAPPING = join(ROOT, 'mappings/nsf-awards-2017.yaml');
const SAMPLE = join(ROOT, 'test/fixtures/nsf-awards-2017');

describe('EMBEDDED_IMPORTS', () => {
  let app: Running;
  let imported: { nodes: number; relationships: number };

  beforeAll(async () => {
    const alone = createEmbeddedStore();
    await runImport(MAPPING, alone, { dataDir: SAMPLE, rejectsPath: null });
    const s = await alone.stats();
    imported = s.totals;
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

/**
 * An analyst's session on real-sized data in headless Chromium against the real server: the NSF 2017
 * awards (19.7k nodes) in the embedded store and a ~100k-node synthetic ecosystem bulk-loaded into
 * Neo4j. Each opens on the network view of the best-connected nodes (the groups overview is
 * overview.test.ts), searches an organisation by a typed name, selects it (details),
 * and finds the paths to another. Expansion on NSF is tested in expand.test.ts, groups in overview.test.ts.
 */
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import {
  NSF,
  findPaths,
  nsfSkip,
  openLarge,
  searchSelect,
  syntheticSkip,
  useNsfApp,
  useSyntheticApp,
  type SyntheticApp,
} from './large';
import { elementShot, pngInk, shot } from './support';

const skipNsf = nsfSkip();
const skipSynthetic = syntheticSkip();

/** The overview: a capped, drawn view that says it is one, with no errors. */
async function expectOverview(page: Page, storeNodes: number, errors: string[]): Promise<void> {
  const counts = (await page.evaluate(() => window.innograph!.counts()))!;
  expect(counts.nodes.total).toBeGreaterThan(1000);
  expect(counts.nodes.total).toBeLessThanOrEqual(10_000);
  expect(counts.nodes.total).toBeLessThan(storeNodes);
  expect(counts.edges.total).toBeGreaterThan(1000);
  await expect.poll(() => page.locator('.sidebar .notice').textContent()).toMatch(/of [\d,]+ nodes/);
  // stop the layout (from the keyboard: frames are slow without a GPU), then look at the picture
  if (await page.evaluate(() => window.innograph!.layoutRunning()))
    await page.getByRole('button', { name: /Stop layout/ }).press('Enter');
  await page.waitForFunction(() => !window.innograph!.layoutRunning(), null, { timeout: 300_000, polling: 500 });
  const png = await elementShot(page, '.sigma-container', 180_000);
  expect((await pngInk(page, png)).inked).toBeGreaterThan(0.01);
  expect(errors).toEqual([]);
}

describe.skipIf(skipNsf !== null)(
  `NSF 2017 awards in the embedded store, in Chromium${skipNsf ? ` (skipped: ${skipNsf})` : ''}`,
  { timeout: 300_000 },
  () => {
    const app = useNsfApp();
    let page: Page;
    let errors: string[];
    afterAll(() => page?.context().close());

    it('opens on the overview of the best-connected nodes', async () => {
      ({ page, errors } = await openLarge(app, `${app.server.url}/?view=network`));
      await expectOverview(page, (await app.store.stats()).totals.nodes, errors);
      await shot(page, '40-nsf-overview');
    });

    it('searches a university as people type it and selects it', async () => {
      await searchSelect(page, NSF.umich.query, NSF.umich.id, NSF.umich.name);
      expect(page.url()).toContain(`sel=${NSF.umich.id}`);
      expect(await page.evaluate((id) => window.innograph!.hasNode(id), NSF.umich.id)).toBe(true);
      expect(errors).toEqual([]);
    });

    it('finds the paths between two universities and lists them', async () => {
      await findPaths(page, NSF.umich, NSF.mit);
      const first = await page.locator('.path-list > li').first().locator('.step').allTextContents();
      expect(first[0]).toMatch(NSF.umich.name);
      expect(first[first.length - 1]).toMatch(NSF.mit.name);
      expect(page.url()).toContain(`from=${NSF.umich.id}&to=${NSF.mit.id}`);
      await shot(page, '41-nsf-path');
      expect(errors).toEqual([]);
    });
  },
);

describe.skipIf(skipSynthetic !== null)(
  `a ~100k-node synthetic graph in Neo4j (bulk-loaded), in Chromium${skipSynthetic ? ` (skipped: ${skipSynthetic})` : ''}`,
  { timeout: 300_000 },
  () => {
    const app: SyntheticApp = useSyntheticApp('e2e-100k');
    let page: Page;
    let errors: string[];
    afterAll(() => page?.context().close());

    it('opens on the overview of the best-connected nodes', async () => {
      expect(app.neo4j.nodes).toBeGreaterThanOrEqual(100_000);
      // over 15,000 nodes: the groups overview (communities), not a hairball
      ({ page, errors } = await openLarge(app));
      expect(await page.evaluate(() => window.innograph!.hasNode('community:0'))).toBe(true);
      expect((await page.evaluate(() => window.innograph!.counts()))!.nodes.total).toBeLessThanOrEqual(151);
      expect(errors).toEqual([]);
      await shot(page, '42-synthetic-overview');
    });

    it('searches an organisation by name and selects it, also when it is not in the overview', async () => {
      const [id, name] = app.university;
      await searchSelect(page, name, id, name);
      expect(await page.evaluate((x) => window.innograph!.hasNode(x), id)).toBe(true);
      expect(errors).toEqual([]);
    });

    it('finds the paths between a university and its province', async () => {
      const [uid, uname] = app.university;
      const [pid, pname] = app.province;
      await findPaths(page, { query: uname, id: uid }, { query: pname, id: pid });
      const first = await page.locator('.path-list > li').first().locator('.step').allTextContents();
      expect(first[0]).toContain(uname);
      expect(first[first.length - 1]).toContain(pname);
      await shot(page, '43-synthetic-path');
      expect(errors).toEqual([]);
    });
  },
);

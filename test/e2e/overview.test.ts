/**
 * The overview in Chromium on a generated ecosystem of 20k+ nodes (`npm run generate`, imported into
 * the embedded store): the page opens on the groups, a double-click opens a group in place and another
 * closes it, and a link with the open group reopens the same picture.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateEcosystem } from '../../server/generate/synthetic';
import { importEmbedded } from '../../server/import/embedded';
import { createEmbeddedStore } from '../../server/store/embedded';
import { requireBrowser } from '../helpers/browser';
import { shot, useBrowserApp } from './support';

const skip = requireBrowser();

describe.skipIf(skip !== null)(
  `the overview of a 20k-node graph in Chromium${skip ? ` (skipped: ${skip})` : ''}`,
  () => {
    const app = useBrowserApp(async () => {
      const tmp = mkdtempSync(join(tmpdir(), 'innograph-overview-e2e-'));
      const gen = generateEcosystem(join(tmp, 'data'), { orgs: 20_000, seed: 13, relationships: 60_000 });
      const store = createEmbeddedStore(join(tmp, 'layouts'));
      await importEmbedded(store, [{ mapping: 'mappings/synthetic-ecosystem.yaml', dataDir: gen.dir }], tmp, () => {});
      return store;
    });

    it('opens on the groups, opens one in place with a double-click, closes it, and reopens it from a link', async () => {
      const context = await app.chromium.browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      const ready = () =>
        page.waitForFunction(() => window.innograph?.ready() === true && window.innograph.idle(), null, {
          timeout: 300_000,
          polling: 250,
        });
      await page.goto(app.server.url);
      await ready();
      expect(await page.getByRole('button', { name: 'Overview' }).getAttribute('aria-pressed')).toBe('true');
      expect(page.url()).toContain('view=groups');
      expect(await page.evaluate(() => window.innograph!.hasNode('community:0'))).toBe(true);
      const groups = (await page.evaluate(() => window.innograph!.counts()))!.nodes.total;
      expect(groups).toBeGreaterThan(1);
      expect(groups).toBeLessThanOrEqual(150);
      await expect.poll(() => page.locator('.groups-note').textContent()).toMatch(/^\d+ groups of [\d,]+ nodes/);

      // the largest community, opened with a double-click where it is drawn
      // (positions on screen are relative to the network's container)
      const box = (await page.locator('.sigma-container').boundingBox())!;
      const at = (await page.evaluate(() => window.innograph!.nodeOnScreen('community:0')))!;
      await page.mouse.dblclick(box.x + at.x, box.y + at.y);
      await page.waitForFunction(() => location.search.includes('open=community:0'), null, { timeout: 120_000 });
      await ready();
      const opened = (await page.evaluate(() => window.innograph!.counts()))!.nodes.total;
      expect(opened).toBeGreaterThan(groups);
      await shot(page, '20-overview-group-open');

      // a link with the open group reopens the same picture
      const link = page.url();
      const other = await context.newPage();
      await other.goto(link);
      await other.waitForFunction(() => window.innograph?.ready() === true && window.innograph.idle(), null, {
        timeout: 300_000,
        polling: 250,
      });
      expect((await other.evaluate(() => window.innograph!.counts()))!.nodes.total).toBe(opened);
      await other.close();

      // and a second double-click closes it
      const again = (await page.evaluate(() => window.innograph!.nodeOnScreen('community:0')))!;
      await page.mouse.dblclick(box.x + again.x, box.y + again.y);
      await page.waitForFunction(() => !location.search.includes('open='), null, { timeout: 60_000 });
      await ready();
      expect((await page.evaluate(() => window.innograph!.counts()))!.nodes.total).toBe(groups);
      expect(errors).toEqual([]);
      await context.close();
    }, 900_000);
  },
);

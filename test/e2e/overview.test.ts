/**
 * The overview in Chromium on a generated ecosystem of 20k+ nodes (`npm run generate`, imported into
 * the embedded store): the page opens on the groups, a double-click (or the detail panel's button)
 * opens a group in place and another closes it, and a link with the open group reopens the same
 * picture; a searched entity opens on a focused network view (not the best-connected nodes), which a
 * link reopens and Back leaves for the overview.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateEcosystem } from '../../server/generate/synthetic';
import { importEmbedded } from '../../server/import/embedded';
import { createEmbeddedStore } from '../../server/store/embedded';
import { requireBrowser } from '../helpers/browser';
import { syntheticOrg } from '../helpers/datasets';
import { clickNode, groupButton, nodeCount, searchSelect } from './large';
import { dblclickUntil, shot, useBrowserApp } from './support';

const skip = requireBrowser();

describe.skipIf(skip !== null)(
  `the overview of a 20k-node graph in Chromium${skip ? ` (skipped: ${skip})` : ''}`,
  () => {
    let dataDir = '';
    const app = useBrowserApp(async () => {
      const tmp = mkdtempSync(join(tmpdir(), 'innograph-overview-e2e-'));
      const gen = generateEcosystem(join(tmp, 'data'), { orgs: 20_000, seed: 13, relationships: 60_000 });
      dataDir = gen.dir;
      const store = createEmbeddedStore(join(tmp, 'layouts'));
      await importEmbedded(store, [{ mapping: 'mappings/synthetic-ecosystem.yaml', dataDir: gen.dir }], tmp, () => {});
      return store;
    });

    /** A new 1280×800 page on the app, recording page and console errors; `ready` waits for the app to be idle. */
    const openPage = async () => {
      const context = await app.chromium.browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      const ready = (p = page) =>
        p.waitForFunction(() => window.innograph?.ready() === true && window.innograph.idle(), null, {
          timeout: 300_000,
          polling: 250,
        });
      return { context, page, errors, ready };
    };

    it('opens on the groups, opens one in place with a double-click, closes it, and reopens it from a link', async () => {
      const { context, page, errors, ready } = await openPage();
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
      await dblclickUntil(page, box.x + at.x, box.y + at.y, () => location.search.includes('open=community:0'));
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
      await dblclickUntil(page, box.x + again.x, box.y + again.y, () => !location.search.includes('open='));
      await ready();
      expect((await page.evaluate(() => window.innograph!.counts()))!.nodes.total).toBe(groups);
      expect(errors).toEqual([]);
      await context.close();
    }, 900_000);

    it('opens and closes a selected group with the detail panel’s button', async () => {
      const { context, page, errors, ready } = await openPage();
      await page.goto(app.server.url);
      await ready();
      const groups = (await page.evaluate(() => window.innograph!.counts()))!.nodes.total;
      await clickNode(page, 'community:0');
      const panel = page.locator('#tabpanel-details');
      await expect.poll(() => panel.locator('.details-meta').textContent()).toMatch(/Group [\d,]+ members/);
      await groupButton(page, 'community:0', true);
      expect(await nodeCount(page)).toBeGreaterThan(groups);
      await groupButton(page, 'community:0', false);
      expect((await page.evaluate(() => window.innograph!.counts()))!.nodes.total).toBe(groups);
      await expect.poll(() => panel.getByRole('button', { name: 'Open group' }).count()).toBe(1);
      expect(errors).toEqual([]);
      await context.close();
    }, 900_000);

    it('shows a searched entity in a focused view without the best-connected nodes; a link reopens it, Back leaves it', async () => {
      const [id, name] = syntheticOrg(dataDir, 'University');
      const { context, page, errors, ready: idle } = await openPage();
      const graphCalls: string[] = [];
      page.on('request', (r) => new URL(r.url()).pathname === '/api/graph' && graphCalls.push(r.url()));
      // a base of 500 (limit), to keep the explicit load at the end short
      await page.goto(`${app.server.url}/?limit=500`);
      await idle();
      const groups = (await page.evaluate(() => window.innograph!.counts()))!.nodes.total;
      expect(await page.evaluate((x) => window.innograph!.hasNode(x), id)).toBe(false);

      // search → pick: the entity and its neighbours (a page of them at most), no best-connected base
      await searchSelect(page, name, id, name);
      await idle();
      const url = new URL(page.url());
      expect(url.searchParams.get('view')).toBe('network');
      expect(url.searchParams.get('base')).toBe('0');
      expect(url.searchParams.get('exp')).toBe(id);
      const focused = (await page.evaluate(() => window.innograph!.counts()))!.nodes.total;
      expect(focused).toBeGreaterThan(1);
      expect(focused).toBeLessThanOrEqual(301);
      expect(graphCalls).toEqual([]);
      expect(await page.evaluate((x) => window.innograph!.nodeOnScreen(x), id)).not.toBeNull();
      await expect.poll(() => page.locator('.focus-bar').isVisible()).toBe(true);
      await page.locator('#tabpanel-details').getByRole('button', { name: 'Collapse' }).waitFor();
      await shot(page, '21-overview-focused-search');

      // the link reopens the same picture, and a bare ?sel= link opens the focused view too
      for (const link of [page.url(), `${app.server.url}/?sel=${id}&limit=500`]) {
        const other = await context.newPage();
        await other.goto(link);
        await idle(other);
        expect(await other.evaluate(() => window.innograph!.selected())).toBe(id);
        expect((await other.evaluate(() => window.innograph!.counts()))!.nodes.total).toBe(focused);
        expect(new URL(other.url()).searchParams.get('base')).toBe('0');
        await other.close();
      }
      expect(graphCalls).toEqual([]);

      // Back: the overview again; Forward: the focused view
      await page.goBack();
      await page.waitForFunction(() => location.search.includes('view=groups') || !location.search.includes('view='));
      await idle();
      expect(await page.getByRole('button', { name: 'Overview' }).getAttribute('aria-pressed')).toBe('true');
      expect((await page.evaluate(() => window.innograph!.counts()))!.nodes.total).toBe(groups);
      await page.goForward();
      await page.waitForFunction(() => location.search.includes('base=0'));
      await idle();
      expect(await page.evaluate((x) => window.innograph!.hasNode(x), id)).toBe(true);
      expect((await page.evaluate(() => window.innograph!.counts()))!.nodes.total).toBeLessThanOrEqual(301);
      expect(graphCalls).toEqual([]);

      // the best-connected nodes come only when asked for
      await page.getByRole('button', { name: /Load the 500 best-connected/ }).click();
      await page.waitForFunction(() => !location.search.includes('base=0'), null, { timeout: 120_000 });
      await idle();
      expect(graphCalls.length).toBeGreaterThan(0);
      expect((await page.evaluate(() => window.innograph!.counts()))!.nodes.total).toBeGreaterThan(focused);
      expect(await page.locator('.focus-bar').isVisible()).toBe(false);
      expect(errors).toEqual([]);
      await context.close();
    }, 900_000);
  },
);

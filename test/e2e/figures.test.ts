/**
 * End-to-end tests of figures as stated in headless Chromium: the seed's Shandong, China and Chongqing
 * panels show qualifiers, periods and bases as the article states them; a USD data set (the NSF awards
 * fixture) is filtered, sized and labelled in dollars with no Chinese units; the Money panel follows
 * money upstream into a recipient. Screenshots go to test-results/e2e/ (git-ignored).
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runImport } from '../../server/import/importer';
import { createEmbeddedStore, createSeededEmbeddedStore } from '../../server/store/embedded';
import type { GraphStore } from '../../server/store/store';
import { launchBrowser, requireBrowser, type LaunchedBrowser } from '../helpers/browser';
import { ROOT, ensureClientBuilt, openClient, serveApp, shot, waitIdle, type TestServer } from './support';

const skip = requireBrowser();

let seed: GraphStore;
let usd: GraphStore;
let seedServer: TestServer;
let usdServer: TestServer;
let chromium: LaunchedBrowser;

/** The text of the (one) indicator figure titled `title`. */
async function figure(page: Page, title: string): Promise<string> {
  const exact = new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  const fig = page.locator('#tabpanel-details section.indicators figure', {
    has: page.locator('figcaption strong', { hasText: exact }),
  });
  await fig.first().waitFor();
  expect(await fig.count()).toBe(1);
  return (await fig.first().textContent()) ?? '';
}

describe.skipIf(skip !== null)(
  `figures as stated in Chromium${skip ? ` (skipped: ${skip})` : ''}`,
  { timeout: 120_000 },
  () => {
    beforeAll(async () => {
      await ensureClientBuilt();
      seed = await createSeededEmbeddedStore();
      seedServer = await serveApp(seed);
      usd = createEmbeddedStore();
      await runImport(join(ROOT, 'mappings/nsf-awards-2017.yaml'), usd, {
        dataDir: join(ROOT, 'test/fixtures/nsf-awards-2017'),
      });
      usdServer = await serveApp(usd);
      chromium = await launchBrowser();
    }, 240_000);

    afterAll(async () => {
      await chromium?.close();
      await seedServer?.stop();
      await usdServer?.stop();
      await seed?.close();
      await usd?.close();
    });

    it('shows Shandong’s figures with their qualifiers, periods and bases, one series per base', async () => {
      const { page, errors } = await openClient(chromium.browser, `${seedServer.url}/?sel=shandong`);
      const expected = await figure(page, 'Fiscal S&T expenditure');
      expect(expected).toContain('expected 14.52 billion yuan');
      expect(expected).toContain('¥14.52 billion');
      expect(expected).toContain('145.2亿元');
      expect(expected).not.toContain('14.5 billion');
      const total = await figure(page, 'Fiscal S&T expenditure (cumulative)');
      expect(total).toContain('71.28 billion yuan');
      expect(total).toContain('2021–2025 (14th Five-Year Plan period)');
      expect(total).not.toContain('71.3');
      // 4.5× 2018 and 2.2× the 13th Five-Year Plan are two series, each with its base
      const vs2018 = await figure(page, 'Fiscal S&T expenditure, multiple (vs 2018)');
      expect(vs2018).toContain('expected 4.5 times that of 2018');
      const vs13th = await figure(page, 'Fiscal S&T expenditure, multiple (vs 13th Five-Year Plan period (2016-2020))');
      expect(vs13th).toContain('2.2 times that of the 13th Five-Year Plan period');
      expect(vs13th).not.toContain('4.5');
      await page.locator('#tabpanel-details section.indicators').scrollIntoViewIfNeeded();
      await shot(page, 'figures-01-shandong');
      expect(errors).toEqual([]);
      await page.context().close();
    });

    it('shows "more than 300 projects" and "no less than 4 times" with their qualifiers', async () => {
      const { page, errors } = await openClient(
        chromium.browser,
        `${seedServer.url}/?sel=shandong-rewards-to-equity-reform`,
      );
      const projects = await figure(page, 'Project count');
      expect(projects).toContain('more than 300 projects');
      const leverage = await figure(page, 'Social capital leverage');
      expect(leverage).toContain('more than 3 times');
      await page.goto(`${seedServer.url}/?sel=shandong-innovation-consortium-mechanism`);
      await waitIdle(page);
      const panel = page.locator('#tabpanel-details section.indicators');
      await panel.waitFor();
      const text = (await panel.textContent()) ?? '';
      expect(text).toContain('no less than 4 times');
      expect(text).toContain('about 10 million yuan');
      expect(text).toContain('¥10 million · 1000万元');
      expect(errors).toEqual([]);
      await page.context().close();
    });

    it('shows the national expenditure as January to April 2025, not the whole year', async () => {
      const { page, errors } = await openClient(chromium.browser, `${seedServer.url}/?sel=china`);
      const text = await figure(page, 'Fiscal S&T expenditure');
      expect(text).toContain('Jan–Apr 2025');
      expect(text).toContain('295.3 billion yuan');
      expect(text).toContain('¥295.3 billion');
      expect(text).toContain('2953亿元');
      await shot(page, 'figures-02-china');
      expect(errors).toEqual([]);
      await page.context().close();
    });

    it('shows Chongqing’s R&D intensity change in percentage points', async () => {
      const { page, errors } = await openClient(chromium.browser, `${seedServer.url}/?sel=chongqing`);
      const text = await figure(page, 'R&D intensity');
      expect(text).toContain('+0.48 pp');
      expect(text).not.toMatch(/▲|24%/);
      const loans = await figure(page, 'Tech enterprise loan balance');
      expect(loans).toContain('707.5 billion yuan');
      expect(errors).toEqual([]);
      await page.context().close();
    });

    it('follows the money upstream into a recipient: Sankey, table and totals per funder', async () => {
      const id = 'guoce-time-grating-technology';
      const { page, errors } = await openClient(chromium.browser, `${seedServer.url}/?sel=${id}`);
      const details = page.locator('#tabpanel-details');
      await details.getByRole('button', { name: 'Follow the money' }).waitFor();
      expect(await details.getByRole('button', { name: 'Follow the money' }).isDisabled()).toBe(true);
      await details.getByRole('button', { name: 'Money sources' }).click();
      const flows = page.locator('.flows .table-wrap', { hasText: 'Flows by amount' });
      await flows.locator('tbody tr').first().waitFor();
      await waitIdle(page);
      expect(await page.locator('.flows .summary').textContent()).toContain('into General Technology Group Guoce');
      const rows = await flows.locator('tbody tr').allTextContents();
      expect(rows[0]).toContain('Chongqing Municipal Government');
      expect(rows[0]).toContain('¥10 million');
      const byFunder = await page
        .locator('.flows .table-wrap', { hasText: 'Money by funder' })
        .locator('tbody')
        .textContent();
      expect(byFunder).toContain('Chongqing Municipal Government');
      expect(byFunder).toContain('¥10 million (1000万元)');
      const sankey = page.locator('.flows svg.sankey');
      expect(await sankey.locator('path.sankey-link').count()).toBe(1);
      expect(await sankey.locator('text.sankey-amount').allTextContents()).toContain('¥10 million');
      expect(page.url()).toContain('flowdir=up');
      // the full-width diagram
      await page.locator('.flows').getByRole('button', { name: 'Full width' }).click();
      const dialog = page.locator('dialog.sankey-dialog');
      await dialog.waitFor();
      const box = (await dialog.locator('svg.sankey').boundingBox())!;
      expect(box.width).toBeGreaterThan(1000);
      await shot(page, 'figures-03-time-grating-upstream');
      await dialog.getByRole('button', { name: 'Close' }).click();
      expect(errors).toEqual([]);
      await page.context().close();
    });

    it('shows the joint billion into Jinfeng once, as no single funder’s money', async () => {
      const { page, errors } = await openClient(chromium.browser, `${seedServer.url}/?sel=jinfeng-laboratory`);
      const details = page.locator('#tabpanel-details');
      await details.getByRole('button', { name: 'Money sources' }).click();
      const flows = page.locator('.flows .table-wrap', { hasText: 'Flows by amount' });
      await flows.locator('tbody tr').first().waitFor();
      await waitIdle(page);
      const rows = await flows.locator('tbody tr').allTextContents();
      expect(rows.some((r) => r.includes('Chongqing Municipal Government'))).toBe(true);
      expect(rows.some((r) => r.includes('Chongqing district governments'))).toBe(true);
      expect(rows.every((r) => !r.includes('¥1 billion'))).toBe(true);
      expect(await page.locator('.flows .summary').textContent()).toContain('¥1 billion');
      expect(errors).toEqual([]);
      await page.context().close();
    });

    it('works in dollars on a USD data set: filter, labels and money tables, no Chinese units', async () => {
      const { page, errors } = await openClient(chromium.browser, usdServer.url);
      const currency = page.getByRole('combobox', { name: 'Currency of amounts' });
      expect(await currency.inputValue()).toBe('USD');
      const options = await page
        .getByRole('combobox', { name: /Minimum amount/ })
        .locator('option')
        .allTextContents();
      expect(options).toContain('≥ $1 million');
      expect(options.join(' ')).not.toMatch(/[¥万亿元]/);
      await page.getByRole('combobox', { name: /Minimum amount/ }).selectOption({ label: '≥ $1 million' });
      await waitIdle(page);
      const counts = await page.evaluate(() => window.innograph!.counts());
      expect(counts!.types.FUNDS!.visible).toBeGreaterThan(0);
      expect(counts!.types.FUNDS!.visible).toBeLessThan(counts!.types.FUNDS!.total);
      expect(page.url()).toContain('min=1000000');
      // an NSF division's money: dollars, largest first, no 亿
      await page.goto(`${usdServer.url}/?sel=nsf-div-0304`);
      await waitIdle(page);
      const details = page.locator('#tabpanel-details');
      await details.locator('h2').waitFor();
      await details.getByRole('button', { name: 'Follow the money' }).click();
      const flows = page.locator('.flows .table-wrap', { hasText: 'Flows by amount' });
      await flows.locator('tbody tr').first().waitFor();
      await waitIdle(page);
      const panel = (await page.locator('.flows').textContent()) ?? '';
      expect(panel).toContain('$');
      expect(panel).not.toMatch(/[¥万亿]/);
      const amounts = await page.locator('.flows svg.sankey text.sankey-amount').allTextContents();
      expect(amounts.length).toBeGreaterThan(0);
      for (const a of amounts) expect(a).toMatch(/^\$/);
      await shot(page, 'figures-04-nsf-dollars');
      expect(errors).toEqual([]);
      await page.context().close();
    });

    it('keeps the funders outside a region with their money into it (Michigan, NSF divisions)', async () => {
      const { page, errors } = await openClient(chromium.browser, usdServer.url);
      const before = await page.evaluate(() => window.innograph!.counts());
      await page.getByRole('combobox', { name: 'Region' }).selectOption({ label: 'Michigan' });
      await waitIdle(page);
      const after = (await page.evaluate(() => window.innograph!.counts()))!;
      // the awards into Michigan stay, with the NSF divisions (outside Michigan) that made them
      expect(after.types.FUNDS!.visible).toBeGreaterThan(0);
      expect(after.types.FUNDS!.visible).toBeLessThan(before!.types.FUNDS!.visible);
      expect(after.kinds.GovernmentBody!.visible).toBeGreaterThan(0);
      // but not the rest of their world: far fewer nodes than the whole data set
      expect(after.nodes.visible).toBeLessThan(before!.nodes.visible / 2);
      expect(errors).toEqual([]);
      await page.context().close();
    });
  },
);

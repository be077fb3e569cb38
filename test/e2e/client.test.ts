/**
 * End-to-end tests of the exploration client in headless Chromium (Debian's, through playwright-core)
 * against the real server: server/app.ts over the embedded store with the seed, serving the built
 * client. Screenshots go to test-results/e2e/ (git-ignored). Without Chromium the suite is skipped
 * with the reason, except with CI=true, where it fails.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createSeededEmbeddedStore } from '../../server/store/embedded';
import { requireBrowser } from '../helpers/browser';
import { canvasInk, openClient, pngInk, pngRegion, shot, waitIdle, useBrowserApp } from './support';

const skip = requireBrowser();

async function searchAndChoose(page: Page, text: string, optionText: string | RegExp): Promise<void> {
  const input = page.getByRole('combobox', { name: /Search entities/ });
  await input.fill('');
  await input.pressSequentially(text, { delay: 20 });
  await page.getByRole('option', { name: optionText }).first().waitFor();
  // keyboard: none is active after typing; ↓ makes the first active, each further ↓ the next
  const options = await page.locator('.topbar [role=option]').allTextContents();
  const idx = options.findIndex((t) => (typeof optionText === 'string' ? t.includes(optionText) : optionText.test(t)));
  for (let i = 0; i <= idx; i++) await input.press('ArrowDown');
  await input.press('Enter');
}

// software WebGL on a small machine is slow: give each browser test room
describe.skipIf(skip !== null)(
  `exploration client in Chromium${skip ? ` (skipped: ${skip})` : ''}`,
  { timeout: 120_000 },
  () => {
    const app = useBrowserApp(createSeededEmbeddedStore);

    it('loads with no console errors and draws the network on its WebGL canvas', async () => {
      const { page, errors } = await openClient(app.chromium.browser, app.server.url);
      const counts = await page.evaluate(() => window.innograph!.counts());
      expect(counts!.nodes.total).toBeGreaterThan(100);
      // Indicator and Source nodes are hidden by default
      expect(counts!.kinds.Indicator!.visible).toBe(0);
      expect(counts!.nodes.visible).toBe(
        counts!.nodes.total - counts!.kinds.Indicator!.total - (counts!.kinds.Source?.total ?? 0),
      );
      await expect.poll(() => page.locator('.counts').textContent()).toMatch(/\d+ nodes of \d+/);
      const canvas = page.locator('.sigma-container canvas').first();
      expect(await canvas.evaluate((c: HTMLCanvasElement) => c.getContext('webgl2') !== null || c.width > 0)).toBe(
        true,
      );
      const ink = await canvasInk(page);
      expect(ink.inked).toBeGreaterThan(0.01); // nodes, edges and labels are drawn
      expect(ink.colours).toBeGreaterThan(8); // in several kind colours
      await shot(page, '01-loaded-1280x800');
      expect(errors).toEqual([]);
      await page.context().close();
    });

    it('offers the nearest names when nothing matches ("did you mean"), and a click chooses one', async () => {
      const { page, errors } = await openClient(app.chromium.browser, app.server.url);
      const input = page.getByRole('combobox', { name: /Search entities/ });
      await input.pressSequentially('jinfeng zzqqxx', { delay: 20 });
      await page.locator('.topbar .search-list').getByText('Did you mean').waitFor();
      const option = page.locator('.topbar .search-suggestion').filter({ hasText: /^Jinfeng Laboratory/ });
      await option.first().dispatchEvent('mousedown');
      await page.waitForFunction(() => window.innograph!.selected() === 'jinfeng-laboratory');
      expect(errors).toEqual([]);
      await page.context().close();
    });

    it('searches "Jinfeng", selects it, and shows its funding with the amount and the source quote', async () => {
      const { page, errors } = await openClient(app.chromium.browser, app.server.url);
      await searchAndChoose(page, 'Jinfeng', /^Jinfeng Laboratory.*Lab$/);
      await page.waitForFunction(() => window.innograph!.selected() === 'jinfeng-laboratory');
      await waitIdle(page);
      const panel = page.locator('#tabpanel-details');
      await expect.poll(() => panel.locator('h2').textContent()).toBe('Jinfeng Laboratory');
      await expect.poll(() => panel.textContent()).toContain('金凤实验室');
      const moneyIn = panel.locator('section.money-in');
      await moneyIn.waitFor();
      const text = await moneyIn.textContent();
      expect(text).toContain('Chongqing Municipal Government');
      expect(text).toContain('¥1 billion');
      expect(text).toContain('10亿元');
      expect(text).toContain('the fiscal investment at both levels reached 1 billion yuan');
      // the camera moved to it: it is drawn near the middle of the network view
      const box = (await page.locator('.sigma-container').boundingBox())!;
      const at = (await page.evaluate(() => window.innograph!.nodeOnScreen('jinfeng-laboratory')))!;
      expect(Math.abs(at.x - box.width / 2)).toBeLessThan(box.width / 4);
      expect(Math.abs(at.y - box.height / 2)).toBeLessThan(box.height / 4);
      expect(page.url()).toContain('sel=jinfeng-laboratory');
      // indicators as small charts
      await expect.poll(() => panel.locator('section.indicators').count()).toBe(1);
      await shot(page, '02-jinfeng-selected');
      expect(errors).toEqual([]);
      await page.context().close();
    });

    it('shows a region’s indicators over time as small charts, with their quotes', async () => {
      const { page, errors } = await openClient(app.chromium.browser, `${app.server.url}/?sel=chongqing`);
      const chart = page.locator('#tabpanel-details section.indicators figure', { hasText: 'R&D intensity' });
      await chart.waitFor();
      expect(await chart.locator('svg.chart circle').count()).toBe(2);
      const text = await chart.textContent();
      expect(text).toContain('2018');
      expect(text).toContain('2.48%');
      expect(text).toContain('+0.48 pp'); // a percent metric changes in percentage points
      expect(text).not.toContain('24%');
      expect(text).toContain('The intensity of R&D investment in Chongqing increased from 2% in 2018 to 2.48% in 2023');
      await chart.scrollIntoViewIfNeeded();
      await shot(page, '02b-chongqing-indicators');
      expect(errors).toEqual([]);
      await page.context().close();
    });

    it('highlights the neighbourhood of a hovered node and dims the rest', async () => {
      const { page, errors } = await openClient(app.chromium.browser, app.server.url);
      const before = await canvasInk(page);
      const box = (await page.locator('.sigma-container').boundingBox())!;
      const at = (await page.evaluate(() => window.innograph!.nodeOnScreen('chongqing-municipal-government')))!;
      await page.mouse.move(box.x + at.x, box.y + at.y);
      await page.waitForTimeout(600);
      const during = await canvasInk(page);
      await shot(page, '02c-hover');
      // most nodes turn the same light grey: fewer colours on the canvas
      expect(during.colours).toBeLessThan(before.colours);
      await page.mouse.move(box.x + 5, box.y + box.height - 5);
      await page.waitForTimeout(600);
      expect((await canvasInk(page)).colours).toBeGreaterThan(during.colours);
      expect(errors).toEqual([]);
      await page.context().close();
    });

    it('expands a node into the view, collapses it and undoes', async () => {
      // a small overview (the 30 best-connected nodes) so that expanding brings new ones
      const { page, errors } = await openClient(app.chromium.browser, `${app.server.url}/?limit=30`);
      const total = () => page.evaluate(() => window.innograph!.counts()!.nodes.total);
      const base = await total();
      expect(base).toBe(30);
      await searchAndChoose(page, 'Jinfeng', /^Jinfeng Laboratory.*Lab$/);
      await page.waitForFunction(() => window.innograph!.selected() === 'jinfeng-laboratory');
      await waitIdle(page);
      const panel = page.locator('#tabpanel-details');
      // it is one of the best-connected, so in the overview already; its platforms are not
      expect(await page.evaluate(() => window.innograph!.hasNode('jinfeng-pathology-precision-diagnosis-center'))).toBe(
        false,
      );
      await panel.getByRole('button', { name: 'Expand' }).click();
      await waitIdle(page);
      await panel.getByRole('button', { name: 'Collapse' }).waitFor();
      const expanded = await total();
      expect(expanded).toBeGreaterThan(base + 5);
      expect(await page.evaluate(() => window.innograph!.hasNode('jinfeng-pathology-precision-diagnosis-center'))).toBe(
        true,
      );
      expect(page.url()).toContain('exp=jinfeng-laboratory');
      await shot(page, '03-expanded');
      await panel.getByRole('button', { name: 'Collapse' }).click();
      await waitIdle(page);
      expect(await total()).toBe(base);
      expect(await page.evaluate(() => window.innograph!.hasNode('jinfeng-laboratory'))).toBe(true);
      expect(await page.evaluate(() => window.innograph!.hasNode('jinfeng-pathology-precision-diagnosis-center'))).toBe(
        false,
      );
      expect(page.url()).not.toContain('exp=');
      await shot(page, '04-collapsed');
      // undo the collapse: they come back
      await page.getByRole('button', { name: /Undo/ }).click();
      await waitIdle(page);
      expect(await total()).toBe(expanded);
      // Ctrl+Z undoes the expansion
      await page.locator('.sigma-container').focus();
      await page.keyboard.press('Control+z');
      await waitIdle(page);
      expect(await total()).toBe(base);
      expect(errors).toEqual([]);
      await page.context().close();
    });

    it('filters out a kind: its nodes go, the counts follow, and it comes back', async () => {
      const { page, errors } = await openClient(app.chromium.browser, app.server.url);
      const before = (await page.evaluate(() => window.innograph!.counts()))!;
      const labs = before.kinds.Lab!.visible;
      expect(labs).toBeGreaterThan(5);
      expect(await page.evaluate(() => window.innograph!.nodeOnScreen('jinfeng-laboratory'))).not.toBeNull();
      await page.getByRole('checkbox', { name: 'Show Lab' }).uncheck();
      await waitIdle(page);
      const after = (await page.evaluate(() => window.innograph!.counts()))!;
      expect(after.kinds.Lab!.visible).toBe(0);
      expect(after.nodes.visible).toBe(before.nodes.visible - labs);
      expect(after.edges.visible).toBeLessThan(before.edges.visible);
      expect(await page.evaluate(() => window.innograph!.nodeOnScreen('jinfeng-laboratory'))).toBeNull();
      await expect.poll(() => page.locator('.counts').textContent()).toContain(`${after.nodes.visible} nodes`);
      expect(page.url()).toContain('hide=Lab,Source,Indicator');
      await shot(page, '05-labs-filtered-out');
      // other filters: a relationship type, a minimum amount, a year range
      await page.getByRole('checkbox', { name: 'Show part of relationships' }).uncheck();
      await page.getByRole('combobox', { name: 'Minimum amount of money relationships' }).selectOption(String(1e9));
      await waitIdle(page);
      const narrowed = (await page.evaluate(() => window.innograph!.counts()))!;
      expect(narrowed.types.PART_OF!.visible).toBe(0);
      expect(narrowed.types.FUNDS!.visible).toBeLessThan(before.types.FUNDS!.visible);
      expect(page.url()).toMatch(/min=1000000000/);
      await page.getByRole('button', { name: 'Reset filters' }).click();
      await waitIdle(page);
      expect((await page.evaluate(() => window.innograph!.counts()))!.nodes.visible).toBe(before.nodes.visible);
      expect(errors).toEqual([]);
      await page.context().close();
    });

    it('finds the shortest paths between two entities, draws them and lists them step by step', async () => {
      const { page, errors } = await openClient(app.chromium.browser, app.server.url);
      await page.getByRole('tab', { name: 'Paths' }).click();
      const from = page.getByRole('combobox', { name: 'Path from' });
      await from.pressSequentially('Shandong Provincial Government', { delay: 10 });
      await page
        .locator('#tabpanel-paths [role=option]', { hasText: 'Shandong Provincial Government' })
        .first()
        .click();
      const to = page.getByRole('combobox', { name: 'Path to' });
      await to.pressSequentially('金凤', { delay: 10 }); // Chinese alias
      await page.locator('#tabpanel-paths [role=option]', { hasText: 'Jinfeng Laboratory' }).first().click();
      await page.getByRole('button', { name: 'Find paths' }).click();
      await page.locator('.path-list .step').first().waitFor();
      await waitIdle(page);
      const steps = await page.locator('.path-list > li').first().locator('.step').allTextContents();
      expect(steps.length).toBeGreaterThanOrEqual(2);
      expect(steps[0]).toContain('Shandong Provincial Government');
      expect(steps[steps.length - 1]).toContain('Jinfeng Laboratory');
      expect(await page.locator('.path-results .summary').textContent()).toMatch(/shortest has \d+ steps?/);
      expect(page.url()).toMatch(/from=shandong-provincial-government&to=jinfeng-laboratory/);
      expect(
        await page.evaluate(() => window.innograph!.nodeOnScreen('shandong-provincial-government')),
      ).not.toBeNull();
      await shot(page, '06-path');
      expect(errors).toEqual([]);
      await page.context().close();
    });

    it('follows the money from a funder, as a ranked table and a Sankey diagram', async () => {
      const { page, errors } = await openClient(
        app.chromium.browser,
        `${app.server.url}/?sel=chongqing-municipal-government`,
      );
      const panel = page.locator('#tabpanel-details');
      await panel.getByRole('button', { name: 'Follow the money' }).click();
      const rows = page.locator('.flows .table-wrap', { hasText: 'Flows by amount' }).locator('tbody tr');
      await rows.first().waitFor();
      await waitIdle(page);
      // the Jinfeng billion is the city's and the districts' together (a joint deal): not the city's own
      const first = await rows.first().textContent();
      expect(first).toContain('Time Grating');
      expect((await rows.allTextContents()).some((r) => r.includes('Jinfeng Laboratory'))).toBe(true);
      expect(await page.locator('svg.sankey path.sankey-link').count()).toBeGreaterThan(0);
      expect(page.url()).toContain('flow=chongqing-municipal-government');
      await shot(page, '07-follow-the-money');
      // the table downloads as CSV
      const download = page.waitForEvent('download');
      await page
        .locator('.flows')
        .getByRole('button', { name: /Download Flows by amount as CSV/ })
        .click();
      const csv = readFileSync(await (await download).path(), 'utf8');
      expect(csv.split('\r\n')[0]).toBe('#,Hop,From,To,Type,Amount,Currency,As stated,When,Instrument');
      expect(csv).toMatch(/Time Grating[^\r\n]*,FUNDS,10000000,CNY,/);
      expect(csv).toMatch(/Jinfeng Laboratory,FUNDS,,/);
      expect(errors).toEqual([]);
      await page.context().close();
    });

    it('explains in the Cypher console how to connect Neo4j, on the embedded store', async () => {
      const { page } = await openClient(app.chromium.browser, app.server.url);
      await page.getByRole('tab', { name: 'Cypher' }).click();
      const editor = page.getByRole('textbox', { name: /Cypher query/ });
      await editor.fill('MATCH (n:Lab) RETURN n.name LIMIT 5');
      expect(await page.locator('.code-highlight .tok-keyword').first().textContent()).toBe('MATCH');
      expect(await page.locator('.code-highlight .tok-label').first().textContent()).toBe('Lab');
      await editor.press('Control+Enter');
      const results = page.locator('.console-results');
      await results.locator('[role=alert]').waitFor();
      expect(await results.textContent()).toContain('Cypher queries need the Neo4j store');
      expect(await results.locator('[data-testid=neo4j-explanation]').textContent()).toContain('connect Neo4j');
      expect(await results.textContent()).toContain('NEO4J_URI');
      await shot(page, '08-cypher-embedded');
      await page.context().close();
    });

    it('switches to the co-funding network of funders', async () => {
      const { page, errors } = await openClient(app.chromium.browser, app.server.url);
      await page.getByRole('button', { name: 'Co-funding' }).click();
      await waitIdle(page);
      expect(page.url()).toContain('view=cofunding');
      const counts = (await page.evaluate(() => window.innograph!.counts()))!;
      expect(Object.keys(counts.types)).toEqual(counts.edges.total > 0 ? ['CO_FUNDS'] : []);
      await shot(page, '09-cofunding');
      await page.getByRole('button', { name: 'Network', exact: true }).click();
      await waitIdle(page);
      expect(page.url()).not.toContain('view=');
      expect(errors).toEqual([]);
      await page.context().close();
    });

    it('reopens the same view from a link: selection, filters, expansion and camera', async () => {
      const q =
        '/?sel=jinfeng-laboratory&hide=Field,Source,Indicator&exp=jinfeng-laboratory&limit=30&cam=0.5,0.5,0.8&size=degree';
      const { page, errors } = await openClient(app.chromium.browser, app.server.url + q);
      await page.locator('#tabpanel-details h2').waitFor();
      expect(await page.locator('#tabpanel-details h2').textContent()).toBe('Jinfeng Laboratory');
      expect(await page.getByRole('checkbox', { name: 'Show Field' }).isChecked()).toBe(false);
      expect(await page.getByRole('radio', { name: 'degree' }).isChecked()).toBe(true);
      const cam = await page.evaluate(() => window.innograph!.camera());
      expect(cam.ratio).toBeCloseTo(0.8, 3);
      expect(await page.evaluate(() => window.innograph!.hasNode('jinfeng-pathology-precision-diagnosis-center'))).toBe(
        true,
      );
      await page.locator('#tabpanel-details').getByRole('button', { name: 'Collapse' }).waitFor();
      expect(errors).toEqual([]);
      await page.context().close();
    });

    it('Back and Forward step through selections and expansions without leaving the app', async () => {
      const { page, errors } = await openClient(app.chromium.browser, `${app.server.url}/?limit=30`);
      const selected = () => page.evaluate(() => window.innograph!.selected());
      const start = await page.evaluate(() => history.length);
      await searchAndChoose(page, 'Jinfeng', /^Jinfeng Laboratory.*Lab$/);
      await page.waitForFunction(() => window.innograph!.selected() === 'jinfeng-laboratory');
      await waitIdle(page);
      await page.locator('#tabpanel-details').getByRole('button', { name: 'Expand' }).click();
      await page.locator('#tabpanel-details').getByRole('button', { name: 'Collapse' }).waitFor();
      await waitIdle(page);
      const expanded = await page.evaluate(() => window.innograph!.counts()!.nodes.total);
      // camera moves and the like replace the entry: three steps, three entries
      expect(await page.evaluate(() => history.length)).toBe(start + 2);
      await page.goBack(); // before the expansion
      await page.waitForFunction(() => !location.search.includes('exp='));
      await waitIdle(page);
      expect(await page.evaluate(() => window.innograph!.counts()!.nodes.total)).toBeLessThan(expanded);
      expect(await selected()).toBe('jinfeng-laboratory');
      await page.goBack(); // before the selection
      await page.waitForFunction(() => window.innograph!.selected() === null);
      expect(page.url().startsWith(app.server.url)).toBe(true);
      await page.goForward();
      await page.waitForFunction(() => window.innograph!.selected() === 'jinfeng-laboratory');
      await page.goForward();
      await page.waitForFunction(() => location.search.includes('exp=jinfeng-laboratory'));
      await waitIdle(page);
      expect(await page.evaluate(() => window.innograph!.counts()!.nodes.total)).toBe(expanded);
      expect(errors).toEqual([]);
      await page.context().close();
    });

    it('shows API errors to the user instead of swallowing them', async () => {
      const { page } = await openClient(app.chromium.browser, `${app.server.url}/?sel=no-such-entity`);
      const alert = page.locator('#tabpanel-details [role=alert]');
      await alert.waitFor();
      expect(await alert.textContent()).toMatch(/Not Found/);
      await page.context().close();
    });

    it('is usable on a narrow screen: search opens the panel, the header toggles the drawers', async () => {
      const { page, errors } = await openClient(app.chromium.browser, app.server.url, { width: 390, height: 800 });
      expect(await page.locator('#panel').isVisible()).toBe(false);
      // no sideways scrolling into a blank area (the closed drawers sit off-screen)
      const sideways = () =>
        page.evaluate(() => {
          const e = document.scrollingElement!;
          window.scrollTo(1000, 0);
          const moved = window.scrollX;
          window.scrollTo(0, 0);
          return { extra: e.scrollWidth - e.clientWidth, moved };
        });
      expect(await sideways()).toEqual({ extra: 0, moved: 0 });
      await shot(page, '10-narrow-390x800');
      await searchAndChoose(page, 'Jinfeng', /^Jinfeng Laboratory.*Lab$/);
      await page.waitForFunction(() => window.innograph!.selected() === 'jinfeng-laboratory');
      await waitIdle(page);
      await page.locator('#tabpanel-details h2').waitFor({ state: 'visible' });
      expect(await page.locator('#panel').isVisible()).toBe(true);
      await page.waitForTimeout(300); // the drawer's slide
      expect(await sideways()).toEqual({ extra: 0, moved: 0 });
      await shot(page, '11-narrow-panel');
      // Escape clears the search box first, then closes the drawer
      await page.keyboard.press('Escape');
      await page.keyboard.press('Escape');
      await expect.poll(() => page.locator('#panel').isVisible()).toBe(false);
      await page.getByRole('button', { name: 'Filters' }).click();
      await page.getByRole('checkbox', { name: 'Show Lab' }).waitFor({ state: 'visible' });
      await page.waitForTimeout(300);
      await shot(page, '12-narrow-filters');
      expect(errors).toEqual([]);
      await page.context().close();
    });

    it('exports a PNG, GEXF and positions, and imports positions back', async () => {
      const { page, errors } = await openClient(app.chromium.browser, app.server.url);
      const exportItem = async (name: string) => {
        await page.getByRole('button', { name: 'Export' }).click();
        const d = page.waitForEvent('download');
        await page.getByRole('button', { name }).click();
        const dl = await d;
        return { name: dl.suggestedFilename(), body: readFileSync(await dl.path()) };
      };
      // zoomed in far: the viewport shows little, the export still the whole graph, with its legend
      const zoomIn = page.getByRole('button', { name: 'Zoom in' });
      const ratio = () => page.evaluate(() => window.innograph!.camera().ratio);
      for (let i = 0; i < 6; i++) {
        const before = await ratio();
        await zoomIn.press('Enter');
        // the zoom's animation ends before the next one starts (a new one starts from where it is)
        await expect.poll(ratio, { timeout: 10_000 }).toBeLessThan(before * 0.7);
        await page.waitForTimeout(250);
      }
      await expect.poll(ratio).toBeLessThan(0.2);
      await waitIdle(page);
      const camera = await page.evaluate(() => window.innograph!.camera());
      const png = await exportItem('Picture (PNG)');
      expect(png.name).toBe('innograph.png');
      expect(png.body.subarray(1, 4).toString()).toBe('PNG');
      const ink = await pngInk(page, png.body);
      expect(ink.inked).toBeGreaterThan(0.01); // the network, not a blank picture
      expect(ink.colours).toBeGreaterThan(8);
      const seen = await pngRegion(page, png.body);
      // the whole graph: nodes of many kinds across the picture, not the few of the zoomed viewport
      expect(seen.width).toBe(seen.stageWidth);
      expect(seen.spread).toBeGreaterThan(0.5);
      expect(seen.nodeKinds).toBeGreaterThanOrEqual(5);
      // the legend (top left): dots in the exact colours of the kinds drawn
      expect(seen.legendKinds).toBeGreaterThanOrEqual(4);
      // and the view is back where it was
      expect(await page.evaluate(() => window.innograph!.camera())).toEqual(camera);
      // at 2×: twice the pixels each way
      const png2 = await exportItem('Picture (PNG, 2×)');
      expect(png2.name).toBe('innograph@2x.png');
      expect((await pngRegion(page, png2.body)).width).toBe(seen.stageWidth * 2);
      const gexf = await exportItem('Network (GEXF)');
      expect(gexf.body.toString()).toContain('<node id="jinfeng-laboratory" label="Jinfeng Laboratory">');
      const pos = await exportItem('Node positions (JSON)');
      const doc = JSON.parse(pos.body.toString()) as { positions: Record<string, [number, number]> };
      expect(Object.keys(doc.positions).length).toBeGreaterThan(100);
      // import: move one node far away and check that it moved
      doc.positions = { 'jinfeng-laboratory': [9999, 9999] };
      const chooser = page.waitForEvent('filechooser');
      await page.getByRole('button', { name: 'Export' }).click();
      await page.getByRole('button', { name: 'Import positions…' }).click();
      await (
        await chooser
      ).setFiles({ name: 'p.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(doc)) });
      await page.locator('.toast', { hasText: 'Positions imported' }).waitFor();
      expect(await page.locator('.toast', { hasText: 'Positions imported' }).textContent()).toContain('1 of');
      expect(errors).toEqual([]);
      await page.context().close();
    });
  },
);

/**
 * End-to-end: merged edges and data sets in the client, on the seed plus the NSF awards sample (whose
 * divisions make several awards to one institution). Hovering a merged edge shows its count, total and
 * years; clicking it lists its awards with their quotes in the detail panel; the data-set picker lists
 * both data sets and hides the seed when unticked (kept in the URL). Headless Chromium against the
 * real server; skipped without Chromium unless CI=true.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { SerializedGraph } from '../../server/api/schemas';
import { runImport } from '../../server/import/importer';
import { createSeededEmbeddedStore } from '../../server/store/embedded';
import { requireBrowser } from '../helpers/browser';
import { ROOT, openClient, shot, useBrowserApp, waitIdle } from './support';

const skip = requireBrowser();

async function seedAndNsf() {
  const store = await createSeededEmbeddedStore();
  await runImport(join(ROOT, 'mappings/nsf-awards-2017.yaml'), store, {
    dataDir: join(ROOT, 'test/fixtures/nsf-awards-2017'),
    rejectsPath: null,
  });
  return store;
}

type Edge = SerializedGraph['edges'][number];

/** Hovers the middle of an edge (its ends as drawn); the tooltip's text, or null when none shows. */
async function hoverEdge(page: Page, e: Edge): Promise<string | null> {
  const ends = await page.evaluate(
    ([a, b]) => [window.innograph!.nodeOnScreen(a!), window.innograph!.nodeOnScreen(b!)],
    [e.source, e.target],
  );
  const [a, b] = ends;
  if (!a || !b) return null;
  const box = (await page.locator('.sigma-container').boundingBox())!;
  await page.mouse.move(box.x + (a.x + b.x) / 2, box.y + (a.y + b.y) / 2);
  const tip = page.locator('.edge-tip');
  try {
    await tip.waitFor({ state: 'visible', timeout: 1500 });
  } catch {
    return null;
  }
  return (await tip.getAttribute('data-edge')) === e.key ? await tip.textContent() : null;
}

describe.skipIf(skip !== null)(
  `merged edges and data sets in the client${skip ? ` (skipped: ${skip})` : ''}`,
  { timeout: 180_000 },
  () => {
    const app = useBrowserApp(seedAndNsf);

    it('hovers a merged edge for its summary and clicks it for its awards with their quotes', async () => {
      const g = (await (await fetch(`${app.server.url}/api/graph?limit=10000`)).json()) as SerializedGraph;
      const merged = g.edges
        .filter((e) => e.attributes.merged && e.attributes.type === 'FUNDS')
        .sort((x, y) => Number(y.attributes.count) - Number(x.attributes.count));
      expect(merged.length).toBeGreaterThan(0);
      // one division and one institution: only their edges in the view
      const { page, errors } = await openClient(
        app.chromium.browser,
        `${app.server.url}/?ds=nsf-awards-2017&limit=100`,
      );
      let hit: { edge: Edge; text: string } | null = null;
      for (const e of merged.slice(0, 15)) {
        if (
          !(await page.evaluate(
            ([s, t]) => window.innograph!.hasNode(s!) && window.innograph!.hasNode(t!),
            [e.source, e.target],
          ))
        )
          continue;
        const text = await hoverEdge(page, e);
        if (text) {
          hit = { edge: e, text };
          break;
        }
      }
      expect(hit, 'a merged edge could be hovered').not.toBeNull();
      const { edge, text } = hit!;
      const count = Number(edge.attributes.count);
      expect(text).toMatch(
        new RegExp(`^${count} awards, \\$[\\d.,]+( (thousand|million|billion))?, \\d{4}(–\\d{4})?$`),
      );
      await shot(page, 'edge-hover');
      await page.mouse.down();
      await page.mouse.up();
      const panel = page.locator('#tabpanel-details .edge-details');
      await panel.waitFor();
      expect(await panel.locator('.edge-summary').textContent()).toBe(text);
      await expect.poll(() => panel.locator('li.edge-part').count()).toBe(Math.min(count, 50));
      const first = panel.locator('li.edge-part').first();
      expect(await first.locator('q.quote').first().textContent()).toMatch(/awards\.csv/);
      await shot(page, 'edge-details');
      expect(errors).toEqual([]);
      await page.context().close();
    });

    it('lists the data sets and hides one when unticked, in the URL', async () => {
      const { page, errors } = await openClient(app.chromium.browser, `${app.server.url}/`);
      const picker = page.locator('.dataset-picker');
      await picker.waitFor();
      expect(
        await picker
          .locator('input[data-dataset]')
          .evaluateAll((els) => els.map((e) => e.getAttribute('data-dataset'))),
      ).toEqual(['nsf-awards-2017', 'seed']);
      expect(await page.evaluate(() => window.innograph!.hasNode('jinfeng-laboratory'))).toBe(true);
      await picker.locator('input[data-dataset="seed"]').uncheck();
      await expect.poll(() => page.evaluate(() => location.search)).toContain('ds=nsf-awards-2017');
      await waitIdle(page);
      expect(await page.evaluate(() => window.innograph!.hasNode('jinfeng-laboratory'))).toBe(false);
      expect(await page.evaluate(() => window.innograph!.hasNode('nsf'))).toBe(true);
      // the choice survives a reload
      await page.reload();
      await waitIdle(page);
      expect(await picker.locator('input[data-dataset="seed"]').isChecked()).toBe(false);
      expect(await page.evaluate(() => window.innograph!.hasNode('jinfeng-laboratory'))).toBe(false);
      await shot(page, 'datasets-picker');
      expect(errors).toEqual([]);
      await page.context().close();
    });
  },
);

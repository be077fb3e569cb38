/**
 * Expansion on real data: the NSF 2017 awards (../shared/realdata/nsf-awards-2017) in the embedded
 * store, in headless Chromium. Issue 10: at ?limit=1000 the second expansion of a university failed
 * with `Graph.source: could not find the 'collab-…' edge` (sigma's parallel-edge index stayed on the
 * graph it was created with), the 10,000-node view refused to expand, and only the first 299
 * neighbours could be had. Here: two universities expand, a hub pages through its neighbours ("more"),
 * and the default (overview) view expands too.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { NeighborhoodQuery, SearchQuery } from '../../server/api/schemas';
import { runImport } from '../../server/import/importer';
import { createEmbeddedStore } from '../../server/store/embedded';
import { requireBrowser } from '../helpers/browser';
import { panelAction } from './large';
import { ROOT, openClient, useBrowserApp, waitIdle } from './support';

const skip = requireBrowser();
// NSF_DATA_DIR: where the data set is when ../shared is not next to the checkout (a git worktree)
const NSF = process.env.NSF_DATA_DIR ?? join(ROOT, '../shared/realdata/nsf-awards-2017');
const HAS_NSF = existsSync(join(NSF, 'awards.csv'));
if (!HAS_NSF && process.env.CI === 'true')
  throw new Error(`CI=true and the NSF data set is missing: no ${join(NSF, 'awards.csv')}`);
const why = skip ?? (HAS_NSF ? null : `no NSF data at ${NSF}`);

const errorToasts = (page: Page) => page.locator('.toast-error').allTextContents();

describe.skipIf(why !== null)(`expanding in the NSF awards${why ? ` (skipped: ${why})` : ''}`, () => {
  const app = useBrowserApp(async () => {
    const store = createEmbeddedStore();
    await runImport(join(ROOT, 'mappings/nsf-awards-2017.yaml'), store, { dataDir: NSF });
    return store;
  });
  const idOf = async (name: string) => {
    const r = await app.store.search(SearchQuery.parse({ q: name, kinds: 'University' }));
    const hit = r.items.find((i) => i.name === name);
    if (!hit) throw new Error(`no University named ${name}`);
    return hit.id;
  };
  /** the neighbours of `id` the API gives at `offset` (a page of 300) */
  const page300 = async (id: string, offset: number) =>
    (await app.store.neighborhood(id, NeighborhoodQuery.parse({ depth: 1, limit: 301, offset }))).nodes
      .slice(1)
      .map((n) => n.key);

  it('expands two universities at ?limit=1000, then pages through a hub’s neighbours', async () => {
    const uw = await idOf('University of Washington');
    const ut = await idOf('University of Texas at Austin');
    const { page, errors } = await openClient(
      app.chromium.browser,
      `${app.server.url}/?view=network&limit=1000&exp=${uw}&sel=${ut}`,
    );
    const first = await page300(uw, 0);
    expect(await page.evaluate((ids) => ids.every((i) => window.innograph!.hasNode(i)), first)).toBe(true);
    // the second university: this expansion threw the sync error
    await panelAction(page, 'Expand');
    const utFirst = await page300(ut, 0);
    expect(await page.evaluate((ids) => ids.every((i) => window.innograph!.hasNode(i)), utFirst)).toBe(true);
    expect(await errorToasts(page)).toEqual([]);
    // it has more than 300 neighbours: "300 of N — more"
    const hood = await app.store.neighborhood(ut, NeighborhoodQuery.parse({ depth: 1, limit: 1 }));
    const total = hood.attributes.totalNeighbors!;
    expect(total).toBeGreaterThan(300);
    const paging = page.locator('.actions .paging');
    expect(await paging.textContent()).toContain(`300 of ${total.toLocaleString('en')} neighbours`);
    const second = await page300(ut, 300);
    const missing = await page.evaluate((ids) => ids.filter((i) => !window.innograph!.hasNode(i)), second);
    expect(missing.length).toBeGreaterThan(0); // the next page brings nodes the view lacks
    await panelAction(page, 'more');
    expect(await page.evaluate((ids) => ids.every((i) => window.innograph!.hasNode(i)), second)).toBe(true);
    if (total <= 600) expect(await paging.count()).toBe(0);
    else expect(await paging.textContent()).toContain(`600 of ${total.toLocaleString('en')}`);
    // undo takes the page back out, and the count of what is loaded with it
    await page.keyboard.press('Control+z');
    await waitIdle(page);
    expect(await page.evaluate((ids) => ids.some((i) => window.innograph!.hasNode(i)), missing)).toBe(false);
    expect(await errorToasts(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  }, 600_000);

  it('expands and pages in the default view (the overview of 10,000 of 19,872 nodes) without refusing', async () => {
    const uw = await idOf('University of Washington');
    const { page, errors } = await openClient(app.chromium.browser, `${app.server.url}/?view=network&sel=${uw}`);
    const counts = (await page.evaluate(() => window.innograph!.counts()))!;
    expect(counts.nodes.total).toBe(10_000);
    // the view refused this at 10,000 nodes ("Cannot expand… the view holds 10,000 nodes")
    await panelAction(page, 'Expand');
    expect(await errorToasts(page)).toEqual([]);
    const first = await page300(uw, 0);
    expect(await page.evaluate((ids) => ids.every((i) => window.innograph!.hasNode(i)), first)).toBe(true);
    // its second page holds investigators the overview left out
    const missing = await page.evaluate(
      (ids) => ids.filter((i) => !window.innograph!.hasNode(i)),
      await page300(uw, 300),
    );
    expect(missing.length).toBeGreaterThan(0);
    await panelAction(page, 'more');
    expect(await errorToasts(page)).toEqual([]);
    expect(await page.evaluate((ids) => ids.every((i) => window.innograph!.hasNode(i)), missing)).toBe(true);
    const after = (await page.evaluate(() => window.innograph!.counts()))!;
    expect(after.nodes.total).toBe(10_000 + missing.length);
    expect(errors).toEqual([]);
    await page.context().close();
  }, 600_000);
});

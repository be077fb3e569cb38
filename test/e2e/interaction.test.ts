/**
 * Selection and hover on real data (the NSF 2017 awards in the embedded store), in headless
 * Chromium: a selection highlights its neighbourhood until Esc; a hub's hover or selection forces on
 * at most FOCUS_LABEL_CAP neighbour labels; a `?sel=` link opened on a graph still being laid out ends
 * with the node centred.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { NeighborhoodQuery, OverviewQuery, SearchQuery } from '../../server/api/schemas';
import { runImport } from '../../server/import/importer';
import { createEmbeddedStore } from '../../server/store/embedded';
import { FOCUS_LABEL_CAP } from '../../client/state/highlight';
import { requireBrowser } from '../helpers/browser';
import { ROOT, openClient, useBrowserApp } from './support';

const skip = requireBrowser();
// NSF_DATA_DIR: where the data set is when ../shared is not next to the checkout (a git worktree)
const NSF = process.env.NSF_DATA_DIR ?? join(ROOT, '../shared/realdata/nsf-awards-2017');
const HAS_NSF = existsSync(join(NSF, 'awards.csv'));
if (!HAS_NSF && process.env.CI === 'true')
  throw new Error(`CI=true and the NSF data set is missing: no ${join(NSF, 'awards.csv')}`);
const why = skip ?? (HAS_NSF ? null : `no NSF data at ${NSF}`);

const state = (page: Page, id: string) => page.evaluate((i) => window.innograph!.nodeState(i), id);
const onScreen = async (page: Page, id: string) => {
  const p = await page.evaluate((i) => window.innograph!.nodeOnScreen(i), id);
  const box = (await page.locator('.sigma-container').boundingBox())!;
  if (!p) throw new Error(`${id} is not drawn`);
  return { x: box.x + p.x, y: box.y + p.y, box };
};

/**
 * Puts the pointer on a node until the app reports it hovered: the pointer is placed again (1 px
 * aside, then on it) when the node moved meanwhile or sigma's pick missed it.
 */
async function hoverNode(page: Page, id: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const at = await onScreen(page, id);
    await page.mouse.move(at.x + 1, at.y);
    await page.mouse.move(at.x, at.y);
    const ok = await page
      .waitForFunction((i) => window.innograph!.hovered() === i, id, { timeout: 10_000, polling: 50 })
      .then(() => true)
      .catch(() => false);
    if (ok) return;
    if (Date.now() > deadline)
      throw new Error(`${id} was never hovered (hovered: ${await page.evaluate(() => window.innograph!.hovered())})`);
  }
}

describe.skipIf(why !== null)(`selection and hover on the NSF awards${why ? ` (skipped: ${why})` : ''}`, () => {
  const app = useBrowserApp(async () => {
    const store = createEmbeddedStore();
    await runImport(join(ROOT, 'mappings/nsf-awards-2017.yaml'), store, { dataDir: NSF });
    return store;
  });
  const uwId = async () =>
    (await app.store.search(SearchQuery.parse({ q: 'University of Washington', kinds: 'University' }))).items.find(
      (i) => i.name === 'University of Washington',
    )!.id;

  it('highlights a selected hub’s neighbourhood until Esc, with few labels; hover does the same', async () => {
    const uw = await uwId();
    const hood = await app.store.neighborhood(uw, NeighborhoodQuery.parse({ depth: 1, limit: 5000 }));
    const neighbours = new Set(hood.nodes.map((n) => n.key));
    const base = await app.store.overview(OverviewQuery.parse({ limit: 1000 }));
    const { page, errors } = await openClient(
      app.chromium.browser,
      `${app.server.url}/?view=network&limit=1000&sel=${uw}`,
    );
    const inView = (ids: string[]) => page.evaluate((xs) => xs.filter((i) => window.innograph!.hasNode(i)), ids);
    const near = await inView([...neighbours].filter((n) => n !== uw));
    const far = (await inView(base.nodes.map((n) => n.key).filter((n) => !neighbours.has(n)))).slice(0, 20);
    expect(near.length).toBeGreaterThan(FOCUS_LABEL_CAP); // a hub: more neighbours in view than labels
    expect(far.length).toBeGreaterThan(0);
    await page.waitForFunction((i) => window.innograph!.nodeState(i) === 'selected', uw, { timeout: 30_000 });
    for (const n of near.slice(0, 5)) expect(await state(page, n)).toBe('bright');
    for (const n of far.slice(0, 5)) expect(await state(page, n)).toBe('dim');
    const forced = await page.evaluate(() => window.innograph!.forcedLabels());
    expect(forced).toBeGreaterThan(1);
    expect(forced).toBeLessThanOrEqual(FOCUS_LABEL_CAP + 1);
    // Esc clears the selection and the highlight
    await page.locator('.sigma-container').focus();
    await page.keyboard.press('Escape');
    await page.waitForFunction((i) => window.innograph!.nodeState(i) === 'bright', far[0]!, { timeout: 30_000 });
    expect(await page.evaluate(() => window.innograph!.selected())).toBeNull();
    for (const n of far.slice(0, 5)) expect(await state(page, n)).toBe('bright');
    expect(await page.evaluate(() => window.innograph!.forcedLabels())).toBe(0);
    // hovering the hub: same neighbourhood, same cap on labels (waits on the app's hover state, not
    // on time: sigma resolves a hover asynchronously, after a frame, which can be slow under load)
    await hoverNode(page, uw);
    await page.waitForFunction((i) => window.innograph!.nodeState(i) === 'dim', far[0]!, { timeout: 120_000 });
    expect(await page.evaluate(() => window.innograph!.hovered())).toBe(uw);
    expect(await state(page, near[0]!)).toBe('bright');
    expect(await page.evaluate(() => window.innograph!.forcedLabels())).toBeLessThanOrEqual(FOCUS_LABEL_CAP + 1);
    expect(errors).toEqual([]);
    await page.context().close();
  }, 600_000);

  it('a ?sel= link opened while a big graph is laid out ends with the node centred', async () => {
    const uw = await uwId();
    const { page, errors } = await openClient(
      app.chromium.browser,
      `${app.server.url}/?view=network&limit=3000&sel=${uw}`,
    );
    // the camera's move to it (an animation after the layout): wait for its end, not for a time
    const offCentre = async () => {
      const at = await onScreen(page, uw);
      return Math.hypot(at.x - (at.box.x + at.box.width / 2), at.y - (at.box.y + at.box.height / 2));
    };
    await expect.poll(offCentre, { timeout: 60_000, interval: 250 }).toBeLessThan(20);
    expect(errors).toEqual([]);
    await page.context().close();
  }, 600_000);
});

/**
 * An analyst's session on real-sized data in headless Chromium against the real server: the NSF 2017
 * awards (19.7k nodes) in the embedded store and a ~100k-node synthetic ecosystem bulk-loaded into
 * Neo4j. NSF opens on the network view of the best-connected nodes, the synthetic graph on its groups
 * overview, where a group opens (its best connected members) and closes again. Each searches an
 * organisation by a typed name, selects it (details) and finds the paths to another; on the synthetic
 * graph the selection's neighbour is expanded (a paged neighbour list: "more"), then a node of that
 * expansion, and Back steps through those views to the overview, each URL restoring its view.
 * Expansion on NSF is tested in expand.test.ts, groups on a 20k graph in overview.test.ts.
 */
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { NeighborhoodQuery } from '../../server/api/schemas';
import {
  NSF,
  clickNode,
  expandSelected,
  findPaths,
  groupButton,
  groupTopMembers,
  navState,
  nodeCount,
  panelAction,
  selectNeighbour,
  waitReady,
  nsfSkip,
  openLarge,
  searchSelect,
  syntheticSkip,
  useNsfApp,
  useSyntheticApp,
  type SyntheticApp,
} from './large';
import { elementShot, pngInk, shot, waitIdle } from './support';

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
    /** the views Back returns to: the overview, then the university selected */
    const visited: { url: string; nodes: number }[] = [];
    const visit = async () => visited.push({ url: page.url(), nodes: await nodeCount(page) });

    it('opens on the overview of the best-connected nodes', async () => {
      ({ page, errors } = await openLarge(app, `${app.server.url}/?view=network`));
      await expectOverview(page, (await app.store.stats()).totals.nodes, errors);
      await waitIdle(page, 240_000);
      await visit();
      await shot(page, '40-nsf-overview');
    });

    it('searches a university as people type it and selects it', async () => {
      await searchSelect(page, NSF.umich.query, NSF.umich.id, NSF.umich.name);
      expect(page.url()).toContain(`sel=${NSF.umich.id}`);
      expect(await page.evaluate((id) => window.innograph!.hasNode(id), NSF.umich.id)).toBe(true);
      await waitIdle(page, 240_000);
      await visit();
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

    it('steps Back from the paths to the selected university, then to the overview', async () => {
      for (const want of visited.slice().reverse()) {
        await page.goBack();
        const sel = new URL(want.url).searchParams.get('sel');
        await expect.poll(() => page.evaluate(() => window.innograph!.selected()), { timeout: 120_000 }).toBe(sel);
        await expect.poll(() => nodeCount(page), { timeout: 240_000 }).toBe(want.nodes);
        await waitIdle(page, 240_000);
        expect(navState(page.url())).toBe(navState(want.url));
        expect(await nodeCount(page)).toBe(want.nodes);
      }
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

    /** views Back must restore, in the order they were visited: URL and node count */
    const visited: { url: string; nodes: number }[] = [];
    const visit = async () => visited.push({ url: page.url(), nodes: await nodeCount(page) });
    const hasAll = (ids: string[]) => page.evaluate((xs) => xs.every((x) => window.innograph!.hasNode(x)), ids);
    const hasAny = (ids: string[]) => page.evaluate((xs) => xs.some((x) => window.innograph!.hasNode(x)), ids);
    /** the neighbours of `id` the API gives at `offset` (a page of 300, as the client asks) */
    const page300 = async (id: string, offset: number) =>
      (await app.store.neighborhood(id, NeighborhoodQuery.parse({ depth: 1, limit: 301, offset }))).nodes
        .slice(1)
        .map((n) => ({ id: n.key, ...(n.attributes as { name: string; kind: string }) }));

    it('opens the largest group (its best connected members appear) and closes it; Back reopens it', async () => {
      await waitReady(page);
      const groups = await nodeCount(page);
      await clickNode(page, 'community:0');
      const panel = page.locator('#tabpanel-details');
      await expect.poll(() => panel.locator('.details-meta').textContent()).toMatch(/Group [\d,]+ members/);
      await waitReady(page);
      await visit();
      const top = await groupTopMembers(page, 'community:0');
      expect(top.length).toBe(20);
      expect(await hasAny(top)).toBe(false);

      await groupButton(page, 'community:0', true);
      const opened = await nodeCount(page);
      expect(opened).toBeGreaterThan(groups + top.length);
      expect(await hasAll(top)).toBe(true);
      const openedUrl = page.url();
      await shot(page, '44-synthetic-group-open');

      await groupButton(page, 'community:0', false);
      expect(await nodeCount(page)).toBe(groups);
      expect(await hasAny(top)).toBe(false);

      // Back: the group open again (its members), then as before it was opened
      await page.goBack();
      await expect.poll(() => nodeCount(page), { timeout: 120_000 }).toBe(opened);
      await waitReady(page);
      expect(navState(page.url())).toBe(navState(openedUrl));
      expect(await hasAll(top)).toBe(true);
      await page.goBack();
      await expect.poll(() => nodeCount(page), { timeout: 120_000 }).toBe(groups);
      await waitReady(page);
      expect(navState(page.url())).toBe(navState(visited[0]!.url));
      expect(await page.evaluate(() => window.innograph!.selected())).toBe('community:0');
      expect(errors).toEqual([]);
    });

    it('searches an organisation by name and selects it, also when it is not in the overview', async () => {
      const [id, name] = app.university;
      await searchSelect(page, name, id, name);
      expect(await page.evaluate((x) => window.innograph!.hasNode(x), id)).toBe(true);
      await waitIdle(page, 240_000);
      await visit();
      expect(errors).toEqual([]);
    });

    it('expands the selection’s neighbour (paged: "more"), then a node of that expansion; each adds nodes', async () => {
      const [uid] = app.university;
      const [fid, fname] = app.field;
      // the university's field: selected from the details' list of neighbours, then expanded
      await selectNeighbour(page, fid, fname);
      await visit();
      const before = await nodeCount(page);
      const first = await page300(fid, 0);
      expect(await hasAll(first.map((n) => n.id))).toBe(false);
      await expandSelected(page);
      await waitIdle(page, 240_000);
      const expanded = await nodeCount(page);
      expect(expanded).toBeGreaterThan(before);
      expect(await hasAll(first.map((n) => n.id))).toBe(true);
      expect(new URL(page.url()).searchParams.get('exp')?.split(',')).toEqual([uid, fid]);
      await visit();

      // thousands of organisations focus on it: "300 of N neighbours — more" brings the next page
      const total = (await app.store.neighborhood(fid, NeighborhoodQuery.parse({ depth: 1, limit: 1 }))).attributes
        .totalNeighbors!;
      expect(total).toBeGreaterThan(600);
      const paging = page.locator('.actions .paging');
      await expect.poll(() => paging.textContent()).toContain(`300 of ${total.toLocaleString('en')} neighbours`);
      const second = (await page300(fid, 300)).map((n) => n.id);
      const missing = await page.evaluate((xs) => xs.filter((x) => !window.innograph!.hasNode(x)), second);
      expect(missing.length).toBeGreaterThan(0);
      await panelAction(page, 'more');
      expect(await hasAll(second)).toBe(true);
      expect(await nodeCount(page)).toBe(expanded + missing.length);
      expect(await paging.textContent()).toContain(`600 of ${total.toLocaleString('en')}`);
      const paged = await nodeCount(page);

      // a node of that expansion, listed among the field's neighbours: selected, then expanded
      const listed = new Set(await page.locator('#tabpanel-details .neighbour-list button.link').allTextContents());
      const next = first.find((n) => n.id !== uid && n.kind !== 'Region' && listed.has(n.name));
      if (!next) throw new Error(`none of the first page of ${fid}'s neighbours is listed in its details`);
      await selectNeighbour(page, next.id, next.name);
      expect(await nodeCount(page)).toBe(paged);
      visited.push({ url: page.url(), nodes: paged });
      await expandSelected(page);
      await waitIdle(page, 240_000);
      expect(await nodeCount(page)).toBeGreaterThan(paged);
      expect(new URL(page.url()).searchParams.get('exp')?.split(',')).toEqual([uid, fid, next.id]);
      await shot(page, '45-synthetic-expanded-twice');
      expect(errors).toEqual([]);
    });

    it('steps Back through those views to the overview, each URL restoring its view', async () => {
      // the views visited: overview with the group selected, the searched organisation, its field
      // selected, the field expanded (and paged), the node of that expansion selected
      expect(visited.length).toBe(5);
      for (const want of visited.slice().reverse()) {
        await page.goBack();
        const sel = new URL(want.url).searchParams.get('sel');
        await expect.poll(() => page.evaluate(() => window.innograph!.selected()), { timeout: 120_000 }).toBe(sel);
        // the field expanded: the node count of the "more" page loaded on it, which the view still holds
        const nodes = want === visited[3] ? visited[4]!.nodes : want.nodes;
        await expect.poll(() => nodeCount(page), { timeout: 120_000 }).toBe(nodes);
        await waitReady(page);
        expect(navState(page.url())).toBe(navState(want.url));
        expect(await nodeCount(page)).toBe(nodes);
      }
      expect(await page.getByRole('button', { name: 'Overview' }).getAttribute('aria-pressed')).toBe('true');
      expect(await page.evaluate(() => window.innograph!.hasNode('community:0'))).toBe(true);
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

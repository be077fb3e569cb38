/**
 * Set-up and steps of the large-data browser suites (large-data.test.ts):
 * the NSF 2017 awards in the embedded store and a ~100k-node synthetic ecosystem bulk-loaded into a
 * scratch Neo4j (test/helpers/datasets.ts), served by the real app, and the user's steps on them
 * (open a group, search and select, expand, paths, Back). A missing browser, data set or Neo4j skips the suites
 * with the reason, except under CI=true, where it fails them.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, expect } from 'vitest';
import { NAVIGATION_PARAMS } from '../../client/state/navigation';
import { parseConfig } from '../../server/config';
import { createNeo4jStore } from '../../server/store/neo4j';
import { browserUnavailableReason } from '../helpers/browser';
import {
  SYNTHETIC_100K,
  neo4jUnavailableReason,
  nsfEmbeddedStore,
  nsfUnavailableReason,
  syntheticDir,
  syntheticNeo4j,
  stopScratchNeo4j,
  syntheticOrg,
  syntheticFieldOf,
  syntheticProvinceOf,
  type ScratchNeo4j,
} from '../helpers/datasets';
import { ROOT, useBrowserApp, waitIdle, type BrowserApp } from './support';

/** null when the suite can run; else why not. Throws under CI=true, where nothing may be skipped. */
function requireAll(...reasons: (string | null)[]): string | null {
  const why = reasons.filter((r) => r !== null).join('; ') || null;
  if (why && process.env.CI === 'true') throw new Error(`CI=true and a large-data browser suite cannot run: ${why}`);
  return why;
}

export const nsfSkip = (): string | null => requireAll(browserUnavailableReason(), nsfUnavailableReason());
export const syntheticSkip = (): string | null => requireAll(browserUnavailableReason(), neo4jUnavailableReason());

/** NSF entities the suites use (ids from mappings/nsf-awards-2017.yaml). */
export const NSF = {
  umich: { query: 'univ of michigan', id: 'inst-33042925fb25', name: /University of Michigan/ },
  mit: { query: 'Massachusetts Institute of Technology', id: 'inst-3da217e75e0b', name: /Massachusetts Institute/ },
} as const;

/** The NSF awards in the embedded store (no seed) behind the app; registers the hooks. */
export function useNsfApp(): BrowserApp {
  return useBrowserApp(nsfEmbeddedStore);
}

export interface SyntheticApp extends BrowserApp {
  /** two organisations of the data set: [id, name] */
  readonly university: [string, string];
  readonly fund: [string, string];
  /** the university's province (two hops away: LOCATED_IN its city, PART_OF the province) */
  readonly province: [string, string];
  /** the field the university focuses on: thousands of neighbours (FOCUSES_ON), so paged */
  readonly field: [string, string];
  /** the national ministry and a provincial department: well connected, in the overview */
  readonly ministry: [string, string];
  readonly department: [string, string];
  readonly neo4j: ScratchNeo4j;
}

/**
 * The ~100k-node synthetic graph in a scratch Neo4j of its own (bulk-loaded; `home` under the repo
 * root, named after the suite) behind the app; registers the hooks.
 */
export function useSyntheticApp(name: string): SyntheticApp {
  const dir = syntheticDir(SYNTHETIC_100K);
  const home = join(ROOT, `.neo4j-test-${process.env.NEO4J_TEST_PORT ?? '7688'}-${name}`);
  let neo: ScratchNeo4j | undefined;
  const app = useBrowserApp(async () => {
    const t = Date.now();
    neo = await syntheticNeo4j(dir, home);
    console.log(
      `${name}: ${neo.nodes} nodes, ${neo.relationships} relationships bulk-loaded in ${((Date.now() - t) / 1000).toFixed(0)} s (Neo4j start ${neo.startS.toFixed(0)} s, load ${neo.loadS.toFixed(0)} s)`,
    );
    // a cold Neo4j on a busy 2-core machine can take longer than the default 10 s for the overview
    return createNeo4jStore(parseConfig({ NEO4J_URI: neo.uri, QUERY_TIMEOUT_MS: '120000' }));
  }, 900_000);
  // by its home: also when the set-up failed half-way
  afterAll(() => stopScratchNeo4j(home), 120_000);
  const university = syntheticOrg(dir, 'University');
  const fund = syntheticOrg(dir, 'Fund');
  const province = syntheticProvinceOf(dir, university[0]);
  const field = syntheticFieldOf(dir, university[0]);
  const ministry = syntheticOrg(dir, 'GovernmentBody', 0);
  const department = syntheticOrg(dir, 'GovernmentBody', 1);
  return {
    get store() {
      return app.store;
    },
    get server() {
      return app.server;
    },
    get chromium() {
      return app.chromium;
    },
    university,
    fund,
    province,
    field,
    ministry,
    department,
    get neo4j() {
      if (!neo) throw new Error('the scratch Neo4j is not ready');
      return neo;
    },
  };
}

/** A page on `url` with console errors recorded, once the app is ready (not idle: big layouts go on). */
export async function openLarge(app: BrowserApp, url = app.server.url): Promise<{ page: Page; errors: string[] }> {
  const context = await app.chromium.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console.error: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  await page.goto(url);
  await page.waitForFunction(() => window.innograph?.ready() === true, null, { timeout: 240_000, polling: 250 });
  return { page, errors };
}

/** Types `query` in the search box, picks the suggestion of entity `id` and waits for its details. */
export async function searchSelect(page: Page, query: string, id: string, name: RegExp | string): Promise<void> {
  const input = page.getByRole('combobox', { name: /Search entities/ });
  await input.fill(query);
  const option = page.locator(`.topbar [role=option][data-id="${id}"]`).first();
  await option.waitFor({ timeout: 60_000 });
  await option.dispatchEvent('mousedown');
  await page.waitForFunction((x) => window.innograph!.selected() === x, id, { timeout: 120_000 });
  await expect.poll(() => page.locator('#tabpanel-details h2').textContent(), { timeout: 60_000 }).toMatch(name);
}

/** Presses Expand in the details panel and waits until the entity shows Collapse (expanded). */
export async function expandSelected(page: Page): Promise<void> {
  const panel = page.locator('#tabpanel-details');
  await panel.getByRole('button', { name: 'Expand' }).press('Enter');
  await panel.getByRole('button', { name: 'Collapse' }).waitFor({ timeout: 120_000 });
}

/** Presses the details panel's action button `name` (from the keyboard: no wait for a stable frame), waits for idle. */
export async function panelAction(page: Page, name: string | RegExp): Promise<void> {
  await page
    .locator('.actions')
    .getByRole('button', { name, exact: typeof name === 'string' })
    .press('Enter');
  await page.waitForTimeout(200);
  await waitIdle(page, 180_000);
}

/** Finds paths in the Paths tab from one entity to another (chosen by search) and waits for the list. */
export async function findPaths(
  page: Page,
  from: { query: string; id: string },
  to: { query: string; id: string },
): Promise<void> {
  await page.getByRole('tab', { name: 'Paths' }).click();
  const pick = async (box: string, e: { query: string; id: string }) => {
    await page.getByRole('combobox', { name: box }).fill(e.query);
    const option = page.locator(`#tabpanel-paths [role=option][data-id="${e.id}"]`).first();
    await option.waitFor({ timeout: 60_000 });
    await option.click();
  };
  await pick('Path from', from);
  await pick('Path to', to);
  await page.getByRole('button', { name: 'Find paths' }).click();
  await page.locator('.path-list .step').first().waitFor({ timeout: 120_000 });
  await waitIdle(page, 240_000);
}

/** The node-id sequences of the listed paths (from the URL state: the first is drawn; else the text). */
export function pathTexts(page: Page): Promise<string[]> {
  return page
    .locator('.path-list > li')
    .evaluateAll((lis) => lis.map((li) => [...li.querySelectorAll('.step')].map((s) => s.textContent).join(' → ')));
}

/** How many nodes the view holds. */
export async function nodeCount(page: Page): Promise<number> {
  return (await page.evaluate(() => window.innograph!.counts()))!.nodes.total;
}

/**
 * The navigation state of a URL: its navigation parameters (the view, selection, expansions, paths, open
 * groups: client/state/navigation.ts), in a stable order; camera, tab and the like are left out.
 */
export function navState(url: string): string {
  const all = new URL(url).searchParams;
  const p = new URLSearchParams();
  for (const k of NAVIGATION_PARAMS) if (all.has(k)) p.set(k, all.get(k)!);
  p.sort();
  return p.toString();
}

/** Waits until the app is ready and idle (requests, layout), allowing for a slow big view. */
export async function waitReady(page: Page, timeout = 300_000): Promise<void> {
  await page.waitForFunction(() => window.innograph?.ready() === true && window.innograph.idle(), null, {
    timeout,
    polling: 250,
  });
}

/** Selects node `id` with a click where it is drawn (positions are relative to the network's container). */
export async function clickNode(page: Page, id: string, double = false): Promise<void> {
  const box = (await page.locator('.sigma-container').boundingBox())!;
  const at = await page.evaluate((x) => window.innograph!.nodeOnScreen(x), id);
  if (!at) throw new Error(`clickNode: ${id} is not on screen`);
  if (double) await page.mouse.dblclick(box.x + at.x, box.y + at.y);
  else {
    await page.mouse.click(box.x + at.x, box.y + at.y);
    await page.waitForFunction((x) => window.innograph!.selected() === x, id, { timeout: 60_000 });
  }
}

/**
 * Opens (`open`) or closes the selected group `id` with the detail panel's button and waits until the URL
 * says so and the view is idle.
 */
export async function groupButton(page: Page, id: string, open: boolean): Promise<void> {
  await page
    .locator('#tabpanel-details')
    .getByRole('button', { name: open ? 'Open group' : 'Close group' })
    .click();
  await page.waitForFunction(
    ([g, o]) => (new URLSearchParams(location.search).get('open')?.split(',') ?? []).includes(g) === o,
    [id, open] as const,
    { timeout: 120_000 },
  );
  await waitReady(page);
}

/** The ids of the `limit` best connected members of group `id` the API gives (those an opened group shows first). */
export async function groupTopMembers(page: Page, id: string, limit = 20): Promise<string[]> {
  return page.evaluate(
    async ([g, n]) => {
      const r = await fetch(`/api/overview/groups/${encodeURIComponent(g)}/members?limit=${n}`);
      if (!r.ok) throw new Error(`members of ${g}: HTTP ${r.status}`);
      const body = (await r.json()) as { graph: { nodes: { key: string }[] } };
      return body.graph.nodes.map((x) => x.key);
    },
    [id, limit] as const,
  );
}

/** Selects the neighbour named `name` from the details panel's list of neighbours (its link). */
export async function selectNeighbour(page: Page, id: string, name: string): Promise<void> {
  await page
    .locator('#tabpanel-details .neighbour-list button.link')
    .filter({ hasText: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) })
    .first()
    .dispatchEvent('click');
  await page.waitForFunction((x) => window.innograph!.selected() === x, id, { timeout: 120_000 });
  await waitIdle(page, 240_000);
}

/**
 * The app half of the client-render bench: the real client (dist/client) served by the real app over
 * a data set, opened cold in headless Chromium, timed as a user meets it: first picture, usable (a
 * search answered and its entity selected, details shown), one expansion, frame times while dragging
 * the map, the page's JS heap after a GC, and the server's layout time when the API reports one
 * (`layoutMs` / `nodeLayoutMs` attributes of GET /api/graph and /api/overview answers).
 */
import type { Page } from 'playwright-core';
import type { LaunchedBrowser } from '../../test/helpers/browser';
import { percentile } from './report';

/** What to do on a data set: the search to type, the option to pick and the entity it selects. */
export interface AppProbe {
  name: string;
  url: string;
  query: string;
  /** the entity the search should offer and the bench picks (its option's data-id) */
  id: string;
}

export interface AppMeasure {
  dataset: string;
  /** nodes and relationships the view loaded */
  viewNodes: number;
  viewEdges: number;
  /** navigation start → the first frame drawn with the network */
  firstPictureMs: number;
  /** navigation start → the app says it is ready (takes input) */
  readyMs: number;
  /** navigation start → a search typed once ready is answered, its entity selected and shown */
  usableMs: number;
  /** the search + select alone */
  searchSelectMs: number;
  /** Expand on the selected entity → its neighbours in the view (or the error shown) */
  expandMs: number;
  /** what was expanded: the picked entity, or (the pick came expanded: a focused view) a neighbour of it */
  expandOf: 'picked' | 'neighbour';
  expandAdded: number;
  expandError: string | null;
  /** frame intervals while dragging the map */
  panFrames: number;
  panFrameMedianMs: number;
  panFrameP95Ms: number;
  /** whether the client's layout still ran while panning (after waiting up to 60 s for it) */
  layoutRunningWhilePanning: boolean;
  /** JS heap used after a forced GC, MiB */
  heapMiB: number;
  /** the overview answer (GET /api/graph): bytes and ms */
  graphBytes: number;
  graphMs: number;
  /** the longest server-side layout time reported with a graph or overview answer (`layoutMs`, `nodeLayoutMs`), or null */
  serverLayoutMs: number | null;
}

/** Installed before the page's scripts: records the first picture and readiness times. */
const INIT = () => {
  const w = window as unknown as { __bench: { firstPicture: number | null; ready: number | null } };
  w.__bench = { firstPicture: null, ready: null };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries())
      if (e.name === 'innograph:first-render')
        requestAnimationFrame(() =>
          requestAnimationFrame(() => {
            w.__bench.firstPicture ??= performance.now();
          }),
        );
  }).observe({ entryTypes: ['mark'] });
  const timer = setInterval(() => {
    if (window.innograph?.ready()) {
      w.__bench.ready = performance.now();
      clearInterval(timer);
    }
  }, 20);
};

const pageNow = (page: Page) => page.evaluate(() => performance.now());

/** Opens the app cold on `probe.url` and measures it (see AppMeasure). */
export async function measureApp(chromium: LaunchedBrowser, probe: AppProbe): Promise<AppMeasure> {
  const context = await chromium.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error(`  page error: ${e.message}`));
  // tsx (esbuild, keepNames) wraps named functions of the evaluated code in __name(): give the page one
  await page.addInitScript({ content: 'globalThis.__name = globalThis.__name || ((f) => f);' });
  await page.addInitScript(INIT);
  let serverLayoutMs: number | null = null;
  let graphBytes = 0;
  let graphMs = 0;
  page.on('response', (r) => {
    const path = new URL(r.url()).pathname;
    const graph = path.startsWith('/api/graph');
    if (!(graph || path.startsWith('/api/overview')) || r.status() !== 200) return;
    void r
      .body()
      .then((b) => {
        if (graph) {
          graphBytes = Math.max(graphBytes, b.length);
          graphMs = Math.max(graphMs, r.request().timing().responseEnd);
        }
        const attrs = (JSON.parse(b.toString('utf8')) as { attributes?: Record<string, unknown> }).attributes;
        for (const v of [attrs?.layoutMs, attrs?.nodeLayoutMs])
          if (typeof v === 'number') serverLayoutMs = Math.max(serverLayoutMs ?? 0, v);
      })
      .catch(() => undefined);
  });
  await page.goto(probe.url);
  type Marks = { ready: number | null; firstPicture: number | null };
  // (evaluated in the page: no closures over this module)
  await page.waitForFunction(() => (window as unknown as { __bench: Marks }).__bench.ready !== null, null, {
    timeout: 300_000,
    polling: 100,
  });
  // the picture follows readiness on big graphs (the first frame is slow without a GPU); none on an error
  await page
    .waitForFunction(() => (window as unknown as { __bench: Marks }).__bench.firstPicture !== null, null, {
      timeout: 120_000,
      polling: 100,
    })
    .catch(() => undefined);
  const { firstPicture, ready } = (await page.evaluate(() => (window as unknown as { __bench: Marks }).__bench)) as {
    firstPicture: number | null;
    ready: number;
  };
  if (firstPicture === null) {
    const status = await page.locator('.stage-status').textContent();
    const toast = await page
      .locator('.toast-error')
      .first()
      .textContent({ timeout: 1000 })
      .catch(() => '');
    await context.close();
    throw new Error(`${probe.name}: the network was not drawn (${status ?? ''} ${toast ?? ''})`.trim());
  }
  const counts = (await page.evaluate(() => window.innograph!.counts()))!;

  // usable: search, pick, see the entity's details
  const s0 = await pageNow(page);
  const input = page.getByRole('combobox', { name: /Search entities/ });
  await input.fill(probe.query);
  const option = page.locator(`.topbar [role=option][data-id="${probe.id}"]`).first();
  await option.waitFor({ timeout: 180_000 });
  await option.dispatchEvent('mousedown');
  await page.waitForFunction((id) => window.innograph!.selected() === id, probe.id, { timeout: 120_000 });
  await page.locator('#tabpanel-details h2').waitFor({ timeout: 60_000 });
  const s1 = await pageNow(page);

  // expand the selected entity; when the pick came expanded (the focused view of a large graph),
  // a neighbour of it in the view: a second expansion
  const expandBtn = page.locator('#tabpanel-details').getByRole('button', { name: 'Expand' });
  let expandOf: AppMeasure['expandOf'] = 'picked';
  if ((await expandBtn.count()) === 0) {
    expandOf = 'neighbour';
    const other = await page.evaluate(() => {
      const li = [...document.querySelectorAll('#tabpanel-details .neighbour-list li')].find(
        (x) => x.querySelector('.muted') === null,
      );
      const b = li?.querySelector('button');
      b?.click();
      return b?.textContent ?? null;
    });
    if (other === null) {
      await context.close();
      throw new Error(`${probe.name}: ${probe.id} is expanded and has no neighbour in the view to expand`);
    }
    await page.waitForFunction((id) => window.innograph!.selected() !== id, probe.id, { timeout: 60_000 });
    await expandBtn.waitFor({ timeout: 60_000 });
  }
  const before = (await page.evaluate(() => window.innograph!.counts()))!.nodes.total;
  const e0 = await pageNow(page);
  await expandBtn.press('Enter', { timeout: 120_000 });
  // done when the entity is marked expanded (its Collapse button) or an error is shown
  await page.waitForFunction(
    () =>
      [...document.querySelectorAll('#tabpanel-details .actions button')].some((b) => b.textContent === 'Collapse') ||
      document.querySelector('.toast-error') !== null,
    null,
    { timeout: 120_000, polling: 10 },
  );
  const e1 = await pageNow(page);
  const after = (await page.evaluate(() => window.innograph!.counts()))!.nodes.total;
  const expandError = await page.evaluate(() => document.querySelector('.toast-error')?.textContent ?? null);

  // panning: wait (up to 60 s) for the layout, then drag the map for about 2 s
  await page
    .waitForFunction(() => !window.innograph!.layoutRunning(), null, { timeout: 60_000, polling: 250 })
    .catch(() => undefined);
  const layoutRunningWhilePanning = await page.evaluate(() => window.innograph!.layoutRunning());
  const box = (await page.locator('.sigma-container').boundingBox())!;
  await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __framing: boolean };
    w.__frames = [];
    w.__framing = true;
    const tick = (t: number) => {
      w.__frames.push(t);
      if (w.__framing) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  for (let i = 1; i <= 40; i++) {
    await page.mouse.move(cx + 150 * Math.sin(i / 6), cy + 100 * Math.cos(i / 6) - 100);
    await page.waitForTimeout(50);
  }
  await page.mouse.up();
  const frames = await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __framing: boolean };
    w.__framing = false;
    return w.__frames;
  });
  const gaps = frames.slice(1).map((t, i) => t - frames[i]!);

  const cdp = await context.newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  await context.close();
  return {
    dataset: probe.name,
    viewNodes: counts.nodes.total,
    viewEdges: counts.edges.total,
    firstPictureMs: firstPicture,
    readyMs: ready,
    usableMs: s1,
    searchSelectMs: s1 - s0,
    expandMs: e1 - e0,
    expandOf,
    expandAdded: after - before,
    expandError,
    panFrames: gaps.length,
    panFrameMedianMs: percentile(gaps, 50),
    panFrameP95Ms: percentile(gaps, 95),
    layoutRunningWhilePanning,
    heapMiB: heap.usedSize / 2 ** 20,
    graphBytes,
    graphMs,
    serverLayoutMs,
  };
}

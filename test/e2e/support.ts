/**
 * Plumbing of the end-to-end suites: the built client (built with Vite when older than its sources),
 * the real app (server/app.ts) on port 0 over a given store, pages that record console errors, and
 * screenshots under test-results/e2e (git-ignored).
 */
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll } from 'vitest';
import { KIND_COLORS } from '../../client/state/vocab';
import { createApp } from '../../server/app';
import { parseConfig } from '../../server/config';
import type { GraphStore } from '../../server/store/store';
import { launchBrowser, type LaunchedBrowser } from '../helpers/browser';

export const ROOT = resolve(import.meta.dirname, '../..');
export const CLIENT_DIR = join(ROOT, 'client');
export const DIST_DIR = join(ROOT, 'dist', 'client');
export const SHOTS_DIR = join(ROOT, 'test-results', 'e2e');

function newestSource(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'dev' && e.name !== 'node_modules') newest = Math.max(newest, newestSource(p));
    } else if (!e.name.endsWith('.test.ts')) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds the client into dist/client unless the build there is newer than every client source. */
export async function ensureClientBuilt(): Promise<void> {
  const index = join(DIST_DIR, 'index.html');
  if (existsSync(index) && statSync(index).mtimeMs > newestSource(CLIENT_DIR)) return;
  await build({ configFile: join(CLIENT_DIR, 'vite.config.ts'), logLevel: 'warn' });
}

export interface TestServer {
  url: string;
  stop(): Promise<void>;
}

/** Serves the real app (API + built client) over `store` on a free port. */
export async function serveApp(store: GraphStore, env: Record<string, string> = {}): Promise<TestServer> {
  const config = parseConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '1000000',
    CYPHER_RATE_LIMIT_PER_MINUTE: '1000000',
    SEED_EMBEDDED: 'false',
    ...env,
  });
  const app = createApp({ config, store, clientDir: DIST_DIR });
  const server = await new Promise<Server>((ok, fail) => {
    const s = app.listen(0, '127.0.0.1', () => ok(s));
    s.once('error', fail);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((ok) => {
        server.close(() => ok());
        server.closeAllConnections();
      }),
  };
}

export interface OpenedPage {
  page: Page;
  /** console errors and uncaught page errors so far */
  errors: string[];
}

/** Opens `url` in a new context of `viewport` and waits until the client is idle. */
export async function openClient(
  browser: Browser,
  url: string,
  viewport: { width: number; height: number } = { width: 1280, height: 800 },
): Promise<OpenedPage> {
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console.error: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  await page.goto(url);
  await waitIdle(page);
  return { page, errors };
}

/** Waits until the client has loaded and nothing is pending (requests, layout). */
export async function waitIdle(page: Page, timeout = 90_000): Promise<void> {
  await page.waitForFunction(() => window.innograph?.idle() === true, null, { timeout, polling: 100 });
}

/** Saves a screenshot as test-results/e2e/<name>.png and returns its path. */
export async function shot(page: Page, name: string): Promise<string> {
  mkdirSync(SHOTS_DIR, { recursive: true });
  const path = join(SHOTS_DIR, `${name}.png`);
  // frames come slowly without a GPU while a big view is drawn: give the capture time
  await page.screenshot({ path, timeout: 120_000 });
  return path;
}

/** The share of pixels of a PNG that differ from its first pixel, and how many colours they have. */
export function pngInk(page: Page, png: Buffer): Promise<{ inked: number; colours: number }> {
  return page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width;
    c.height = img.height;
    const ctx = c.getContext('2d')!;
    ctx.drawImage(img, 0, 0);
    const d = ctx.getImageData(0, 0, c.width, c.height).data;
    const [r0, g0, b0] = [d[0], d[1], d[2]];
    let inked = 0;
    const colours = new Set<number>();
    for (let i = 0; i < d.length; i += 4) {
      if (Math.abs(d[i]! - r0!) + Math.abs(d[i + 1]! - g0!) + Math.abs(d[i + 2]! - b0!) > 24) {
        inked++;
        colours.add(((d[i]! >> 4) << 8) | ((d[i + 1]! >> 4) << 4) | (d[i + 2]! >> 4));
      }
    }
    return { inked: inked / (d.length / 4), colours: colours.size };
  }, png.toString('base64'));
}

/**
 * Of an exported PNG: its width (and the stage's, in device pixels); outside the legend's corner, the
 * share of its width between the leftmost and rightmost pixels in a kind's exact colour (node fills)
 * and how many kinds are drawn; inside it, how many kinds have a dot.
 */
export function pngRegion(
  page: Page,
  png: Buffer,
): Promise<{ width: number; stageWidth: number; spread: number; legendKinds: number; nodeKinds: number }> {
  return page.evaluate(
    async ({ b64, colours }) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const c = document.createElement('canvas');
      c.width = img.width;
      c.height = img.height;
      const ctx = c.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      const d = ctx.getImageData(0, 0, c.width, c.height).data;
      const hex = (i: number) =>
        '#' + [d[i]!, d[i + 1]!, d[i + 2]!].map((v) => v.toString(16).padStart(2, '0')).join('');
      const legendW = Math.min(c.width, 320);
      const legendH = Math.min(c.height, 420);
      const kinds = new Map<string, number>();
      const nodes = new Map<string, number>();
      let minX = c.width;
      let maxX = 0;
      for (let y = 0; y < c.height; y++)
        for (let x = 0; x < c.width; x++) {
          const i = (y * c.width + x) * 4;
          const h = hex(i);
          if (!colours.includes(h)) continue;
          if (x < legendW && y < legendH) kinds.set(h, (kinds.get(h) ?? 0) + 1);
          else {
            nodes.set(h, (nodes.get(h) ?? 0) + 1);
            minX = Math.min(minX, x);
            maxX = Math.max(maxX, x);
          }
        }
      const stage = document.querySelector('.sigma-container')!.getBoundingClientRect();
      return {
        width: c.width,
        stageWidth: Math.round(stage.width * window.devicePixelRatio),
        spread: (maxX - minX) / c.width,
        legendKinds: [...kinds.values()].filter((n) => n >= 20).length,
        nodeKinds: [...nodes.values()].filter((n) => n >= 20).length,
      };
    },
    { b64: png.toString('base64'), colours: Object.values(KIND_COLORS).map((x) => x.toLowerCase()) },
  );
}

/**
 * How much of the network's canvas is drawn: the share of pixels of the WebGL canvas that differ from
 * the background, and how many distinct colours they have (from a screenshot of the element).
 */
export async function canvasInk(
  page: Page,
  selector = '.sigma-container',
): Promise<{ inked: number; colours: number }> {
  return pngInk(page, await elementShot(page, selector));
}

/**
 * A PNG of one element, clipped from the page. Unlike `locator.screenshot` it does not wait for the
 * element to be "stable", which a canvas whose layout still runs may never be under load.
 */
export async function elementShot(page: Page, selector: string, timeout = 120_000): Promise<Buffer> {
  const box = await page.locator(selector).boundingBox({ timeout });
  if (!box) throw new Error(`elementShot: ${selector} is not visible`);
  return page.screenshot({ clip: box, timeout });
}

/** What a browser suite runs against: its store, the app serving it and Chromium. */
export interface BrowserApp {
  readonly store: GraphStore;
  readonly server: TestServer;
  readonly chromium: LaunchedBrowser;
}

/**
 * Registers the suite's hooks: build the client, serve the store `makeStore` gives and launch Chromium
 * before its tests; close all three after. Call inside the suite's `describe`.
 */
export function useBrowserApp(
  makeStore: () => GraphStore | Promise<GraphStore>,
  /** how long the set-up may take (a big data set loads for minutes) */
  setupMs = 240_000,
): BrowserApp {
  let store: GraphStore | undefined;
  let server: TestServer | undefined;
  let chromium: LaunchedBrowser | undefined;
  beforeAll(async () => {
    await ensureClientBuilt();
    store = await makeStore();
    server = await serveApp(store);
    chromium = await launchBrowser();
  }, setupMs);
  afterAll(async () => {
    await chromium?.close();
    await server?.stop();
    await store?.close();
  });
  const ready = <T>(v: T | undefined, what: string): T => {
    if (v === undefined) throw new Error(`the browser suite's ${what} is not ready (beforeAll failed?)`);
    return v;
  };
  return {
    get store() {
      return ready(store, 'store');
    },
    get server() {
      return ready(server, 'server');
    },
    get chromium() {
      return ready(chromium, 'browser');
    },
  };
}

/**
 * Double-clicks at (x, y) until `done` holds in the page. Under load the page may handle the two
 * clicks further apart than sigma's double-click window and take them as two single clicks; each try
 * waits `perTryMs` for `done` (which the app's URL state satisfies as soon as it takes the gesture).
 */
export async function dblclickUntil(
  page: Page,
  x: number,
  y: number,
  done: () => boolean,
  tries = 4,
  perTryMs = 30_000,
): Promise<void> {
  for (let i = 1; ; i++) {
    await page.mouse.dblclick(x, y);
    try {
      await page.waitForFunction(done, null, { timeout: perTryMs, polling: 250 });
      return;
    } catch (e) {
      if (i >= tries) throw e;
    }
  }
}

/**
 * Mouse gestures on the NSF 2017 awards (embedded store) in headless Chromium: a node dragged with the
 * mouse lands where the mouse went and stays there (the camera still meanwhile, a running layout not
 * moving it) in the network view, the focused view and the groups overview (a super-node); panning
 * the focused view (a few hundred nodes) keeps its edges drawn.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { NeighborhoodQuery } from '../../server/api/schemas';
import { requireBrowser } from '../helpers/browser';
import { nsfEmbeddedStore, nsfUnavailableReason } from '../helpers/datasets';
import { elementShot, openClient, useBrowserApp } from './support';

const skip = requireBrowser();
const noNsf = nsfUnavailableReason();
if (noNsf && process.env.CI === 'true') throw new Error(`CI=true and ${noNsf}`);
const why = skip ?? noNsf;

/** University of Michigan (the bench's pick): its focused view holds ~300 nodes and ~2,500 edges. */
const UMICH = 'inst-33042925fb25';

type Point = { x: number; y: number };
const hook = {
  camera: (page: Page) => page.evaluate(() => window.innograph!.camera()),
  position: (page: Page, id: string) => page.evaluate((i) => window.innograph!.nodePosition(i), id),
  onScreen: (page: Page, id: string) => page.evaluate((i) => window.innograph!.nodeOnScreen(i), id),
  toGraph: (page: Page, p: Point) => page.evaluate((q) => window.innograph!.toGraph(q), p),
};
const canvasBox = async (page: Page) => (await page.locator('.sigma-container').boundingBox())!;

/**
 * Puts the pointer on one of `ids` that sigma picks as hovered (the topmost at its centre; the first
 * that works), and returns it with its position in the canvas.
 */
async function pointAtNode(page: Page, ids: string[]): Promise<{ id: string; at: Point }> {
  const box = await canvasBox(page);
  for (const id of ids) {
    const at = await hook.onScreen(page, id);
    if (!at || at.x < 60 || at.y < 60 || at.x > box.width - 60 || at.y > box.height - 60) continue;
    await page.mouse.move(box.x + at.x + 1, box.y + at.y);
    await page.mouse.move(box.x + at.x, box.y + at.y);
    const hovered = await page
      .waitForFunction((i) => window.innograph!.hovered() === i, id, { timeout: 10_000, polling: 50 })
      .then(() => true)
      .catch(() => false);
    if (hovered) return { id, at };
  }
  throw new Error(`none of ${ids.length} nodes could be pointed at`);
}

/**
 * Drags the node under the pointer (at `at`, canvas pixels) by (dx, dy) with the mouse (down, moves,
 * up, as a user does) and returns the drop point in the canvas.
 */
async function drag(page: Page, at: Point, dx: number, dy: number): Promise<Point> {
  const box = await canvasBox(page);
  await page.mouse.down();
  for (let i = 1; i <= 12; i++) await page.mouse.move(box.x + at.x + (dx * i) / 12, box.y + at.y + (dy * i) / 12);
  await page.mouse.up();
  return { x: at.x + dx, y: at.y + dy };
}

/**
 * Drags one of `candidates` by (dx, dy) and checks that it lands where the mouse went (in graph
 * coordinates and on screen), that the camera did not move and that the node is pinned.
 */
async function dragAndCheck(page: Page, candidates: string[], dx = 90, dy = -70): Promise<{ id: string; to: Point }> {
  const camera = await hook.camera(page);
  const { id, at } = await pointAtNode(page, candidates);
  const before = (await hook.position(page, id))!;
  // the rest of the picture: where the other nodes are drawn
  const others = candidates.filter((c) => c !== id).slice(0, 20);
  const drawnBefore = await Promise.all(others.map((o) => hook.onScreen(page, o)));
  const to = await drag(page, at, dx, dy);
  expect(await hook.camera(page)).toEqual(camera);
  const drawnAfter = await Promise.all(others.map((o) => hook.onScreen(page, o)));
  const shifts = drawnAfter.flatMap((p, i) => {
    const q = drawnBefore[i];
    return p && q ? [Math.hypot(p.x - q.x, p.y - q.y)] : [];
  });
  expect(shifts.length).toBeGreaterThan(3);
  expect(Math.max(...shifts)).toBeLessThan(1);
  const target = await hook.toGraph(page, to);
  const start = await hook.toGraph(page, at);
  const moved = Math.hypot(target.x - start.x, target.y - start.y);
  const after = (await hook.position(page, id))!;
  // the node is where the mouse went, in graph coordinates (within 2% of the way)...
  expect(Math.hypot(after.x - target.x, after.y - target.y)).toBeLessThan(0.02 * moved);
  expect(Math.hypot(after.x - before.x, after.y - before.y)).toBeGreaterThan(0.9 * moved);
  // ...and on screen
  const drawn = (await hook.onScreen(page, id))!;
  expect(Math.hypot(drawn.x - to.x, drawn.y - to.y)).toBeLessThan(2);
  expect(await page.evaluate((i) => window.innograph!.pinned(i), id)).toBe(true);
  return { id, to };
}

/** Puts the pointer on a spot of the canvas where no node is hovered (near a corner); returns it (page pixels). */
async function emptySpot(page: Page): Promise<Point> {
  const box = await canvasBox(page);
  for (const [fx, fy] of [
    [0.02, 0.98],
    [0.98, 0.98],
    [0.02, 0.02],
    [0.98, 0.02],
    [0.5, 0.98],
  ] as const) {
    const p = { x: box.x + fx * box.width, y: box.y + fy * box.height };
    await page.mouse.move(p.x, p.y);
    // sigma resolves a hover after a frame: two frames with nothing hovered
    await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
    await page.waitForTimeout(300);
    if ((await page.evaluate(() => window.innograph!.hovered())) === null) return p;
  }
  throw new Error('no spot of the canvas without a node');
}

describe.skipIf(why !== null)(`mouse gestures on the NSF awards${why ? ` (skipped: ${why})` : ''}`, () => {
  const app = useBrowserApp(nsfEmbeddedStore);
  const neighbours = async (id: string) =>
    (await app.store.neighborhood(id, NeighborhoodQuery.parse({ depth: 1, limit: 300 }))).nodes
      .map((n) => n.key)
      .filter((n) => n !== id);

  it('drags a node of the network view; a running layout leaves it where it was dropped', async () => {
    const { page, errors } = await openClient(app.chromium.browser, `${app.server.url}/?view=network&limit=400`);
    const ids = (await (await fetch(`${app.server.url}/api/graph?limit=400`)).json()) as { nodes: { key: string }[] };
    const { id } = await dragAndCheck(
      page,
      ids.nodes.map((n) => n.key),
      -80,
      60,
    );
    const dropped = (await hook.position(page, id))!;
    // the layout runs: other nodes move, the dropped one does not
    const other = ids.nodes.map((n) => n.key).find((k) => k !== id)!;
    const otherBefore = (await hook.position(page, other))!;
    await page.getByRole('button', { name: /Start layout/ }).click();
    await page.waitForFunction(() => window.innograph!.layoutRunning(), null, { timeout: 30_000 });
    await expect
      .poll(async () => JSON.stringify(await hook.position(page, other)), { timeout: 60_000 })
      .not.toBe(JSON.stringify(otherBefore));
    expect(await hook.position(page, id)).toEqual(dropped);
    await page.getByRole('button', { name: /Stop layout/ }).click();
    await page.waitForFunction(() => !window.innograph!.layoutRunning(), null, { timeout: 60_000 });
    expect(await hook.position(page, id)).toEqual(dropped);
    expect(errors).toEqual([]);
    await page.context().close();
  }, 600_000);

  it('drags a node of the focused view and pans it with its edges drawn', async () => {
    const { page, errors } = await openClient(app.chromium.browser, `${app.server.url}/?sel=${UMICH}`);
    expect(await page.evaluate(() => window.innograph!.renderSettings().hideEdgesOnMove)).toBe(false);
    const near = await neighbours(UMICH);
    const { id } = await dragAndCheck(page, near);
    const dropped = (await hook.position(page, id))!;

    // edges are drawn during a pan: the middles of UMich's edges are inked with the mouse still down
    const box = await canvasBox(page);
    const edgeMiddles = async (): Promise<Point[]> => {
      const u = (await hook.onScreen(page, UMICH))!;
      const out: Point[] = [];
      for (const n of near.slice(0, 60)) {
        const p = await hook.onScreen(page, n);
        if (!p || Math.hypot(p.x - u.x, p.y - u.y) < 60) continue;
        const m = { x: (p.x + u.x) / 2, y: (p.y + u.y) / 2 };
        if (m.x > 5 && m.y > 5 && m.x < box.width - 5 && m.y < box.height - 5) out.push(m);
      }
      return out;
    };
    const inked = async (points: Point[]) => {
      const png = await elementShot(page, '.sigma-container');
      return page.evaluate(
        async ({ b64, pts }) => {
          const img = new Image();
          img.src = `data:image/png;base64,${b64}`;
          await img.decode();
          const c = document.createElement('canvas');
          c.width = img.width;
          c.height = img.height;
          const ctx = c.getContext('2d')!;
          ctx.drawImage(img, 0, 0);
          let n = 0;
          for (const p of pts) {
            // a 3×3 patch around the middle (edges are 1 px wide and anti-aliased)
            const d = ctx.getImageData(Math.round(p.x) - 1, Math.round(p.y) - 1, 3, 3).data;
            let ink = false;
            for (let i = 0; i < d.length; i += 4) if (765 - d[i]! - d[i + 1]! - d[i + 2]! > 24) ink = true;
            if (ink) n++;
          }
          return n / Math.max(1, pts.length);
        },
        { b64: png.toString('base64'), pts: points },
      );
    };
    // the pointer off the nodes (a hover would dim UMich's edges): where the pan starts
    const start = await emptySpot(page);
    const atRest = await edgeMiddles();
    expect(atRest.length).toBeGreaterThan(10);
    const restInk = await inked(atRest);
    expect(restInk).toBeGreaterThan(0.8);
    // pan from there; the mouse stays down while the picture is taken
    const camera = await hook.camera(page);
    await page.mouse.down();
    for (let i = 1; i <= 8; i++) await page.mouse.move(start.x + 12 * i, start.y - 9 * i);
    await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
    expect(await hook.camera(page)).not.toEqual(camera);
    const panning = await edgeMiddles();
    expect(panning.length).toBeGreaterThan(10);
    expect(await inked(panning)).toBeGreaterThan(0.8 * restInk);
    await page.mouse.up();
    // the pan moved the camera, not the dropped node
    expect(await hook.position(page, id)).toEqual(dropped);
    expect(errors).toEqual([]);
    await page.context().close();
  }, 600_000);

  it('drags a group super-node of the overview', async () => {
    const { page, errors } = await openClient(app.chromium.browser, app.server.url);
    expect(page.url()).toContain('view=groups');
    const g = (await (await fetch(`${app.server.url}/api/overview`)).json()) as { nodes: { key: string }[] };
    const groups = g.nodes.map((n) => n.key);
    expect(groups.length).toBeGreaterThan(1);
    const { id } = await dragAndCheck(page, groups, 70, 80);
    const dropped = (await hook.position(page, id))!;
    await page.waitForTimeout(500);
    expect(await hook.position(page, id)).toEqual(dropped);
    expect(errors).toEqual([]);
    await page.context().close();
  }, 600_000);
});

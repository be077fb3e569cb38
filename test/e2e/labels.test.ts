/**
 * Labels inside the canvas, in Chromium on the seed: a label that would run past the right edge of
 * the network (under the right panel) is drawn on its node's left, in the fitted picture and after
 * the map is dragged.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { LABEL_FONT_FAMILY } from '../../client/view/labelFont';
import { createSeededEmbeddedStore } from '../../server/store/embedded';
import { requireBrowser } from '../helpers/browser';
import { openClient, shot, useBrowserApp, waitIdle } from './support';

const skip = requireBrowser();

interface Placed {
  id: string;
  x: number;
  width: number;
  side: 'left' | 'right';
}

/** Every node drawn on screen: its position, its label's width and the side sigma draws it on. */
function placed(page: Page, nodes: { id: string; name: string }[]): Promise<Placed[]> {
  return page.evaluate(
    ({ nodes, font }) => {
      const ctx = document.createElement('canvas').getContext('2d')!;
      ctx.font = font;
      const out: Placed[] = [];
      for (const n of nodes) {
        const p = window.innograph!.nodeOnScreen(n.id);
        if (!p) continue;
        out.push({ id: n.id, x: p.x, width: ctx.measureText(n.name).width, side: window.innograph!.labelSide(n.id) });
      }
      return out;
    },
    { nodes, font: `13px ${LABEL_FONT_FAMILY}` },
  );
}

/** The labels that run out of the canvas (`width` wide) though one side of their node had room. */
function clipped(all: Placed[], width: number): Placed[] {
  return all.filter((n) => {
    if (n.x < 0 || n.x > width) return false;
    const fitsRight = n.x + 30 + n.width <= width;
    const fitsLeft = n.x - 30 - n.width >= 0;
    if (!fitsRight && !fitsLeft) return false;
    return n.side === 'right' ? n.x + n.width > width : n.x - n.width < 0;
  });
}

describe.skipIf(skip !== null)(`labels at the canvas' edge in Chromium${skip ? ` (skipped: ${skip})` : ''}`, () => {
  const app = useBrowserApp(createSeededEmbeddedStore);

  it('draws the labels of the right edge on the left of their nodes, also after a drag', async () => {
    const res = await fetch(`${app.server.url}/api/graph?limit=10000`);
    const g = (await res.json()) as { nodes: { key: string; attributes: { name: string } }[] };
    const nodes = g.nodes.map((n) => ({ id: n.key, name: n.attributes.name }));
    const { page, errors } = await openClient(app.chromium.browser, app.server.url);
    const box = (await page.locator('.sigma-container').boundingBox())!;
    const panel = (await page.locator('#panel').boundingBox())!;
    // the network ends where the right panel starts
    expect(box.x + box.width).toBeLessThanOrEqual(panel.x + 1);

    // the fitted picture: some labels moved left, none cut by the edge
    await expect
      .poll(async () => (await placed(page, nodes)).filter((n) => n.side === 'left').length, { timeout: 10_000 })
      .toBeGreaterThan(0);
    await expect.poll(async () => clipped(await placed(page, nodes), box.width), { timeout: 10_000 }).toEqual([]);
    let all = await placed(page, nodes);
    expect(all.filter((n) => n.side === 'left').every((n) => n.x > box.width / 2)).toBe(true);
    await shot(page, '60-labels-right-edge');

    // drag the map to the right (from an empty corner): nodes of the middle come to the right edge,
    // their labels go left
    const before = new Set(all.filter((n) => n.side === 'left').map((n) => n.id));
    const x0 = box.x + 15;
    const y0 = box.y + box.height - 15;
    await page.mouse.move(x0, y0);
    await page.mouse.down();
    for (let i = 1; i <= 10; i++) await page.mouse.move(x0 + 30 * i, y0);
    await page.mouse.up();
    await waitIdle(page);
    // once the camera rests (sigma's drag has inertia)
    await expect.poll(async () => clipped(await placed(page, nodes), box.width), { timeout: 10_000 }).toEqual([]);
    all = await placed(page, nodes);
    expect(all.some((n) => n.side === 'left' && !before.has(n.id))).toBe(true);
    expect(errors).toEqual([]);
    await page.context().close();
  }, 300_000);
});

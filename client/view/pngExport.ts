/**
 * PNG export of the WHOLE graph (not the viewport) with its legend, at 1×, 2× or 4× the screen's
 * pixels: sigma draws once more with the camera reset (every visible node in the frame) at a raised
 * pixel ratio, the frame is copied onto a white canvas with the legend in its top-left corner, and the
 * view is put back as it was.
 */
import type Sigma from 'sigma';
import { legendLine, type Legend, type PngScale } from '../state/legend';
import { LABEL_FONT_FAMILY } from './labelFont';

/** Draws `legend` in a white box at the top left of `ctx`, at `r` device pixels per CSS pixel. */
export function drawLegend(ctx: CanvasRenderingContext2D, legend: Legend, r: number): void {
  const pad = 10 * r;
  const line = 18 * r;
  const font = (weight: string) => `${weight} ${13 * r}px ${LABEL_FONT_FAMILY}`;
  const lines = legend.entries.map(legendLine);
  ctx.font = font('600');
  let width = ctx.measureText(legend.title).width;
  ctx.font = font('400');
  for (const t of [...lines, legend.totals])
    width = Math.max(width, ctx.measureText(t).width + (t === legend.totals ? 0 : 16 * r));
  const height = pad * 2 + line * (lines.length + 2);
  ctx.fillStyle = 'rgba(255,255,255,0.92)';
  ctx.strokeStyle = '#c9d1da';
  ctx.lineWidth = r;
  ctx.fillRect(pad, pad, width + pad * 2, height);
  ctx.strokeRect(pad, pad, width + pad * 2, height);
  ctx.textBaseline = 'middle';
  let y = pad * 2 + line / 2;
  ctx.fillStyle = '#1d2733';
  ctx.font = font('600');
  ctx.fillText(legend.title, pad * 2, y);
  ctx.font = font('400');
  legend.entries.forEach((e, i) => {
    y += line;
    ctx.fillStyle = e.color;
    ctx.beginPath();
    ctx.arc(pad * 2 + 5 * r, y, 5 * r, 0, Math.PI * 2);
    ctx.fill();
    ctx.fillStyle = '#1d2733';
    ctx.fillText(lines[i]!, pad * 2 + 16 * r, y);
  });
  y += line;
  ctx.fillStyle = '#5b6775';
  ctx.fillText(legend.totals, pad * 2, y);
}

/** Sets window.devicePixelRatio (which sigma reads on resize) for the time of `fn`. */
async function withPixelRatio<T>(ratio: number, fn: () => Promise<T>): Promise<T> {
  const own = Object.getOwnPropertyDescriptor(window, 'devicePixelRatio');
  Object.defineProperty(window, 'devicePixelRatio', { configurable: true, get: () => ratio });
  try {
    return await fn();
  } finally {
    if (own) Object.defineProperty(window, 'devicePixelRatio', own);
    else delete (window as { devicePixelRatio?: number }).devicePixelRatio;
  }
}

/** The whole graph as a PNG with `legend`, at `scale` times the screen's pixels. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any node and edge attributes
export async function wholeGraphPng(sigma: Sigma<any, any>, scale: PngScale, legend: Legend): Promise<Blob> {
  const camera = sigma.getCamera();
  const saved = camera.getState();
  // the framing a drag holds (view/nodeDrag.ts) may leave the dropped node out: frame the whole extent
  const held = sigma.getCustomBBox();
  sigma.setCustomBBox(null);
  const r = Math.max(1, window.devicePixelRatio || 1) * scale;
  try {
    return await withPixelRatio(r, async () => {
      sigma.resize(true);
      camera.setState({ x: 0.5, y: 0.5, ratio: 1, angle: 0 });
      const out = await new Promise<HTMLCanvasElement>((resolve, reject) => {
        // copy in afterRender: the WebGL frame is gone once the browser has shown it
        sigma.once('afterRender', () => {
          try {
            const src = sigma.getStageCanvas();
            const c = document.createElement('canvas');
            c.width = src.width;
            c.height = src.height;
            const ctx = c.getContext('2d')!;
            ctx.fillStyle = '#ffffff';
            ctx.fillRect(0, 0, c.width, c.height);
            ctx.drawImage(src, 0, 0);
            drawLegend(ctx, legend, r);
            resolve(c);
          } catch (e) {
            reject(e instanceof Error ? e : new Error(String(e)));
          }
        });
        sigma.refresh();
      });
      return await new Promise<Blob>((resolve, reject) =>
        out.toBlob((b) => (b ? resolve(b) : reject(new Error('the canvas gave no image'))), 'image/png'),
      );
    });
  } finally {
    sigma.setCustomBBox(held);
    sigma.resize(true);
    camera.setState(saved);
    sigma.refresh();
  }
}

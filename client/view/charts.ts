/**
 * Small inline-SVG charts for indicators over time (no chart library): one chart per metric and base,
 * values with their qualifiers, changes of percent metrics in percentage points.
 */
import { statedAddsNothing } from '../state/format';
import type { IndicatorSeries } from '../state/indicators';
import { seriesChange } from '../state/indicators';
import { h, s } from './dom';

/** A line chart of the dated points of a series, with values and years written on it. */
export function seriesChart(series: IndicatorSeries, width = 300, height = 96): SVGSVGElement | null {
  const pts = series.points.filter((p) => p.year !== null);
  if (pts.length < 2) return null;
  const pad = { l: 8, r: 8, t: 18, b: 18 };
  const years = pts.map((p) => p.year!);
  const x0 = Math.min(...years);
  const x1 = Math.max(...years);
  const vals = pts.map((p) => p.value);
  const lo = Math.min(0, ...vals);
  const hi = Math.max(...vals);
  const x = (y: number) => pad.l + ((y - x0) / Math.max(1, x1 - x0)) * (width - pad.l - pad.r);
  const y = (v: number) => pad.t + (1 - (v - lo) / Math.max(1e-12, hi - lo)) * (height - pad.t - pad.b);
  const line = pts.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(p.year!).toFixed(1)},${y(p.value).toFixed(1)}`).join(' ');
  const label = `${series.title}: ${pts.map((p) => `${p.when} ${p.figure.stated}`).join(', ')}`;
  const svg = s('svg', {
    viewBox: `0 0 ${width} ${height}`,
    width,
    height,
    role: 'img',
    'aria-label': label,
    class: 'chart',
  });
  svg.append(
    s('line', { x1: pad.l, x2: width - pad.r, y1: y(lo), y2: y(lo), class: 'chart-axis' }),
    s('path', { d: line, class: 'chart-line' }),
  );
  pts.forEach((p, i) => {
    const anchor = i === 0 ? 'start' : i === pts.length - 1 ? 'end' : 'middle';
    svg.append(
      s(
        'circle',
        { cx: x(p.year!), cy: y(p.value), r: 3.5, class: 'chart-dot' },
        s('title', {}, `${p.figure.whenFull}: ${p.figure.stated}`),
      ),
      s('text', { x: x(p.year!), y: y(p.value) - 6, 'text-anchor': anchor, class: 'chart-value' }, p.figure.normalised),
      s('text', { x: x(p.year!), y: height - 4, 'text-anchor': anchor, class: 'chart-year' }, p.when || String(p.year)),
    );
  });
  return svg;
}

/** A series as a block: title, change, chart, and every value as stated with its period and quote. */
export function seriesBlock(series: IndicatorSeries, onPick?: (id: string) => void): HTMLElement {
  const change = seriesChange(series);
  const chart = seriesChart(series);
  return h(
    'figure',
    { class: 'indicator', 'data-series': series.key },
    h(
      'figcaption',
      {},
      h('strong', {}, series.title),
      change ? h('span', { class: change.up ? 'up' : 'down' }, ` ${change.text}`) : null,
    ),
    chart,
    h(
      'ul',
      { class: 'indicator-values' },
      ...series.points.map((p) => {
        const f = p.figure;
        const same = statedAddsNothing(f);
        const normal = [same ? null : f.plain, f.aid].filter(Boolean).join(' · ');
        return h(
          'li',
          {},
          h('span', { class: 'when', title: f.whenFull }, f.whenFull || '—'),
          ' ',
          onPick
            ? h('button', { class: 'link stated', onclick: () => onPick(p.id), title: p.name }, f.stated)
            : f.stated,
          normal ? h('span', { class: 'normalised muted' }, ` (${normal})`) : null,
          p.quote ? h('q', { class: 'quote' }, p.quote) : null,
        );
      }),
    ),
  );
}

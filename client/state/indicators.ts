/**
 * Indicators over time: the Indicator entities that hang off a subject (HAS_INDICATOR), grouped into
 * series by metric AND comparison base (2.2× the 13th Five-Year Plan and 4.5× 2018 are two series),
 * points ordered by year, each with its figure as stated (format.ts), for the detail panel's charts.
 */
import type { Entity } from '../../server/api/schemas';
import { timeSpan } from './filters';
import { baseText, describeFigure, formatChange, type FigureText } from './format';

export interface IndicatorPoint {
  id: string;
  name: string;
  /** the year the value is for (a period's last year), or null */
  year: number | null;
  /** how the time is stated: "2023", "2018–2024", "Jan–Apr 2025", or the period label */
  when: string;
  value: number;
  valueText: string;
  /** the figure's texts: as stated with its qualifier, normalised, period */
  figure: FigureText;
  quote: string | null;
}

export interface IndicatorSeries {
  /** metric and base: one series each */
  key: string;
  metric: string;
  /** what the values are compared against ("vs 2018"), or null */
  base: string | null;
  /** "rd-intensity" → "Rd intensity" unless a better name is known */
  title: string;
  unit: string;
  currency: string | null;
  points: IndicatorPoint[];
}

const TITLES: Record<string, string> = {
  'rd-intensity': 'R&D intensity',
  'fiscal-sci-tech-expenditure': 'Fiscal S&T expenditure',
  'fiscal-sci-tech-expenditure-cumulative': 'Fiscal S&T expenditure (cumulative)',
  'fiscal-sci-tech-expenditure-multiple-of-base': 'Fiscal S&T expenditure, multiple',
  'fiscal-sci-tech-expenditure-growth': 'Fiscal S&T expenditure growth',
};

export function metricTitle(metric: string): string {
  const known = TITLES[metric];
  if (known) return known;
  const words = metric.split('-').join(' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Groups Indicator entities by metric and base; series by size then title, points by year (timeless last). */
export function indicatorSeries(entities: readonly Entity[]): IndicatorSeries[] {
  const byKey = new Map<string, IndicatorSeries>();
  for (const e of entities) {
    if (e.kind !== 'Indicator') continue;
    const p = e.properties;
    const figure = describeFigure(p);
    if (typeof p.metric !== 'string' || typeof p.value !== 'number' || !figure) continue;
    const span = timeSpan(p);
    const base = baseText(p);
    const unit = typeof p.unit === 'string' ? p.unit : '';
    const currency = typeof p.currency === 'string' ? p.currency : null;
    // money in different currencies never shares a series either
    const key = [p.metric, base ?? '', unit === 'currency' ? (currency ?? '') : ''].join('|');
    const series = byKey.get(key) ?? {
      key,
      metric: p.metric,
      base,
      title: metricTitle(p.metric) + (base ? ` (${base})` : ''),
      unit,
      currency,
      points: [],
    };
    series.points.push({
      id: e.id,
      name: e.name,
      year: span ? span[1] : null,
      when: figure.when || (typeof p.periodLabel === 'string' ? p.periodLabel : ''),
      value: p.value,
      valueText: typeof p.valueText === 'string' ? p.valueText : String(p.value),
      figure,
      quote: e.sources[0]?.quote ?? null,
    });
    byKey.set(key, series);
  }
  const list = [...byKey.values()];
  for (const s of list)
    s.points.sort((a, b) => (a.year ?? Infinity) - (b.year ?? Infinity) || a.id.localeCompare(b.id));
  return list.sort((a, b) => b.points.length - a.points.length || a.title.localeCompare(b.title));
}

const dated = (s: IndicatorSeries) => s.points.filter((p) => p.year !== null);

/** Growth between the first and last dated points of a series, as a ratio (1.24 = +24%), or null. */
export function seriesGrowth(s: IndicatorSeries): number | null {
  const d = dated(s);
  if (d.length < 2) return null;
  const first = d[0]!;
  const last = d[d.length - 1]!;
  if (first.value === 0 || first.year === last.year) return null;
  return last.value / first.value;
}

/**
 * The change over a series as people read it: percentage points for a percent metric ("+0.48 pp"),
 * else the relative change ("+24%"); null with fewer than two dated points.
 */
export function seriesChange(s: IndicatorSeries): { text: string; up: boolean } | null {
  const d = dated(s);
  if (d.length < 2) return null;
  const first = d[0]!;
  const last = d[d.length - 1]!;
  if (first.year === last.year) return null;
  return formatChange(first.value, last.value, s.unit);
}

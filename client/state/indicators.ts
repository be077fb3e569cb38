/**
 * Indicators over time: the Indicator entities that hang off a subject (HAS_INDICATOR), grouped by
 * metric into series ordered by year, for the detail panel's small charts.
 */
import type { Entity } from '../../server/api/schemas';
import { timeSpan } from './filters';

export interface IndicatorPoint {
  id: string;
  name: string;
  /** the year the value is for (a period's last year), or null */
  year: number | null;
  /** how the time is stated: "2023", "2018–2024", or the period label */
  when: string;
  value: number;
  valueText: string;
  quote: string | null;
}

export interface IndicatorSeries {
  metric: string;
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
};

export function metricTitle(metric: string): string {
  const known = TITLES[metric];
  if (known) return known;
  const words = metric.split('-').join(' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Groups Indicator entities by metric; series sorted by title, points by year (timeless last). */
export function indicatorSeries(entities: readonly Entity[]): IndicatorSeries[] {
  const byMetric = new Map<string, IndicatorSeries>();
  for (const e of entities) {
    if (e.kind !== 'Indicator') continue;
    const p = e.properties;
    if (typeof p.metric !== 'string' || typeof p.value !== 'number') continue;
    const span = timeSpan(p);
    const label = typeof p.periodLabel === 'string' ? p.periodLabel : '';
    const when = span ? (span[0] === span[1] ? String(span[0]) : `${span[0]}–${span[1]}`) : label;
    const series = byMetric.get(p.metric) ?? {
      metric: p.metric,
      title: metricTitle(p.metric),
      unit: typeof p.unit === 'string' ? p.unit : '',
      currency: typeof p.currency === 'string' ? p.currency : null,
      points: [],
    };
    series.points.push({
      id: e.id,
      name: e.name,
      year: span ? span[1] : null,
      when,
      value: p.value,
      valueText: typeof p.valueText === 'string' ? p.valueText : String(p.value),
      quote: e.sources[0]?.quote ?? null,
    });
    byMetric.set(p.metric, series);
  }
  const list = [...byMetric.values()];
  for (const s of list)
    s.points.sort((a, b) => (a.year ?? Infinity) - (b.year ?? Infinity) || a.id.localeCompare(b.id));
  return list.sort((a, b) => b.points.length - a.points.length || a.title.localeCompare(b.title));
}

/** Growth between the first and last dated points of a series, as a ratio (1.24 = +24%), or null. */
export function seriesGrowth(s: IndicatorSeries): number | null {
  const dated = s.points.filter((p) => p.year !== null);
  if (dated.length < 2) return null;
  const first = dated[0]!;
  const last = dated[dated.length - 1]!;
  if (first.value === 0 || first.year === last.year) return null;
  return last.value / first.value;
}

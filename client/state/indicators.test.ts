import { describe, expect, it } from 'vitest';
import type { Entity } from '../../server/api/schemas';
import { indicatorSeries, metricTitle, seriesChange, seriesGrowth } from './indicators';

const ind = (id: string, properties: Record<string, unknown>): Entity => ({
  id,
  name: id,
  kind: 'Indicator',
  aliases: [],
  description: '',
  properties,
  sources: [{ source: 's', quote: `quote of ${id}` }],
  stats: { degree: { total: 1, in: 1, out: 0, byType: {} }, money: { in: [], out: [] } },
  figures: [],
  reportedFigures: [],
});

describe('indicators', () => {
  const series = indicatorSeries([
    ind('rd-2023', { metric: 'rd-intensity', value: 2.48, unit: 'percent', valueText: '2.48%', year: 2023 }),
    ind('rd-2018', { metric: 'rd-intensity', value: 2, unit: 'percent', valueText: '2%', year: 2018 }),
    ind('budget', {
      metric: 'fiscal-sci-tech-expenditure-cumulative',
      value: 63e9,
      unit: 'currency',
      currency: 'CNY',
      periodStart: 2018,
      periodEnd: 2024,
      valueText: '63 billion yuan',
    }),
    ind('odd', { metric: 'teams-gathered', value: 55, unit: 'count', periodLabel: 'since the unveiling' }),
    ind('bad', { value: 1 }),
  ]);

  it('groups by metric, orders points by year, longest series first', () => {
    expect(series.map((s) => s.metric)).toEqual([
      'rd-intensity',
      'fiscal-sci-tech-expenditure-cumulative',
      'teams-gathered',
    ]);
    expect(series[0]!.points.map((p) => [p.year, p.value, p.when])).toEqual([
      [2018, 2, '2018'],
      [2023, 2.48, '2023'],
    ]);
    expect(series[0]!.title).toBe('R&D intensity');
    expect(series[1]!.points[0]).toMatchObject({ year: 2024, when: '2018–2024', quote: 'quote of budget' });
    expect(series[1]!.currency).toBe('CNY');
    expect(series[2]!.points[0]).toMatchObject({ year: null, when: 'since the unveiling' });
  });

  it('computes growth and titles; a percent metric changes in percentage points', () => {
    expect(seriesGrowth(series[0]!)).toBeCloseTo(1.24);
    expect(seriesChange(series[0]!)).toEqual({ text: '+0.48 pp', up: true });
    expect(seriesGrowth(series[1]!)).toBeNull();
    expect(seriesChange(series[1]!)).toBeNull();
    expect(metricTitle('teams-gathered')).toBe('Teams gathered');
  });

  it('keeps one series per metric and base, with qualifiers and periods as stated', () => {
    const multiples = indicatorSeries([
      ind('vs-2018', {
        metric: 'fiscal-sci-tech-expenditure-multiple-of-base',
        value: 4.5,
        unit: 'times',
        valueText: '4.5 times that of 2018',
        qualifier: 'expected',
        year: 2025,
        baseYear: 2018,
      }),
      ind('vs-13th', {
        metric: 'fiscal-sci-tech-expenditure-multiple-of-base',
        value: 2.2,
        unit: 'times',
        valueText: '2.2 times that of the 13th Five-Year Plan period',
        periodStart: 2021,
        periodEnd: 2025,
        baseLabel: '13th Five-Year Plan period',
      }),
    ]);
    expect(multiples.map((s) => [s.base, s.points.length])).toEqual([
      ['vs 13th Five-Year Plan period', 1],
      ['vs 2018', 1],
    ]);
    expect(multiples[1]!.title).toBe('Fiscal S&T expenditure, multiple (vs 2018)');
    expect(multiples[1]!.points[0]!.figure.stated).toBe('expected 4.5 times that of 2018');
    expect(multiples[0]!.points[0]!.when).toBe('2021–2025');
    const money = indicatorSeries([
      ind('cny', { metric: 'm', value: 1e9, unit: 'currency', currency: 'CNY', valueText: '1 billion yuan', year: 1 }),
      ind('usd', { metric: 'm', value: 1e9, unit: 'currency', currency: 'USD', valueText: '$1 billion', year: 2 }),
    ]);
    expect(money).toHaveLength(2);
  });
});

import { describe, expect, it } from 'vitest';
import type { Flow } from '../../server/api/schemas';
import { flowCurrencies, flowsIn, funderTotals, pickCurrency, rankFlows, sankeyLayout } from './flows';

const ref = (id: string) => ({ id, name: id.toUpperCase(), kind: 'Fund' as const });
const flow = (id: string, hop: number, s: string, t: string, amount: number | null, currency = 'CNY'): Flow => ({
  hop,
  id,
  type: 'FUNDS',
  source: ref(s),
  target: ref(t),
  amount,
  currency: amount === null ? null : currency,
  amountText: null,
  year: null,
  periodLabel: null,
  instrument: null,
  program: null,
});

const flows = [
  flow('g-a', 1, 'g', 'a', 600),
  flow('g-b', 1, 'g', 'b', 400),
  flow('a-c', 2, 'a', 'c', 300),
  flow('b-c', 2, 'b', 'c', null),
  flow('c-g', 3, 'c', 'g', 50), // back to the root: a cycle
];

describe('follow the money', () => {
  it('ranks flows by amount, those without one last', () => {
    expect(rankFlows(flows).map((f) => f.id)).toEqual(['g-a', 'g-b', 'a-c', 'c-g', 'b-c']);
  });

  it('lays out a Sankey: columns by hop, band widths by amount, cycles left out', () => {
    const s = sankeyLayout(flows, 'g', 'down', 600, 300);
    const col = Object.fromEntries(s.nodes.map((n) => [n.id, n.column]));
    expect(col).toEqual({ g: 0, a: 1, b: 1, c: 2 });
    expect(s.links.map((l) => l.id)).toEqual(['g-a', 'g-b', 'a-c']);
    const [ga, gb, ac] = s.links;
    expect(ga!.thickness / gb!.thickness).toBeCloseTo(1.5);
    expect(ac!.thickness / ga!.thickness).toBeCloseTo(0.5);
    for (const n of s.nodes) {
      expect(n.y + n.height).toBeLessThanOrEqual(300 + 1e-6);
      expect(n.x + n.width).toBeLessThanOrEqual(600 + 1e-6);
    }
    expect(ga!.d).toMatch(/^M[\d.]+,[\d.]+ C/);
  });

  it('draws upstream flows with the money going left to right', () => {
    const up = [flow('a-r', 1, 'a', 'r', 10), flow('b-a', 2, 'b', 'a', 5)];
    const s = sankeyLayout(up, 'r', 'up', 300, 100);
    const x = Object.fromEntries(s.nodes.map((n) => [n.id, n.x]));
    expect(x.b).toBeLessThan(x.a!);
    expect(x.a).toBeLessThan(x.r!);
    expect(s.links).toHaveLength(2);
  });

  it('ranks and totals per currency, never across', () => {
    const mixed = [
      flow('usd-big', 1, 'nsf', 'u', 9e9, 'USD'),
      flow('cny-1', 1, 'g', 'a', 1e9),
      flow('cny-2', 1, 'g', 'b', 1e7),
      flow('cny-3', 2, 'a', 'b', 5e8),
      flow('usd-2', 1, 'nsf', 'v', 1e6, 'USD'),
      flow('none', 1, 'g', 'c', null),
    ];
    expect(rankFlows(mixed, ['CNY', 'USD']).map((f) => f.id)).toEqual([
      'cny-1',
      'cny-3',
      'cny-2',
      'usd-big',
      'usd-2',
      'none',
    ]);
    expect(rankFlows(mixed, ['USD'])[0]!.id).toBe('usd-big');
    expect(flowCurrencies(mixed)).toEqual(['CNY', 'USD']);
    expect(pickCurrency(mixed, 'USD')).toBe('USD');
    expect(pickCurrency(mixed, 'EUR')).toBe('CNY');
    expect(pickCurrency([flow('x', 1, 'a', 'b', null)], 'CNY')).toBeNull();
    expect(flowsIn(mixed, 'USD').map((f) => f.id)).toEqual(['usd-big', 'usd-2']);
    expect(funderTotals(mixed, ['CNY', 'USD'])).toEqual([
      { funder: ref('g'), currency: 'CNY', amount: 1.01e9, count: 2, recipients: 2 },
      { funder: ref('a'), currency: 'CNY', amount: 5e8, count: 1, recipients: 1 },
      { funder: ref('nsf'), currency: 'USD', amount: 9.001e9, count: 2, recipients: 2 },
    ]);
  });

  it('puts each band’s amount label in its middle', () => {
    const s = sankeyLayout([flow('a-b', 1, 'a', 'b', 10)], 'a', 'down', 200, 100);
    const l = s.links[0]!;
    expect(l.mid.x).toBeCloseTo(100);
    expect(l.mid.y).toBeGreaterThan(0);
    expect(l.mid.y).toBeLessThan(100);
  });

  it('copes with nothing to draw', () => {
    const s = sankeyLayout([flow('x', 1, 'a', 'b', null)], 'a', 'down', 100, 100);
    expect(s.links).toEqual([]);
  });
});

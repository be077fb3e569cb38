import { describe, expect, it } from 'vitest';
import type { Flow } from '../../server/api/schemas';
import { rankFlows, sankeyLayout } from './flows';

const ref = (id: string) => ({ id, name: id.toUpperCase(), kind: 'Fund' as const });
const flow = (id: string, hop: number, s: string, t: string, amount: number | null): Flow => ({
  hop,
  id,
  type: 'FUNDS',
  source: ref(s),
  target: ref(t),
  amount,
  currency: amount === null ? null : 'CNY',
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

  it('copes with nothing to draw', () => {
    const s = sankeyLayout([flow('x', 1, 'a', 'b', null)], 'a', 'down', 100, 100);
    expect(s.links).toEqual([]);
  });
});

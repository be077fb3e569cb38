import { describe, expect, it } from 'vitest';
import { BASE, emptyDataset, mergeGraph } from '../state/dataset';
import { sg } from '../state/testing';
import { BULK_CHANGES, emptyRenderGraph, syncRenderGraph } from './renderGraph';

const small = mergeGraph(
  emptyDataset(),
  sg(
    [
      ['gov', 'GovernmentBody'],
      ['lab', 'Lab'],
      ['uni', 'University'],
    ],
    [
      ['gov-funds-lab', 'gov', 'lab', 'FUNDS', { amount: 1e9, currency: 'CNY' }],
      ['lab-collab-uni', 'lab', 'uni', 'COLLABORATES_WITH'],
    ],
  ),
  BASE,
).dataset;

describe('render graph sync', () => {
  it('adds what is new in place, with the same positions for the same data', () => {
    const live = emptyRenderGraph();
    const r = syncRenderGraph(live, small);
    expect(r).toMatchObject({ bulk: false, added: ['gov', 'lab', 'uni'] });
    expect(r.graph).toBe(live);
    expect(live.edges().sort()).toEqual(['gov-funds-lab', 'lab-collab-uni']);
    const again = syncRenderGraph(emptyRenderGraph(), small).graph;
    expect(again.getNodeAttributes('lab')).toMatchObject({ x: live.getNodeAttribute('lab', 'x') });
  });

  it('drops what left the data set and places a newcomer near a placed neighbour', () => {
    const live = emptyRenderGraph();
    syncRenderGraph(live, small);
    const lab = live.getNodeAttributes('lab');
    const next = mergeGraph(
      mergeGraph(emptyDataset(), sg([['lab', 'Lab']]), BASE).dataset,
      sg(
        [
          ['lab', 'Lab'],
          ['fund', 'Fund'],
        ],
        [['fund-invests-lab', 'fund', 'lab', 'INVESTS_IN']],
      ),
      'exp:lab',
    ).dataset;
    const r = syncRenderGraph(live, next);
    expect(r.added).toEqual(['fund']);
    expect(live.nodes().sort()).toEqual(['fund', 'lab']);
    expect(live.edges()).toEqual(['fund-invests-lab']);
    const f = live.getNodeAttributes('fund');
    expect(Math.hypot(f.x - lab.x, f.y - lab.y)).toBeLessThanOrEqual(15);
  });

  it('past BULK_CHANGES builds a copy and leaves the live graph alone', () => {
    const live = emptyRenderGraph();
    syncRenderGraph(live, small);
    const many = Array.from({ length: BULK_CHANGES + 1 }, (_, i) => [`n${i}`, 'Lab'] as [string, 'Lab']);
    const big = mergeGraph(small, sg(many), BASE).dataset;
    const r = syncRenderGraph(live, big);
    expect(r.bulk).toBe(true);
    expect(r.graph).not.toBe(live);
    expect(r.graph.order).toBe(3 + BULK_CHANGES + 1);
    expect(live.order).toBe(3);
  });
});

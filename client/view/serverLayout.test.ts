/**
 * Server positions in the render graph: nodes of /api/graph that carry the server layout's x, y are
 * drawn there (no layout needed on load); nodes without (an expansion) are placed near a neighbour.
 */
import { describe, expect, it } from 'vitest';
import type { SerializedGraph } from '../../server/api/schemas';
import { emptyDataset, mergeGraph } from '../state/dataset';
import { emptyRenderGraph, placedByServer, serverPosition, syncRenderGraph } from './renderGraph';

const graph = (
  nodes: [string, Record<string, unknown>][],
  edges: [string, string, string][] = [],
): SerializedGraph => ({
  options: { type: 'directed', multi: true, allowSelfLoops: true },
  attributes: { truncated: false },
  nodes: nodes.map(([key, extra]) => ({ key, attributes: { name: key, kind: 'Lab', ...extra } })),
  edges: edges.map(([key, source, target]) => ({ key, source, target, attributes: { type: 'COLLABORATES_WITH' } })),
});

describe('server positions', () => {
  it('reads finite x, y only', () => {
    expect(serverPosition({ x: 1.5, y: -2 })).toEqual({ x: 1.5, y: -2 });
    expect(serverPosition({ x: 1 })).toBeNull();
    expect(serverPosition({ x: Number.NaN, y: 0 })).toBeNull();
    expect(serverPosition({ x: '1', y: 2 })).toBeNull();
  });

  it('draws nodes at the server positions and says no layout is needed when all have one', () => {
    const ds = mergeGraph(
      emptyDataset(),
      graph(
        [
          ['a', { x: 100, y: 200 }],
          ['b', { x: -50, y: 10 }],
        ],
        [['e', 'a', 'b']],
      ),
      'base',
    ).dataset;
    expect(placedByServer(ds)).toBe(true);
    const { graph: g } = syncRenderGraph(emptyRenderGraph(), ds);
    expect(g.getNodeAttributes('a')).toMatchObject({ x: 100, y: 200 });
    expect(g.getNodeAttributes('b')).toMatchObject({ x: -50, y: 10 });
  });

  it('places an expanded node without a position near its neighbour, and keeps the placed ones', () => {
    let ds = mergeGraph(emptyDataset(), graph([['a', { x: 100, y: 200 }]]), 'base').dataset;
    const live = syncRenderGraph(emptyRenderGraph(), ds).graph;
    ds = mergeGraph(
      ds,
      graph(
        [
          ['a', {}],
          ['c', {}],
        ],
        [['e2', 'a', 'c']],
      ),
      'expand:a',
    ).dataset;
    expect(placedByServer(ds)).toBe(false);
    const { graph: g } = syncRenderGraph(live, ds);
    expect(g.getNodeAttributes('a')).toMatchObject({ x: 100, y: 200 });
    const c = g.getNodeAttributes('c');
    expect(Math.hypot(c.x - 100, c.y - 200)).toBeLessThanOrEqual(15);
    expect(placedByServer(emptyDataset())).toBe(false);
  });
});

import Graph from 'graphology';
import { describe, expect, it } from 'vitest';
import { replaceGraph, repointGraphHolders } from './sigmaGraph';

/** sigma 4.0.4's shape where the stale graph lives (its EdgeGroupIndex looks edges up in `graph`). */
class StaleSigma {
  graph: Graph;
  readonly edgeGroups: { graph: Graph; register(edge: string): string };
  readonly internals: { dragManager: { graph: Graph } };
  constructor(g: Graph) {
    this.graph = g;
    const groups = {
      graph: g,
      register: (edge: string) => `${groups.graph.source(edge)}|${groups.graph.target(edge)}`,
    };
    this.edgeGroups = groups;
    this.internals = { dragManager: { graph: g } };
  }
  setGraph(g: Graph): void {
    this.graph = g;
  }
}

describe('replaceGraph', () => {
  it('points the parallel-edge index and the drag manager at the new graph', () => {
    const first = new Graph({ multi: true });
    const sigma = new StaleSigma(first);
    const next = new Graph({ multi: true });
    next.addNode('a');
    next.addNode('b');
    next.addDirectedEdgeWithKey('collab-1', 'a', 'b');
    // the failure of issue 10: the index still reads the graph sigma was created with
    sigma.setGraph(next);
    expect(() => sigma.edgeGroups.register('collab-1')).toThrow(/could not find the "collab-1" edge/);
    replaceGraph(sigma, next);
    expect(sigma.graph).toBe(next);
    expect(sigma.edgeGroups.register('collab-1')).toBe('a|b');
    expect(sigma.internals.dragManager.graph).toBe(next);
  });

  it('leaves an object without those holders alone', () => {
    const plain = { other: 1 };
    repointGraphHolders(plain, new Graph());
    expect(plain).toEqual({ other: 1 });
  });
});

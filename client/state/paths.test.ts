import { describe, expect, it } from 'vitest';
import type { Path } from '../../server/api/schemas';
import { hopText, pathItems, pathSteps, pathText, pathsGraph } from './paths';

const path: Path = {
  nodes: [
    { id: 'gov', name: 'Government', kind: 'GovernmentBody' },
    { id: 'lab', name: 'Lab', kind: 'Lab' },
    { id: 'team', name: 'Team', kind: 'Lab' },
  ],
  relationships: [
    { id: 'r1', type: 'FUNDS', source: 'gov', target: 'lab', properties: { amount: 1 } },
    { id: 'r2', type: 'PART_OF', source: 'team', target: 'lab', properties: {} },
  ],
  hops: [
    { count: 1, relationships: [{ id: 'r1', type: 'FUNDS', source: 'gov', target: 'lab', properties: { amount: 1 } }] },
    { count: 1, relationships: [{ id: 'r2', type: 'PART_OF', source: 'team', target: 'lab', properties: {} }] },
  ],
};

describe('paths', () => {
  it('tells each step with its true direction', () => {
    expect(pathSteps(path).map((s) => [s.from.id, s.type, s.forward, s.to.id])).toEqual([
      ['gov', 'FUNDS', true, 'lab'],
      ['lab', 'PART_OF', false, 'team'],
    ]);
    expect(pathText(path)).toBe('Government —FUNDS→ Lab ←PART_OF— Team');
    expect(pathText({ nodes: [path.nodes[0]!], relationships: [], hops: [] })).toBe('Government');
  });

  it('collects the ids to highlight', () => {
    const { nodes, edges } = pathItems([path]);
    expect([...nodes]).toEqual(['gov', 'lab', 'team']);
    expect([...edges]).toEqual(['r1', 'r2']);
  });

  it('tells parallel relationships of a step, and maps them to the edges drawn', () => {
    const f = (id: string, type: 'FUNDS' | 'INVESTS_IN') => ({
      id,
      type,
      source: 'gov',
      target: 'lab',
      properties: {},
    });
    const parallel = {
      ...path,
      relationships: [f('a1', 'FUNDS'), path.relationships[1]!],
      hops: [{ count: 3, relationships: [f('a1', 'FUNDS'), f('a2', 'FUNDS'), f('i1', 'INVESTS_IN')] }, path.hops[1]!],
    };
    expect(hopText(parallel.hops[0]!)).toBe('3 relationships: 2 awards, 1 investment');
    expect(hopText({ count: 30, relationships: [f('a1', 'FUNDS')] })).toBe('30 relationships (first 1: 1 award)');
    expect(hopText(path.hops[0]!)).toBeNull();
    expect(pathSteps(parallel)[0]!.hop?.count).toBe(3);
    const drawn = new Map([
      ['a1', 'FUNDS:gov->lab'],
      ['a2', 'FUNDS:gov->lab'],
    ]);
    expect([...pathItems([parallel], drawn).edges].sort()).toEqual(['FUNDS:gov->lab', 'i1', 'r2']);
    // a relationship the network draws already (as a merged edge) is not added again
    expect(pathsGraph({ paths: [parallel] }, drawn).edges.map((e) => e.key)).toEqual(['r2']);
    expect(pathsGraph({ paths: [parallel] }).edges.map((e) => e.key)).toEqual(['a1', 'r2']);
  });
});

import { describe, expect, it } from 'vitest';
import type { Path } from '../../server/api/schemas';
import { pathItems, pathSteps, pathText } from './paths';

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
});

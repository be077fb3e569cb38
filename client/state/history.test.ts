import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BASE, emptyDataset, mergeGraph, type Dataset } from './dataset';
import { collapse, describeOp, emptyHistory, expand, expandedRoots, undo } from './history';
import { sg } from './testing';

function start(): Dataset {
  return mergeGraph(
    emptyDataset(),
    sg(
      [
        ['gov', 'GovernmentBody'],
        ['lab', 'Lab'],
      ],
      [['gov-funds-lab', 'gov', 'lab', 'FUNDS']],
    ),
    BASE,
  ).dataset;
}

const labHood = sg(
  [
    ['lab', 'Lab'],
    ['t1', 'Lab'],
    ['t2', 'Lab'],
    ['gov', 'GovernmentBody'],
  ],
  [
    ['t1-lab', 't1', 'lab', 'PART_OF'],
    ['t2-lab', 't2', 'lab', 'PART_OF'],
    ['gov-funds-lab', 'gov', 'lab', 'FUNDS'],
  ],
);
const t1Hood = sg(
  [
    ['t1', 'Lab'],
    ['f', 'Field'],
    ['lab', 'Lab'],
  ],
  [
    ['t1-f', 't1', 'f', 'FOCUSES_ON'],
    ['t1-lab', 't1', 'lab', 'PART_OF'],
  ],
);

describe('expand, collapse, undo', () => {
  it('expand adds the neighbourhood and says what appeared', () => {
    const s = expand(start(), emptyHistory(), 'lab', labHood);
    expect([...s.dataset.nodes.keys()].sort()).toEqual(['gov', 'lab', 't1', 't2']);
    expect(s.added).toEqual({ nodes: ['t1', 't2'], edges: ['t1-lab', 't2-lab'] });
    expect(s.history.ops).toHaveLength(1);
    expect(expandedRoots(s.dataset, s.history)).toEqual(['lab']);
    expect(describeOp(s.history.ops[0]!, (id) => id.toUpperCase())).toBe('expand LAB (+2)');
  });

  it('an expansion that brings nothing new is not an operation', () => {
    const s1 = expand(start(), emptyHistory(), 'lab', labHood);
    const s2 = expand(s1.dataset, s1.history, 'lab', labHood);
    expect(s2.history).toBe(s1.history);
    expect(s2.dataset).toBe(s1.dataset);
  });

  it('collapse takes out what only that expansion keeps; the root and shared nodes stay', () => {
    const s1 = expand(start(), emptyHistory(), 'lab', labHood);
    const s2 = expand(s1.dataset, s1.history, 't1', t1Hood);
    const s3 = collapse(s2.dataset, s2.history, 'lab');
    // t1 stays: its own expansion keeps it; t2 goes
    expect([...s3.dataset.nodes.keys()].sort()).toEqual(['f', 'gov', 'lab', 't1']);
    expect(s3.removed).toEqual({ nodes: ['t2'], edges: ['t2-lab'] });
    expect(expandedRoots(s3.dataset, s3.history)).toEqual(['t1']);
    // collapsing something not expanded changes nothing
    const s4 = collapse(s3.dataset, s3.history, 'gov');
    expect(s4.dataset).toBe(s3.dataset);
  });

  it('collapse keeps a root that only its own expansion brought', () => {
    const s1 = expand(emptyDataset(), emptyHistory(), 'lab', labHood);
    const s2 = collapse(s1.dataset, s1.history, 'lab');
    expect([...s2.dataset.nodes.keys()]).toEqual(['lab']);
    const back = undo(s2.dataset, s2.history);
    expect(back.dataset).toEqual(s1.dataset);
  });

  it('undo reverts collapse then expand, step by step, back to the start', () => {
    const s0 = start();
    const s1 = expand(s0, emptyHistory(), 'lab', labHood);
    const s2 = collapse(s1.dataset, s1.history, 'lab');
    const u1 = undo(s2.dataset, s2.history);
    expect(u1.undone?.kind).toBe('collapse');
    expect(u1.dataset).toEqual(s1.dataset);
    expect(u1.added.nodes).toEqual(['t1', 't2']);
    const u2 = undo(u1.dataset, u1.history);
    expect(u2.undone?.kind).toBe('expand');
    expect(u2.dataset).toEqual(s0);
    expect(u2.removed.nodes.sort()).toEqual(['t1', 't2']);
    const u3 = undo(u2.dataset, u2.history);
    expect(u3.undone).toBeNull();
  });

  it('any sequence of expands and collapses, undone in full, gives back the start (property)', () => {
    const hoods: Record<string, ReturnType<typeof sg>> = {
      lab: labHood,
      t1: t1Hood,
      gov: sg(
        [
          ['gov', 'GovernmentBody'],
          ['x', 'Fund'],
        ],
        [['x-gov', 'x', 'gov', 'MANAGES']],
      ),
    };
    const op = fc.record({ kind: fc.constantFrom('expand', 'collapse'), root: fc.constantFrom('lab', 't1', 'gov') });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 12 }), (ops) => {
        const s0 = start();
        let ds = s0;
        let h = emptyHistory();
        for (const o of ops) {
          const s = o.kind === 'expand' ? expand(ds, h, o.root, hoods[o.root]!) : collapse(ds, h, o.root);
          ds = s.dataset;
          h = s.history;
          // every edge joins nodes that are there
          for (const e of ds.edges.values()) expect(ds.nodes.has(e.source) && ds.nodes.has(e.target)).toBe(true);
        }
        while (h.ops.length > 0) {
          const u = undo(ds, h);
          ds = u.dataset;
          h = u.history;
        }
        expect(ds).toEqual(s0);
      }),
      { numRuns: 200 },
    );
  });
});

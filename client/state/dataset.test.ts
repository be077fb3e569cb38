import { describe, expect, it } from 'vitest';
import {
  BASE,
  PINNED,
  degrees,
  emptyDataset,
  expandOwner,
  isExpanded,
  mergeGraph,
  moneyMoved,
  moneyOf,
  neighbours,
  releaseOwner,
  restoreRemoval,
} from './dataset';
import { sg } from './testing';

const base = sg(
  [
    ['gov', 'GovernmentBody'],
    ['lab', 'Lab'],
  ],
  [['gov-funds-lab', 'gov', 'lab', 'FUNDS', { amount: 1e9, currency: 'CNY' }]],
);

describe('data set', () => {
  it('merges an API graph under an owner and reports what is new', () => {
    const { dataset, change } = mergeGraph(emptyDataset(), base, BASE);
    expect([...dataset.nodes.keys()]).toEqual(['gov', 'lab']);
    expect(dataset.edges.get('gov-funds-lab')).toMatchObject({ type: 'FUNDS', attrs: { amount: 1e9 } });
    expect(change).toEqual({ addedNodes: ['gov', 'lab'], addedEdges: ['gov-funds-lab'], gainedOwner: [] });
    const again = mergeGraph(dataset, base, BASE);
    expect(again.change).toEqual({ addedNodes: [], addedEdges: [], gainedOwner: [] });
  });

  it('gives existing nodes the new owner and skips edges with a missing end', () => {
    const ds = mergeGraph(emptyDataset(), base, BASE).dataset;
    const more = sg(
      [
        ['lab', 'Lab'],
        ['team', 'Lab'],
      ],
      [
        ['team-part-of-lab', 'team', 'lab', 'PART_OF'],
        ['dangling', 'team', 'nowhere', 'PART_OF'],
      ],
    );
    const { dataset, change } = mergeGraph(ds, more, expandOwner('lab'));
    expect(change).toEqual({ addedNodes: ['team'], addedEdges: ['team-part-of-lab'], gainedOwner: ['lab'] });
    expect(dataset.nodes.get('lab')!.owners).toEqual([BASE, 'expand:lab']);
    expect(isExpanded(dataset, 'lab')).toBe(true);
    expect(isExpanded(dataset, 'gov')).toBe(false);
    // the original is untouched
    expect(ds.nodes.get('lab')!.owners).toEqual([BASE]);
    expect(ds.nodes.has('team')).toBe(false);
  });

  it('releasing an owner removes only the nodes nothing else keeps, with their edges, and can be undone', () => {
    let ds = mergeGraph(emptyDataset(), base, BASE).dataset;
    ds = mergeGraph(
      ds,
      sg(
        [
          ['lab', 'Lab'],
          ['team', 'Lab'],
        ],
        [['t', 'team', 'lab', 'PART_OF']],
      ),
      'expand:lab',
    ).dataset;
    const { dataset, removal } = releaseOwner(ds, 'expand:lab');
    expect([...dataset.nodes.keys()]).toEqual(['gov', 'lab']);
    expect([...dataset.edges.keys()]).toEqual(['gov-funds-lab']);
    expect(removal.removedNodes.map((n) => n.id)).toEqual(['team']);
    expect(removal.removedEdges.map((e) => e.id)).toEqual(['t']);
    expect(removal.lostOwner).toEqual(['lab']);
    expect(restoreRemoval(dataset, removal)).toEqual(ds);
  });

  it('pins a kept node instead of removing it', () => {
    const ds = mergeGraph(
      emptyDataset(),
      sg(
        [
          ['x', 'Lab'],
          ['y', 'Lab'],
        ],
        [['e', 'x', 'y', 'PART_OF']],
      ),
      'expand:x',
    ).dataset;
    const { dataset, removal } = releaseOwner(ds, 'expand:x', 'x');
    expect([...dataset.nodes.keys()]).toEqual(['x']);
    expect(dataset.nodes.get('x')!.owners).toEqual([PINNED]);
    expect(removal.pinned).toBe('x');
    expect(restoreRemoval(dataset, removal)).toEqual(ds);
  });

  it('computes degrees, money moved and neighbours', () => {
    const ds = mergeGraph(
      emptyDataset(),
      sg(
        [
          ['a', 'Fund'],
          ['b', 'Lab'],
          ['c', 'Region'],
        ],
        [
          ['ab', 'a', 'b', 'INVESTS_IN', { amount: 5, currency: 'CNY' }],
          ['ab2', 'a', 'b', 'FUNDS', { amount: 7, currency: 'CNY' }],
          ['cb', 'c', 'b', 'FUNDS', { amount: 1000, currency: 'USD' }],
          ['bc', 'b', 'c', 'LOCATED_IN'],
          ['nomoney', 'a', 'c', 'FUNDS'],
        ],
      ),
      BASE,
    ).dataset;
    expect(Object.fromEntries(degrees(ds))).toEqual({ a: 3, b: 4, c: 3 });
    // one currency at a time: the USD funder is not sized by yuan, nor summed with them
    expect(Object.fromEntries(moneyMoved(ds, 'CNY'))).toEqual({ a: 12, b: 12 });
    expect(Object.fromEntries(moneyMoved(ds, 'USD'))).toEqual({ b: 1000, c: 1000 });
    expect(neighbours(ds, 'b').map((n) => [n.node.id, n.direction])).toEqual([
      ['a', 'in'],
      ['a', 'in'],
      ['c', 'in'],
      ['c', 'out'],
    ]);
    expect(
      moneyOf({
        id: 'x',
        source: 'a',
        target: 'b',
        type: 'CO_FUNDS',
        attrs: { amounts: [{ amount: 2 }, { amount: 3 }] },
      }),
    ).toBe(5);
  });
});

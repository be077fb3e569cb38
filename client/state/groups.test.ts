/**
 * The overview view's data: groups from /api/overview as a data set, groups opened in place and closed,
 * the sizes drawn, and the overview's URL state.
 */
import { describe, expect, it } from 'vitest';
import type { MembersPage, OverviewGraph } from '../../server/api/overviewSchemas';
import { closeGroup, groupInfo, groupSizes, groupsDataset, isGroupId, isOpen, openGroup } from './groups';
import { decodeUrlState, defaultUrlState, encodeUrlState } from './url';

const group = (key: string, members: number, size: number, kinds: Record<string, number>) => ({
  key,
  attributes: {
    label: `Group ${key}`,
    by: 'community' as const,
    members,
    money: { in: [], out: [] },
    kinds,
    top: [],
    internal: 0,
    size,
    forceLabel: members > 5,
    x: members,
    y: -members,
  },
});

const overview: OverviewGraph = {
  options: { type: 'directed', multi: true, allowSelfLoops: false },
  attributes: {
    by: 'community',
    size: 'members',
    currency: 'USD',
    currencies: ['USD'],
    nodes: 13,
    totalNodes: 20,
    hiddenKinds: ['Person', 'Program', 'Indicator'],
    totalGroups: 2,
    layout: 'ready',
    nodeLayout: 'ready',
  },
  nodes: [group('community:0', 10, 10, { Lab: 7, University: 3 }), group('community:1', 3, 3, { Fund: 3 })],
  edges: [
    {
      key: 'community:1>community:0:money:USD',
      source: 'community:1',
      target: 'community:0',
      attributes: { family: 'money', currency: 'USD', total: 5e6, count: 4 },
    },
    {
      key: 'community:0>community:1:collaboration:-',
      source: 'community:0',
      target: 'community:1',
      attributes: { family: 'collaboration', currency: null, total: 0, count: 2 },
    },
  ],
};

const page = (ids: string[]): MembersPage => ({
  group: { id: 'community:0', label: 'Group community:0', members: 10 },
  nextCursor: null,
  graph: {
    options: { type: 'directed', multi: true, allowSelfLoops: true },
    attributes: { truncated: false, totalNodes: ids.length, layout: 'ready' },
    nodes: ids.map((id, i) => ({
      key: id,
      attributes: { name: id, kind: 'Lab', group: 'community:0', degree: 10 - i, forceLabel: i === 0, x: i, y: i },
    })),
    edges: [{ key: 'e1', source: ids[0]!, target: ids[1]!, attributes: { type: 'COLLABORATES_WITH' } }],
  },
});

describe('groups data set', () => {
  it('turns groups into nodes of their main kind at the server positions, aggregates into drawn edges', () => {
    const ds = groupsDataset(overview);
    const g0 = ds.nodes.get('community:0')!;
    expect(g0).toMatchObject({ name: 'Group community:0', kind: 'Lab' });
    expect(g0.attrs).toMatchObject({ x: 10, y: -10, forceLabel: true, group: true });
    expect(ds.nodes.get('community:1')!.kind).toBe('Fund');
    const money = ds.edges.get('community:1>community:0:money:USD')!;
    expect(money).toMatchObject({ type: 'FUNDS', source: 'community:1', target: 'community:0' });
    expect(money.attrs).toMatchObject({ amount: 5e6, currency: 'USD', count: 4 });
    expect(ds.edges.get('community:0>community:1:collaboration:-')!.type).toBe('COLLABORATES_WITH');
  });

  it('opens a group in place and closes it back', () => {
    const ds = groupsDataset(overview);
    const opened = openGroup(ds, 'community:0', page(['lab-a', 'lab-b']));
    expect(opened.added).toEqual(['lab-a', 'lab-b']);
    expect(isOpen(opened.dataset, 'community:0')).toBe(true);
    expect(opened.dataset.edges.has('e1')).toBe(true);
    const closed = closeGroup(opened.dataset, 'community:0');
    expect(isOpen(closed, 'community:0')).toBe(false);
    expect([...closed.nodes.keys()].sort()).toEqual(['community:0', 'community:1']);
    expect(closed.edges.has('e1')).toBe(false);
  });

  it('sizes groups as the server did and members below them', () => {
    const ds = openGroup(groupsDataset(overview), 'community:0', page(['lab-a', 'lab-b'])).dataset;
    const sizes = groupSizes(ds);
    expect(sizes.get('community:0')).toBe(10);
    expect(sizes.get('community:1')).toBe(3);
    expect(sizes.get('lab-a')).toBe(1);
    expect(sizes.get('lab-b')).toBeCloseTo(0.9);
  });

  it('describes a group for the detail panel: members, kinds (most first), open or closed', () => {
    const ds = groupsDataset(overview);
    expect(groupInfo(ds, 'community:0')).toEqual({
      id: 'community:0',
      label: 'Group community:0',
      members: 10,
      kinds: [
        ['Lab', 7],
        ['University', 3],
      ],
      top: [],
      open: false,
    });
    const opened = openGroup(ds, 'community:0', page(['lab-a', 'lab-b'])).dataset;
    expect(groupInfo(opened, 'community:0')!.open).toBe(true);
    expect(groupInfo(opened, 'community:1')!.open).toBe(false);
    expect(groupInfo(opened, 'lab-a')).toBeNull();
    expect(groupInfo(opened, 'nothing')).toBeNull();
  });

  it('recognises group ids', () => {
    expect(isGroupId('community:0')).toBe(true);
    expect(isGroupId('region:us-ca')).toBe(true);
    expect(isGroupId('kind:Lab')).toBe(true);
    expect(isGroupId('planet:x')).toBe(false);
    expect(isGroupId('jinfeng-laboratory')).toBe(false);
  });
});

describe('overview URL state', () => {
  it('keeps the grouping, the size, the open groups and the hidden kinds brought back', () => {
    const s = { ...defaultUrlState(), view: 'groups' as const, groupBy: 'region' as const };
    s.groupSize = 'money';
    s.openGroups = ['region:california', 'region:none'];
    s.groupShow = true;
    const q = encodeUrlState(s);
    expect(q).toBe('view=groups&by=region&gsize=money&open=region:california,region:none&gshow=1');
    expect(decodeUrlState(q)).toEqual(s);
  });

  it('opens a large graph on the overview unless the link names the network view', () => {
    expect(decodeUrlState('').autoView).toBe(true);
    expect(decodeUrlState('view=nonsense').autoView).toBe(true);
    expect(decodeUrlState('view=network').autoView).toBe(false);
    expect(encodeUrlState({ ...defaultUrlState(), autoView: false })).toBe('view=network');
    expect(decodeUrlState('open=community:0,bad id,planet:x').openGroups).toEqual(['community:0']);
  });
});

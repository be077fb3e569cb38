/**
 * Unit tests of the overview's grouping and aggregation (server/overview/groups.ts, aggregate.ts) on a
 * small hand-made projection, and of the structure hash the layout cache is keyed by.
 */
import { describe, expect, it } from 'vitest';
import { buildOverview, familyOf, finalGroups, mainCurrency } from '../../server/overview/aggregate';
import { assignGroups } from '../../server/overview/groups';
import { structureHash } from '../../server/overview/hash';
import type { ProjEdge, ProjNode, Projection } from '../../server/overview/types';

const n = (id: string, kind: ProjNode['kind'], name = id): ProjNode => ({ id, kind, name });
const e = (id: string, source: string, target: string, type: ProjEdge['type'], extra: Partial<ProjEdge> = {}) => ({
  id,
  source,
  target,
  type,
  ...extra,
});

/** Two funders, four recipients in two regions, one programme, a deal without per-participant amounts. */
function sample(): Projection {
  return {
    nodes: [
      n('country', 'Region', 'Country'),
      n('north', 'Region', 'North'),
      n('south', 'Region', 'South'),
      n('gov', 'GovernmentBody', 'Government'),
      n('fund', 'Fund', 'Fund'),
      n('lab-a', 'Lab', 'Lab A'),
      n('lab-b', 'Lab', 'Lab B'),
      n('uni', 'University', 'University'),
      n('co', 'Enterprise', 'Company'),
      n('prog', 'Program', 'Programme'),
      n('alice', 'Person', 'Alice'),
    ],
    edges: [
      e('north-in', 'north', 'country', 'PART_OF'),
      e('south-in', 'south', 'country', 'PART_OF'),
      e('lab-a-in', 'lab-a', 'north', 'LOCATED_IN'),
      e('lab-b-in', 'lab-b', 'north', 'LOCATED_IN'),
      e('uni-in', 'uni', 'south', 'LOCATED_IN'),
      e('g1', 'gov', 'lab-a', 'FUNDS', { amount: 100, currency: 'USD', program: 'prog' }),
      e('g2', 'gov', 'lab-a', 'FUNDS', { amount: 50, currency: 'USD', program: 'prog' }),
      e('g3', 'gov', 'lab-b', 'FUNDS', { amount: 10, currency: 'USD' }),
      e('f1', 'fund', 'lab-b', 'FUNDS', { amount: 5, currency: 'USD' }),
      e('f2', 'fund', 'lab-b', 'FUNDS', { amount: 5, currency: 'USD' }),
      e('f3', 'fund', 'co', 'INVESTS_IN', { amount: 7, currency: 'EUR' }),
      e('d1', 'gov', 'uni', 'FUNDS', { deal: 'deal-1' }),
      e('d2', 'fund', 'uni', 'FUNDS', { deal: 'deal-1' }),
      e('c1', 'lab-a', 'uni', 'COLLABORATES_WITH'),
      e('c2', 'uni', 'lab-b', 'COLLABORATES_WITH'),
      e('p1', 'alice', 'lab-a', 'AFFILIATED_WITH'),
    ],
    deals: new Map([['deal-1', { amount: 1000, currency: 'USD' }]]),
  };
}

const all = (p: Projection) => new Set(p.nodes.map((x) => x.id));

describe('assignGroups', () => {
  it('groups by kind', async () => {
    const p = sample();
    const a = await assignGroups(p, all(p), 'kind');
    expect(a.groupOf.get('lab-a')).toBe('Lab');
    expect(a.groupOf.get('lab-b')).toBe('Lab');
    expect(a.groupOf.get('gov')).toBe('GovernmentBody');
  });

  it('groups by region through the LOCATED_IN / PART_OF chain; none without one', async () => {
    const p = sample();
    const a = await assignGroups(p, all(p), 'region');
    expect(a.groupOf.get('lab-a')).toBe('north');
    expect(a.groupOf.get('uni')).toBe('south');
    expect(a.groupOf.get('north')).toBe('country');
    expect(a.groupOf.get('gov')).toBe('none');
    expect(a.labelOf.get('north')).toBe('North');
  });

  it('groups recipients by their main funder (most money relationships), a funder leads its own group', async () => {
    const p = sample();
    const a = await assignGroups(p, all(p), 'funder');
    expect(a.groupOf.get('lab-a')).toBe('gov');
    // lab-b: gov once, fund twice
    expect(a.groupOf.get('lab-b')).toBe('fund');
    expect(a.groupOf.get('co')).toBe('fund');
    expect(a.groupOf.get('gov')).toBe('gov');
    expect(a.groupOf.get('fund')).toBe('fund');
    expect(a.groupOf.get('north')).toBe('none');
    expect(a.labelOf.get('gov')).toBe('Government');
  });

  it('groups by the programme named by the money, a Program node in its own group', async () => {
    const p = sample();
    const a = await assignGroups(p, all(p), 'programme');
    expect(a.groupOf.get('lab-a')).toBe('prog');
    expect(a.groupOf.get('gov')).toBe('prog');
    expect(a.groupOf.get('prog')).toBe('prog');
    expect(a.groupOf.get('lab-b')).toBe('none');
    expect(a.labelOf.get('prog')).toBe('Programme');
  });

  it('numbers communities by size, largest first', async () => {
    const p = sample();
    const communities = new Map<string, number>(p.nodes.map((x) => [x.id, x.kind === 'Region' ? 7 : 3]));
    communities.set('alice', 9);
    const a = await assignGroups(p, all(p), 'community', communities);
    expect(a.groupOf.get('gov')).toBe('0');
    expect(a.groupOf.get('north')).toBe('1');
    expect(a.groupOf.get('alice')).toBe('2');
  });

  it('only groups visible nodes', async () => {
    const p = sample();
    const visible = all(p);
    visible.delete('alice');
    expect((await assignGroups(p, visible, 'kind')).groupOf.has('alice')).toBe(false);
  });
});

describe('buildOverview', () => {
  const opts = { size: 'members' as const, currency: 'USD', limit: 100, labels: 2, top: 2 };

  it('aggregates money per pair of groups and currency, collaboration once per pair, and counts inside', async () => {
    const p = sample();
    const visible = all(p);
    visible.delete('alice');
    const a = await assignGroups(p, visible, 'kind');
    const o = await buildOverview(p, visible, a, { ...opts, by: 'kind' });
    const edge = (key: string) => o.edges.find((x) => x.key === key)?.attributes;
    expect(edge('kind:GovernmentBody>kind:Lab:money:USD')).toEqual({
      family: 'money',
      currency: 'USD',
      total: 160,
      count: 3,
    });
    expect(edge('kind:Fund>kind:Enterprise:money:EUR')).toMatchObject({ total: 7, count: 1 });
    // the deal states no participant amounts or shares: counted, without an amount
    expect(edge('kind:GovernmentBody>kind:University:money:-')).toMatchObject({ total: 0, count: 1 });
    // lab-a → uni and uni → lab-b: one undirected pair
    expect(edge('kind:Lab>kind:University:collaboration:-')).toMatchObject({ count: 2 });
    expect(o.edges.some((x) => x.attributes.family === 'other')).toBe(false); // alice is hidden
    const labs = o.nodes.find((x) => x.key === 'kind:Lab')!.attributes;
    expect(labs.members).toBe(2);
    expect(labs.money.in).toEqual([{ currency: 'USD', amount: 170, count: 5 }]);
    // both have 5 relationships: ties by id
    expect(labs.top.map((t) => t.id)).toEqual(['lab-a', 'lab-b']);
    const regions = o.nodes.find((x) => x.key === 'kind:Region')!.attributes;
    expect(regions.internal).toBe(2);
    // the deal counts once, with its stated total, for the university that receives all of it
    const uni = o.nodes.find((x) => x.key === 'kind:University')!.attributes;
    expect(uni.money.in).toEqual([{ currency: 'USD', amount: 1000, count: 1 }]);
    expect(o.nodes.filter((x) => x.attributes.forceLabel)).toHaveLength(2);
    expect(o.nodes[0]!.attributes.members).toBeGreaterThanOrEqual(o.nodes[1]!.attributes.members);
  });

  it('sizes by money in the chosen currency', async () => {
    const p = sample();
    const a = await assignGroups(p, all(p), 'kind');
    const o = await buildOverview(p, all(p), a, { ...opts, by: 'kind', size: 'money', currency: 'EUR' });
    expect(o.nodes[0]!.key).toMatch(/^kind:(Fund|Enterprise)$/);
    expect(o.nodes[0]!.attributes.size).toBe(7);
  });

  it('gathers the groups beyond the limit into <by>:other', async () => {
    const p = sample();
    const a = await assignGroups(p, all(p), 'kind');
    const f = finalGroups(a, 'kind', (_k, ids) => ids.length, 3);
    expect(f.members.size).toBe(3);
    expect(f.members.get('kind:other')!.length).toBe(
      all(p).size - f.members.get('kind:Region')!.length - f.members.get('kind:Lab')!.length,
    );
    expect(f.labelOf.get('kind:other')).toMatch(/^Other \(\d+ groups\)$/);
  });

  it('reads the main currency and type families', () => {
    expect(mainCurrency(sample())).toBe('USD');
    expect(familyOf('INVESTS_IN')).toBe('money');
    expect(familyOf('LOCATED_IN')).toBe('structure');
    expect(familyOf('AFFILIATED_WITH')).toBe('other');
  });
});

describe('structureHash', () => {
  it('does not depend on the order, and changes with any node or relationship change', async () => {
    const p = sample();
    const h = await structureHash(p);
    expect(await structureHash({ ...p, nodes: [...p.nodes].reverse(), edges: [...p.edges].reverse() })).toBe(h);
    // money fields are not structure
    expect(await structureHash({ ...p, edges: p.edges.map((x) => ({ ...x, amount: 1 })) })).toBe(h);
    expect(await structureHash({ ...p, nodes: p.nodes.slice(1) })).not.toBe(h);
    expect(
      await structureHash({ ...p, edges: p.edges.map((x, i) => (i === 0 ? { ...x, target: 'south' } : x)) }),
    ).not.toBe(h);
    expect(
      await structureHash({ ...p, nodes: p.nodes.map((x, i) => (i === 0 ? { ...x, kind: 'Zone' } : x)) }),
    ).not.toBe(h);
  });
});

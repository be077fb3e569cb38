/**
 * Contract checks of the overview (server/overview over a store's projection and layout cache),
 * computed from the seed independently of the stores. Registered inside runContractSuite, so both
 * stores must give these answers.
 */
import { expect, it } from 'vitest';
import { GroupsQuery, MembersPage, MembersQuery, OverviewGraph } from '../../server/api/overviewSchemas';
import { parseConfig } from '../../server/config';
import type { GraphData } from '../../server/model/model';
import { OverviewService } from '../../server/overview/service';
import type { GraphStore } from '../../server/store/store';

const MONEY = new Set(['FUNDS', 'INVESTS_IN']);
const settings = () =>
  parseConfig({ LAYOUT_ITERATIONS: '20', LAYOUT_WAIT_MS: '60000', OVERVIEW_HIDE_KINDS_ABOVE: '100000' });

/** Registers the checks; `store()` gives the seeded store of the enclosing suite. */
export function overviewContracts(store: () => GraphStore, seed: GraphData): void {
  const kindOf = new Map(seed.nodes.map((n) => [n.id, n.kind]));
  const shown = seed.nodes.filter((n) => n.kind !== 'Deal');
  const degree = new Map<string, number>();
  for (const r of seed.relationships) {
    degree.set(r.source, (degree.get(r.source) ?? 0) + 1);
    if (r.target !== r.source) degree.set(r.target, (degree.get(r.target) ?? 0) + 1);
  }

  it('groups by kind: one group per kind with its members, every relationship inside or between groups', async () => {
    const svc = new OverviewService(store(), settings());
    const g = OverviewGraph.parse(await svc.overview(GroupsQuery.parse({ by: 'kind' })));
    const expected: Record<string, number> = {};
    for (const n of shown) expected[`kind:${n.kind}`] = (expected[`kind:${n.kind}`] ?? 0) + 1;
    expect(Object.fromEntries(g.nodes.map((n) => [n.key, n.attributes.members]))).toEqual(expected);
    expect(g.attributes.nodes).toBe(shown.length);
    expect(g.attributes.totalNodes).toBe(shown.length);
    const between = g.edges.reduce((s, e) => s + e.attributes.count, 0);
    const inside = g.nodes.reduce((s, n) => s + n.attributes.internal, 0);
    expect(between + inside).toBe(seed.relationships.length);
    const moneyBetween = seed.relationships.filter(
      (r) => MONEY.has(r.type) && kindOf.get(r.source) !== kindOf.get(r.target),
    ).length;
    expect(g.edges.filter((e) => e.attributes.family === 'money').reduce((s, e) => s + e.attributes.count, 0)).toBe(
      moneyBetween,
    );
    // the largest groups are named
    expect(g.nodes.slice(0, 12).every((n) => n.attributes.forceLabel)).toBe(true);
    expect(g.nodes[0]!.attributes.members).toBe(Math.max(...Object.values(expected)));
  });

  it('pages through the members of a group, best connected first, each once', async () => {
    const svc = new OverviewService(store(), settings());
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = MembersPage.parse(
        await svc.members('kind:Program', MembersQuery.parse({ limit: 7, ...(cursor ? { cursor } : {}) })),
      );
      expect(page.group.members).toBe(shown.filter((n) => n.kind === 'Program').length);
      seen.push(...page.graph.nodes.map((n) => n.key));
      for (const e of page.graph.edges) {
        expect(page.graph.nodes.some((n) => n.key === e.source)).toBe(true);
        expect(page.graph.nodes.some((n) => n.key === e.target)).toBe(true);
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    const programs = shown.filter((n) => n.kind === 'Program').map((n) => n.id);
    expect([...seen].sort()).toEqual([...programs].sort());
    const degrees = seen.map((id) => degree.get(id) ?? 0);
    expect(degrees).toEqual([...degrees].sort((a, b) => b - a));
    await expect(svc.members('kind:Nothing', MembersQuery.parse({}))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(svc.members('kind:Program', MembersQuery.parse({ cursor: 'nonsense' }))).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
  });

  it('groups by region along LOCATED_IN / PART_OF, and by community deterministically', async () => {
    const svc = new OverviewService(store(), settings());
    const g = OverviewGraph.parse(await svc.overview(GroupsQuery.parse({ by: 'region' })));
    expect(g.nodes.reduce((s, n) => s + n.attributes.members, 0)).toBe(shown.length);
    for (const r of seed.relationships.filter((x) => x.type === 'LOCATED_IN' && kindOf.get(x.target) === 'Region')) {
      const page = await svc.members(`region:${r.target}`, MembersQuery.parse({ limit: 5000 }));
      const direct = seed.relationships.filter((x) => x.source === r.source && x.type === 'LOCATED_IN');
      if (direct.every((x) => kindOf.get(x.target) === 'Region' && x.target >= r.target))
        expect(page.graph.nodes.map((n) => n.key)).toContain(r.source);
    }
    const a = OverviewGraph.parse(await svc.overview(GroupsQuery.parse({ by: 'community' })));
    const b = OverviewGraph.parse(
      await new OverviewService(store(), settings()).overview(GroupsQuery.parse({ by: 'community' })),
    );
    expect(a.nodes.map((n) => [n.key, n.attributes.members])).toEqual(
      b.nodes.map((n) => [n.key, n.attributes.members]),
    );
    expect(a.nodes.reduce((s, n) => s + n.attributes.members, 0)).toBe(shown.length);
  });

  it('serves the server layout with /api/graph nodes, kept by the store and found again by a new service', async () => {
    const s = store();
    const svc = new OverviewService(s, settings());
    const g = await svc.withPositions(await s.overview({ limit: 100_000 }));
    expect(g.attributes.layout).toBe('ready');
    expect(typeof g.attributes.layoutMs).toBe('number');
    for (const n of g.nodes) {
      expect(Number.isFinite(n.attributes.x)).toBe(true);
      expect(Number.isFinite(n.attributes.y)).toBe(true);
    }
    const again = await new OverviewService(s, settings()).withPositions(await s.overview({ limit: 100_000 }));
    expect(again.nodes.map((n) => [n.key, n.attributes.x, n.attributes.y])).toEqual(
      g.nodes.map((n) => [n.key, n.attributes.x, n.attributes.y]),
    );
    expect(again.attributes.layoutMs).toBe(g.attributes.layoutMs);
    // the layout is not data: not in an entity's properties, and writing the seed again changes nothing
    const hub = [...degree.entries()].sort((x, y) => y[1] - x[1])[0]![0];
    expect(Object.keys((await s.entity(hub)).properties).filter((k) => k.startsWith('layout'))).toEqual([]);
    expect(await s.upsertGraph(seed)).toEqual({
      nodesCreated: 0,
      nodesUpdated: 0,
      relationshipsCreated: 0,
      relationshipsUpdated: 0,
      missingEndpoints: [],
    });
    const groups = OverviewGraph.parse(await svc.overview(GroupsQuery.parse({ by: 'kind' })));
    expect(groups.attributes.layout).toBe('ready');
    expect(groups.nodes.every((n) => Number.isFinite(n.attributes.x))).toBe(true);
  });
}

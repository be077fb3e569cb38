/**
 * Contract checks of flow direction, paging and the region filter (SEMANTICS.md "flows"), computed
 * from the seed independently of the stores. Registered inside runContractSuite.
 */
import { expect, it } from 'vitest';
import { FlowsQuery, FlowsResult as FlowsResultSchema } from '../../server/api/schemas';
import type { GraphData } from '../../server/model/model';
import type { GraphStore } from '../../server/store/store';

const MONEY = new Set(['FUNDS', 'INVESTS_IN']);
const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Registers the checks; `store()` gives the seeded store of the enclosing suite. */
export function flowContracts(store: () => GraphStore, seed: GraphData): void {
  const money = seed.relationships.filter((r) => MONEY.has(r.type));
  const flows = async (q: Record<string, unknown>) => FlowsResultSchema.parse(await store().flows(FlowsQuery.parse(q)));

  /** Containers of a node: everything reached by outgoing LOCATED_IN / PART_OF within 6 hops. */
  const within = (id: string, region: string): boolean => {
    if (id === region) return true;
    const seen = new Set([id]);
    let level = [id];
    for (let hop = 1; hop <= 6 && level.length > 0; hop++) {
      const next: string[] = [];
      for (const n of level)
        for (const r of seed.relationships)
          if (r.source === n && (r.type === 'LOCATED_IN' || r.type === 'PART_OF') && !seen.has(r.target)) {
            if (r.target === region) return true;
            seen.add(r.target);
            next.push(r.target);
          }
      level = next;
    }
    return false;
  };

  it('upstream from a recipient: hop 1 is the money coming into it, from its funders', async () => {
    const res = await flows({ from: 'jinfeng-laboratory', direction: 'up', depth: 1 });
    expect(res.direction).toBe('up');
    expect(res.flows.map((f) => f.id).sort(cmp)).toEqual(
      money
        .filter((r) => r.target === 'jinfeng-laboratory')
        .map((r) => r.id)
        .sort(cmp),
    );
    for (const f of res.flows) expect(f.target.id).toBe('jinfeng-laboratory');
    // downstream from the same recipient: it funds nothing recorded
    const down = await flows({ from: 'jinfeng-laboratory', direction: 'down' });
    expect(down.flows.map((f) => f.id)).toEqual(
      money.filter((r) => r.source === 'jinfeng-laboratory').map((r) => r.id),
    );
  });

  it('downstream from a funder: hop 1 is the money going out of it', async () => {
    const res = await flows({ from: 'chongqing-municipal-government', direction: 'down', depth: 1 });
    expect(res.flows.map((f) => f.id).sort(cmp)).toEqual(
      money
        .filter((r) => r.source === 'chongqing-municipal-government')
        .map((r) => r.id)
        .sort(cmp),
    );
    for (const f of res.flows) expect(f.source.id).toBe('chongqing-municipal-government');
  });

  it('pages through every flow once, in flow order, with totals over all pages', async () => {
    const all = await flows({});
    expect(all.totalFlows).toBe(money.length);
    expect(all.nextCursor).toBeNull();
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await flows(cursor ? { limit: 3, cursor } : { limit: 3 });
      expect(page.flows.length).toBeLessThanOrEqual(3);
      expect(page.totalFlows).toBe(money.length);
      expect(page.totals).toEqual(all.totals);
      expect(page.byKind).toEqual(all.byKind);
      expect(page.graph.edges.map((e) => e.key).sort(cmp)).toEqual(page.flows.map((f) => f.id).sort(cmp));
      seen.push(...page.flows.map((f) => f.id));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor && pages < 100);
    expect(seen).toEqual(all.flows.map((f) => f.id));
    expect(pages).toBe(Math.ceil(money.length / 3));
    await expect(store().flows(FlowsQuery.parse({ cursor: 'not-a-cursor' }))).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
  });

  it('a region keeps the money crossing into, out of or within it, funders outside it included', async () => {
    const regions = seed.nodes.filter((n) => n.kind === 'Region').map((n) => n.id);
    let crossing = 0;
    for (const region of regions) {
      const res = await flows({ region });
      const expected = money.filter((r) => within(r.source, region) || within(r.target, region));
      expect(res.flows.map((f) => f.id).sort(cmp), region).toEqual(expected.map((r) => r.id).sort(cmp));
      crossing += expected.filter((r) => !within(r.source, region)).length;
    }
    expect(crossing, 'the seed has money from outside a region into it').toBeGreaterThan(0);
  });
}

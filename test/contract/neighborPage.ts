/**
 * Contract checks of neighbour paging (SEMANTICS.md "neighborhood": `offset`, `totalNeighbors`,
 * `nextOffset`), computed from the seed independently of the stores. Registered inside runContractSuite.
 */
import { expect, it } from 'vitest';
import { NeighborhoodQuery, SerializedGraph as SerializedGraphSchema } from '../../server/api/schemas';
import type { GraphData } from '../../server/model/model';
import type { GraphStore } from '../../server/store/store';

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Registers the checks; `store()` gives the seeded store of the enclosing suite. */
export function neighborPageContracts(store: () => GraphStore, seed: GraphData): void {
  const hood = async (id: string, q: Record<string, unknown>) =>
    SerializedGraphSchema.parse(await store().neighborhood(id, NeighborhoodQuery.parse(q)));
  /** direct neighbours of `id` in id order (along `types` if given), self-loops left out */
  const neighbours = (id: string, types?: string[]): string[] => {
    const out = new Set<string>();
    for (const r of seed.relationships) {
      if (types && !types.includes(r.type)) continue;
      if (r.source === id && r.target !== id) out.add(r.target);
      else if (r.target === id && r.source !== id) out.add(r.source);
    }
    return [...out].sort(cmp);
  };
  const byCount = [...new Set(seed.nodes.map((n) => n.id))]
    .map((id) => ({ id, n: neighbours(id).length }))
    .sort((a, b) => b.n - a.n || cmp(a.id, b.id));
  const hub = byCount[0]!;
  const among = (ids: Set<string>) =>
    seed.relationships
      .filter((r) => ids.has(r.source) && ids.has(r.target))
      .map((r) => r.id)
      .sort(cmp);

  it('pages through a hub: every neighbour once, in id order, with the total and the next offset', async () => {
    const all = neighbours(hub.id);
    const limit = 6; // the root + 5 neighbours a page
    expect(all.length).toBeGreaterThan(2 * (limit - 1)); // at least three pages
    const seen: string[] = [];
    let offset: number | null = 0;
    let pages = 0;
    while (offset !== null) {
      const g = await hood(hub.id, { depth: 1, limit, offset });
      pages++;
      const keys = g.nodes.map((n) => n.key);
      expect(keys[0]).toBe(hub.id);
      expect(g.nodes[0]!.attributes.depth).toBe(0);
      const page = keys.slice(1);
      expect(page).toEqual(all.slice(offset, offset + limit - 1));
      for (const n of g.nodes.slice(1)) expect(n.attributes.depth).toBe(1);
      expect(g.attributes.totalNeighbors).toBe(all.length);
      expect(g.attributes.truncated).toBe(true);
      expect(g.edges.map((e) => e.key).sort(cmp)).toEqual(among(new Set(keys)));
      const next: number | null = g.attributes.nextOffset ?? null;
      expect(next).toBe(offset + page.length < all.length ? offset + page.length : null);
      seen.push(...page);
      offset = next;
    }
    expect(pages).toBe(Math.ceil(all.length / (limit - 1)));
    expect(seen).toEqual(all);
  });

  it('a page holding every neighbour is the whole neighbourhood, with no next page', async () => {
    const g = await hood(hub.id, { depth: 1, limit: 5000 });
    expect(g.attributes).toMatchObject({ truncated: false, totalNeighbors: hub.n, nextOffset: null });
    expect(g.nodes).toHaveLength(hub.n + 1);
  });

  it('counts and pages only the neighbours along the given types', async () => {
    const type = seed.relationships.find((r) => r.source === hub.id || r.target === hub.id)!.type;
    const typed = neighbours(hub.id, [type]);
    const g = await hood(hub.id, { depth: 1, types: type, limit: 3, offset: 1 });
    expect(g.attributes.totalNeighbors).toBe(typed.length);
    expect(g.nodes.slice(1).map((n) => n.key)).toEqual(typed.slice(1, 3));
  });

  it('past the last neighbour: the root alone, no next page', async () => {
    const g = await hood(hub.id, { depth: 1, limit: 10, offset: hub.n + 5 });
    expect(g.nodes.map((n) => n.key)).toEqual([hub.id]);
    expect(g.attributes).toMatchObject({ truncated: true, totalNeighbors: hub.n, nextOffset: null });
  });

  it('rejects an offset with depth above 1 (VALIDATION_FAILED)', async () => {
    await expect(store().neighborhood(hub.id, NeighborhoodQuery.parse({ depth: 2, offset: 5 }))).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
  });
}

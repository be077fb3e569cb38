/**
 * Contract checks of paths between entities (SEMANTICS.md "paths"): every shortest path, as valid
 * walks of seed relationships, deduplicated by node sequence. Registered inside runContractSuite.
 */
import { expect, it } from 'vitest';
import { PathsQuery, PathsResult as PathsResultSchema, type Path } from '../../server/api/schemas';
import type { Node } from '../../server/model/model';
import type { GraphStore } from '../../server/store/store';
import { cmp, expectCode, sorted, type Reference } from './reference';

/** Asserts that a path is a valid walk of seed relationships from `from` to `to` without repeated nodes. */
function expectValidWalk(ref: Reference, p: Path, from: string, to: string, types?: string[]): void {
  expect(p.nodes[0]!.id).toBe(from);
  expect(p.nodes[p.nodes.length - 1]!.id).toBe(to);
  expect(p.relationships).toHaveLength(p.nodes.length - 1);
  expect(new Set(p.nodes.map((n) => n.id)).size).toBe(p.nodes.length);
  p.relationships.forEach((r, i) => {
    const seedRel = ref.relById.get(r.id);
    expect(seedRel, `relationship ${r.id}`).toBeDefined();
    expect(r.type).toBe(seedRel!.type);
    expect([r.source, r.target]).toEqual([seedRel!.source, seedRel!.target]);
    const a = p.nodes[i]!.id;
    const b = p.nodes[i + 1]!.id;
    expect([a, b].sort(cmp)).toEqual([r.source, r.target].sort(cmp));
  });
  for (const n of p.nodes) expect(n).toMatchObject({ name: ref.node(n.id).name, kind: ref.node(n.id).kind });
  // each hop lists every relationship joining its two nodes, by id; the path's relationship is the first
  expect(p.hops).toHaveLength(p.relationships.length);
  p.hops.forEach((h, i) => {
    const a = p.nodes[i]!.id;
    const b = p.nodes[i + 1]!.id;
    const joining = sorted(
      ref.rels.filter((r) => (r.source === a && r.target === b) || (r.source === b && r.target === a)).map((r) => r.id),
    );
    if (types === undefined) {
      expect(h.count).toBe(joining.length);
      expect(h.relationships.map((r) => r.id)).toEqual(joining.slice(0, 20));
    } else for (const r of h.relationships) expect(types).toContain(r.type);
    expect(p.relationships[i]).toEqual(h.relationships[0]);
  });
}

const pathOrder = (a: Path, b: Path): number => {
  if (a.nodes.length !== b.nodes.length) return a.nodes.length - b.nodes.length;
  for (let i = 0; i < a.nodes.length; i++) {
    const c = cmp(a.nodes[i]!.id, b.nodes[i]!.id);
    if (c !== 0) return c;
  }
  return 0;
};

/** Registers the checks; `store()` gives the seeded store of the enclosing suite, `focus` a start. */
export function pathContracts(store: () => GraphStore, ref: Reference, focus: Node): void {
  const paths = async (q: Record<string, unknown>) =>
    PathsResultSchema.parse(await store().paths(PathsQuery.parse(q))).paths;
  const from = focus.id;
  const dist = ref.distances(from, 3);
  const far = Math.max(...dist.values());
  const to = sorted([...dist.entries()].filter(([, d]) => d === far).map(([id]) => id))[0]!;

  it('returns every shortest path, as valid walks in node-id order', async () => {
    expect(far).toBeGreaterThan(0);
    // paths through the same nodes (parallel relationships) are one path
    const key = (nodes: string[]) => nodes.join('|');
    const all = [
      ...new Set(
        ref
          .simplePaths(from, to, far)
          .filter((p) => p.rels.length === far)
          .map((p) => key(p.nodes)),
      ),
    ];
    const got = await paths({ from, to, maxHops: 4 });
    expect(got).toHaveLength(Math.min(100, all.length));
    for (const p of got) {
      expect(p.relationships).toHaveLength(far);
      expectValidWalk(ref, p, from, to);
    }
    for (let i = 1; i < got.length; i++) expect(pathOrder(got[i - 1]!, got[i]!)).toBeLessThan(0);
    if (all.length <= 100) expect(sorted(got.map((p) => key(p.nodes.map((n) => n.id))))).toEqual(sorted(all));
  });

  it('adds k longer simple paths in (length, node ids) order', async () => {
    const maxHops = Math.min(6, far + 2);
    const k = 3;
    const shortest = await paths({ from, to, maxHops });
    const got = await paths({ from, to, maxHops, k });
    expect(got.slice(0, shortest.length)).toEqual(shortest);
    const extra = got.slice(shortest.length);
    const longer = ref
      .simplePaths(from, to, maxHops)
      .filter((p) => p.rels.length > far)
      .map((p) => p.nodes)
      .filter((n, i, all) => all.findIndex((m) => m.join('|') === n.join('|')) === i)
      .sort((a, b) => a.length - b.length || cmp(a.join('\u0000'), b.join('\u0000')));
    const nodeSeq = (p: Path) => p.nodes.map((n) => n.id);
    const byNodes = (a: string[], b: string[]) => {
      if (a.length !== b.length) return a.length - b.length;
      for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return cmp(a[i]!, b[i]!);
      return 0;
    };
    longer.sort(byNodes);
    expect(extra.map(nodeSeq)).toEqual(longer.slice(0, k));
    for (const p of extra) {
      expect(p.relationships.length).toBeGreaterThan(far);
      expect(p.relationships.length).toBeLessThanOrEqual(maxHops);
      expectValidWalk(ref, p, from, to);
    }
  });

  it('walks relationships against their direction and keeps to types', async () => {
    const r = ref.incident.get(from)!.find((x) => x.target === from && x.source !== from);
    if (r) {
      const got = await paths({ from, to: r.source, maxHops: 1 });
      expect(got.map((p) => p.relationships[0]!.id)).toContain(r.id);
    }
    const type = ref.incident.get(from)![0]!.type;
    const typed = ref.distances(from, 2, [type]);
    const target = sorted([...typed.entries()].filter(([, d]) => d > 0).map(([id]) => id))[0]!;
    const typedPaths = await paths({ from, to: target, maxHops: 2, types: type });
    expect(typedPaths.length).toBeGreaterThan(0);
    for (const p of typedPaths) {
      for (const rel of p.relationships) expect(rel.type).toBe(type);
      expectValidWalk(ref, p, from, target, [type]);
    }
  });

  it('gives one single-node path from a node to itself', async () => {
    expect(await paths({ from, to: from })).toEqual([
      { nodes: [{ id: from, name: focus.name, kind: focus.kind }], relationships: [], hops: [] },
    ]);
  });

  it('gives no path beyond maxHops, or between unconnected nodes', async () => {
    if (far >= 2) expect(await paths({ from, to, maxHops: far - 1, k: 2 })).toEqual([]);
    const reach = ref.distances(from, 1000);
    const stranger = ref.seed.nodes.find((n) => !reach.has(n.id));
    if (stranger) expect(await paths({ from, to: stranger.id, maxHops: 6, k: 3 })).toEqual([]);
  });

  it('throws NOT_FOUND for an unknown end', async () => {
    await expectCode(store().paths(PathsQuery.parse({ from, to: 'no-such-entity-anywhere' })), 'NOT_FOUND');
    await expectCode(store().paths(PathsQuery.parse({ from: 'no-such-entity-anywhere', to: from })), 'NOT_FOUND');
  });
}

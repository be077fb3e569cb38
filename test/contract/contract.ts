/**
 * The one contract suite every GraphStore must pass (server/store/SEMANTICS.md). It loads the curated
 * seed into the store and checks each method against expectations computed here, naively and
 * independently of the stores, from `readSeed()`: the seed grows, so no count is written down and
 * the entities used are looked up (or derived) at run time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Entity as EntitySchema,
  FlowsResult as FlowsResultSchema,
  PathsResult as PathsResultSchema,
  RelationshipPage as RelationshipPageSchema,
  SearchResult as SearchResultSchema,
  SerializedGraph as SerializedGraphSchema,
  Stats as StatsSchema,
  CofundingQuery,
  FlowsQuery,
  NeighborhoodQuery,
  OverviewQuery,
  PathsQuery,
  RelationshipsQuery,
  SearchQuery,
  type MoneyTotal,
  type Path,
  type SerializedGraph,
} from '../../server/api/schemas';
import { readSeed } from '../../server/data/seed';
import type { AppError, ErrorCode } from '../../server/errors';
import type { GraphData, Node, Relationship } from '../../server/model/model';
import type { GraphStore } from '../../server/store/store';
import { dealContracts, refMoney, refUnits } from './deals';
import { figureContracts } from './figures';
import { flowContracts } from './flows';
import { neighborPageContracts } from './neighborPage';
import { overviewContracts } from './overview';

const MONEY = new Set(['FUNDS', 'INVESTS_IN']);
const NODE_CORE = ['id', 'name', 'kind', 'aliases', 'description', 'sources'];
const REL_CORE = ['id', 'type', 'source', 'target', 'sources'];

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const sorted = (xs: Iterable<string>): string[] => [...xs].sort(cmp);

function omit(record: object, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([k, v]) => !keys.includes(k) && v !== undefined));
}

/** Per-currency totals, computed the plain way. */
function totals(rels: Iterable<{ amount?: number | null; currency?: string | null }>): MoneyTotal[] {
  const m = new Map<string, MoneyTotal>();
  for (const r of rels) {
    if (typeof r.amount !== 'number' || typeof r.currency !== 'string') continue;
    const t = m.get(r.currency) ?? { currency: r.currency, amount: 0, count: 0 };
    t.amount += r.amount;
    t.count++;
    m.set(r.currency, t);
  }
  return [...m.values()].sort((a, b) => cmp(a.currency, b.currency));
}

function countBy<T>(items: T[], key: (t: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const it of items) out[key(it)] = (out[key(it)] ?? 0) + 1;
  return out;
}

async function expectCode(p: Promise<unknown>, code: ErrorCode): Promise<void> {
  await expect(p).rejects.toMatchObject({ code });
}

const normalise = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** A naive in-test model of the seed graph that the expectations are computed from. */
class Reference {
  readonly byId: Map<string, Node>;
  readonly rels: Relationship[];
  readonly relById: Map<string, Relationship>;
  readonly incident = new Map<string, Relationship[]>();

  constructor(readonly seed: GraphData) {
    this.byId = new Map(seed.nodes.map((n) => [n.id, n]));
    this.rels = seed.relationships;
    this.relById = new Map(this.rels.map((r) => [r.id, r]));
    for (const n of seed.nodes) this.incident.set(n.id, []);
    for (const r of this.rels) {
      this.incident.get(r.source)!.push(r);
      if (r.target !== r.source) this.incident.get(r.target)!.push(r);
    }
  }

  node(id: string): Node {
    const n = this.byId.get(id);
    if (!n) throw new Error(`test set-up: no seed node ${id}`);
    return n;
  }

  degree(id: string): number {
    return this.incident.get(id)?.length ?? 0;
  }

  /** Undirected hop distances from `root` along relationships of `types`, up to `max` hops. */
  distances(root: string, max: number, types?: string[]): Map<string, number> {
    const dist = new Map([[root, 0]]);
    let level = [root];
    for (let d = 1; d <= max && level.length > 0; d++) {
      const next: string[] = [];
      for (const n of level)
        for (const r of this.incident.get(n) ?? []) {
          if (types && !types.includes(r.type)) continue;
          const o = r.source === n ? r.target : r.source;
          if (!dist.has(o)) {
            dist.set(o, d);
            next.push(o);
          }
        }
      level = next;
    }
    return dist;
  }

  /** Every simple undirected path from `from` to `to` of at most `max` relationships (capped). */
  simplePaths(from: string, to: string, max: number, cap = 20_000): { nodes: string[]; rels: string[] }[] {
    const out: { nodes: string[]; rels: string[] }[] = [];
    const nodes = [from];
    const rels: string[] = [];
    const toTarget = this.distances(to, max);
    const visit = (u: string) => {
      if (out.length >= cap) return;
      if (u === to) {
        out.push({ nodes: [...nodes], rels: [...rels] });
        return;
      }
      if (rels.length === max) return;
      for (const r of this.incident.get(u) ?? []) {
        const o = r.source === u ? r.target : r.source;
        if (nodes.includes(o) || (toTarget.get(o) ?? Infinity) > max - rels.length - 1) continue;
        nodes.push(o);
        rels.push(r.id);
        visit(o);
        nodes.pop();
        rels.pop();
      }
    };
    visit(from);
    return out;
  }

  /** Every node reached from `id` by outgoing LOCATED_IN/PART_OF, up to 6 hops (its containers). */
  containers(id: string): Set<string> {
    const seen = new Set<string>();
    let level = [id];
    for (let hop = 1; hop <= 6 && level.length > 0; hop++) {
      const next: string[] = [];
      for (const n of level)
        for (const r of this.incident.get(n) ?? [])
          if (r.source === n && (r.type === 'LOCATED_IN' || r.type === 'PART_OF') && !seen.has(r.target)) {
            seen.add(r.target);
            next.push(r.target);
          }
      level = next;
    }
    return seen;
  }

  /** Nearest Region by outgoing LOCATED_IN/PART_OF, 1..3 hops, ties by id; "unknown" otherwise. */
  regionOf(id: string): string {
    const seen = new Set([id]);
    let level = [id];
    for (let hop = 1; hop <= 3 && level.length > 0; hop++) {
      const next: string[] = [];
      const found: string[] = [];
      for (const n of level)
        for (const r of this.incident.get(n) ?? [])
          if (r.source === n && (r.type === 'LOCATED_IN' || r.type === 'PART_OF')) {
            if (this.byId.get(r.target)?.kind === 'Region') found.push(r.target);
            if (!seen.has(r.target)) {
              seen.add(r.target);
              next.push(r.target);
            }
          }
      if (found.length > 0) return sorted(found)[0]!;
      level = next;
    }
    return 'unknown';
  }

  moneyRels(): Relationship[] {
    return this.rels.filter((r) => MONEY.has(r.type));
  }

  amountOf(r: Relationship): { amount?: number; currency?: string } {
    return 'amount' in r ? { amount: r.amount, currency: r.currency } : {};
  }
}

function graphKeys(g: SerializedGraph): { nodes: string[]; edges: string[] } {
  return { nodes: sorted(g.nodes.map((n) => n.key)), edges: sorted(g.edges.map((e) => e.key)) };
}

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

/**
 * Registers the contract suite for a store. `makeStore` gives a connected store; the suite clears it,
 * applies the schema and loads the seed, and closes it at the end.
 */
export function runContractSuite(name: string, makeStore: () => Promise<GraphStore>): void {
  describe(`GraphStore contract: ${name}`, () => {
    let store: GraphStore;
    const seed = readSeed();
    const ref = new Reference(seed);
    const byDegree = [...seed.nodes].sort((a, b) => ref.degree(b.id) - ref.degree(a.id) || cmp(a.id, b.id));
    const hub = byDegree[0]!;
    const focus = ref.byId.get('jinfeng-laboratory') ?? hub;

    beforeAll(async () => {
      store = await makeStore();
      await store.clear();
      await store.applySchema();
      await store.upsertGraph(seed);
    });
    afterAll(async () => {
      await store?.close();
    });

    it('answers ping', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });

    describe('figures', () => figureContracts(() => store, seed));
    describe('deals', () => dealContracts(() => store, seed));
    describe('flow direction, paging and regions', () => flowContracts(() => store, seed));
    describe('neighbour paging', () => neighborPageContracts(() => store, seed));
    describe('overview groups and server layout', () => overviewContracts(() => store, seed));

    describe('stats', () => {
      it('counts every kind, type and currency of the seed', async () => {
        const s = StatsSchema.parse(await store.stats());
        expect(s.nodes).toEqual(countBy(seed.nodes, (n) => n.kind));
        expect(s.relationships).toEqual(countBy(seed.relationships, (r) => r.type));
        expect(s.totals).toEqual({ nodes: seed.nodes.length, relationships: seed.relationships.length });
        expect(s.money).toEqual(refMoney(seed, ref.moneyRels()));
      });
    });

    describe('entity', () => {
      it('returns every seed node with its fields, sources and degree', async () => {
        for (const n of seed.nodes) {
          const e = EntitySchema.parse(await store.entity(n.id));
          expect({ id: e.id, name: e.name, kind: e.kind, aliases: e.aliases, description: e.description }).toEqual({
            id: n.id,
            name: n.name,
            kind: n.kind,
            aliases: n.aliases,
            description: n.description,
          });
          expect(e.properties).toEqual(omit(n, NODE_CORE));
          expect(e.sources).toEqual(n.sources);
          const inc = ref.incident.get(n.id)!;
          const outs = inc.filter((r) => r.source === n.id);
          const ins = inc.filter((r) => r.source !== n.id);
          expect(e.stats.degree).toEqual({
            total: inc.length,
            in: ins.length,
            out: outs.length,
            byType: countBy(inc, (r) => r.type),
          });
          const money = (rs: Relationship[]) =>
            refMoney(
              seed,
              rs.filter((r) => MONEY.has(r.type)),
            );
          expect(e.stats.money).toEqual({ in: money(ins), out: money(outs) });
        }
      });

      it('throws NOT_FOUND for an unknown id', async () => {
        await expectCode(store.entity('no-such-entity-anywhere'), 'NOT_FOUND');
      });
    });

    describe('relationships', () => {
      const query = (q: Record<string, unknown>) => RelationshipsQuery.parse(q);

      it('pages through every relationship of a node once, in id order', async () => {
        const expected = sorted(ref.incident.get(hub.id)!.map((r) => r.id));
        const seen: string[] = [];
        let cursor: string | undefined;
        let pages = 0;
        do {
          const page = RelationshipPageSchema.parse(
            await store.relationships(hub.id, query(cursor ? { limit: 3, cursor } : { limit: 3 })),
          );
          expect(page.items.length).toBeLessThanOrEqual(3);
          seen.push(...page.items.map((i) => i.id));
          cursor = page.nextCursor ?? undefined;
          if (cursor) expect(page.items).toHaveLength(3);
          pages++;
        } while (cursor && pages < 1000);
        expect(seen).toEqual(expected);
        expect(pages).toBe(Math.max(1, Math.ceil(expected.length / 3)));
      });

      it('describes each relationship: direction, other end, properties and sources', async () => {
        for (const n of byDegree.slice(0, 5)) {
          const page = await store.relationships(n.id, query({ limit: 500 }));
          expect(page.nextCursor).toBeNull();
          expect(page.items).toHaveLength(ref.degree(n.id));
          for (const item of page.items) {
            const r = ref.relById.get(item.id)!;
            const out = r.source === n.id;
            const other = ref.node(out ? r.target : r.source);
            expect(item).toEqual({
              id: r.id,
              type: r.type,
              direction: out ? 'out' : 'in',
              properties: omit(r, REL_CORE),
              sources: r.sources,
              other: { id: other.id, name: other.name, kind: other.kind },
            });
          }
        }
      });

      it('filters by direction and type', async () => {
        const inc = ref.incident.get(hub.id)!;
        const outIds = sorted(inc.filter((r) => r.source === hub.id).map((r) => r.id));
        const inIds = sorted(inc.filter((r) => r.source !== hub.id).map((r) => r.id));
        const ids = async (q: Record<string, unknown>) =>
          (await store.relationships(hub.id, query({ limit: 500, ...q }))).items.map((i) => i.id);
        expect(await ids({ direction: 'out' })).toEqual(outIds);
        expect(await ids({ direction: 'in' })).toEqual(inIds);
        const type = inc[0]!.type;
        expect(await ids({ types: type })).toEqual(sorted(inc.filter((r) => r.type === type).map((r) => r.id)));
        const two = [...new Set(inc.map((r) => r.type))].slice(0, 2);
        expect(await ids({ types: two.join(','), direction: 'out' })).toEqual(
          sorted(inc.filter((r) => two.includes(r.type) && r.source === hub.id).map((r) => r.id)),
        );
      });

      it('refuses a cursor it did not give out, and unknown ids', async () => {
        const bad = Buffer.from(JSON.stringify({ before: 'x' })).toString('base64url');
        await expectCode(store.relationships(hub.id, query({ cursor: 'not a cursor!' })), 'VALIDATION_FAILED');
        await expectCode(store.relationships(hub.id, query({ cursor: bad })), 'VALIDATION_FAILED');
        await expectCode(store.relationships('no-such-entity-anywhere', query({})), 'NOT_FOUND');
      });
    });

    describe('search', () => {
      const search = async (q: string, extra: Record<string, unknown> = {}) =>
        SearchResultSchema.parse(await store.search(SearchQuery.parse({ q, ...extra }))).items;
      const ids = async (q: string, extra: Record<string, unknown> = {}) => (await search(q, extra)).map((i) => i.id);

      it('finds Jinfeng Laboratory however it is typed', async () => {
        expect(ref.byId.has('jinfeng-laboratory'), 'the seed has Jinfeng Laboratory').toBe(true);
        for (const q of ['Jinfeng', 'JINFENG', 'Jïnfeng', 'jinfeng lab', 'Jinfeng Laboratory'])
          expect((await ids(q))[0], q).toBe('jinfeng-laboratory');
        for (const q of ['laboratory jinfeng', 'jinfneg', 'Jinf', 'jinfeng laboratroy'])
          expect(await ids(q), q).toContain('jinfeng-laboratory');
      });

      it('finds Chinese names by substring', async () => {
        expect(ref.byId.get('jinfeng-laboratory')?.aliases.some((a) => a.includes('金凤'))).toBe(true);
        const items = await search('金凤');
        expect(items.map((i) => i.id)).toContain('jinfeng-laboratory');
        for (const i of items) expect([i.name, ...i.aliases].some((t) => t.includes('金凤'))).toBe(true);
      });

      it('finds every seed node by its exact name, an exact match first', async () => {
        for (const n of seed.nodes) {
          const items = await search(n.name.slice(0, 200), { limit: 100 });
          expect(
            items.map((i) => i.id),
            n.name,
          ).toContain(n.id);
          const top = items[0]!;
          expect([top.name, ...top.aliases].map(normalise)).toContain(normalise(n.name.slice(0, 200)));
        }
      });

      it('finds nodes by a Chinese alias and by a part of it', async () => {
        const withCjk = seed.nodes.filter((n) => n.aliases.some((a) => /\p{Script=Han}{2}/u.test(a)));
        for (const n of withCjk) {
          const alias = n.aliases.find((a) => /\p{Script=Han}{2}/u.test(a))!;
          expect(await ids(alias, { limit: 100 }), alias).toContain(n.id);
          const part = /\p{Script=Han}{2}/u.exec(alias)![0];
          expect(await ids(part, { limit: 100 }), part).toContain(n.id);
        }
      });

      it('filters by kinds, caps at limit and orders by score', async () => {
        const q = focus.name.split(/\s+/)[0]!;
        const lab = await search(q, { kinds: focus.kind });
        expect(lab.map((i) => i.id)).toContain(focus.id);
        for (const i of lab) expect(i.kind).toBe(focus.kind);
        const others = await search(q, { kinds: 'Source,Person' });
        for (const i of others) expect(['Source', 'Person']).toContain(i.kind);
        if (focus.kind !== 'Source' && focus.kind !== 'Person') expect(others.map((i) => i.id)).not.toContain(focus.id);
        const limited = await search(q, { limit: 2 });
        expect(limited.length).toBeLessThanOrEqual(2);
        const all = await search(q, { limit: 100 });
        for (let i = 1; i < all.length; i++) expect(all[i - 1]!.score).toBeGreaterThanOrEqual(all[i]!.score);
        const top = all[0]!;
        expect(top).toMatchObject({
          name: ref.node(top.id).name,
          kind: ref.node(top.id).kind,
          aliases: ref.node(top.id).aliases,
          description: ref.node(top.id).description,
        });
      });

      it('finds Chinese shortened forms and mixed queries by character pairs', async () => {
        const finance = seed.nodes.find((n) => n.aliases.includes('山东省财政厅'));
        expect(finance, 'the seed has 山东省财政厅').toBeDefined();
        expect((await ids('山东财政'))[0]).toBe(finance!.id);
        expect((await ids('山东省财政厅'))[0]).toBe(finance!.id);
        expect((await ids('重庆实验室'))[0]).toBe('chongqing-four-laboratories-plan');
        const mixed = await ids('Chongqing 实验室');
        expect(mixed).toContain('chongqing-four-laboratories-plan');
        expect(mixed).toContain('jinfeng-laboratory');
        expect(await ids('山政')).not.toContain(finance!.id);
      });

      it('reads names as people type them: abbreviations, stop words, order, punctuation', async () => {
        expect((await ids('Jinfeng Lab'))[0]).toBe('jinfeng-laboratory');
        expect((await ids('the laboratory of jinfeng'))[0]).toBe('jinfeng-laboratory');
        expect((await ids('Jinfeng-Laboratory'))[0]).toBe('jinfeng-laboratory');
        expect((await ids('jinfeng labs'))[0]).toBe('jinfeng-laboratory');
        expect(await ids('of the')).toEqual([]);
      });

      it('suggests the nearest names when nothing matches, and only then', async () => {
        const none = await store.search(SearchQuery.parse({ q: 'jinfeng zzqqxx' }));
        expect(none.items).toEqual([]);
        expect(none.suggestions.map((s) => s.id)).toContain('jinfeng-laboratory');
        expect(none.suggestions.length).toBeLessThanOrEqual(5);
        const some = await store.search(SearchQuery.parse({ q: 'jinfeng' }));
        expect(some.suggestions).toEqual([]);
      });

      it('finds nothing for a word in no name', async () => {
        expect(await search('qqxxzzvv')).toEqual([]);
      });
    });

    describe('neighborhood', () => {
      const hood = async (id: string, q: Record<string, unknown>) =>
        SerializedGraphSchema.parse(await store.neighborhood(id, NeighborhoodQuery.parse(q)));
      const edgesAmong = (nodes: Set<string>, types?: string[]) =>
        sorted(
          ref.rels
            .filter((r) => nodes.has(r.source) && nodes.has(r.target) && (!types || types.includes(r.type)))
            .map((r) => r.id),
        );

      for (const depth of [1, 2]) {
        it(`returns the whole neighbourhood at depth ${depth} within the limit`, async () => {
          const dist = ref.distances(focus.id, depth);
          const g = await hood(focus.id, { depth, limit: 5000 });
          expect(g.attributes.truncated).toBe(false);
          expect(graphKeys(g).nodes).toEqual(sorted(dist.keys()));
          for (const n of g.nodes) {
            expect(n.attributes).toMatchObject({ name: ref.node(n.key).name, kind: ref.node(n.key).kind });
            expect(n.attributes.depth).toBe(dist.get(n.key));
          }
          expect(graphKeys(g).edges).toEqual(edgesAmong(new Set(dist.keys())));
          for (const e of g.edges) {
            const r = ref.relById.get(e.key)!;
            expect([e.source, e.target, e.attributes.type]).toEqual([r.source, r.target, r.type]);
            expect(e.attributes).toEqual({ type: r.type, ...omit(r, REL_CORE) });
          }
        });
      }

      it('takes nodes in breadth-first order, ties by id, up to the limit', async () => {
        const dist = ref.distances(focus.id, 2);
        const order = [...dist.entries()].sort(([a, da], [b, db]) => da - db || cmp(a, b)).map(([id]) => id);
        const limit = Math.min(3, order.length - 1);
        const g = await hood(focus.id, { depth: 2, limit });
        expect(graphKeys(g).nodes).toEqual(sorted(order.slice(0, limit)));
        expect(g.attributes.truncated).toBe(order.length > limit);
        expect(graphKeys(g).edges).toEqual(edgesAmong(new Set(order.slice(0, limit))));
      });

      it('follows only the given types', async () => {
        const types = [...new Set(ref.incident.get(focus.id)!.map((r) => r.type))].slice(0, 1);
        const dist = ref.distances(focus.id, 2, types);
        const g = await hood(focus.id, { depth: 2, types: types.join(','), limit: 5000 });
        expect(graphKeys(g).nodes).toEqual(sorted(dist.keys()));
        expect(graphKeys(g).edges).toEqual(edgesAmong(new Set(dist.keys()), types));
      });

      it('throws NOT_FOUND for an unknown id', async () => {
        await expectCode(store.neighborhood('no-such-entity-anywhere', NeighborhoodQuery.parse({})), 'NOT_FOUND');
      });
    });

    describe('paths', () => {
      const paths = async (q: Record<string, unknown>) =>
        PathsResultSchema.parse(await store.paths(PathsQuery.parse(q))).paths;
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
        const stranger = seed.nodes.find((n) => !reach.has(n.id));
        if (stranger) expect(await paths({ from, to: stranger.id, maxHops: 6, k: 3 })).toEqual([]);
      });

      it('throws NOT_FOUND for an unknown end', async () => {
        await expectCode(store.paths(PathsQuery.parse({ from, to: 'no-such-entity-anywhere' })), 'NOT_FOUND');
        await expectCode(store.paths(PathsQuery.parse({ from: 'no-such-entity-anywhere', to: from })), 'NOT_FOUND');
      });
    });

    describe('flows', () => {
      const flows = async (q: Record<string, unknown>) =>
        FlowsResultSchema.parse(await store.flows(FlowsQuery.parse(q)));
      const money = ref.moneyRels();
      const fundsOut = (id: string) => ref.rels.filter((r) => r.type === 'FUNDS' && r.source === id).length;
      const funder = [...seed.nodes].sort((a, b) => fundsOut(b.id) - fundsOut(a.id) || cmp(a.id, b.id))[0]!;

      /** Money relationships reached from `root` breadth-first, each once, with the hop that reached it. */
      const walk = (root: string, down: boolean, depth: number): Map<string, number> => {
        const hops = new Map<string, number>();
        const seen = new Set([root]);
        let level = [root];
        for (let hop = 1; hop <= depth && level.length > 0; hop++) {
          const next: string[] = [];
          for (const u of level)
            for (const r of money.filter((m) => (down ? m.source : m.target) === u)) {
              if (hops.has(r.id)) continue;
              hops.set(r.id, hop);
              const w = down ? r.target : r.source;
              if (!seen.has(w)) {
                seen.add(w);
                next.push(w);
              }
            }
          level = next;
        }
        return hops;
      };

      const checkResult = (res: Awaited<ReturnType<typeof flows>>) => {
        const f = res.flows;
        for (let i = 1; i < f.length; i++) {
          const a = f[i - 1]!;
          const b = f[i]!;
          const order =
            a.hop !== b.hop
              ? a.hop - b.hop
              : a.amount !== b.amount
                ? a.amount === null
                  ? 1
                  : b.amount === null
                    ? -1
                    : b.amount - a.amount
                : cmp(a.id, b.id);
          expect(order, `${a.id} before ${b.id}`).toBeLessThan(0);
        }
        for (const x of f) {
          const r = ref.relById.get(x.id)!;
          expect(MONEY.has(r.type)).toBe(true);
          const m = r as Relationship & { amount?: number; currency?: string; year?: number; instrument?: string };
          expect(x).toMatchObject({
            type: r.type,
            source: { id: r.source, kind: ref.node(r.source).kind },
            target: { id: r.target, kind: ref.node(r.target).kind },
            amount: m.amount ?? null,
            currency: m.currency ?? null,
            year: m.year ?? null,
            instrument: m.instrument ?? null,
          });
        }
        const rels = f.map((x) => ref.relById.get(x.id)!);
        const expectedTotals = refMoney(seed, rels);
        expect(res.totals).toEqual(expectedTotals);
        const units = refUnits(seed, rels).filter((u) => u.amount !== null);
        for (const agg of [res.byKind, res.byRegion]) {
          expect(
            totals(agg.map((a) => ({ currency: a.currency, amount: a.amount }))).map((t) => [t.currency, t.amount]),
          ).toEqual(expectedTotals.map((t) => [t.currency, t.amount]));
          expect(agg.reduce((s, a) => s + a.count, 0)).toBe(units.length);
          for (let i = 1; i < agg.length; i++) expect(agg[i - 1]!.amount).toBeGreaterThanOrEqual(agg[i]!.amount);
        }
        /** a unit's key: its relationships' common key, else "mixed" */
        const common = (keys: string[]) => (keys.every((k) => k === keys[0]) ? keys[0]! : 'mixed');
        const aggOf = (from: (r: Relationship) => string, to: (r: Relationship) => string) => {
          const m = new Map<string, number>();
          for (const u of units) {
            const k = JSON.stringify([common(u.rels.map(from)), common(u.rels.map(to)), u.currency]);
            m.set(k, (m.get(k) ?? 0) + u.amount!);
          }
          return m;
        };
        expect(new Map(res.byRegion.map((a) => [JSON.stringify([a.from, a.to, a.currency]), a.amount]))).toEqual(
          aggOf(
            (r) => ref.regionOf(r.source),
            (r) => ref.regionOf(r.target),
          ),
        );
        expect(new Map(res.byKind.map((a) => [JSON.stringify([a.from, a.to, a.currency]), a.amount]))).toEqual(
          aggOf(
            (r) => ref.node(r.source).kind,
            (r) => ref.node(r.target).kind,
          ),
        );
        expect(graphKeys(res.graph)).toEqual({
          nodes: sorted(new Set(f.flatMap((x) => [x.source.id, x.target.id]))),
          edges: sorted(f.map((x) => x.id)),
        });
      };

      it('follows money down from the biggest funder', async () => {
        expect(fundsOut(funder.id)).toBeGreaterThan(0);
        for (const depth of [1, 3]) {
          const res = await flows({ from: funder.id, direction: 'down', depth });
          expect(res.root).toEqual({ id: funder.id, name: funder.name, kind: funder.kind });
          expect(res.direction).toBe('down');
          const expected = walk(funder.id, true, depth);
          expect(new Map(res.flows.map((x) => [x.id, x.hop]))).toEqual(expected);
          for (const r of ref.rels.filter((x) => x.type === 'FUNDS' && x.source === funder.id))
            expect(res.flows.find((x) => x.id === r.id)?.hop).toBe(1);
          checkResult(res);
        }
      });

      it('follows money up to a recipient', async () => {
        const recipient = money.find((r) => r.source === funder.id)!.target;
        const res = await flows({ from: recipient, direction: 'up', depth: 2 });
        expect(new Map(res.flows.map((x) => [x.id, x.hop]))).toEqual(walk(recipient, false, 2));
        checkResult(res);
      });

      it('without a root, lists every money relationship at hop 1', async () => {
        const res = await flows({});
        expect(res.root).toBeNull();
        expect(sorted(res.flows.map((x) => x.id))).toEqual(sorted(money.map((r) => r.id)));
        for (const x of res.flows) expect(x.hop).toBe(1);
        expect(res.totals).toEqual(refMoney(seed, money));
        checkResult(res);
      });

      it('keeps the money of a year (its year, or a period that contains it)', async () => {
        const inYear = (r: Relationship, y: number) => {
          const m = r as { year?: number; periodStart?: number; periodEnd?: number };
          if (m.year !== undefined) return m.year === y;
          return m.periodStart !== undefined && m.periodEnd !== undefined && m.periodStart <= y && y <= m.periodEnd;
        };
        const years = money.flatMap((r) => {
          const m = r as { year?: number; periodStart?: number };
          return [m.year, m.periodStart].filter((y): y is number => y !== undefined);
        });
        const year = years.length > 0 ? Math.max(...years) : 2024;
        const res = await flows({ year });
        expect(sorted(res.flows.map((x) => x.id))).toEqual(
          sorted(money.filter((r) => inYear(r, year)).map((r) => r.id)),
        );
        checkResult(res);
        const rooted = await flows({ from: funder.id, year });
        for (const x of rooted.flows) expect(inYear(ref.relById.get(x.id)!, year)).toBe(true);
        checkResult(rooted);
      });

      it('throws NOT_FOUND for an unknown root', async () => {
        await expectCode(store.flows(FlowsQuery.parse({ from: 'no-such-entity-anywhere' })), 'NOT_FOUND');
      });
    });

    describe('overview', () => {
      const overview = async (q: Record<string, unknown>) =>
        SerializedGraphSchema.parse(await store.overview(OverviewQuery.parse(q)));
      const among = (nodes: Set<string>, keep: (r: Relationship) => boolean = () => true) =>
        sorted(ref.rels.filter((r) => nodes.has(r.source) && nodes.has(r.target) && keep(r)).map((r) => r.id));

      it('shows the whole graph by default', async () => {
        const g = await overview({ limit: 100_000 });
        const drawn = seed.nodes.filter((n) => n.kind !== 'Deal').map((n) => n.id);
        expect(g.attributes).toMatchObject({ truncated: false, totalNodes: drawn.length });
        expect(graphKeys(g)).toEqual({ nodes: sorted(drawn), edges: sorted(ref.relById.keys()) });
        // Deal nodes are drawn only when asked for by kind
        const deals = seed.nodes.filter((n) => n.kind === 'Deal').map((n) => n.id);
        expect(graphKeys(await overview({ kinds: 'Deal' })).nodes).toEqual(sorted(deals));
        for (const n of g.nodes)
          expect(n.attributes).toMatchObject({ name: ref.node(n.key).name, kind: ref.node(n.key).kind });
      });

      it('filters by kinds and types', async () => {
        const kinds: string[] = [...new Set(seed.nodes.map((n) => n.kind))].filter((k) => k !== 'Source').slice(0, 3);
        const nodes = new Set(seed.nodes.filter((n) => kinds.includes(n.kind)).map((n) => n.id));
        const g = await overview({ kinds: kinds.join(',') });
        expect(graphKeys(g)).toEqual({ nodes: sorted(nodes), edges: among(nodes) });
        const types = ['FUNDS', 'LOCATED_IN'];
        const t = await overview({ types: types.join(',') });
        expect(graphKeys(t)).toEqual({
          nodes: sorted(seed.nodes.filter((n) => n.kind !== 'Deal').map((n) => n.id)),
          edges: among(new Set(ref.byId.keys()), (r) => types.includes(r.type)),
        });
      });

      it('keeps only money of at least minAmount', async () => {
        const amounts = ref
          .moneyRels()
          .map((r) => ref.amountOf(r).amount)
          .filter((a): a is number => a !== undefined)
          .sort((a, b) => a - b);
        const min = amounts[Math.floor(amounts.length / 2)] ?? 1;
        const g = await overview({ minAmount: min });
        expect(graphKeys(g).edges).toEqual(
          among(new Set(ref.byId.keys()), (r) => MONEY.has(r.type) && (ref.amountOf(r).amount ?? -1) >= min),
        );
      });

      it('keeps the nodes of a region', async () => {
        const regions = seed.nodes.filter((n) => n.kind === 'Region');
        const members = (r: string) =>
          seed.nodes.filter((n) => n.id === r || ref.containers(n.id).has(r)).map((n) => n.id);
        const region = [...regions].sort((a, b) => members(b.id).length - members(a.id).length || cmp(a.id, b.id))[0];
        expect(region, 'the seed has regions').toBeDefined();
        if (!region) return;
        // a region contains what its sub-regions and zones contain
        const nested = regions.filter((r) => ref.containers(r.id).has(region.id));
        for (const sub of nested) for (const m of members(sub.id)) expect(members(region.id)).toContain(m);
        const nodes = new Set(members(region.id));
        // and the funders of its nodes, wherever they are
        for (const r of ref.moneyRels()) if (nodes.has(r.target)) nodes.add(r.source);
        const g = await overview({ region: region.id });
        expect(graphKeys(g)).toEqual({ nodes: sorted(nodes), edges: among(nodes) });
        expect(g.attributes.totalNodes).toBe(nodes.size);
      });

      it('keeps the best-connected nodes when over the limit', async () => {
        const limit = Math.min(5, seed.nodes.length - 1);
        const g = await overview({ limit });
        const kept = new Set(byDegree.slice(0, limit).map((n) => n.id));
        expect(graphKeys(g)).toEqual({ nodes: sorted(kept), edges: among(kept) });
        expect(g.attributes).toMatchObject({
          truncated: true,
          totalNodes: seed.nodes.filter((n) => n.kind !== 'Deal').length,
        });
      });
    });

    describe('cofunding', () => {
      const cofunding = async (q: Record<string, unknown>) =>
        SerializedGraphSchema.parse(await store.cofunding(CofundingQuery.parse(q)));

      /** The expected co-funding links, naively. */
      const expected = (kinds: string[] | undefined, minShared: number) => {
        const money = ref.moneyRels();
        const targets = new Map<string, Set<string>>();
        for (const r of money) {
          if (!targets.has(r.source)) targets.set(r.source, new Set());
          targets.get(r.source)!.add(r.target);
        }
        const funders = sorted(targets.keys()).filter((f) => !kinds || kinds.includes(ref.node(f).kind));
        const links = new Map<
          string,
          { source: string; target: string; recipients: string[]; amounts: MoneyTotal[]; deals: string[] }
        >();
        for (let i = 0; i < funders.length; i++)
          for (let j = i + 1; j < funders.length; j++) {
            const a = funders[i]!;
            const b = funders[j]!;
            const shared = sorted([...targets.get(a)!].filter((t) => targets.get(b)!.has(t)));
            if (shared.length < minShared) continue;
            const toShared = (f: string) => money.filter((r) => r.source === f && shared.includes(r.target));
            const amounts = refMoney(seed, [...toShared(a), ...toShared(b)]);
            const dealsOf = (f: string) =>
              new Set(toShared(f).flatMap((r) => ('deal' in r && r.deal !== undefined ? [r.deal] : [])));
            const deals = sorted([...dealsOf(a)].filter((d) => dealsOf(b).has(d)));
            links.set(`cofund:${a}:${b}`, { source: a, target: b, recipients: shared, amounts, deals });
          }
        return { links, targets };
      };

      for (const [label, q, kinds, minShared] of [
        ['all funders', {}, undefined, 1],
        [
          'government funders sharing two recipients',
          { kinds: 'GovernmentBody,Fund', minShared: 2 },
          ['GovernmentBody', 'Fund'],
          2,
        ],
      ] as const) {
        it(`links ${label}`, async () => {
          const { links, targets } = expected(kinds ? [...kinds] : undefined, minShared);
          const g = await cofunding(q);
          const nodes = sorted(new Set([...links.values()].flatMap((l) => [l.source, l.target])));
          expect(graphKeys(g)).toEqual({ nodes, edges: sorted(links.keys()) });
          for (const e of g.edges) {
            const l = links.get(e.key)!;
            expect(e).toEqual({
              key: e.key,
              source: l.source,
              target: l.target,
              attributes: {
                type: 'CO_FUNDS',
                shared: l.recipients.length,
                recipients: l.recipients,
                amounts: l.amounts,
                deals: l.deals,
              },
            });
          }
          for (const n of g.nodes)
            expect(n.attributes).toMatchObject({
              name: ref.node(n.key).name,
              kind: ref.node(n.key).kind,
              recipients: targets.get(n.key)!.size,
            });
          expect(g.attributes.truncated).toBe(false);
        });
      }

      it('caps the funders at limit, most shared first', async () => {
        const { links } = expected(undefined, 1);
        const score = new Map<string, number>();
        for (const l of links.values())
          for (const f of [l.source, l.target]) score.set(f, (score.get(f) ?? 0) + l.recipients.length);
        const order = [...score.keys()].sort((a, b) => score.get(b)! - score.get(a)! || cmp(a, b));
        const g = await cofunding({ limit: 1 });
        const kept = new Set(order.slice(0, 1));
        expect(graphKeys(g)).toEqual({
          nodes: sorted(kept),
          edges: sorted(
            [...links.entries()].filter(([, l]) => kept.has(l.source) && kept.has(l.target)).map(([k]) => k),
          ),
        });
        expect(g.attributes).toMatchObject({ truncated: order.length > 1, totalNodes: order.length });
      });
    });

    describe('cypher', () => {
      it('is refused by the embedded store with NOT_SUPPORTED, answered by Neo4j', async () => {
        const run = store.cypher(
          { query: 'MATCH (n) RETURN count(n) AS c', params: {} },
          { timeoutMs: 5000, maxRows: 10 },
        );
        if (store.backend === 'embedded') {
          await expectCode(run, 'NOT_SUPPORTED');
          const err: unknown = await run.catch((e: unknown) => e);
          expect(err).toMatchObject({ status: 501 });
          expect((err as AppError).hint).toContain('NEO4J_URI');
        } else {
          const res = await run;
          expect(res.columns).toEqual(['c']);
          expect(res.rows).toEqual([[seed.nodes.length]]);
        }
      });
    });

    describe('writes', () => {
      it('upserts idempotently: a second load creates and changes nothing', async () => {
        const before = await store.stats();
        const counts = await store.upsertGraph(seed, 7);
        expect(counts).toMatchObject({ nodesCreated: 0, relationshipsCreated: 0, missingEndpoints: [] });
        expect(counts.nodesUpdated).toBeLessThanOrEqual(seed.nodes.length);
        expect(await store.stats()).toEqual(before);
      });

      it('reports and does not write a relationship whose end is missing', async () => {
        const before = await store.stats();
        const base = seed.relationships.find((r) => r.type === 'FUNDS') ?? seed.relationships[0]!;
        const orphan = { ...base, id: 'contract-test-orphan', target: 'no-such-entity-anywhere' };
        const counts = await store.upsertRelationships([orphan]);
        expect(counts).toMatchObject({
          relationshipsCreated: 0,
          relationshipsUpdated: 0,
          missingEndpoints: ['contract-test-orphan'],
        });
        expect(await store.stats()).toEqual(before);
        const page = await store.relationships(base.source, RelationshipsQuery.parse({ limit: 500 }));
        expect(page.items.map((i) => i.id)).not.toContain('contract-test-orphan');
      });

      it('ranks search matches by importance: money and degree, and the kind', async () => {
        const sources = seed.nodes[0]!.sources;
        const funder = seed.nodes.find((n) => n.kind === 'GovernmentBody')!;
        const node = (id: string, kind: 'University' | 'Person', name: string): Node => ({
          id,
          kind,
          name,
          aliases: [],
          description: '',
          sources,
        });
        const grant = (id: string, target: string, amount: number): Relationship => ({
          id,
          type: 'FUNDS',
          source: funder.id,
          target,
          amount,
          currency: 'CNY',
          sources,
        });
        await store.upsertNodes([
          node('contract-zqvx-university', 'University', 'University of Zqvx'),
          node('contract-zqvx-person', 'Person', 'Zqvx Anders'),
          node('contract-zqvx-main', 'University', 'Zqvx State University Main Campus'),
          node('contract-zqvx-annex', 'University', 'Zqvx State University Annex'),
        ]);
        await store.upsertRelationships([
          grant('contract-zqvx-g1', 'contract-zqvx-university', 300_000_000),
          grant('contract-zqvx-g2', 'contract-zqvx-main', 900_000_000),
          grant('contract-zqvx-g3', 'contract-zqvx-annex', 2_000_000),
        ]);
        const ids = async (q: string) =>
          (await store.search(SearchQuery.parse({ q, limit: 10 }))).items.map((i) => i.id);
        const all = await ids('zqvx');
        expect(all.indexOf('contract-zqvx-university')).toBeLessThan(all.indexOf('contract-zqvx-person'));
        expect(all.indexOf('contract-zqvx-person')).toBeGreaterThanOrEqual(0);
        expect((await ids('zqvx state'))[0]).toBe('contract-zqvx-main');
        expect((await ids('Zqvx State Univ'))[0]).toBe('contract-zqvx-main');
        // acronyms are stored with an organisation and found, below an exact name
        expect((await ids('ZSU'))[0]).toBe('contract-zqvx-main');
        expect(await store.entity('contract-zqvx-main')).not.toHaveProperty('properties.acronyms');
      });

      it('writes the good relationships of a batch and replaces properties on update', async () => {
        const base = seed.relationships.find((r) => r.type === 'FUNDS') ?? seed.relationships[0]!;
        const fresh = { ...base, id: 'contract-test-fresh' };
        const orphan = { ...base, id: 'contract-test-orphan', source: 'no-such-entity-anywhere' };
        const counts = await store.upsertRelationships([orphan, fresh]);
        expect(counts).toMatchObject({ relationshipsCreated: 1, missingEndpoints: ['contract-test-orphan'] });
        const ids = (await store.relationships(base.source, RelationshipsQuery.parse({ limit: 500 }))).items.map(
          (i) => i.id,
        );
        expect(ids).toContain('contract-test-fresh');

        const node = focus;
        const changed = {
          ...node,
          description: 'changed by the contract suite',
          aliases: ['Contract Alias Zqx'],
        };
        const c = await store.upsertNodes([changed]);
        expect(c).toMatchObject({ nodesCreated: 0, nodesUpdated: 1 });
        const e = await store.entity(node.id);
        expect(e).toMatchObject({ description: 'changed by the contract suite', aliases: ['Contract Alias Zqx'] });
        expect((await store.search(SearchQuery.parse({ q: 'Contract Alias Zqx' }))).items[0]?.id).toBe(node.id);

        await store.clear();
        expect((await store.stats()).totals).toEqual({ nodes: 0, relationships: 0 });
        await store.upsertGraph(seed);
        expect((await store.stats()).totals).toEqual({
          nodes: seed.nodes.length,
          relationships: seed.relationships.length,
        });
        expect((await store.entity(node.id)).description).toBe(node.description);
      });
    });
  });
}

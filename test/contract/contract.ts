/**
 * The one contract suite every GraphStore must pass (server/store/SEMANTICS.md). It loads the curated
 * seed into the store and checks each method against expectations computed here, naively and
 * independently of the stores, from `readSeed()`: the seed grows, so no count is written down and
 * the entities used are looked up (or derived) at run time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Entity as EntitySchema,
  RelationshipPage as RelationshipPageSchema,
  SerializedGraph as SerializedGraphSchema,
  Stats as StatsSchema,
  NeighborhoodQuery,
  OverviewQuery,
  RelationshipsQuery,
  SearchQuery,
} from '../../server/api/schemas';
import { readSeed } from '../../server/data/seed';
import type { AppError } from '../../server/errors';
import type { Node, Relationship } from '../../server/model/model';
import type { GraphStore } from '../../server/store/store';
import { dealContracts, refMoney } from './deals';
import { figureContracts } from './figures';
import { flowContracts } from './flows';
import { neighborPageContracts } from './neighborPage';
import { overviewContracts } from './overview';
import { cofundingContracts } from './cofunding';
import { flowWalkContracts } from './flowWalks';
import { pathContracts } from './paths';
import { searchContracts } from './search';
import { MONEY, NODE_CORE, REL_CORE, Reference, cmp, countBy, expectCode, graphKeys, omit, sorted } from './reference';

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

    describe('search', () => searchContracts(() => store, ref, focus));

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

    describe('paths', () => pathContracts(() => store, ref, focus));

    describe('flows', () => flowWalkContracts(() => store, ref, seed));

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

    describe('cofunding', () => cofundingContracts(() => store, ref));

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

/**
 * Contract of merged edges, paths by node sequence and data sets (SEMANTICS.md), on the seed plus a
 * small data set of parallel relationships ("parallel": money in two currencies, a deal whose every
 * participant joins the same two nodes, a share of a deal split over two pairs, parallel
 * collaborations) and one node loaded without a data set. Expectations are computed here from the
 * records, with the reference deal rules of deals.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BetweenQuery,
  CofundingQuery,
  DatasetsResult as DatasetsSchema,
  NeighborhoodQuery,
  OverviewQuery,
  PathsQuery,
  PathsResult as PathsSchema,
  RelationshipPage as RelationshipPageSchema,
  SerializedGraph as SerializedGraphSchema,
  type SerializedGraph,
} from '../../server/api/schemas';
import { readSeed } from '../../server/data/seed';
import type { GraphData, Node, Relationship } from '../../server/model/model';
import type { GraphStore } from '../../server/store/store';
import { refMoney } from './deals';

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const src = [{ source: 'parallel', quote: 'the parallel test records' }];
const DS = 'parallel';

const node = (id: string, kind: Node['kind'], name: string, extra: Record<string, unknown> = {}): Node =>
  ({ id, kind, name, aliases: [], description: '', sources: src, dataset: DS, ...extra }) as Node;
const rel = (
  id: string,
  type: Relationship['type'],
  source: string,
  target: string,
  extra: Record<string, unknown> = {},
): Relationship => ({ id, type, source, target, sources: src, dataset: DS, ...extra });

/** The parallel data set. */
export function parallelData(): GraphData {
  const nodes = [
    node('parallel', 'Source', 'Parallel test document', { title: 'Parallel relationships for tests' }),
    node('par-fund', 'Fund', 'Parallel Fund'),
    node('par-lab', 'Lab', 'Parallel Lab'),
    node('par-other', 'Lab', 'Other Parallel Lab'),
    node('par-deal-whole', 'Deal', 'A round of two tranches', { amount: 900, currency: 'USD' }),
    node('par-deal-split', 'Deal', 'An allocation split over two recipients', { amount: 400, currency: 'USD' }),
  ];
  const relationships = [
    rel('par-f1', 'FUNDS', 'par-fund', 'par-lab', { amount: 100, currency: 'USD', year: 2016 }),
    rel('par-f2', 'FUNDS', 'par-fund', 'par-lab', { amount: 250, currency: 'USD', periodStart: 2017, periodEnd: 2019 }),
    rel('par-f3', 'FUNDS', 'par-fund', 'par-lab', { amount: 50, currency: 'CNY', year: 2015 }),
    rel('par-f4', 'FUNDS', 'par-fund', 'par-lab', { amount: 300, currency: 'USD', deal: 'par-deal-whole' }),
    rel('par-f5', 'FUNDS', 'par-fund', 'par-lab', { amount: 500, currency: 'USD', deal: 'par-deal-whole' }),
    rel('par-g1', 'FUNDS', 'par-fund', 'par-other', { amount: 10, currency: 'USD', year: 2018 }),
    rel('par-g2', 'FUNDS', 'par-fund', 'par-other', { currency: 'USD', share: 0.25, deal: 'par-deal-split' }),
    rel('par-i1', 'INVESTS_IN', 'par-lab', 'par-other', { currency: 'USD', share: 0.75, deal: 'par-deal-split' }),
    rel('par-c1', 'COLLABORATES_WITH', 'par-lab', 'par-other'),
    rel('par-c2', 'COLLABORATES_WITH', 'par-lab', 'par-other', { periodStart: 2014, periodEnd: 2020 }),
  ];
  return { nodes, relationships };
}

/** A node loaded without a data set. */
const LOOSE: Node = {
  id: 'par-loose',
  kind: 'Region',
  name: 'Loose Region',
  aliases: [],
  description: '',
  sources: src,
};

type Edge = SerializedGraph['edges'][number];

/** Registers the suite; `makeStore` gives a connected store, cleared and loaded here. */
export function runMergeContract(name: string, makeStore: () => Promise<GraphStore>): void {
  describe(`merged edges, paths by node sequence, data sets: ${name}`, () => {
    let store: GraphStore;
    const seed = readSeed();
    const extra = parallelData();
    const all: GraphData = {
      nodes: [...seed.nodes, ...extra.nodes, LOOSE],
      relationships: [...seed.relationships, ...extra.relationships],
    };
    const relById = new Map(all.relationships.map((r) => [r.id, r]));

    beforeAll(async () => {
      store = await makeStore();
      await store.clear();
      await store.applySchema();
      await store.upsertGraph(all);
    }, 120_000);
    afterAll(async () => {
      await store?.close();
    });

    const overview = async (q: Record<string, unknown>) =>
      SerializedGraphSchema.parse(await store.overview(OverviewQuery.parse({ limit: 100_000, ...q })));
    const edgeOf = (g: SerializedGraph, key: string): Edge => {
      const e = g.edges.find((x) => x.key === key);
      expect(e, key).toBeDefined();
      return e!;
    };

    /** Reference groups: (source, target, type, currency) → relationships. */
    const groups = () => {
      const m = new Map<string, Relationship[]>();
      for (const r of all.relationships) {
        const c = (r as { currency?: string }).currency;
        const key = `${r.type}:${r.source}->${r.target}${c === undefined ? '' : `:${c}`}`;
        m.set(key, [...(m.get(key) ?? []), r]);
      }
      return m;
    };

    it('merges parallel relationships by default: one edge per ends, type and currency', async () => {
      const g = await overview({});
      const want = groups();
      const keys = [...want].map(([key, rels]) => (rels.length > 1 ? key : rels[0]!.id)).sort(cmp);
      expect(g.edges.map((e) => e.key)).toEqual(keys);
      // every relationship is in exactly one edge
      const covered = g.edges.flatMap((e) => (e.attributes.merged ? e.attributes.relationships! : [e.key]));
      expect(covered.sort(cmp)).toEqual([...relById.keys()].sort(cmp));
      for (const [key, rels] of want) {
        if (rels.length < 2) continue;
        const e = edgeOf(g, key);
        expect([e.source, e.target]).toEqual([rels[0]!.source, rels[0]!.target]);
        expect(e.attributes).toMatchObject({ type: rels[0]!.type, merged: true, count: rels.length });
        expect(e.attributes.relationships).toEqual(rels.map((r) => r.id).sort(cmp));
      }
    });

    it('totals a merged edge as the sum of its parts, each deal once', async () => {
      const g = await overview({});
      const usd = edgeOf(g, 'FUNDS:par-fund->par-lab:USD');
      // 100 + 250 and the whole round once (its stated 900, not its tranches 300 + 500)
      expect(usd.attributes).toMatchObject({
        currency: 'USD',
        amount: 1250,
        amounts: [{ currency: 'USD', amount: 1250, count: 3 }],
        deals: ['par-deal-whole'],
        yearStart: 2016,
        yearEnd: 2019,
      });
      // a share of a deal split over two pairs: its share of the stated total
      expect(edgeOf(g, 'FUNDS:par-fund->par-other:USD').attributes).toMatchObject({
        amount: 110,
        amounts: [{ currency: 'USD', amount: 110, count: 2 }],
        yearStart: 2018,
        yearEnd: 2018,
      });
      // every merged money edge: the reference totals of its relationships
      for (const e of g.edges.filter(
        (x) => x.attributes.merged && ['FUNDS', 'INVESTS_IN'].includes(x.attributes.type),
      )) {
        const rels = e.attributes.relationships!.map((id) => relById.get(id)!);
        expect(e.attributes.amounts, e.key).toEqual(refMoney(all, rels));
      }
      // a relationship without a parallel one stays as it is
      expect(edgeOf(g, 'par-f3').attributes).toMatchObject({ type: 'FUNDS', amount: 50, currency: 'CNY', year: 2015 });
      expect(edgeOf(g, 'COLLABORATES_WITH:par-lab->par-other').attributes).toEqual({
        type: 'COLLABORATES_WITH',
        merged: true,
        count: 2,
        relationships: ['par-c1', 'par-c2'],
        yearStart: 2014,
        yearEnd: 2020,
      });
    });

    it('gives every relationship with merge=false, and merges the neighbourhood too', async () => {
      const g = await overview({ merge: 'false' });
      expect(g.edges.map((e) => e.key).sort(cmp)).toEqual([...relById.keys()].sort(cmp));
      const hood = SerializedGraphSchema.parse(
        await store.neighborhood('par-lab', NeighborhoodQuery.parse({ depth: 1 })),
      );
      expect(hood.edges.map((e) => e.key)).toEqual([
        'COLLABORATES_WITH:par-lab->par-other',
        'FUNDS:par-fund->par-lab:USD',
        'FUNDS:par-fund->par-other:USD',
        'par-f3',
        'par-i1',
      ]);
      const flat = await store.neighborhood('par-lab', NeighborhoodQuery.parse({ depth: 1, merge: 'false' }));
      expect(flat.edges).toHaveLength(extra.relationships.length);
    });

    it('lists the relationships of a merged edge, paged, with properties and provenance', async () => {
      const page = async (q: Record<string, unknown>) =>
        RelationshipPageSchema.parse(await store.between(BetweenQuery.parse(q)));
      const q = { from: 'par-fund', to: 'par-lab', type: 'FUNDS', currency: 'USD', limit: 3 };
      const first = await page(q);
      expect(first.items.map((i) => i.id)).toEqual(['par-f1', 'par-f2', 'par-f4']);
      expect(first.nextCursor).not.toBeNull();
      const second = await page({ ...q, cursor: first.nextCursor });
      expect(second).toEqual({ items: [expect.objectContaining({ id: 'par-f5' })], nextCursor: null });
      expect(first.items[1]).toEqual({
        id: 'par-f2',
        type: 'FUNDS',
        direction: 'out',
        properties: { amount: 250, currency: 'USD', dataset: DS, periodEnd: 2019, periodStart: 2017 },
        sources: src,
        other: { id: 'par-lab', name: 'Parallel Lab', kind: 'Lab' },
      });
      // any currency; none; the other way round has none
      expect((await page({ ...q, currency: undefined, limit: 50 })).items.map((i) => i.id)).toEqual([
        'par-f1',
        'par-f2',
        'par-f3',
        'par-f4',
        'par-f5',
      ]);
      expect(
        (await page({ from: 'par-lab', to: 'par-other', type: 'COLLABORATES_WITH', currency: 'none' })).items.map(
          (i) => i.id,
        ),
      ).toEqual(['par-c1', 'par-c2']);
      expect((await page({ ...q, from: 'par-lab', to: 'par-fund' })).items).toEqual([]);
      await expect(store.between(BetweenQuery.parse({ ...q, from: 'no-such-node' }))).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
      await expect(store.between(BetweenQuery.parse({ ...q, cursor: 'bad' }))).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
      });
    });

    it('lists a path once per node sequence, with the parallel relationships of each hop', async () => {
      const got = PathsSchema.parse(
        await store.paths(PathsQuery.parse({ from: 'par-fund', to: 'par-other', maxHops: 3, k: 3 })),
      ).paths;
      expect(got.map((p) => p.nodes.map((n) => n.id))).toEqual([
        ['par-fund', 'par-other'],
        ['par-fund', 'par-lab', 'par-other'],
      ]);
      expect(got[0]!.hops.map((h) => [h.count, h.relationships.map((r) => r.id)])).toEqual([[2, ['par-g1', 'par-g2']]]);
      expect(got[1]!.hops.map((h) => [h.count, h.relationships.map((r) => r.id)])).toEqual([
        [5, ['par-f1', 'par-f2', 'par-f3', 'par-f4', 'par-f5']],
        [3, ['par-c1', 'par-c2', 'par-i1']],
      ]);
      expect(got[1]!.relationships.map((r) => r.id)).toEqual(['par-f1', 'par-c1']);
      expect(got[1]!.hops[0]!.relationships[1]).toEqual({
        id: 'par-f2',
        type: 'FUNDS',
        source: 'par-fund',
        target: 'par-lab',
        properties: { amount: 250, currency: 'USD', dataset: DS, periodEnd: 2019, periodStart: 2017 },
      });
      const typed = (
        await store.paths(
          PathsQuery.parse({ from: 'par-fund', to: 'par-other', types: 'FUNDS,INVESTS_IN', maxHops: 2, k: 1 }),
        )
      ).paths;
      expect(typed[1]!.hops.map((h) => h.count)).toEqual([5, 1]);
    });

    it('lists the data sets with their counts and sources', async () => {
      const got = DatasetsSchema.parse(await store.datasets()).datasets;
      expect(got.map((d) => d.name)).toEqual([DS, 'seed', 'unassigned']);
      const [par, s, loose] = got;
      expect(par).toEqual({
        name: DS,
        title: 'Parallel relationships for tests',
        origin: 'import',
        nodes: extra.nodes.length,
        relationships: extra.relationships.length,
        sources: [{ id: 'parallel', name: 'Parallel test document', title: 'Parallel relationships for tests' }],
      });
      expect(s).toMatchObject({ origin: 'seed', nodes: seed.nodes.length, relationships: seed.relationships.length });
      expect(s!.sources.map((x) => x.id)).toEqual(
        seed.nodes
          .filter((n) => n.kind === 'Source')
          .map((n) => n.id)
          .sort(cmp),
      );
      expect(loose).toMatchObject({ name: 'unassigned', origin: 'unknown', nodes: 1, relationships: 0, sources: [] });
    });

    it('filters the graph endpoints by data set', async () => {
      const g = await overview({ datasets: DS });
      expect(g.nodes.map((n) => n.key)).toEqual(
        extra.nodes
          .filter((n) => n.kind !== 'Deal')
          .map((n) => n.id)
          .sort(cmp),
      );
      const seedOnly = await overview({ datasets: 'seed', merge: 'false' });
      expect(seedOnly.nodes).toHaveLength(seed.nodes.filter((n) => n.kind !== 'Deal').length);
      expect(seedOnly.edges).toHaveLength(seed.relationships.length);
      expect((await overview({ datasets: 'unassigned' })).nodes.map((n) => n.key)).toEqual(['par-loose']);
      // the neighbourhood stays within the data sets (the root is always there)
      const hood = await store.neighborhood('par-lab', NeighborhoodQuery.parse({ depth: 2, datasets: 'seed' }));
      expect(hood.nodes.map((n) => n.key)).toEqual(['par-lab']);
      // co-funding among the funders and recipients of the data sets
      const co = await store.cofunding(CofundingQuery.parse({ datasets: DS }));
      expect(co.nodes.map((n) => n.key)).toEqual(['par-fund', 'par-lab']);
      const seedCo = await store.cofunding(CofundingQuery.parse({ datasets: 'seed' }));
      expect(seedCo.nodes.map((n) => n.key)).not.toContain('par-fund');
    });
  });
}

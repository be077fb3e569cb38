/**
 * The contract suite on the Neo4j store, and the same questions put to both stores: the Neo4j store
 * and the embedded store, each loaded with the seed, must give deep-equal answers (needs the test
 * Neo4j of test/setup/neo4j.ts).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  CofundingQuery,
  FlowsQuery,
  NeighborhoodQuery,
  OverviewQuery,
  PathsQuery,
  RelationshipsQuery,
  SearchQuery,
} from '../../server/api/schemas';
import { parseConfig } from '../../server/config';
import { readSeed } from '../../server/data/seed';
import { createSeededEmbeddedStore } from '../../server/store/embedded';
import { createNeo4jStore } from '../../server/store/neo4j';
import type { GraphStore } from '../../server/store/store';
import { describeNeo4j, neo4jUri } from '../helpers/neo4j';
import { runContractSuite } from './contract';
import { runMergeContract } from './merged';

const makeNeo4j = (): GraphStore => createNeo4jStore(parseConfig({ NEO4J_URI: neo4jUri() ?? undefined }));

describeNeo4j('Neo4j store', () => {
  runContractSuite('neo4j', () => Promise.resolve(makeNeo4j()));
  runMergeContract('neo4j', () => Promise.resolve(makeNeo4j()));
});

describeNeo4j('Neo4j and embedded stores give the same answers', () => {
  const seed = readSeed();
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const degree = new Map<string, number>();
  for (const r of seed.relationships) {
    degree.set(r.source, (degree.get(r.source) ?? 0) + 1);
    if (r.target !== r.source) degree.set(r.target, (degree.get(r.target) ?? 0) + 1);
  }
  const byDegree = [...seed.nodes].sort((a, b) => (degree.get(b.id) ?? 0) - (degree.get(a.id) ?? 0) || cmp(a.id, b.id));
  const hub = byDegree[0]!.id;
  const focus = seed.nodes.find((n) => n.id === 'jinfeng-laboratory')?.id ?? hub;
  const money = seed.relationships.filter((r) => r.type === 'FUNDS' || r.type === 'INVESTS_IN');
  const funder = money[0]?.source ?? hub;
  const recipient = money[0]?.target ?? hub;
  const region = seed.nodes.find((n) => n.kind === 'Region')?.id;
  const years = money.flatMap((r) => ('year' in r && r.year !== undefined ? [r.year] : []));

  let neo: GraphStore;
  let emb: GraphStore;

  beforeAll(async () => {
    neo = makeNeo4j();
    await neo.applySchema();
    await neo.clear();
    await neo.upsertGraph(seed);
    emb = await createSeededEmbeddedStore();
  });
  afterAll(async () => {
    await neo?.close();
    await emb?.close();
  });

  const same = async (what: string, ask: (s: GraphStore) => Promise<unknown>) => {
    const [a, b] = await Promise.all([ask(neo), ask(emb)]);
    expect(a, what).toEqual(b);
  };

  it('stats', async () => {
    await same('stats', (s) => s.stats());
  });

  it('entity of every seed node', async () => {
    for (const n of seed.nodes) await same(n.id, (s) => s.entity(n.id));
  }, 120_000);

  it('relationships pages', async () => {
    for (const id of [hub, focus, ...byDegree.slice(1, 4).map((n) => n.id)])
      for (const q of [
        {},
        { limit: 2 },
        { direction: 'in' },
        { direction: 'out', limit: 3 },
        { types: 'FUNDS,LOCATED_IN' },
      ]) {
        const query = RelationshipsQuery.parse(q);
        await same(`${id} ${JSON.stringify(q)}`, (s) => s.relationships(id, query));
        const first = await emb.relationships(id, query);
        if (first.nextCursor) {
          const next = RelationshipsQuery.parse({ ...q, cursor: first.nextCursor });
          await same(`${id} ${JSON.stringify(q)} page 2`, (s) => s.relationships(id, next));
        }
      }
  });

  it('search: the same items, scores and order', async () => {
    const queries = [
      'jinfeng',
      'Jinfeng Laboratory',
      'jinf',
      'jinfneg lab',
      '金凤',
      '实验室',
      '重庆',
      'chongqing',
      'shandong',
      'fund',
      'science technology',
      'lab',
      'of',
      'Zürich',
      'qqxxzzvv',
      '山东财政',
      '重庆实验室',
      'Chongqing 实验室',
      'Shandong Prov Dept of Finance',
      'univ',
      'jinfeng zzqqxx',
      'the of',
      ...seed.nodes.slice(0, 40).map((n) => n.name),
      ...seed.nodes.flatMap((n) => n.aliases).slice(0, 40),
    ];
    for (const q of queries) {
      const query = SearchQuery.parse({ q: q.slice(0, 200), limit: 100 });
      await same(q, (s) => s.search(query));
    }
    await same('kinds', (s) => s.search(SearchQuery.parse({ q: 'lab', kinds: 'Lab,Program', limit: 5 })));
  }, 120_000);

  it('neighborhood', async () => {
    for (const id of [focus, hub])
      for (const q of [
        { depth: 1 },
        { depth: 2 },
        { depth: 3 },
        { depth: 2, limit: 3 },
        { depth: 2, types: 'PART_OF,FUNDS' },
      ]) {
        const query = NeighborhoodQuery.parse(q);
        await same(`${id} ${JSON.stringify(q)}`, (s) => s.neighborhood(id, query));
      }
  });

  it('paths', async () => {
    const targets = byDegree.slice(0, 8).map((n) => n.id);
    for (const to of targets)
      for (const q of [{ maxHops: 4 }, { maxHops: 5, k: 3 }, { maxHops: 3, types: 'PART_OF,FOCUSES_ON' }]) {
        const query = PathsQuery.parse({ from: focus, to, ...q });
        await same(`${focus} → ${to} ${JSON.stringify(q)}`, (s) => s.paths(query));
      }
  }, 120_000);

  it('flows', async () => {
    const qs: Record<string, unknown>[] = [
      {},
      { from: funder },
      { from: funder, depth: 1 },
      { from: recipient, direction: 'up', depth: 2 },
      { from: hub, direction: 'up' },
      { from: 'jinfeng-laboratory', direction: 'up' },
      { limit: 2 },
      { region: 'chongqing' },
      { region: 'shandong', limit: 1 },
    ];
    if (years.length > 0) qs.push({ year: Math.max(...years) }, { from: funder, year: Math.min(...years) });
    for (const q of qs) {
      const query = FlowsQuery.parse(q);
      await same(JSON.stringify(q), (s) => s.flows(query));
    }
  });

  it('overview', async () => {
    const qs: Record<string, unknown>[] = [
      {},
      { kinds: 'Lab,Fund,Program' },
      { types: 'FUNDS,PART_OF' },
      { minAmount: 1e9 },
      { limit: 5 },
    ];
    if (region) qs.push({ region }, { region, kinds: 'Lab' });
    for (const q of qs) {
      const query = OverviewQuery.parse(q);
      await same(JSON.stringify(q), (s) => s.overview(query));
    }
  });

  it('cofunding', async () => {
    for (const q of [{}, { minShared: 2 }, { kinds: 'GovernmentBody,Fund' }, { limit: 1 }]) {
      const query = CofundingQuery.parse(q);
      await same(JSON.stringify(q), (s) => s.cofunding(query));
    }
  });
});

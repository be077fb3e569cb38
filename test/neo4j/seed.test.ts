/**
 * The seed in the real Neo4j: it loads with the counts of the seed files (by label and by relationship
 * type, computed from readSeed()), a second load changes nothing, invalid records are refused with
 * nothing of their batch written, relationships with a missing end are reported, and no Neo4j
 * Integer ever leaks out of the store.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { FlowsQuery, NeighborhoodQuery, OverviewQuery, SearchQuery } from '../../server/api/schemas';
import { parseConfig } from '../../server/config';
import { readSeed } from '../../server/data/seed';
import { ValidationError } from '../../server/errors';
import { NODE_KINDS, ORG_LABEL, REL_TYPES, labelsOf, type Node, type Relationship } from '../../server/model/model';
import { validateGraph } from '../../server/model/validate';
import { createDriver } from '../../server/neo4j/driver';
import { CypherRunner } from '../../server/neo4j/run';
import { toNeo4jNode, toStoredRel } from '../../server/store/common';
import { createNeo4jStore } from '../../server/store/neo4j';
import type { GraphStore } from '../../server/store/store';
import { describeNeo4j, neo4jUri } from '../helpers/neo4j';

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

describeNeo4j('the seed in Neo4j', () => {
  const seed = readSeed();
  let store: GraphStore;
  let runner: CypherRunner;

  const read = (text: string, params: Record<string, unknown> = {}) =>
    runner.runText('test', text, params, { routing: 'READ' });

  const countsByLabel = async () => {
    const out: Record<string, number> = {};
    for (const l of [...NODE_KINDS, ORG_LABEL]) {
      const [row] = await read(`MATCH (n:\`${l}\`) RETURN count(n) AS c`);
      if (row && row.c !== 0) out[l] = row.c as number;
    }
    return out;
  };
  const countsByType = async () => {
    const out: Record<string, number> = {};
    for (const t of REL_TYPES) {
      const [row] = await read(`MATCH ()-[r:\`${t}\`]->() RETURN count(r) AS c`);
      if (row && row.c !== 0) out[t] = row.c as number;
    }
    return out;
  };
  const dump = async () => ({
    nodes: await read('MATCH (n) RETURN n.id AS id, labels(n) AS labels, properties(n) AS props ORDER BY id'),
    rels: await read(
      'MATCH (a)-[r]->(b) RETURN r.id AS id, type(r) AS type, a.id AS source, b.id AS target, properties(r) AS props ORDER BY id',
    ),
  });

  beforeAll(async () => {
    const config = parseConfig({ NEO4J_URI: neo4jUri() ?? undefined });
    store = createNeo4jStore(config);
    runner = new CypherRunner(createDriver(config), { database: config.NEO4J_DATABASE, defaultTimeoutMs: 10_000 });
    await store.applySchema();
    await store.clear();
  });
  afterAll(async () => {
    await runner?.driver.close();
    await store?.close();
  });

  it('loads with the counts of the seed files, by label and by relationship type', async () => {
    const counts = await store.upsertGraph(seed);
    expect(counts).toEqual({
      nodesCreated: seed.nodes.length,
      nodesUpdated: 0,
      relationshipsCreated: seed.relationships.length,
      relationshipsUpdated: 0,
      missingEndpoints: [],
    });
    const byLabel: Record<string, number> = {};
    for (const n of seed.nodes) for (const l of labelsOf(n.kind)) byLabel[l] = (byLabel[l] ?? 0) + 1;
    const byType: Record<string, number> = {};
    for (const r of seed.relationships) byType[r.type] = (byType[r.type] ?? 0) + 1;
    expect(await countsByLabel()).toEqual(byLabel);
    expect(await countsByType()).toEqual(byType);
  });

  it('stores each record as the model says (flattened sources, absent fields absent, safe integers as INTEGER)', async () => {
    const d = await dump();
    const nodes = new Map(d.nodes.map((r) => [r.id as string, r]));
    for (const n of seed.nodes) {
      const row = nodes.get(n.id)!;
      expect(row.props, n.id).toEqual(toNeo4jNode(n));
      expect([...(row.labels as string[])].sort(cmp)).toEqual(labelsOf(n.kind).sort(cmp));
    }
    const rels = new Map(d.rels.map((r) => [r.id as string, r]));
    for (const r of seed.relationships) {
      expect(rels.get(r.id), r.id).toEqual({
        id: r.id,
        type: r.type,
        source: r.source,
        target: r.target,
        props: toStoredRel(r),
      });
    }
    const withYear = seed.relationships.find((r) => 'year' in r && r.year !== undefined);
    if (withYear) {
      const [row] = await read('MATCH ()-[r {id: $id}]->() RETURN valueType(r.year) AS t', { id: withYear.id });
      expect(row).toEqual({ t: 'INTEGER NOT NULL' });
    }
  });

  it('changes nothing on a second load', async () => {
    const before = await dump();
    const labelsBefore = await countsByLabel();
    const typesBefore = await countsByType();
    const counts = await store.upsertGraph(seed, 17);
    expect(counts).toEqual({
      nodesCreated: 0,
      nodesUpdated: 0,
      relationshipsCreated: 0,
      relationshipsUpdated: 0,
      missingEndpoints: [],
    });
    expect(await dump()).toEqual(before);
    expect(await countsByLabel()).toEqual(labelsBefore);
    expect(await countsByType()).toEqual(typesBefore);
  });

  it('refuses an invalid record, naming the record and field, and writes nothing of its batch', async () => {
    const before = await dump();
    const source = seed.nodes.find((n) => n.kind === 'Source')!.id;
    const good = {
      id: 'seed-test-good',
      kind: 'Lab',
      name: 'Good Lab',
      aliases: [],
      description: '',
      sources: [{ source, quote: 'a quote' }],
    };
    const bad = { ...good, id: 'seed-test-bad', labType: 'castle' };
    const graph = { nodes: [good, bad] as unknown as Node[], relationships: [] };
    let error: unknown;
    try {
      await store.upsertGraph(graph);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toMatch(/seed-test-bad/);
    expect((error as ValidationError).message).toMatch(/field "labType"/);
    // validateGraph names the same record and field
    expect(() =>
      validateGraph(
        graph.nodes.map((value, i) => ({ where: `nodes[${i}]`, value })),
        [],
      ),
    ).toThrow(/seed-test-bad.*field "labType"/);
    await expect(store.upsertNodes([good, bad] as unknown as Node[])).rejects.toBeInstanceOf(ValidationError);
    const badRel = {
      id: 'seed-test-rel',
      type: 'FUNDS',
      source: seed.nodes[0]!.id,
      target: seed.nodes[1]!.id,
      amount: 5,
      sources: [{ source, quote: 'a quote' }],
    };
    await expect(store.upsertRelationships([badRel] as unknown as Relationship[])).rejects.toThrow(
      /seed-test-rel.*field "currency"/,
    );
    expect(await dump()).toEqual(before);
  });

  it('writes nothing of a batch that Neo4j refuses part-way', async () => {
    const source = seed.nodes.find((n) => n.kind === 'Source')!.id;
    const base = { aliases: [], description: '', sources: [{ source, quote: 'a quote' }] };
    const moving = { ...base, id: 'seed-test-moving', kind: 'Lab', name: 'Moving Lab' } as Node;
    await store.upsertNodes([moving]);
    // an Enterprise-only node and an organisation with the same id: relabelling the latter clashes
    await runner.runText(
      'setup',
      "CREATE (:Enterprise {id: 'seed-test-clash', kind: 'Enterprise', name: 'x'}), (:Lab:Organization {id: 'seed-test-clash', kind: 'Lab', name: 'y'})",
      {},
      { routing: 'WRITE' },
    );
    try {
      const before = await dump();
      const fresh = { ...base, id: 'seed-test-fresh', kind: 'Lab', name: 'Fresh Lab' } as Node;
      const clash = { ...base, id: 'seed-test-clash', kind: 'Enterprise', name: 'Clash' } as Node;
      // the first statements (relabel of seed-test-moving) succeed, the clash fails: all roll back
      await expect(store.upsertNodes([{ ...moving, kind: 'Region' } as Node, fresh, clash])).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
      });
      expect(await dump()).toEqual(before);
    } finally {
      await runner.runText(
        'cleanup',
        "MATCH (n) WHERE n.id IN ['seed-test-clash', 'seed-test-moving'] DETACH DELETE n",
        {},
        { routing: 'WRITE' },
      );
    }
  });

  it('reports a relationship whose end is missing and writes the others', async () => {
    const base = seed.relationships[0]!;
    const orphan: Relationship = { ...base, id: 'seed-test-orphan', target: 'seed-test-nowhere' };
    const fresh: Relationship = { ...base, id: 'seed-test-extra' };
    const counts = await store.upsertRelationships([orphan, fresh]);
    expect(counts).toEqual({
      nodesCreated: 0,
      nodesUpdated: 0,
      relationshipsCreated: 1,
      relationshipsUpdated: 0,
      missingEndpoints: ['seed-test-orphan'],
    });
    expect(await read("MATCH ()-[r {id: 'seed-test-orphan'}]->() RETURN r")).toEqual([]);
    expect(await read("MATCH ()-[r {id: 'seed-test-extra'}]->() RETURN count(r) AS c")).toEqual([{ c: 1 }]);
    const moved = await store.upsertRelationships([{ ...fresh, target: base.source }]);
    expect(moved).toMatchObject({ relationshipsCreated: 0, relationshipsUpdated: 1 });
    expect(await read("MATCH (a)-[r {id: 'seed-test-extra'}]->(b) RETURN a.id AS a, b.id AS b")).toEqual([
      { a: base.source, b: base.source },
    ]);
    await runner.runText('cleanup', "MATCH ()-[r {id: 'seed-test-extra'}]->() DELETE r", {}, { routing: 'WRITE' });
  });

  it('moves a node to the labels of its new kind', async () => {
    const source = seed.nodes.find((n) => n.kind === 'Source')!.id;
    const base = { aliases: [], description: '', sources: [{ source, quote: 'a quote' }] };
    await store.upsertNodes([{ ...base, id: 'seed-test-kind', kind: 'Lab', name: 'Shifty' }]);
    const c = await store.upsertNodes([{ ...base, id: 'seed-test-kind', kind: 'Region', name: 'Shifty' }]);
    expect(c).toMatchObject({ nodesCreated: 0, nodesUpdated: 1 });
    expect(await read("MATCH (n {id: 'seed-test-kind'}) RETURN labels(n) AS l, n.kind AS k")).toEqual([
      { l: ['Region'], k: 'Region' },
    ]);
    await runner.runText('cleanup', "MATCH (n {id: 'seed-test-kind'}) DETACH DELETE n", {}, { routing: 'WRITE' });
  });

  it('never lets a Neo4j Integer out', async () => {
    const id = seed.nodes[0]!.id;
    const answers = [
      await store.stats(),
      await store.entity(id),
      await store.search(SearchQuery.parse({ q: seed.nodes[0]!.name })),
      await store.neighborhood(id, NeighborhoodQuery.parse({ depth: 2 })),
      await store.flows(FlowsQuery.parse({})),
      await store.overview(OverviewQuery.parse({})),
      await store.cypher(
        { query: 'MATCH (n)-[r]->(m) RETURN n, r, m, count(*) AS c LIMIT 20', params: {} },
        { timeoutMs: 5000, maxRows: 20 },
      ),
    ];
    const json = JSON.stringify(answers);
    expect(json).not.toMatch(/"low":|"high":/);
    const stats = answers[0] as { totals: { nodes: unknown } };
    expect(typeof stats.totals.nodes).toBe('number');
  });
});

/**
 * The Neo4j store's search importance table (server/store/neo4j/weights.ts): loaded by `warm`, it ranks
 * as the per-query path and the embedded store do; the store's own writes show at once; a write by
 * another process shows only when the table is reloaded (it is in use); above
 * SEARCH_WEIGHTS_TABLE_MAX_NODES it is not loaded and searches weigh their matches per query.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import neo4j from 'neo4j-driver';
import { SearchQuery } from '../../server/api/schemas';
import { parseConfig } from '../../server/config';
import type { Node, Relationship } from '../../server/model/model';
import { createEmbeddedStore } from '../../server/store/embedded';
import { createNeo4jStore } from '../../server/store/neo4j';
import type { GraphStore } from '../../server/store/store';
import { describeNeo4j, neo4jUri } from '../helpers/neo4j';

const sources = [{ source: 'weights-source', quote: 'a test quote' }];
const node = (id: string, kind: Node['kind'], name: string): Node =>
  ({ id, kind, name, aliases: [], description: '', sources }) as unknown as Node;
const grant = (id: string, source: string, target: string, amount: number): Relationship =>
  ({ id, type: 'FUNDS', source, target, amount, currency: 'USD', sources }) as unknown as Relationship;

const NODES: Node[] = [
  { ...node('weights-source', 'Source', 'Weights source'), title: 'Weights source' } as unknown as Node,
  node('w-fund', 'Fund', 'Vrell Endowment'),
  node('w-north', 'University', 'Qorv University North'),
  node('w-south', 'University', 'Qorv University South'),
  node('w-east', 'University', 'Qorv University East'),
  node('w-person', 'Person', 'Qorv Ilsa'),
];
const RELS: Relationship[] = [
  grant('w-g1', 'w-fund', 'w-north', 50_000_000),
  grant('w-g2', 'w-fund', 'w-south', 400_000),
  grant('w-g3', 'w-fund', 'w-east', 9_000),
];
const QUERIES = ['qorv', 'qorv university', 'QU', 'qorv ilsa', 'vrell'];
const search = (s: GraphStore, q: string) => s.search(SearchQuery.parse({ q, limit: 10 }));
const ids = async (s: GraphStore, q: string) => (await search(s, q)).items.map((i) => i.id);

describeNeo4j('search importance table on Neo4j', () => {
  const config = (max: number) => parseConfig({ NEO4J_URI: neo4jUri()!, SEARCH_WEIGHTS_TABLE_MAX_NODES: String(max) });
  let table: GraphStore;
  let perQuery: GraphStore;
  let emb: GraphStore;
  beforeAll(async () => {
    table = createNeo4jStore(config(1_000_000));
    perQuery = createNeo4jStore(config(0));
    await table.applySchema();
    await table.clear();
    await table.upsertGraph({ nodes: NODES, relationships: RELS });
    emb = createEmbeddedStore();
    await emb.upsertGraph({ nodes: NODES, relationships: RELS });
  });
  afterAll(async () => {
    await table?.close();
    await perQuery?.close();
    await emb?.close();
  });

  it('loads the table and ranks as the per-query path and the embedded store', async () => {
    expect(await table.warm!()).toMatch(/loaded: 6 nodes/);
    expect(await perQuery.warm!()).toMatch(/off/);
    for (const q of QUERIES) {
      const [a, b, c] = await Promise.all([search(table, q), search(perQuery, q), search(emb, q)]);
      expect(a, q).toEqual(b);
      expect(a, q).toEqual(c);
    }
    expect((await ids(table, 'qorv university'))[0]).toBe('w-north');
  });

  it('shows its own writes at once', async () => {
    await table.warm!();
    const more = grant('w-g4', 'w-fund', 'w-east', 900_000_000);
    await table.upsertRelationships([more]);
    await emb.upsertRelationships([more]);
    expect((await ids(table, 'qorv university'))[0]).toBe('w-east');
    expect(await search(table, 'qorv university')).toEqual(await search(emb, 'qorv university'));
  });

  it('is in use: a write by another process shows when the table is reloaded', async () => {
    expect(await table.warm!()).toMatch(/loaded/);
    const driver = neo4j.driver(neo4jUri()!);
    try {
      await driver.executeQuery(
        "MATCH (f {id: 'w-fund'}), (s {id: 'w-south'}) CREATE (f)-[:FUNDS {id: 'w-g5', amount: 5000000000.0, currency: 'USD'}]->(s)",
      );
      // the table still holds the old importance; a fresh per-query store sees the new one
      expect((await ids(table, 'qorv university'))[0]).toBe('w-east');
      const fresh = createNeo4jStore(config(0));
      try {
        expect((await ids(fresh, 'qorv university'))[0]).toBe('w-south');
      } finally {
        await fresh.close();
      }
      // a write of its own drops the table; the next load has the other process's write
      await table.upsertNodes([NODES[1]!]);
      expect((await ids(table, 'qorv university'))[0]).toBe('w-south');
      expect(await table.warm!()).toMatch(/loaded/);
      expect((await ids(table, 'qorv university'))[0]).toBe('w-south');
    } finally {
      await driver.close();
    }
  });

  it('is not loaded above SEARCH_WEIGHTS_TABLE_MAX_NODES; searches rank the same', async () => {
    const small = createNeo4jStore(config(3));
    try {
      expect(await small.warm!()).toMatch(/not loaded: 6 nodes, above/);
      for (const q of QUERIES) expect(await search(small, q), q).toEqual(await search(table, q));
    } finally {
      await small.close();
    }
  });
});

/**
 * The Neo4j full-text index `entity_search` reads `searchNames` (names as ranking reads them: accents
 * and full width folded, split at apostrophes and full stops): names the analyzer alone would
 * tokenize otherwise are found as in the embedded store, and a database written before `searchNames`
 * existed gets it when the schema is applied.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import neo4j from 'neo4j-driver';
import { SearchQuery } from '../../server/api/schemas';
import { parseConfig } from '../../server/config';
import type { Node } from '../../server/model/model';
import { searchNamesOf } from '../../server/search/names';
import { createEmbeddedStore } from '../../server/store/embedded';
import { createNeo4jStore } from '../../server/store/neo4j';
import type { GraphStore } from '../../server/store/store';
import { describeNeo4j, neo4jUri } from '../helpers/neo4j';

const src = [{ source: 'test-source', quote: 'a test quote' }];
const org = (id: string, name: string, aliases: string[] = []): Node =>
  ({ id, name, kind: 'University', aliases, description: '', sources: src }) as unknown as Node;
const NODES: Node[] = [
  {
    id: 'test-source',
    name: 'Test source',
    kind: 'Source',
    title: 'Test source',
    aliases: [],
    description: '',
    sources: src,
  } as unknown as Node,
  org('montreal', 'Université de Montréal', ['UdeM']),
  org('xian', "Xi'an Jiaotong University"),
  org('peoples', "People's University of Qelt"),
  org('wide', 'ＱＥＬＴ Ｗｉｄｅ Institute'),
  org('dotted', 'St.Qelt College of Z.U.R.'),
  org('zurich', 'Zürich Qelt Hochschule', ['ETH Zürich']),
];
const QUERIES = [
  'universite montreal',
  'Montréal',
  'montreal',
  'xi an',
  "xi'an jiaotong",
  'jiaotong',
  'people',
  'peoples qelt',
  'qelt wide',
  'ｑｅｌｔ',
  'st qelt',
  'zurich',
  'ETH Zurich',
  'zur',
  'udem',
];

it('searchNamesOf folds, splits and deduplicates as ranking reads names', () => {
  expect(searchNamesOf("Xi'an Jiaotong University", ['Université de Montréal', 'xi an jiaotong university'])).toEqual([
    'xi an jiaotong university',
    'universite de montreal',
  ]);
  expect(searchNamesOf('ＱＥＬＴ Lab')).toEqual(['qelt lab']);
  expect(searchNamesOf('!!!')).toEqual([]);
});

describeNeo4j('entity_search on Neo4j', () => {
  let neo: GraphStore;
  let emb: GraphStore;
  beforeAll(async () => {
    neo = createNeo4jStore(parseConfig({ NEO4J_URI: neo4jUri()! }));
    await neo.applySchema();
    await neo.clear();
    await neo.upsertGraph({ nodes: NODES, relationships: [] });
    emb = createEmbeddedStore();
    await emb.upsertGraph({ nodes: NODES, relationships: [] });
  });
  afterAll(async () => {
    await neo?.close();
    await emb?.close();
  });

  it('finds folded and split names as the embedded store does', async () => {
    for (const q of QUERIES) {
      const query = SearchQuery.parse({ q, limit: 10 });
      const [a, b] = await Promise.all([neo.search(query), emb.search(query)]);
      expect(a, q).toEqual(b);
      expect(a.items.length, q).toBeGreaterThan(0);
    }
  });

  it('fills in searchNames for nodes stored without it when the schema is applied', async () => {
    const driver = neo4j.driver(neo4jUri()!);
    try {
      await driver.executeQuery("MATCH (n) WHERE n.id IN ['montreal', 'xian'] REMOVE n.searchNames");
      const before = await neo.search(SearchQuery.parse({ q: 'montreal', limit: 10 }));
      expect(before.items.map((i) => i.id)).not.toContain('montreal');
      await neo.applySchema();
      const { records } = await driver.executeQuery(
        "MATCH (n) WHERE n.id IN ['montreal', 'xian'] RETURN n.id AS id, n.searchNames AS names ORDER BY id",
      );
      expect(records.map((r) => [r.get('id') as string, r.get('names') as string[]])).toEqual([
        ['montreal', ['universite de montreal', 'udem']],
        ['xian', ['xi an jiaotong university']],
      ]);
      const after = await neo.search(SearchQuery.parse({ q: 'montreal', limit: 10 }));
      expect(after.items[0]?.id).toBe('montreal');
      // an upsert of the same data changes nothing now
      const counts = await neo.upsertGraph({ nodes: NODES, relationships: [] });
      expect(counts.nodesUpdated).toBe(0);
    } finally {
      await driver.close();
    }
  });
});

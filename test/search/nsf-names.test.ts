/**
 * Search on real names: the NSF 2017 awards (full data set, test/search/nsf-table.ts) imported into the
 * embedded store and into the real Neo4j of test/setup/neo4j.ts. Every query of the table must put
 * the entity meant first, on both stores, and both stores must answer every query alike (same items,
 * same scores, same order); a query that matches nothing gets the same nearest names on both.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SearchQuery, SearchResult } from '../../server/api/schemas';
import { parseConfig } from '../../server/config';
import { runImport } from '../../server/import/importer';
import { createEmbeddedStore } from '../../server/store/embedded';
import { createNeo4jStore } from '../../server/store/neo4j';
import type { GraphStore } from '../../server/store/store';
import { describeNeo4j, neo4jUri } from '../helpers/neo4j';
import { HAS_NSF_FULL, NSF_FULL, NSF_MAPPING, NSF_QUERIES } from './nsf-table';

const search = async (store: GraphStore, q: string, limit = 10) =>
  SearchResult.parse(await store.search(SearchQuery.parse({ q, limit })));

/** Queries that match nothing, and a name that must be among the suggestions. */
const NO_MATCH: readonly (readonly [string, string])[] = [
  ['harvard univ of michigan', 'inst-33042925fb25'],
  ['mti', 'inst-3da217e75e0b'],
  ['stanfrod univ berkeley', 'inst-f10a464b2f9c'],
];

function checkTable(store: () => GraphStore) {
  it.each(NSF_QUERIES.map(([q, id]) => ({ q, id })))('$q → $id first', async ({ q, id }) => {
    const r = await search(store(), q, 5);
    expect(r.items[0]?.id, JSON.stringify(r.items.map((i) => i.name))).toBe(id);
    expect(r.suggestions).toEqual([]);
  });

  it.each(NO_MATCH.map(([q, id]) => ({ q, id })))('suggests for "$q"', async ({ q, id }) => {
    const r = await search(store(), q);
    expect(r.items).toEqual([]);
    expect(r.suggestions.map((s) => s.id)).toContain(id);
  });
}

describe.runIf(HAS_NSF_FULL)('search on the NSF awards (embedded store)', () => {
  const store = createEmbeddedStore();
  beforeAll(async () => {
    await runImport(NSF_MAPPING, store, { dataDir: NSF_FULL });
  });
  checkTable(() => store);
});

describe.runIf(HAS_NSF_FULL)('search on the NSF awards (Neo4j store, the same as embedded)', () => {
  describeNeo4j('Neo4j', () => {
    let neo: GraphStore;
    const embedded = createEmbeddedStore();
    beforeAll(async () => {
      neo = createNeo4jStore(parseConfig({ NEO4J_URI: neo4jUri() ?? undefined }));
      await neo.applySchema();
      await neo.clear();
      await runImport(NSF_MAPPING, neo, { dataDir: NSF_FULL });
      await runImport(NSF_MAPPING, embedded, { dataDir: NSF_FULL });
    }, 600_000);
    afterAll(async () => {
      await neo.clear();
      await neo.close();
    });
    checkTable(() => neo);

    it('answers every query of the table as the embedded store does', async () => {
      for (const [q] of [...NSF_QUERIES, ...NO_MATCH])
        expect(await search(neo, q), q).toEqual(await search(embedded, q));
    }, 120_000);
  });
});

if (!HAS_NSF_FULL)
  describe.skip(`search on the NSF awards (skipped: no full data set at ${NSF_FULL}; set NSF_DATA_DIR)`, () => {
    it('needs the data', () => undefined);
  });

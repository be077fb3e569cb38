/**
 * The read-only Cypher endpoint of the Neo4j store on the real Neo4j: every attack of the list is
 * refused and leaves the graph (counts and schema) unchanged; the allowed reads return rows and a
 * graph; rows are capped at maxRows, the timeout holds, values are plain JSON. The second line of
 * defence (READ transaction, EXPLAIN query type) is checked on its own too.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SerializedGraph } from '../../server/api/schemas';
import { parseConfig } from '../../server/config';
import { readSeed } from '../../server/data/seed';
import { QueryError } from '../../server/errors';
import { CypherConsole } from '../../server/neo4j/console';
import { createNeo4jStore } from '../../server/store/neo4j';
import type { GraphStore } from '../../server/store/store';
import { describeNeo4j, neo4jUri } from '../helpers/neo4j';
import { ALLOWED, ATTACKS } from './attacks';

const opts = { timeoutMs: 5000, maxRows: 100 };

describeNeo4j('Cypher endpoint (Neo4j store)', () => {
  const seed = readSeed();
  let store: GraphStore;

  const snapshot = async () => ({
    stats: await store.stats(),
    schema: (
      await store.cypher({ query: 'SHOW INDEXES YIELD name, type RETURN name, type ORDER BY name', params: {} }, opts)
    ).rows,
    labels: (
      await store.cypher({ query: 'CALL db.labels() YIELD label RETURN label ORDER BY label', params: {} }, opts)
    ).rows,
    props: (
      await store.cypher(
        { query: 'MATCH (n) RETURN n.id AS id, properties(n) AS p ORDER BY id', params: {} },
        { timeoutMs: 5000, maxRows: 100_000 },
      )
    ).rows,
  });

  beforeAll(async () => {
    store = createNeo4jStore(parseConfig({ NEO4J_URI: neo4jUri() ?? undefined }));
    await store.applySchema();
    await store.clear();
    await store.upsertGraph(seed);
  });
  afterAll(async () => {
    await store?.close();
  });

  it('refuses every attack and the graph is unchanged after', async () => {
    const before = await snapshot();
    for (const [what, query] of ATTACKS) {
      const run = store.cypher({ query, params: {} }, opts);
      await expect(run, `${what}: ${query}`).rejects.toBeInstanceOf(QueryError);
      await expect(run, `${what}: ${query}`).rejects.toMatchObject({ code: 'QUERY_REFUSED', status: 403 });
    }
    expect(await snapshot()).toEqual(before);
  }, 120_000);

  it('runs the allowed reads, returning rows and a graph', async () => {
    const anyId = seed.nodes[0]!.id;
    for (const query of ALLOWED) {
      const res = await store.cypher({ query, params: { id: anyId } }, opts);
      expect(res.columns.length, query).toBeGreaterThan(0);
      expect(res.truncated).toBe(false);
      expect(res.timing.ms).toBeGreaterThanOrEqual(0);
      expect(() => SerializedGraph.parse(res.graph)).not.toThrow();
      expect(JSON.stringify(res), query).not.toMatch(/"low":|"high":/);
    }
  }, 120_000);

  it('returns nodes, relationships and paths as plain objects, and all of them in the graph', async () => {
    const rel = seed.relationships[0]!;
    const res = await store.cypher(
      {
        query: 'MATCH p = (a {id: $s})-[r {id: $r}]->(b) RETURN a, r, p, a.id AS id',
        params: { s: rel.source, r: rel.id },
      },
      opts,
    );
    expect(res.columns).toEqual(['a', 'r', 'p', 'id']);
    const [a, r, p, id] = res.rows[0]!;
    expect(id).toBe(rel.source);
    expect(a).toMatchObject({ id: rel.source, properties: { id: rel.source } });
    expect(r).toMatchObject({ id: rel.id, type: rel.type, start: rel.source, end: rel.target });
    expect(p).toMatchObject({ nodes: [{ id: rel.source }, { id: rel.target }], relationships: [{ id: rel.id }] });
    expect(res.graph.nodes.map((n) => n.key).sort()).toEqual([rel.source, rel.target].sort());
    expect(res.graph.edges).toHaveLength(1);
    expect(res.graph.edges[0]).toMatchObject({
      key: rel.id,
      source: rel.source,
      target: rel.target,
      attributes: { type: rel.type },
    });
  });

  it('adds the ends of a returned relationship to the graph', async () => {
    const rel = seed.relationships[0]!;
    const res = await store.cypher({ query: 'MATCH ()-[r {id: $r}]->() RETURN r', params: { r: rel.id } }, opts);
    expect(res.graph.nodes.map((n) => n.key).sort()).toEqual([rel.source, rel.target].sort());
    expect(res.graph.edges.map((e) => [e.source, e.target])).toEqual([[rel.source, rel.target]]);
  });

  it('answers counts as numbers', async () => {
    const res = await store.cypher({ query: 'MATCH (n) RETURN count(n) AS c', params: {} }, opts);
    expect(res.rows).toEqual([[seed.nodes.length]]);
  });

  it('cuts rows at maxRows', async () => {
    const res = await store.cypher(
      { query: 'UNWIND range(1, 1000000) AS x RETURN x', params: {} },
      { timeoutMs: 5000, maxRows: 10 },
    );
    expect(res.rows).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((x) => [x]));
    expect(res.truncated).toBe(true);
    const exact = await store.cypher(
      { query: 'UNWIND range(1, 10) AS x RETURN x', params: {} },
      { timeoutMs: 5000, maxRows: 10 },
    );
    expect(exact.truncated).toBe(false);
  });

  it('stops a slow query at the timeout', async () => {
    const t0 = Date.now();
    await expect(
      store.cypher(
        { query: 'UNWIND range(1, 500000000) AS x WITH x WHERE x % 7 = 3 RETURN count(*) AS c', params: {} },
        { timeoutMs: 300, maxRows: 10 },
      ),
    ).rejects.toMatchObject({ code: 'QUERY_TIMEOUT' });
    expect(Date.now() - t0).toBeLessThan(10_000);
  });

  it('reports invalid Cypher as QUERY_INVALID', async () => {
    await expect(store.cypher({ query: 'MATCH (n RETURN n', params: {} }, opts)).rejects.toMatchObject({
      code: 'QUERY_INVALID',
    });
  });

  it('second line of defence: a READ transaction and the EXPLAIN query type', async () => {
    const config = parseConfig({ NEO4J_URI: neo4jUri() ?? undefined });
    const console = new CypherConsole(config, config.NEO4J_DATABASE, { concurrency: 1, queue: 1, maxWaitMs: 5000 });
    const limits = { timeoutMs: 5000, maxRows: 10, maxBytes: 1_000_000 };
    {
      const before = await store.stats();
      let planned = '';
      await expect(
        console.run(
          'unguarded',
          "CREATE (n:Lab {id: 'slipped-through'})",
          {},
          {
            ...limits,
            beforeRun: (t) => {
              planned = t;
              throw new QueryError('QUERY_REFUSED', 'not read-only');
            },
          },
        ),
      ).rejects.toMatchObject({ code: 'QUERY_REFUSED' });
      expect(planned).toBe('w');
      await expect(console.run('unguarded', 'MATCH (n) SET n.evil = true RETURN n', {}, limits)).rejects.toMatchObject({
        code: 'QUERY_REFUSED',
      });
      expect(await store.stats()).toEqual(before);
    }
  });
});

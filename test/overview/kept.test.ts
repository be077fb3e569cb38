/**
 * Overview answers kept by the Neo4j store (server/overview/kept.ts, server/store/neo4j/overviewCache.ts):
 * kept for the data version once computed, served by a new service (a restart) before it has read the
 * graph, left out of the data version and the counts, and dropped by a write, after which the overview
 * shows the change. Search and entities answer while the overview is being computed. Needs the test Neo4j.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { OverviewQuery } from '../../server/api/schemas';
import { GroupsQuery, OverviewGraph } from '../../server/api/overviewSchemas';
import { parseConfig } from '../../server/config';
import { OverviewService } from '../../server/overview/service';
import type { Projection } from '../../server/overview/types';
import { createNeo4jStore } from '../../server/store/neo4j';
import type { GraphStore } from '../../server/store/store';
import { call, serve } from '../helpers/app';
import { describeNeo4j, neo4jUri } from '../helpers/neo4j';
import { node, rel } from './fixtures';

const settings = () =>
  parseConfig({ LAYOUT_ITERATIONS: '10', LAYOUT_WAIT_MS: '60000', OVERVIEW_KEEP_ABOVE: '0', LAYOUT_MAX_NODES: '0' });
const q = GroupsQuery.parse({ by: 'kind' });

/** Waits until `f` gives a value (the store keeps answers after the request, not during it). */
async function until<T>(f: () => Promise<T | undefined>, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describeNeo4j('overview answers kept by the Neo4j store', () => {
  let store: GraphStore;
  const kept = (key: string, version: string) => store.readOverview?.(key, version) ?? Promise.resolve(undefined);
  const projection = { calls: 0, gate: undefined as Promise<void> | undefined };

  beforeAll(async () => {
    store = createNeo4jStore(parseConfig({ NEO4J_URI: neo4jUri() ?? undefined }));
    await store.clear();
    await store.applySchema();
    await store.upsertGraph({
      nodes: [...Array.from({ length: 30 }, (_, i) => node(`n${i}`, i < 10 ? 'Lab' : 'Fund'))],
      relationships: Array.from({ length: 40 }, (_, i) => rel(`r${i}`, `n${i % 30}`, `n${(i * 7 + 1) % 30}`)),
    });
    // counts the projection reads and can hold them back (a slow read of a large graph)
    const read = store.projection.bind(store);
    store.projection = async (): Promise<Projection> => {
      projection.calls++;
      await projection.gate;
      return read();
    };
  });
  afterAll(async () => {
    await store?.close();
  });

  it('keeps a computed answer, serves it after a restart before reading the graph, and drops it on a write', async () => {
    const stats = await store.stats();
    const version = await store.dataVersion();
    const first = OverviewGraph.parse(await new OverviewService(store, settings()).overview(q));
    expect(first.attributes.layout).toBe('ready');
    const key = 'kind:members::150:';
    await until(() => kept(key, version));
    // the kept answer is not data: same version, same counts
    expect(await store.dataVersion()).toBe(version);
    const fresh = createNeo4jStore(parseConfig({ NEO4J_URI: neo4jUri() ?? undefined })); // its stats not kept yet
    try {
      expect(await fresh.stats()).toEqual(stats);
      const cached = await fresh.cypher(
        { query: 'MATCH (c:InnographCache) RETURN count(c) AS c', params: {} },
        { timeoutMs: 5000, maxRows: 10 },
      );
      expect(cached.rows).toEqual([[1]]);
      // nor does it show in the network or the data sets
      const graph = await fresh.overview(OverviewQuery.parse({ merge: 'false' }));
      expect(graph.nodes).toHaveLength(30);
      expect(graph.nodes.every((n) => typeof n.attributes.kind === 'string')).toBe(true);
      const sets = (await fresh.datasets()).datasets;
      expect(sets.reduce((n, d) => n + d.nodes, 0)).toBe(30);
    } finally {
      await fresh.close();
    }

    // a restart: the new service answers from the kept answer while its own read of the graph is held back
    let release!: () => void;
    projection.gate = new Promise<void>((r) => (release = r));
    const calls = projection.calls;
    const restarted = new OverviewService(store, settings());
    const again = OverviewGraph.parse(await restarted.overview({ ...q, labels: 1 }));
    expect(again.nodes.map((n) => [n.key, n.attributes.members, n.attributes.x, n.attributes.y])).toEqual(
      first.nodes.map((n) => [n.key, n.attributes.members, n.attributes.x, n.attributes.y]),
    );
    expect(again.nodes.map((n) => n.attributes.forceLabel)).toEqual(first.nodes.map((_, i) => i < 1));
    // it computes the state in the background meanwhile
    await until(() => Promise.resolve(projection.calls > calls ? true : undefined));

    // search and entities answer while the overview is computed (the projection is still held back)
    const running = await serve(store);
    try {
      const pending = new OverviewService(store, settings()).overview({ ...q, by: 'community' });
      const search = await call(running.url, '/api/search?q=Node%20n1');
      expect(search.status).toBe(200);
      expect(JSON.stringify(search.body)).toContain('n1');
      expect((await call(running.url, '/api/entities/n2')).status).toBe(200);
      release();
      expect(OverviewGraph.parse(await pending).nodes.length).toBeGreaterThan(0);
    } finally {
      release();
      await running.stop();
    }

    // a write drops the kept answers; the overview shows the change
    await store.upsertNodes([node('late', 'Lab')]);
    await store.upsertRelationships([rel('late-r', 'late', 'n1')]);
    expect(await kept(key, version)).toBeUndefined();
    expect((await store.stats()).totals.nodes).toBe(stats.totals.nodes + 1);
    const changed = OverviewGraph.parse(await restarted.overview(q));
    expect(changed.attributes.totalNodes).toBe(first.attributes.totalNodes + 1);
    expect(changed.nodes.find((n) => n.key === 'kind:Lab')?.attributes.members).toBe(11);
    const recomputed = OverviewGraph.parse(await new OverviewService(store, settings()).overview(q));
    expect(recomputed.nodes.find((n) => n.key === 'kind:Lab')?.attributes.members).toBe(11);
  });
});

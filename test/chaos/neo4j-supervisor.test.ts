/**
 * Chaos: Neo4j killed with SIGKILL comes back by itself (the supervisor of scripts/neo4j/neo4j.sh),
 * and the running app recovers without a restart: /api/ready says 503 while the store is down and 200
 * after, /api/health answers 200 throughout, and the store endpoints and the Cypher console serve again.
 * Needs the test Neo4j's home dir (its neo4j.pid): with CI=true a missing one fails the suite. Ends
 * only when Neo4j is back, so that later files find it running.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readSeed } from '../../server/data/seed';
import type { Running } from '../../server/main';
import { createNeo4jStore } from '../../server/store/neo4j';
import type { GraphStore } from '../../server/store/store';
import { call, post, serve, testConfig } from '../helpers/app';
import { describeNeo4j, neo4jHome, neo4jUri } from '../helpers/neo4j';
import { alive, neo4jPid, waitFor } from './support';

/** Longest time Neo4j may take to come back on a loaded machine (back-off + recovery + start). */
const BACK_WITHIN_MS = 240_000;

describeNeo4j('chaos: Neo4j killed, supervised, and the app recovering', () => {
  let store: GraphStore;
  let running: Running;
  const home = neo4jHome();

  beforeAll(async () => {
    const config = testConfig({ NEO4J_URI: neo4jUri() ?? '' });
    store = createNeo4jStore(config);
    await store.applySchema();
    await store.clear();
    await store.upsertGraph(readSeed());
    running = await serve(store, { NEO4J_URI: neo4jUri() ?? '' });
  });

  afterAll(async () => {
    // whatever happened above, leave a running Neo4j to the next files
    if (home) await waitFor(async () => (await call(running.url, '/api/ready')).status === 200, BACK_WITHIN_MS, 1000);
    await running?.stop();
    await store?.close();
  }, BACK_WITHIN_MS + 30_000);

  it('knows where the test Neo4j keeps its pid (required in CI)', () => {
    if (process.env.CI === 'true')
      expect(home, 'CI=true: set NEO4J_TEST_HOME to the Neo4j home dir (.ci/run does)').toBeTruthy();
    if (home) expect(neo4jPid(home), `no neo4j.pid under ${home}`).toBeDefined();
  });

  it(
    'comes back by itself after kill -9, and the app recovers without a restart',
    async (ctx) => {
      if (!home) {
        ctx.skip(); // only outside CI (see the test above)
        return;
      }
      const pid = neo4jPid(home)!;
      expect(alive(pid)).toBe(true);
      expect((await call(running.url, '/api/ready')).status).toBe(200);

      process.kill(pid, 'SIGKILL');
      expect(await waitFor(() => Promise.resolve(!alive(pid)), 10_000, 100)).toBe(true);

      // down: ready says 503 problem+json, health stays 200
      const ready = await call(running.url, '/api/ready');
      expect(ready.status).toBe(503);
      expect(ready.type).toMatch(/^application\/problem\+json/);
      expect((ready.body as { code: string }).code).toBe('STORE_UNAVAILABLE');
      expect((await call(running.url, '/api/health')).status).toBe(200);

      // back by itself, as a new process, and the same app serves again
      const t0 = Date.now();
      let healthFailures = 0;
      const back = await waitFor(
        async () => {
          if ((await call(running.url, '/api/health')).status !== 200) healthFailures++;
          return (await call(running.url, '/api/ready')).status === 200;
        },
        BACK_WITHIN_MS,
        1000,
      );
      expect(back, `Neo4j not back within ${BACK_WITHIN_MS} ms`).toBe(true);
      console.info(`[chaos] Neo4j back and the app ready ${Date.now() - t0} ms after kill -9`);
      expect(healthFailures).toBe(0);
      const newPid = neo4jPid(home);
      expect(newPid).toBeDefined();
      expect(newPid).not.toBe(pid);
      expect(alive(newPid)).toBe(true);

      // a freshly started Neo4j plans every query anew: give the first answers a minute on a loaded machine
      const serves = (path: string) =>
        waitFor(async () => (await call(running.url, path)).status === 200, 60_000, 1000);
      expect(await serves('/api/entities/jinfeng-laboratory')).toBe(true);
      expect(await serves('/api/search?q=jinfeng')).toBe(true);
      let cypher = await post(running.url, '/api/cypher', { query: 'MATCH (n) RETURN count(n) AS c' });
      await waitFor(
        async () =>
          (cypher = await post(running.url, '/api/cypher', { query: 'MATCH (n) RETURN count(n) AS c' })).status === 200,
        60_000,
        1000,
      );
      expect(cypher.status, JSON.stringify(cypher.body)).toBe(200);
      expect(cypher.body).toMatchObject({ rows: [[readSeed().nodes.length]] });
    },
    BACK_WITHIN_MS + 60_000,
  );
});

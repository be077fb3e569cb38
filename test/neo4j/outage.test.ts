/**
 * Neo4j stopped while the API serves: requests answer 503 problem+json with Retry-After, fast, and
 * the API recovers once Neo4j is back. Uses its own Neo4j instance (port 7689) so that stopping it
 * does not disturb the other suites.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readSeed } from '../../server/data/seed';
import type { Running } from '../../server/main';
import { createNeo4jStore } from '../../server/store/neo4j';
import type { GraphStore } from '../../server/store/store';
import { call, serve, testConfig } from '../helpers/app';
import { describeNeo4j } from '../helpers/neo4j';

const ROOT = resolve(import.meta.dirname, '../..');
const PORT = process.env.NEO4J_OUTAGE_PORT ?? '7689';
const HOME = join(ROOT, '.neo4j-test-outage');
const env = { ...process.env, NEO4J_BOLT_PORT: PORT, NEO4J_HOME_DIR: HOME };

/** Runs neo4j.sh without blocking the event loop, so the in-process server keeps answering. */
async function neo4j(cmd: 'start' | 'stop'): Promise<string> {
  const { stdout } = await promisify(execFile)('bash', [join(ROOT, 'scripts/neo4j/neo4j.sh'), cmd], {
    env,
    encoding: 'utf8',
    timeout: 300_000,
  });
  return /NEO4J_URI=(\S+)/.exec(stdout)?.[1] ?? '';
}

describeNeo4j('Neo4j outage and recovery', () => {
  let store: GraphStore;
  let running: Running;

  beforeAll(async () => {
    rmSync(HOME, { recursive: true, force: true });
    const uri = await neo4j('start');
    store = createNeo4jStore(testConfig({ NEO4J_URI: uri, QUERY_TIMEOUT_MS: '3000' }));
    await store.applySchema();
    await store.clear();
    await store.upsertGraph(readSeed());
    running = await serve(store);
  });

  afterAll(async () => {
    await running?.stop();
    await store?.close();
    await neo4j('stop');
    rmSync(HOME, { recursive: true, force: true });
  });

  it('serves, answers 503 while Neo4j is down, and recovers', async () => {
    expect((await call(running.url, '/api/ready')).status).toBe(200);
    expect((await call(running.url, '/api/entities/jinfeng-laboratory')).status).toBe(200);

    await neo4j('stop');
    for (const path of ['/api/ready', '/api/entities/jinfeng-laboratory', '/api/search?q=jinfeng', '/api/stats']) {
      const t0 = Date.now();
      const r = await call(running.url, path);
      expect(r.status, `${path}: ${JSON.stringify(r.body)}`).toBe(503);
      expect(r.type).toMatch(/^application\/problem\+json/);
      expect((r.body as { code: string }).code).toBe('STORE_UNAVAILABLE');
      expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(Date.now() - t0).toBeLessThan(15_000);
    }
    expect((await call(running.url, '/api/health')).status).toBe(200);

    await neo4j('start');
    let status = 0;
    for (let i = 0; i < 30 && status !== 200; i++) {
      status = (await call(running.url, '/api/entities/jinfeng-laboratory')).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 1000));
    }
    expect(status).toBe(200);
    expect((await call(running.url, '/api/ready')).status).toBe(200);
  }, 240_000);
});

/**
 * The importer against the real Neo4j of test/setup/neo4j.ts, with the NSF fixture sample: the same
 * import gives the same graph in Neo4j as in the embedded store; re-importing changes nothing; an
 * import killed mid-run (SIGKILL of the `npm run import` process) leaves only whole records, each equal
 * to what a clean run writes, and the rerun completes it to exactly the clean graph; Ctrl-C (SIGINT)
 * stops it cleanly with exit code 130.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import neo4j, { type Driver } from 'neo4j-driver';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parseConfig } from '../../server/config';
import { runImport } from '../../server/import/importer';
import { createEmbeddedStore } from '../../server/store/embedded';
import { createNeo4jStore } from '../../server/store/neo4j';
import type { GraphStore } from '../../server/store/store';
import { describeNeo4j, neo4jUri } from '../helpers/neo4j';
import { expectedFigures } from './figures';

const ROOT = join(import.meta.dirname, '../..');
const MAPPING = join(ROOT, 'mappings/nsf-awards-2017.yaml');
const FIXTURE = join(ROOT, 'test/fixtures/nsf-awards-2017');

/** Every node and relationship with all its properties, sorted: the graph as a comparable string list. */
async function dump(driver: Driver): Promise<{ nodes: Map<string, string>; rels: Map<string, string> }> {
  const nodes = new Map<string, string>();
  const rels = new Map<string, string>();
  const n = await driver.executeQuery('MATCH (n) RETURN n.id AS id, labels(n) AS labels, properties(n) AS props');
  for (const r of n.records) {
    const labels = (r.get('labels') as string[]).sort();
    nodes.set(r.get('id') as string, JSON.stringify([labels, sortProps(r.get('props') as Record<string, unknown>)]));
  }
  const e = await driver.executeQuery(
    'MATCH (a)-[r]->(b) RETURN r.id AS id, type(r) AS type, a.id AS source, b.id AS target, properties(r) AS props',
  );
  for (const r of e.records)
    rels.set(
      r.get('id') as string,
      JSON.stringify([
        r.get('type'),
        r.get('source'),
        r.get('target'),
        sortProps(r.get('props') as Record<string, unknown>),
      ]),
    );
  return { nodes, rels };
}

function sortProps(p: Record<string, unknown>): [string, unknown][] {
  return Object.entries(p)
    .map(([k, v]): [string, unknown] => [k, neo4j.isInt(v) ? (v as { toNumber(): number }).toNumber() : v])
    .sort(([a], [b]) => (a < b ? -1 : 1));
}

function startImport(extra: string[] = []): {
  child: ChildProcess;
  done: Promise<{ code: number | null; signal: string | null; out: string }>;
} {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(ROOT, 'scripts/import.ts'),
      MAPPING,
      '--data-dir',
      FIXTURE,
      '--report-dir',
      mkdtempSync(join(tmpdir(), 'innograph-rep-')),
      ...extra,
    ],
    { cwd: ROOT, env: { ...process.env, NEO4J_URI: neo4jUri()! }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const done = new Promise<{ code: number | null; signal: string | null; out: string }>((res) =>
    child.on('exit', (code, signal) => res({ code, signal, out })),
  );
  return { child, done };
}

/** Empties the database in small transactions (any size of graph left by other runs). */
async function wipe(driver: Driver): Promise<void> {
  const session = driver.session();
  try {
    await session.run('MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS');
    await session.run('MATCH (n) CALL (n) { DELETE n } IN TRANSACTIONS OF 10000 ROWS');
  } finally {
    await session.close();
  }
}

async function countNodes(driver: Driver): Promise<number> {
  const r = await driver.executeQuery('MATCH (n) RETURN count(n) AS c');
  return (r.records[0]!.get('c') as { toNumber(): number }).toNumber();
}

async function countRels(driver: Driver): Promise<number> {
  const r = await driver.executeQuery('MATCH ()-[r]->() RETURN count(r) AS c');
  return (r.records[0]!.get('c') as { toNumber(): number }).toNumber();
}

/** Waits until the graph has at least `n` relationships (the import is well under way). */
async function waitForRels(driver: Driver, n: number, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 1200; i++) {
    if (child.exitCode !== null) throw new Error('the import finished before it could be interrupted');
    if ((await countRels(driver)) >= n) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no ${n} relationships after a minute`);
}

/** Every record present must be whole and equal to the clean run's; no relationship without both ends. */
function expectConsistent(partial: Awaited<ReturnType<typeof dump>>, clean: Awaited<ReturnType<typeof dump>>): void {
  for (const [id, v] of partial.nodes) expect(v, `node ${id}`).toBe(clean.nodes.get(id));
  for (const [id, v] of partial.rels) {
    expect(v, `relationship ${id}`).toBe(clean.rels.get(id));
    const [, source, target] = JSON.parse(v) as [string, string, string];
    expect(partial.nodes.has(source) && partial.nodes.has(target), `ends of ${id}`).toBe(true);
  }
}

describeNeo4j('importer on Neo4j', () => {
  let store: GraphStore;
  let driver: Driver;
  let clean: Awaited<ReturnType<typeof dump>>;

  beforeAll(async () => {
    const config = parseConfig({ NEO4J_URI: neo4jUri() ?? undefined });
    store = createNeo4jStore(config);
    driver = neo4j.driver(config.NEO4J_URI!, neo4j.auth.basic(config.NEO4J_USER, config.NEO4J_PASSWORD));
    await wipe(driver);
    await store.applySchema();
  });

  afterAll(async () => {
    if (driver) await wipe(driver);
    await store?.close();
    await driver?.close();
  });

  it(
    'imports the NSF sample: same counts, totals and answers as the embedded store',
    { timeout: 180_000 },
    async () => {
      const want = expectedFigures(FIXTURE);
      const s = await runImport(MAPPING, store, { dataDir: FIXTURE });
      expect(s.rejects.count).toBe(0);
      expect(s.nodes.created).toBe(s.nodes.records);
      expect(s.relationships.created).toBe(s.relationships.records);
      const stats = await store.stats();
      expect(stats.relationships.FUNDS).toBe(want.awards);
      expect(stats.money).toEqual([{ currency: 'USD', amount: want.usd, count: want.awards }]);

      const embedded = createEmbeddedStore();
      await runImport(MAPPING, embedded, { dataDir: FIXTURE });
      expect(stats).toEqual(await embedded.stats());
      for (const id of ['nsf', 'nsf-dir-03', 'inst-e16e95b57054', 'nsf-pe-1281'])
        expect(await store.entity(id)).toEqual(await embedded.entity(id));
      clean = await dump(driver);
    },
  );

  it('changes nothing when the import runs again', { timeout: 180_000 }, async () => {
    const s = await runImport(MAPPING, store, { dataDir: FIXTURE });
    expect(s.nodes).toMatchObject({ created: 0, updated: 0 });
    expect(s.relationships).toMatchObject({ created: 0, updated: 0 });
    const after = await dump(driver);
    expect(after.nodes).toEqual(clean.nodes);
    expect(after.rels).toEqual(clean.rels);
  });

  it(
    'survives a kill mid-run: whole records only, and the rerun completes the graph',
    { timeout: 240_000 },
    async () => {
      await wipe(driver);
      const run = startImport(['--batch-size', '100']);
      await waitForRels(driver, 300, run.child);
      run.child.kill('SIGKILL');
      const killed = await run.done;
      expect(killed.signal).toBe('SIGKILL');

      const partial = await dump(driver);
      expect(partial.rels.size).toBeGreaterThan(0);
      expect(partial.rels.size).toBeLessThan(clean.rels.size);
      expectConsistent(partial, clean);

      const rerun = startImport();
      const { code, out } = await rerun.done;
      expect(code, out).toBe(0);
      const final = await dump(driver);
      expect(final.nodes).toEqual(clean.nodes);
      expect(final.rels).toEqual(clean.rels);
    },
  );

  it(
    'stops on Ctrl-C after the batch in flight, exit code 130, and the rerun completes it',
    { timeout: 240_000 },
    async () => {
      await wipe(driver);
      const run = startImport(['--batch-size', '100']);
      await waitForRels(driver, 300, run.child);
      run.child.kill('SIGINT');
      const { code, out } = await run.done;
      expect(code, out).toBe(130);
      expect(out).toContain('INTERRUPTED');
      const partial = await dump(driver);
      expect(await countNodes(driver)).toBe(partial.nodes.size);
      expectConsistent(partial, clean);

      const rerun = startImport();
      expect((await rerun.done).code).toBe(0);
      const final = await dump(driver);
      expect(final.nodes).toEqual(clean.nodes);
      expect(final.rels).toEqual(clean.rels);
    },
  );
});

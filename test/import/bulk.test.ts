/**
 * Bulk mode (server/import/bulk) against real Neo4j: the same data imported online (into the test
 * Neo4j of test/setup/neo4j.ts) and in bulk (neo4j-admin, into a scratch Neo4j this suite starts with
 * scripts/neo4j/neo4j.sh, since bulk mode stops and starts its instance) must give the same graph: the
 * same ids, labels, properties with their Cypher types, relationship ends, counts, money totals,
 * indexes and import summary. Data sets: a hostile copy of the tiny fixture (quotes, commas, newlines,
 * the list delimiter in the data, a fractional amount, a missing end), the NSF fixture and the full
 * NSF data (../shared/realdata, or NSF_FULL_DIR). Also: a non-empty database is refused before
 * anything is written, and a Neo4j that is not the local one gets the CSV files and the command.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import neo4j, { type Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig, type Config } from '../../server/config';
import { runBulkImport } from '../../server/import/bulk';
import { runImport } from '../../server/import/importer';
import type { ImportSummary } from '../../server/import/report';
import { createNeo4jStore } from '../../server/store/neo4j';
import { neo4jUri } from '../helpers/neo4j';

const ROOT = join(import.meta.dirname, '../..');
const SCRIPT = join(ROOT, 'scripts/neo4j/neo4j.sh');
const NSF = join(ROOT, 'mappings/nsf-awards-2017.yaml');
const NSF_FIXTURE = join(ROOT, 'test/fixtures/nsf-awards-2017');
const NSF_FULL = process.env.NSF_FULL_DIR ?? join(ROOT, '../shared/realdata/nsf-awards-2017');
const HAS_FULL = existsSync(join(NSF_FULL, 'awards.csv'));
const CI = process.env.CI === 'true';
const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
const TOOLS = has('java') && has('mvn');
if (CI && !TOOLS) throw new Error('CI=true: the bulk import suite needs java and mvn (for neo4j-admin and Neo4j)');
if (CI && !HAS_FULL)
  throw new Error(`CI=true and the full NSF data set is missing: no ${join(NSF_FULL, 'awards.csv')}`);

const onlineUri = neo4jUri();
const run = TOOLS && onlineUri !== null ? describe : describe.skip;

const HOME = join(ROOT, `.neo4j-test-${process.env.NEO4J_TEST_PORT ?? '7688'}-bulk`);
let port = 0;
let scratchEnv: NodeJS.ProcessEnv = {};
const tmp = mkdtempSync(join(tmpdir(), 'innograph-bulk-'));

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => res(p));
    });
  });
}

const config = (uri: string): Config => parseConfig({ NEO4J_URI: uri, QUERY_TIMEOUT_MS: '60000' });
const bulkUri = () => `bolt://127.0.0.1:${port}`;

interface Dump {
  nodes: string[];
  rels: string[];
  indexes: string[];
}

/** The whole graph, each record as one line with its properties' Cypher types, sorted by id. */
async function dump(uri: string): Promise<Dump> {
  const driver: Driver = neo4j.driver(uri, undefined, { disableLosslessIntegers: true });
  try {
    const props = (p: unknown) =>
      JSON.stringify((p as [string, string, unknown][]).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    const n = await driver.executeQuery(
      'MATCH (n) RETURN n.id AS id, labels(n) AS labels, [k IN keys(n) | [k, valueType(n[k]), n[k]]] AS props ORDER BY id',
    );
    const r = await driver.executeQuery(
      'MATCH (a)-[r]->(b) RETURN r.id AS id, type(r) AS type, a.id AS a, b.id AS b, [k IN keys(r) | [k, valueType(r[k]), r[k]]] AS props ORDER BY id',
    );
    const i = await driver.executeQuery(
      'SHOW INDEXES YIELD name, type, state, labelsOrTypes, properties WHERE type <> "LOOKUP" RETURN name, type, state, labelsOrTypes, properties ORDER BY name',
    );
    return {
      nodes: n.records.map(
        (x) => `${String(x.get('id'))} ${(x.get('labels') as string[]).sort().join(':')} ${props(x.get('props'))}`,
      ),
      rels: r.records.map(
        (x) =>
          `${String(x.get('id'))} ${String(x.get('type'))} ${String(x.get('a'))}->${String(x.get('b'))} ${props(x.get('props'))}`,
      ),
      indexes: i.records.map((x) => JSON.stringify(x.toObject())),
    };
  } finally {
    await driver.close();
  }
}

/** The first line where two sorted dumps differ (undefined when equal): a short failure message for big graphs. */
function firstDifference(a: string[], b: string[]): string | undefined {
  for (let i = 0; i < Math.max(a.length, b.length); i++)
    if (a[i] !== b[i]) return `#${i}\n online: ${a[i] ?? '(none)'}\n bulk:   ${b[i] ?? '(none)'}`;
  return undefined;
}

const comparable = (s: ImportSummary) => ({ ...s, durationMs: 0, rowsPerSecond: 0 });

async function clear(uri: string) {
  const store = createNeo4jStore(config(uri));
  try {
    await store.clear();
  } finally {
    await store.close();
  }
}

async function stats(uri: string) {
  const store = createNeo4jStore(config(uri));
  try {
    return await store.stats();
  } finally {
    await store.close();
  }
}

/** Imports `dataDir` both ways (each into an emptied database) and expects the same graph. */
async function compare(mapping: string, dataDir: string, name: string) {
  await clear(onlineUri!);
  const online = await runImport(mapping, createNeo4jStore(config(onlineUri!)), { dataDir, rejectsPath: null });
  await clear(bulkUri());
  const csvDir = join(tmp, name);
  const { summary, bulk } = await runBulkImport(mapping, {
    config: config(bulkUri()),
    dataDir,
    csvDir,
    rejectsPath: null,
    env: scratchEnv,
  });
  expect(bulk.imported).toBe(true);
  expect(comparable(summary)).toEqual(comparable(online));
  const [a, b] = [await dump(onlineUri!), await dump(bulkUri())];
  expect(b.nodes.length).toBe(online.nodes.records);
  expect(b.rels.length).toBe(online.relationships.records);
  expect(firstDifference(a.nodes, b.nodes)).toBeUndefined();
  expect(firstDifference(a.rels, b.rels)).toBeUndefined();
  expect(b.indexes).toEqual(a.indexes);
  expect(b.indexes.every((i) => i.includes('"ONLINE"'))).toBe(true);
  expect(await stats(bulkUri())).toEqual(await stats(onlineUri!));
  return { summary, bulk, online };
}

/** The tiny fixture's data with hostile values added. */
function hostileTiny(): { mapping: string; dataDir: string } {
  const dir = join(tmp, 'tiny-data');
  const fixtures = join(ROOT, 'test/fixtures/import');
  mkdirSync(dir, { recursive: true });
  const add = (file: string, rows: string) =>
    writeFileSync(join(dir, file), readFileSync(join(fixtures, file), 'utf8') + rows);
  add(
    'orgs.csv',
    'QUOTE,"The ""Quoted"", Lab, Inc.",lab,2001,Chongqing,"Q;Multi\nLine;Unit\u001fSep"\n' +
      'BS,Back\\slash Co,company,,Chongqing,\n',
  );
  add(
    'grants.csv',
    'G5,SDGOV,QUOTE,12.5,CNY,2023-02-01,grant,"half, ""a"" quarter\nand a line"\n' +
      'G6,SDGOV,BS,100,CNY,2023-02-01,grant,\n',
  );
  copyFileSync(join(fixtures, 'collabs.csv'), join(dir, 'collabs.csv'));
  // the quoted values span lines: the mapping says so (docs/import.md, strict parsing)
  const mapping = join(tmp, 'tiny-multiline.yaml');
  writeFileSync(
    mapping,
    readFileSync(join(fixtures, 'tiny.yaml'), 'utf8')
      .replace('orgName: { file: orgs.csv,', 'orgName: { file: orgs.csv, multiline: true,')
      .replace(/^ {2}- file: (orgs|grants)\.csv$/gm, '  - file: $1.csv\n    multiline: true'),
  );
  return { mapping, dataDir: dir };
}

run('bulk import (neo4j-admin) equals the online import', () => {
  beforeAll(async () => {
    port = await freePort();
    scratchEnv = { ...process.env, NEO4J_HOME_DIR: HOME, NEO4J_BOLT_PORT: String(port) };
    rmSync(HOME, { recursive: true, force: true });
    const r = spawnSync('bash', [SCRIPT, 'start'], { env: scratchEnv, encoding: 'utf8', timeout: 600_000 });
    if (r.status !== 0) throw new Error(`cannot start the scratch Neo4j for the bulk suite:\n${r.stdout}\n${r.stderr}`);
  }, 600_000);

  afterAll(() => {
    spawnSync('bash', [SCRIPT, 'stop'], { env: scratchEnv, encoding: 'utf8', timeout: 120_000 });
    rmSync(HOME, { recursive: true, force: true });
    rmSync(tmp, { recursive: true, force: true });
  }, 180_000);

  it('hostile values: quotes, commas, newlines, the list delimiter, doubles, a missing end', async () => {
    const { mapping, dataDir } = hostileTiny();
    const { summary, bulk } = await compare(mapping, dataDir, 'tiny');
    // U+001F is in the data, so the files use the next delimiter.
    expect(bulk.arrayDelimiter).toBe('U+001E');
    expect(bulk.files.some((f) => f.multiline)).toBe(true);
    expect(summary.rejects.count).toBeGreaterThan(0);
    // the fractional amount is a FLOAT, the others INTEGERs, as neo4j-driver writes them online
    const d = await dump(bulkUri());
    expect(d.rels.find((l) => l.startsWith('grant-g5 '))).toContain('["amount","FLOAT NOT NULL",12.5]');
    expect(d.rels.find((l) => l.startsWith('grant-g1 '))).toContain('["amount","INTEGER NOT NULL",1200000]');
    expect(d.nodes.find((l) => l.startsWith('quote '))).toContain('Multi\\nLine');
  }, 600_000);

  it('refuses a non-empty database before writing anything', async () => {
    const before = await dump(bulkUri());
    expect(before.nodes.length).toBeGreaterThan(0);
    const csvDir = join(tmp, 'refused');
    await expect(
      runBulkImport(NSF, {
        config: config(bulkUri()),
        dataDir: NSF_FIXTURE,
        csvDir,
        rejectsPath: null,
        env: scratchEnv,
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(existsSync(csvDir)).toBe(false);
    expect(await dump(bulkUri())).toEqual(before);
  }, 120_000);

  it('more rejects than --max-rejects: nothing imported, the local Neo4j is started again', async () => {
    await clear(bulkUri());
    const { mapping, dataDir } = hostileTiny();
    const { summary, bulk } = await runBulkImport(mapping, {
      config: config(bulkUri()),
      dataDir,
      csvDir: join(tmp, 'over-limit'),
      rejectsPath: null,
      maxRejects: 0,
      env: scratchEnv,
    });
    expect(summary.rejectLimit).toBe(0);
    expect(bulk.imported).toBe(false);
    expect(bulk.reason).toMatch(/max-rejects/);
    const d = await dump(bulkUri());
    expect([d.nodes.length, d.rels.length]).toEqual([0, 0]);
  }, 300_000);

  it('a Neo4j that is not the local one gets the CSV files and the neo4j-admin command', async () => {
    for (const [i, uri, why] of [
      [1, 'bolt://db.example.invalid:7687', /not this machine/],
      [2, onlineUri!, /listens on port/],
    ] as const) {
      const csvDir = join(tmp, `elsewhere-${i}`);
      const { summary, bulk } = await runBulkImport(NSF, {
        config: config(uri),
        dataDir: NSF_FIXTURE,
        csvDir,
        rejectsPath: null,
        env: scratchEnv,
      });
      expect(bulk.imported).toBe(false);
      expect(bulk.reason).toMatch(why);
      expect(bulk.command).toContain('neo4j-admin database import full');
      for (const f of bulk.files) expect(bulk.command).toContain(f.name);
      expect(bulk.files.reduce((n, f) => n + f.rows, 0)).toBe(summary.nodes.records + summary.relationships.records);
    }
  }, 120_000);

  it('the NSF fixture', async () => {
    const { summary } = await compare(NSF, NSF_FIXTURE, 'nsf-fixture');
    expect(summary.rejects.count).toBe(0);
    expect(summary.money[0]?.currency).toBe('USD');
  }, 600_000);

  it.skipIf(!HAS_FULL)(
    'the full NSF data set',
    async () => {
      const { summary } = await compare(NSF, NSF_FULL, 'nsf-full');
      expect(summary.relationships.byType.FUNDS).toBeGreaterThan(10_000);
    },
    1_200_000,
  );
});

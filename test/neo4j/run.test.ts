/**
 * server/neo4j/run.ts and convert.ts against the real Neo4j: Neo4j error codes become typed errors
 * (syntax → QUERY_INVALID, timeout → QUERY_TIMEOUT, write in READ → QUERY_REFUSED, unreachable →
 * STORE_UNAVAILABLE fast, constraint → VALIDATION_FAILED), values leave as plain JSON, and only
 * allowlisted labels and types are ever spliced into Cypher.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../server/config';
import { AppError } from '../../server/errors';
import { createDriver } from '../../server/neo4j/driver';
import { toParam } from '../../server/neo4j/convert';
import {
  CypherRunner,
  bounded,
  label,
  labelFilter,
  labels,
  loadQuery,
  mapNeo4jError,
  relType,
  relTypeFilter,
  renderQuery,
} from '../../server/neo4j/run';
import { createNeo4jStore } from '../../server/store/neo4j';
import type { GraphStore } from '../../server/store/store';
import { describeNeo4j, neo4jUri } from '../helpers/neo4j';

const SLOW = 'UNWIND range(1, 500000000) AS x WITH x WHERE x % 7 = 3 RETURN count(*) AS c';

const codeOf = async (p: Promise<unknown>): Promise<string> => {
  try {
    await p;
  } catch (e) {
    return e instanceof AppError ? e.code : `not an AppError: ${String(e)}`;
  }
  return 'no error';
};

describe('allowlisted Cypher fragments', () => {
  it('splices only the model labels, types and bounded integers', () => {
    expect(String(label('Lab'))).toBe('`Lab`');
    expect(String(labels(['Lab', 'Organization']))).toBe('`Lab`:`Organization`');
    expect(String(relType('INVESTS_IN'))).toBe('`INVESTS_IN`');
    expect(String(relTypeFilter(['FUNDS', 'PART_OF']))).toBe(':`FUNDS`|`PART_OF`');
    expect(String(relTypeFilter(undefined))).toBe('');
    expect(String(labelFilter(['Region', 'Zone']))).toBe(':`Region`|`Zone`');
    expect(String(bounded(3, 1, 6))).toBe('3');
    for (const bad of ['Evil', 'Lab`) DETACH DELETE n //', 'lab', ''])
      expect(() => label(bad), bad).toThrow(/allowlist/);
    expect(() => relType('FUNDS]->() DELETE r //')).toThrow(/allowlist/);
    expect(() => relTypeFilter(['FUNDS', 'Evil'])).toThrow(/allowlist/);
    expect(() => bounded(7, 1, 6)).toThrow();
    expect(() => bounded(1.5, 1, 6)).toThrow();
  });

  it('loads queries by name and refuses unfilled placeholders', () => {
    expect(loadQuery('find-nodes')).toMatch(/^\/\/ find-nodes:/);
    expect(() => loadQuery('../schema')).toThrow(/bad query name/);
    expect(() => loadQuery('no-such-query')).toThrow(/cannot be read/);
    expect(() => renderQuery('upsert-nodes', {})).toThrow(/placeholder \{\{LABEL\}\}/);
    expect(renderQuery('upsert-nodes', { LABEL: label('Lab'), LABELS: labels(['Lab', 'Organization']) })).toContain(
      'MERGE (n:`Lab` {id: row.id})',
    );
  });
});

describe('Neo4j error codes', () => {
  const fake = (code: string) => Object.assign(new Error(`message text ${code}`), { code });
  it.each([
    ['ServiceUnavailable', 'STORE_UNAVAILABLE'],
    ['SessionExpired', 'STORE_UNAVAILABLE'],
    ['Neo.TransientError.General.DatabaseUnavailable', 'STORE_UNAVAILABLE'],
    ['Neo.ClientError.Transaction.TransactionTimedOut', 'QUERY_TIMEOUT'],
    ['Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration', 'QUERY_TIMEOUT'],
    ['Neo.TransientError.Transaction.LockClientStopped', 'QUERY_TIMEOUT'],
    ['Neo.ClientError.Transaction.LockClientStopped', 'QUERY_TIMEOUT'],
    ['Neo.ClientError.Statement.SyntaxError', 'QUERY_INVALID'],
    ['Neo.ClientError.Statement.SemanticError', 'QUERY_INVALID'],
    ['Neo.ClientError.Statement.ParameterMissing', 'QUERY_INVALID'],
    ['Neo.ClientError.Procedure.ProcedureNotFound', 'QUERY_INVALID'],
    ['Neo.ClientError.Statement.AccessMode', 'QUERY_REFUSED'],
    ['Neo.ClientError.Security.Forbidden', 'QUERY_REFUSED'],
    ['Neo.ClientError.Schema.ConstraintValidationFailed', 'VALIDATION_FAILED'],
    ['Neo.DatabaseError.General.UnknownError', 'INTERNAL'],
    ['Neo.ClientError.General.TransactionOutOfMemoryError', 'QUERY_TOO_LARGE'],
    ['Neo.TransientError.General.MemoryPoolOutOfMemoryError', 'QUERY_TOO_LARGE'],
    ['Neo.TransientError.General.OutOfMemoryError', 'QUERY_TOO_LARGE'],
    ['Neo.TransientError.General.TransactionMemoryLimit', 'QUERY_TOO_LARGE'],
    ['Neo.TransientError.General.StackOverFlowError', 'QUERY_TOO_LARGE'],
  ])('%s → %s', (code, expected) => {
    const e = mapNeo4jError(fake(code), 'test-query');
    expect(e.code).toBe(expected);
    expect(e.where).toBe('query test-query');
  });

  it.each([
    ['Neo.ClientError.General.TransactionOutOfMemoryError', 'QUERY_TOO_LARGE', 422],
    ['Neo.TransientError.General.MemoryPoolOutOfMemoryError', 'QUERY_TOO_LARGE', 422],
    ['Neo.DatabaseError.General.UnknownError', 'QUERY_TOO_LARGE', 422],
    ['Neo.TransientError.Transaction.MaximumTransactionLimitReached', 'TOO_MANY_QUERIES', 429],
    ['Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration', 'QUERY_TIMEOUT', 408],
    ['ServiceUnavailable', 'STORE_UNAVAILABLE', 503],
  ])("a client's own query: %s → %s %s", (code, expected, status) => {
    const e = mapNeo4jError(fake(code), 'cypher-endpoint', 5000, { user: true });
    expect(e.code).toBe(expected);
    expect(e.status).toBe(status);
  });
});

describeNeo4j('CypherRunner on the real Neo4j', () => {
  let runner: CypherRunner;
  let store: GraphStore;

  beforeAll(async () => {
    const config = parseConfig({ NEO4J_URI: neo4jUri() ?? undefined });
    store = createNeo4jStore(config);
    await store.applySchema();
    await store.clear();
    runner = new CypherRunner(createDriver(config), { database: config.NEO4J_DATABASE, defaultTimeoutMs: 10_000 });
  });
  afterAll(async () => {
    await runner?.runText('cleanup', 'MATCH (n:ConvTmp|Tmp) DETACH DELETE n', {}, { routing: 'WRITE' });
    await runner?.driver.close();
    await store?.close();
  });

  it('maps a syntax error to QUERY_INVALID', async () => {
    expect(await codeOf(runner.runText('bad', 'RETURN 1 +', {}, { routing: 'READ' }))).toBe('QUERY_INVALID');
    expect(await codeOf(runner.runText('bad', 'RETURN nowhere', {}, { routing: 'READ' }))).toBe('QUERY_INVALID');
    expect(await codeOf(runner.runText('bad', 'RETURN $missing', {}, { routing: 'READ' }))).toBe('QUERY_INVALID');
  });

  it('maps a transaction timeout to QUERY_TIMEOUT', async () => {
    const t0 = Date.now();
    expect(await codeOf(runner.runText('slow', SLOW, {}, { routing: 'READ', timeoutMs: 200 }))).toBe('QUERY_TIMEOUT');
    expect(Date.now() - t0).toBeLessThan(10_000);
  });

  it('maps a write in a READ transaction to QUERY_REFUSED and writes nothing', async () => {
    expect(await codeOf(runner.runText('w', 'CREATE (n:Tmp) RETURN n', {}, { routing: 'READ' }))).toBe('QUERY_REFUSED');
    const [row] = await runner.runText('count', 'MATCH (n:Tmp) RETURN count(n) AS c', {}, { routing: 'READ' });
    expect(row).toEqual({ c: 0 });
  });

  it('maps a constraint violation to VALIDATION_FAILED', async () => {
    const dup = "CREATE (:Tmp:Lab {id: 'dup-tmp'}), (:Tmp:Lab {id: 'dup-tmp'})";
    expect(await codeOf(runner.runText('dup', dup, {}, { routing: 'WRITE' }))).toBe('VALIDATION_FAILED');
  });

  it('fails fast with STORE_UNAVAILABLE when Neo4j cannot be reached', async () => {
    const config = parseConfig({ NEO4J_URI: 'bolt://127.0.0.1:1' });
    const dead = new CypherRunner(createDriver(config), { database: 'neo4j', defaultTimeoutMs: 10_000 });
    try {
      const t0 = Date.now();
      expect(await codeOf(dead.runText('ping', 'RETURN 1', {}, { routing: 'READ' }))).toBe('STORE_UNAVAILABLE');
      expect(await codeOf(dead.ping())).toBe('STORE_UNAVAILABLE');
      expect(Date.now() - t0).toBeLessThan(6_000);
      const deadStore = createNeo4jStore(config);
      expect(await codeOf(deadStore.ping())).toBe('STORE_UNAVAILABLE');
      expect(await codeOf(deadStore.stats())).toBe('STORE_UNAVAILABLE');
      await deadStore.close();
    } finally {
      await dead.driver.close();
    }
  });

  it('also works with a neo4j:// routing URI', async () => {
    const uri = (neo4jUri() ?? '').replace(/^bolt:/, 'neo4j:');
    const routed = new CypherRunner(createDriver(parseConfig({ NEO4J_URI: uri })), {
      database: 'neo4j',
      defaultTimeoutMs: 5000,
    });
    try {
      expect(await routed.runText('one', 'RETURN 1 AS one', {}, { routing: 'READ' })).toEqual([{ one: 1 }]);
      await routed.ping();
    } finally {
      await routed.driver.close();
    }
  });

  it('converts integers, temporal values, durations and points to plain JSON', async () => {
    const [row] = await runner.runText(
      'convert',
      `RETURN 1 AS i, 9007199254740993 AS big, -9007199254740993 AS negBig, 1.5 AS f, [1, 2, 3] AS l, {a: 1, b: [2]} AS m,
              date('2025-06-12') AS d, datetime('2025-06-12T10:20:30Z') AS dt,
              datetime('2025-06-12T10:20:30[Asia/Shanghai]') AS zoned, localdatetime('2025-06-12T10:20:30') AS ldt,
              time('10:20:30+08:00') AS t, localtime('10:20:30') AS lt, duration({days: 3, hours: 2}) AS dur,
              point({x: 1, y: 2}) AS p, $param AS param, null AS nothing`,
      { param: 42 },
      { routing: 'READ' },
    );
    expect(row).toEqual({
      i: 1,
      big: '9007199254740993',
      negBig: '-9007199254740993',
      f: 1.5,
      l: [1, 2, 3],
      m: { a: 1, b: [2] },
      d: '2025-06-12',
      dt: '2025-06-12T10:20:30Z',
      zoned: '2025-06-12T10:20:30+08:00[Asia/Shanghai]',
      ldt: '2025-06-12T10:20:30',
      t: '10:20:30+08:00',
      lt: '10:20:30',
      dur: 'P3DT2H',
      p: { srid: 7203, x: 1, y: 2 },
      param: 42,
      nothing: null,
    });
    expect(JSON.stringify(row)).not.toMatch(/"low"|"high"/);
  });

  it('sends safe integers as INTEGER and other numbers as FLOAT', async () => {
    const [row] = await runner.runText(
      'types',
      'RETURN valueType($i) AS i, valueType($f) AS f, valueType($big) AS big',
      { i: 2025, f: 1.5, big: 2 ** 60 },
      { routing: 'READ' },
    );
    expect(row).toEqual({ i: 'INTEGER NOT NULL', f: 'FLOAT NOT NULL', big: 'FLOAT NOT NULL' });
    expect(toParam({ a: [1, 2.5] })).toMatchObject({ a: [expect.objectContaining({ low: 1 }), 2.5] });
  });

  it('converts nodes, relationships and paths to plain objects', async () => {
    const rows = await runner.runText(
      'graph',
      "CREATE p = (a:ConvTmp {id: 'conv-a', n: 5})-[r:CONV_TMP {w: 2, on: date('2025-01-02')}]->(b:ConvTmp {id: 'conv-b'}) RETURN a, r, p",
      {},
      { routing: 'WRITE' },
    );
    const row = rows[0]!;
    expect(row.a).toMatchObject({ id: 'conv-a', labels: ['ConvTmp'], properties: { id: 'conv-a', n: 5 } });
    expect(row.r).toMatchObject({ type: 'CONV_TMP', properties: { w: 2, on: '2025-01-02' } });
    const p = row.p as { nodes: { id: string }[]; relationships: { type: string }[] };
    expect(p.nodes.map((n) => n.id)).toEqual(['conv-a', 'conv-b']);
    expect(p.relationships.map((r) => r.type)).toEqual(['CONV_TMP']);
    expect(JSON.stringify(rows)).not.toMatch(/"low"|"high"/);
  });

  it('runs several statements in one write transaction: all or nothing', async () => {
    await expect(
      runner.writeTransaction('tx-test', async (tx) => {
        await tx.run(
          'upsert-nodes',
          { rows: [{ id: 'tx-tmp', props: { id: 'tx-tmp', kind: 'Lab', name: 'x' } }] },
          {
            LABEL: label('Lab'),
            LABELS: labels(['Lab', 'Organization']),
          },
        );
        await tx.run('find-nodes', {});
      }),
    ).rejects.toMatchObject({ code: 'QUERY_INVALID', where: 'query tx-test/find-nodes' });
    const [row] = await runner.runText(
      'count',
      "MATCH (n {id: 'tx-tmp'}) RETURN count(n) AS c",
      {},
      { routing: 'READ' },
    );
    expect(row).toEqual({ c: 0 });
  });

  it('runs Cypher texts in one write transaction: all the schema statements or none', async () => {
    const exists = async (name: string) =>
      (
        await runner.runText(
          'show',
          'SHOW INDEXES YIELD name WHERE name = $name RETURN name',
          { name },
          { routing: 'READ' },
        )
      ).length > 0;
    await runner.runText('drop', 'DROP INDEX tmp_text_a IF EXISTS', {}, { routing: 'WRITE' });
    await expect(
      runner.runTextsInTransaction('schema-test', [
        'CREATE INDEX tmp_text_a IF NOT EXISTS FOR (n:Tmp) ON (n.a)',
        'CREATE INDEX tmp_text_b IF NOT EXISTS FOR (n:Tmp) ON (n.',
      ]),
    ).rejects.toMatchObject({ code: 'QUERY_INVALID' });
    expect(await exists('tmp_text_a')).toBe(false);
    await runner.runTextsInTransaction('schema-test', [
      'CREATE INDEX tmp_text_a IF NOT EXISTS FOR (n:Tmp) ON (n.a)',
      'CREATE INDEX tmp_text_a IF NOT EXISTS FOR (n:Tmp) ON (n.a)',
    ]);
    expect(await exists('tmp_text_a')).toBe(true);
    await runner.runText('drop', 'DROP INDEX tmp_text_a IF EXISTS', {}, { routing: 'WRITE' });
  });
});

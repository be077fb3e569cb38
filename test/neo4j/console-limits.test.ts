/**
 * The Cypher console's limits on their own (no Neo4j needed): the admission gate, the value measure
 * (size and nesting, without recursion), and the params check of the request body.
 */
import neo4j from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { checkCypherParams } from '../../server/api/cypherParams';
import { TooManyQueriesError } from '../../server/errors';
import { Gate } from '../../server/neo4j/gate';
import { inspectParams, measureValue } from '../../server/neo4j/measure';

describe('Gate', () => {
  it('admits `concurrency` at once, queues `queue`, refuses the rest with 429', async () => {
    const gate = new Gate({ concurrency: 2, queue: 1, maxWaitMs: 5_000 });
    const a = await gate.acquire();
    const b = await gate.acquire();
    const waiting = gate.acquire();
    await expect(gate.acquire()).rejects.toBeInstanceOf(TooManyQueriesError);
    expect([gate.active, gate.waiting]).toEqual([2, 1]);
    a();
    a(); // idempotent
    const c = await waiting;
    expect([gate.active, gate.waiting]).toEqual([2, 0]);
    b();
    c();
    expect(gate.active).toBe(0);
  });

  it('refuses a caller that waits too long, with Retry-After seconds', async () => {
    const gate = new Gate({ concurrency: 1, queue: 5, maxWaitMs: 50 });
    const a = await gate.acquire();
    const e = (await gate.acquire().catch((x: unknown) => x)) as TooManyQueriesError;
    expect(e).toBeInstanceOf(TooManyQueriesError);
    expect(e).toMatchObject({ code: 'TOO_MANY_QUERIES', status: 429 });
    expect(e.retryAfterSeconds).toBeGreaterThan(0);
    expect(gate.waiting).toBe(0);
    a();
  });

  it('drops a waiter whose client went away', async () => {
    const gate = new Gate({ concurrency: 1, queue: 5, maxWaitMs: 5_000 });
    const a = await gate.acquire();
    const gone = new AbortController();
    const w = gate.acquire(gone.signal);
    gone.abort(new Error('client gone'));
    await expect(w).rejects.toThrow('client gone');
    expect(gate.waiting).toBe(0);
    a();
    expect(gate.active).toBe(0);
  });
});

describe('measureValue', () => {
  it('estimates sizes and passes values under the limits', () => {
    expect(measureValue('abc', 100)).toBe(5);
    expect(measureValue([neo4j.int(1), 'x', null], 1_000)).toBeGreaterThan(0);
    expect(measureValue({ a: { b: [1, 2, 3] } }, 1_000)).toBeGreaterThan(0);
  });

  it('refuses a value past the byte limit or the nesting limit, without recursion', () => {
    expect(() => measureValue('x'.repeat(2_000), 1_000)).toThrow(/larger than the limit of 1000 bytes/);
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(() => measureValue(deep, 10_000_000)).toThrow(/deeper than 100 levels/);
    try {
      measureValue(deep, 10_000_000);
    } catch (e) {
      expect(e).toMatchObject({ code: 'QUERY_TOO_LARGE', status: 422 });
    }
  });
});

describe('request params', () => {
  it('finds depth and __proto__ keys without recursion', () => {
    expect(inspectParams({ a: [1, { b: 2 }] }, 64)).toEqual({ depth: 3 });
    expect(inspectParams(JSON.parse('{"a":{"__proto__":1}}'), 64).protoKeyAt).toBe('params.a.__proto__');
    const deep = JSON.parse(`${'['.repeat(50_000)}1${']'.repeat(50_000)}`) as unknown;
    expect(inspectParams(deep, 64).depth).toBe(65);
  });

  it('refuses deep params and __proto__ keys with 400, and passes ordinary ones', () => {
    expect(() => checkCypherParams({ query: 'RETURN 1', params: { a: 1, b: [1, 2], c: { d: 'x' } } })).not.toThrow();
    expect(() => checkCypherParams({ query: 'RETURN 1' })).not.toThrow();
    expect(() => checkCypherParams(JSON.parse('{"params":{"__proto__":{"x":1}}}'))).toThrow(/__proto__/);
    const deep = JSON.parse(`{"params":{"p":${'['.repeat(20_000)}1${']'.repeat(20_000)}}}`) as unknown;
    expect(() => checkCypherParams(deep)).toThrow(/deeper than 64 levels/);
  });
});

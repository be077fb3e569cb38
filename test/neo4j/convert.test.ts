/**
 * server/neo4j/convert.ts without a database: Integers become numbers exactly when they are safe
 * (the fast path for |n| < 2^52 and the driver's own check above it) and decimal strings beyond.
 */
import neo4j from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { toNumberOrString, toPlain } from '../../server/neo4j/convert';

describe('Integer conversion', () => {
  it('gives every safe integer as the same number, around each word boundary', () => {
    const edges = [0, 1, -1, 2 ** 31 - 1, 2 ** 31, -(2 ** 31), 2 ** 32 - 1, 2 ** 32, -(2 ** 32), 2 ** 52 - 1, 2 ** 52];
    const more = [-(2 ** 52), -(2 ** 52) - 1, 2 ** 53 - 1, -(2 ** 53 - 1), 123456789012, -987654321098];
    for (const n of [...edges, ...more]) expect(toNumberOrString(neo4j.int(n))).toBe(n);
    let seed = 7;
    for (let i = 0; i < 20_000; i++) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      const n = Math.floor((seed / 2 ** 31 - 0.5) * 2 ** (1 + (i % 53)));
      expect(toNumberOrString(neo4j.int(n))).toBe(n);
    }
  });

  it('gives unsafe integers as their decimal strings', () => {
    for (const s of ['9007199254740992', '-9007199254740992', '9223372036854775807', '-9223372036854775808'])
      expect(toNumberOrString(neo4j.int(s))).toBe(s);
    expect(toNumberOrString(2n ** 60n)).toBe('1152921504606846976');
    expect(toNumberOrString(-5n)).toBe(-5);
  });

  it('converts maps key by key, nested', () => {
    expect(toPlain({ a: neo4j.int(3), b: [neo4j.int(-4), { c: neo4j.int('9007199254740993') }], d: null })).toEqual({
      a: 3,
      b: [-4, { c: '9007199254740993' }],
      d: null,
    });
  });
});

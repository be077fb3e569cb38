/**
 * The Cypher guard on its own (no Neo4j needed): every attack is refused with QUERY_REFUSED (403), a
 * message that says what was refused and a hint; every allowed read passes unchanged.
 */
import { describe, expect, it } from 'vitest';
import { QueryError } from '../../server/errors';
import { decodeUnicodeEscapes, guardCypher, tokenize } from '../../server/store/neo4j/cypherGuard';
import { ALLOWED, ATTACKS } from './attacks';

describe('cypherGuard', () => {
  it.each(ATTACKS)('refuses %s', (_what, query) => {
    let error: unknown;
    try {
      guardCypher(query);
    } catch (e) {
      error = e;
    }
    expect(error, query).toBeInstanceOf(QueryError);
    expect(error).toMatchObject({ code: 'QUERY_REFUSED', status: 403 });
    const e = error as QueryError;
    expect(e.message).toMatch(/^Cypher refused: \S/);
    expect(e.hint).toMatch(/read-only/);
  });

  it('says what it refused', () => {
    expect(() => guardCypher('MATCH (n) dEtAcH dElEtE n')).toThrow(/DETACH/);
    expect(() => guardCypher('CALL dbms.listConfig()')).toThrow(/dbms\.listConfig/);
    expect(() => guardCypher('RETURN 1; RETURN 2')).toThrow(/several statements/);
    expect(() => guardCypher("LOAD CSV FROM 'file:///x' AS l RETURN l")).toThrow(/LOAD CSV/);
    expect(() => guardCypher('SHOW USERS')).toThrow(/SHOW USERS/);
  });

  it.each(ALLOWED)('allows %s', (query) => {
    expect(guardCypher(query)).toBe(query);
  });

  it('tokenizes comments away and keeps strings and backtick names opaque', () => {
    const t = tokenize("MATCH (n:`SET`) // DELETE\nWHERE n.x = 'CREATE' /* MERGE */ RETURN n");
    const words = t.filter((x) => x.kind === 'word').map((x) => x.upper);
    expect(words).toEqual(['MATCH', 'N', 'WHERE', 'N', 'X', 'RETURN', 'N']);
    expect(t.find((x) => x.kind === 'quoted')?.text).toBe('SET');
    expect(t.find((x) => x.kind === 'string')?.text).toBe("'CREATE'");
  });

  it('decodes unicode escapes as Neo4j does', () => {
    expect(decodeUnicodeEscapes('\\u0043REATE')).toBe('CREATE');
    expect(decodeUnicodeEscapes('\\uuu0041')).toBe('A');
    expect(decodeUnicodeEscapes('\\U0001F600')).toBe('😀');
    expect(decodeUnicodeEscapes('no escapes')).toBe('no escapes');
  });
});

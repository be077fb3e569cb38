import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CYPHER_EXAMPLES, paramNames, parseParams, tokenizeCypher } from './cypher';

const kinds = (q: string) =>
  tokenizeCypher(q)
    .filter((t) => t.type !== 'space')
    .map((t) => `${t.type}:${t.text}`);

describe('Cypher highlighting', () => {
  it('tells keywords, labels, types, params, strings, numbers, functions and comments apart', () => {
    expect(
      kinds("MATCH (n:Lab {id: $id})-[r:FUNDS]->(m) // who\nWHERE r.amount > 1e9 AND n.name = 'x' RETURN count(m)"),
    ).toEqual([
      'keyword:MATCH',
      'punct:(',
      'variable:n',
      'punct::',
      'label:Lab',
      'punct:{',
      'variable:id',
      'punct::',
      'param:$id',
      'punct:}',
      'punct:)',
      'operator:-',
      'punct:[',
      'variable:r',
      'punct::',
      'label:FUNDS',
      'punct:]',
      'operator:->',
      'punct:(',
      'variable:m',
      'punct:)',
      'comment:// who',
      'keyword:WHERE',
      'variable:r',
      'punct:.',
      'variable:amount',
      'operator:>',
      'number:1e9',
      'keyword:AND',
      'variable:n',
      'punct:.',
      'variable:name',
      'operator:=',
      "string:'x'",
      'keyword:RETURN',
      'function:count',
      'punct:(',
      'variable:m',
      'punct:)',
    ]);
  });

  it('is case-insensitive for keywords and copes with unfinished strings', () => {
    expect(kinds('match (n) return n')[0]).toBe('keyword:match');
    expect(kinds("RETURN 'abc")).toEqual(['keyword:RETURN', "string:'abc"]);
  });

  it('gives back the text exactly (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (s) => {
        expect(
          tokenizeCypher(s)
            .map((t) => t.text)
            .join(''),
        ).toBe(s);
      }),
    );
    for (const ex of CYPHER_EXAMPLES)
      expect(
        tokenizeCypher(ex.query)
          .map((t) => t.text)
          .join(''),
      ).toBe(ex.query);
  });
});

describe('parameters', () => {
  it('parses a JSON object or nothing', () => {
    expect(parseParams('')).toEqual({ ok: true, params: {} });
    expect(parseParams(' {"id": "x", "n": 2} ')).toEqual({ ok: true, params: { id: 'x', n: 2 } });
    expect(parseParams('[1]')).toMatchObject({ ok: false, error: expect.stringContaining('JSON object') as string });
    expect(parseParams('{id: 1}')).toMatchObject({
      ok: false,
      error: expect.stringContaining('not valid JSON') as string,
    });
  });

  it('lists the parameters a query uses', () => {
    expect(paramNames('MATCH (n {id: $id}) WHERE n.x > $min AND n.id <> $id RETURN $`odd name`')).toEqual([
      'id',
      'min',
      'odd name',
    ]);
  });
});

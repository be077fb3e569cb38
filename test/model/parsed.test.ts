/**
 * The parsed-record mark (server/model/parsed.ts): the Neo4j store's write checks skip the zod parse
 * only for the very objects a model schema returned and marked, never for a look-alike.
 */
import { describe, expect, it } from 'vitest';
import { Node, Relationship } from '../../server/model/model';
import { isParsed, markParsed } from '../../server/model/parsed';
import { checkNodes, checkRelationships } from '../../server/store/neo4j/validate';

const lab = { id: 'lab-1', kind: 'Lab', name: 'A lab', sources: [{ source: 'src-1', quote: 'a quote' }] };
const funds = {
  id: 'f-1',
  type: 'FUNDS',
  source: 'gov-1',
  target: 'lab-1',
  amount: 5,
  currency: 'CNY',
  sources: [{ source: 'src-1', quote: 'a quote' }],
};

describe('parsed records', () => {
  it('marks the object, not its shape', () => {
    const parsed = markParsed(Node.parse(lab));
    expect(isParsed(parsed)).toBe(true);
    expect(isParsed({ ...parsed })).toBe(false);
    expect(isParsed(null)).toBe(false);
    expect(isParsed('lab-1')).toBe(false);
  });

  it('checkNodes / checkRelationships keep a marked record as it is and parse the others', () => {
    const node = markParsed(Node.parse(lab));
    expect(checkNodes([node])[0]).toBe(node);
    const rel = markParsed(Relationship.parse(funds));
    expect(checkRelationships([rel])[0]).toBe(rel);
    const again = checkRelationships([{ ...funds }])[0];
    expect(again).toEqual(rel);
    expect(again).not.toBe(rel);
  });

  it('an unmarked look-alike is still refused, and a marked amount still needs its currency', () => {
    expect(() => checkNodes([{ ...lab, kind: 'Spaceship' }])).toThrow();
    expect(() => checkRelationships([{ ...funds, amount: 'five' }])).toThrow();
    const rel = markParsed(Relationship.parse(funds)) as Record<string, unknown>;
    delete rel.currency;
    expect(() => checkRelationships([rel])).toThrow(/currency/);
  });
});

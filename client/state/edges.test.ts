import { describe, expect, it } from 'vitest';
import { mergeGraph, emptyDataset } from './dataset';
import {
  countNoun,
  edgeOfRelationship,
  edgeSummary,
  partsQuery,
  relationshipCount,
  withoutMergedParts,
  yearSpan,
} from './edges';

const merged = {
  type: 'FUNDS',
  source: 'nsf-div-0502',
  target: 'inst-1',
  attrs: {
    type: 'FUNDS',
    merged: true,
    count: 5,
    relationships: ['a1', 'a2', 'a3', 'a4', 'a5'],
    currency: 'USD',
    amount: 1_200_000,
    amounts: [{ currency: 'USD', amount: 1_200_000, count: 5 }],
    yearStart: 2016,
    yearEnd: 2017,
  },
};

describe('edges', () => {
  it('sums up a merged edge: count, total and years', () => {
    expect(edgeSummary(merged)).toBe('5 awards, $1.2 million, 2016–2017');
    expect(relationshipCount(merged.attrs)).toBe(5);
    expect(yearSpan({ ...merged.attrs, yearEnd: 2016 })).toBe('2016');
  });

  it('sums up money in several currencies and edges without money', () => {
    expect(
      edgeSummary({
        type: 'FUNDS',
        attrs: {
          merged: true,
          count: 2,
          amounts: [
            { currency: 'CNY', amount: 1e9, count: 1 },
            { currency: 'USD', amount: 250_000, count: 1 },
          ],
        },
      }),
    ).toBe('2 awards, ¥1 billion + $250,000');
    expect(edgeSummary({ type: 'COLLABORATES_WITH', attrs: { merged: true, count: 3 } })).toBe('3 collaborations');
    expect(countNoun('PART_OF')).toBe('part of link');
  });

  it('sums up a single relationship with its own amount and period', () => {
    expect(
      edgeSummary({ type: 'FUNDS', attrs: { amount: 300_000, currency: 'USD', periodStart: 2017, periodEnd: 2019 } }),
    ).toBe('funds, $300,000, 2017–2019');
    expect(relationshipCount({ amount: 1 })).toBe(1);
  });

  it('asks for the relationships of an edge, with or without a currency', () => {
    expect(partsQuery(merged)).toEqual({ from: 'nsf-div-0502', to: 'inst-1', type: 'FUNDS', currency: 'USD' });
    expect(partsQuery({ ...merged, type: 'COLLABORATES_WITH', attrs: { merged: true } }).currency).toBe('none');
  });

  it('finds the drawn edge that holds a relationship', () => {
    const { dataset } = mergeGraph(
      emptyDataset(),
      {
        options: { type: 'directed', multi: true, allowSelfLoops: true },
        attributes: { truncated: false },
        nodes: [
          { key: 'nsf-div-0502', attributes: { name: 'Division', kind: 'GovernmentBody' } },
          { key: 'inst-1', attributes: { name: 'Institute', kind: 'University' } },
        ],
        edges: [
          {
            key: 'FUNDS:nsf-div-0502->inst-1:USD',
            source: 'nsf-div-0502',
            target: 'inst-1',
            attributes: merged.attrs as never,
          },
          { key: 'single', source: 'inst-1', target: 'nsf-div-0502', attributes: { type: 'PART_OF' } },
        ],
      },
      'base',
    );
    const of = edgeOfRelationship(dataset);
    expect(of.get('a3')).toBe('FUNDS:nsf-div-0502->inst-1:USD');
    expect(of.get('single')).toBe('single');
    expect(of.get('other')).toBeUndefined();
    const trail = {
      options: { type: 'directed' as const, multi: true as const, allowSelfLoops: true },
      attributes: { truncated: false },
      nodes: [],
      edges: ['a1', 'single', 'new'].map((key) => ({
        key,
        source: 'nsf-div-0502',
        target: 'inst-1',
        attributes: { type: 'FUNDS' as const },
      })),
    };
    expect(withoutMergedParts(trail, of).edges.map((e) => e.key)).toEqual(['single', 'new']);
  });
});

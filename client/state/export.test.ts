import { describe, expect, it } from 'vitest';
import { csvCell, parsePositions, positionsToJson, toCsv, toGexf } from './export';

describe('CSV', () => {
  it('quotes what needs quoting and guards against formulas', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
    expect(csvCell('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(null)).toBe('');
    expect(csvCell({ a: 1 })).toBe('"{""a"":1}"');
    expect(csvCell('金凤实验室')).toBe('金凤实验室');
  });

  it('writes a header and rows with CRLF', () => {
    expect(
      toCsv(
        ['from', 'amount'],
        [
          ['A', 1e9],
          ['B, C', null],
        ],
      ),
    ).toBe('from,amount\r\nA,1000000000\r\n"B, C",\r\n');
  });
});

describe('GEXF', () => {
  it('writes nodes with viz attributes and edges with types and amounts, escaped', () => {
    const doc = toGexf(
      [
        { id: 'a', label: 'A & <B>', kind: 'Fund', x: 1.23456, y: -2, size: 5, color: '#d62728' },
        { id: 'b', label: '金凤实验室', kind: 'Lab', x: 0, y: 0, size: 3, color: 'bad' },
      ],
      [{ id: 'e1', source: 'a', target: 'b', type: 'FUNDS', amount: 1e9, currency: 'CNY', year: 2023, weight: 2 }],
    );
    expect(doc).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<gexf xmlns="http:\/\/gexf.net\/1.3"/);
    expect(doc).toContain('<node id="a" label="A &amp; &lt;B&gt;">');
    expect(doc).toContain('<viz:color r="214" g="39" b="40"/>');
    expect(doc).toContain('<viz:position x="1.2346" y="-2" z="0"/>');
    expect(doc).toContain('label="金凤实验室"');
    expect(doc).toContain('<edge id="e1" source="a" target="b" label="FUNDS" weight="2">');
    expect(doc).toContain('<attvalue for="amount" value="1000000000"/>');
    expect(doc.match(/<node /g)).toHaveLength(2);
    expect(doc.match(/<edge /g)).toHaveLength(1);
    expect(doc.trimEnd().endsWith('</gexf>')).toBe(true);
  });
});

describe('positions', () => {
  it('round-trips and reads plain maps', () => {
    const m = new Map([
      ['a', { x: 1.123456, y: 2 }],
      ['b', { x: -3, y: 0 }],
    ]);
    const r = parsePositions(positionsToJson(m));
    expect(r.ok && Object.fromEntries(r.positions)).toEqual({ a: { x: 1.1235, y: 2 }, b: { x: -3, y: 0 } });
    const plain = parsePositions('{"a": {"x": 1, "y": 2}, "b": [3, 4], "c": "nope"}');
    expect(plain.ok && Object.fromEntries(plain.positions)).toEqual({ a: { x: 1, y: 2 }, b: { x: 3, y: 4 } });
  });

  it('refuses what is not positions', () => {
    expect(parsePositions('nope')).toMatchObject({ ok: false });
    expect(parsePositions('{"a": 1}')).toEqual({ ok: false, error: 'no node positions found' });
    expect(parsePositions('null')).toMatchObject({ ok: false });
  });
});

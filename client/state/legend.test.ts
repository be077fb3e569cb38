import { describe, expect, it } from 'vitest';
import { exportSize, legendLine, legendOf } from './legend';
import { KIND_COLORS } from './vocab';

const counts = {
  nodes: { visible: 12_345, total: 20_000 },
  edges: { visible: 1, total: 3 },
  kinds: {
    Person: { visible: 0, total: 7000 },
    University: { visible: 2000, total: 2000 },
    Enterprise: { visible: 10_000, total: 10_000 },
    Lab: { visible: 345, total: 400 },
  },
  types: {},
};

describe('legendOf', () => {
  it('lists the visible kinds with their colours, most first, and the totals', () => {
    const l = legendOf('NSF', counts);
    expect(l.title).toBe('NSF');
    expect(l.entries.map((e) => e.label)).toEqual(['Enterprise', 'University', 'Lab']);
    expect(l.entries[0]!.color).toBe(KIND_COLORS.Enterprise);
    expect(l.entries[0]!.count).toBe(10_000);
    expect(l.totals).toBe('12,345 nodes · 1 relationship');
    expect(legendLine(l.entries[0]!)).toBe('Enterprise 10,000');
  });
});

describe('exportSize', () => {
  it('multiplies the view by the scale and the screen’s pixel ratio', () => {
    expect(exportSize(800, 600, 1, 1)).toEqual({ w: 800, h: 600 });
    expect(exportSize(800, 600, 2, 1)).toEqual({ w: 1600, h: 1200 });
    expect(exportSize(800, 600, 4, 2)).toEqual({ w: 6400, h: 4800 });
    expect(exportSize(800, 600, 2, 0)).toEqual({ w: 1600, h: 1200 });
  });
});

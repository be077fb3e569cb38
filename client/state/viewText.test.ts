import { describe, expect, it } from 'vitest';
import { countsText, overviewNotice } from './viewText';

describe('countsText', () => {
  it('groups thousands on both sides', () => {
    expect(countsText({ nodes: { visible: 10_000, total: 10_000 }, edges: { visible: 1234, total: 47_738 } })).toBe(
      '10,000 nodes of 10,000 · 1,234 relationships of 47,738',
    );
  });

  it('says one node, one relationship', () => {
    expect(countsText({ nodes: { visible: 1, total: 1 }, edges: { visible: 0, total: 1 } })).toBe(
      '1 node of 1 · 0 relationships of 1',
    );
  });
});

describe('overviewNotice', () => {
  it('names the overview with grouped numbers', () => {
    expect(overviewNotice({ shown: 10_000, total: 19_729 }, 0)).toBe(
      'Overview: the 10,000 best-connected of 19,729 nodes. Filter by kind or region, or search, to see others.',
    );
  });

  it('goes after an expansion, and without an overview', () => {
    expect(overviewNotice({ shown: 10_000, total: 19_729 }, 1)).toBeNull();
    expect(overviewNotice(null, 0)).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { keepExpanded, pagingLabel, recordPage } from './neighborPages';
import { sg } from './testing';

const page = (nextOffset: number | null, totalNeighbors = 1204) =>
  sg([['hub', 'University']], [], { truncated: nextOffset !== null, totalNeighbors, nextOffset });

describe('neighbour pages', () => {
  it('records where the next page starts, and says how many of how many', () => {
    const one = recordPage(new Map(), 'hub', 0, page(300));
    expect(one.get('hub')).toEqual({ loaded: 300, total: 1204, next: 300 });
    expect(pagingLabel(one.get('hub'))).toBe('300 of 1,204 neighbours');
    const two = recordPage(one, 'hub', 300, page(600));
    expect(two.get('hub')).toEqual({ loaded: 600, total: 1204, next: 600 });
    expect(one.get('hub')!.loaded).toBe(300); // not changed in place
  });

  it('the last page leaves no next page and no label', () => {
    const last = recordPage(new Map(), 'hub', 1200, page(null));
    expect(last.get('hub')).toEqual({ loaded: 1204, total: 1204, next: null });
    expect(pagingLabel(last.get('hub'))).toBeNull();
  });

  it('a next offset that does not move forward ends the paging', () => {
    expect(recordPage(new Map(), 'hub', 300, page(300)).get('hub')!.next).toBeNull();
  });

  it('an answer without a total (an older server, depth > 1) forgets the paging', () => {
    const one = recordPage(new Map(), 'hub', 0, page(300));
    expect(recordPage(one, 'hub', 0, sg([['hub', 'University']])).has('hub')).toBe(false);
  });

  it('forgets roots that are no longer expanded, and keeps the same map when nothing changed', () => {
    const pages = recordPage(recordPage(new Map(), 'a', 0, page(300)), 'b', 0, page(300));
    expect([...keepExpanded(pages, (id) => id === 'b').keys()]).toEqual(['b']);
    expect(keepExpanded(pages, () => true)).toBe(pages);
  });
});

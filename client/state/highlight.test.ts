import { describe, expect, it } from 'vitest';
import { FOCUS_LABEL_CAP, focusOf, touchesFocus } from './highlight';

describe('focus highlight', () => {
  it('keeps the node and its neighbours, and labels them all when few', () => {
    const f = focusOf('hub', ['a', 'b', 'a'], () => 1);
    expect([...f.nodes]).toEqual(['hub', 'a', 'b']);
    expect([...f.labelled].sort()).toEqual(['a', 'b', 'hub']);
  });

  it('labels only the biggest neighbours of a hub (ties by id), and always the node itself', () => {
    const neighbours = Array.from({ length: 400 }, (_, i) => `n${String(i).padStart(3, '0')}`);
    const size = (id: string) => (id === 'n399' ? 50 : id === 'n000' ? 40 : 5);
    const f = focusOf('hub', neighbours, size);
    expect(f.nodes.size).toBe(401);
    expect(f.labelled.size).toBe(FOCUS_LABEL_CAP + 1);
    expect(f.labelled.has('hub')).toBe(true);
    const ordered = [...f.labelled];
    expect(ordered.slice(0, 4)).toEqual(['hub', 'n399', 'n000', 'n001']);
    expect(f.labelled.has('n200')).toBe(false);
  });

  it('an edge is bright when it touches the focused node', () => {
    const f = focusOf('hub', ['a', 'b'], () => 1);
    expect(touchesFocus(f, 'a', 'hub')).toBe(true);
    expect(touchesFocus(f, 'hub', 'b')).toBe(true);
    expect(touchesFocus(f, 'a', 'b')).toBe(false);
  });
});

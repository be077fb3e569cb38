import { describe, expect, it } from 'vitest';
import { enterChoice, moveActive } from './listbox';

describe('search suggestions: the active option', () => {
  it('↓ then Enter chooses the first suggestion', () => {
    expect(enterChoice(moveActive(-1, 5, 'ArrowDown'), 5)).toBe(0);
  });

  it('Enter right after typing chooses the first; ↓↓ then Enter the second', () => {
    expect(enterChoice(-1, 5)).toBe(0);
    expect(enterChoice(moveActive(moveActive(-1, 5, 'ArrowDown'), 5, 'ArrowDown'), 5)).toBe(1);
  });

  it('wraps around both ways; ↑ from none goes to the last', () => {
    expect(moveActive(4, 5, 'ArrowDown')).toBe(0);
    expect(moveActive(0, 5, 'ArrowUp')).toBe(4);
    expect(moveActive(-1, 5, 'ArrowUp')).toBe(4);
    expect(moveActive(2, 5, 'Home')).toBe(0);
    expect(moveActive(2, 5, 'End')).toBe(4);
  });

  it('an empty list has no active option and nothing to choose', () => {
    expect(moveActive(-1, 0, 'ArrowDown')).toBe(-1);
    expect(enterChoice(-1, 0)).toBeNull();
    expect(enterChoice(3, 2)).toBe(0);
  });
});

/**
 * The active option of a search box's suggestion list (a combobox). None is active after typing:
 * Enter then takes the first suggestion, and ↓ makes the first one active (so ↓ then Enter also takes
 * the first); ↑ from none goes to the last; both wrap around.
 */

export type ListKey = 'ArrowDown' | 'ArrowUp' | 'Home' | 'End';

/** The active option (-1: none) after `key`, in a list of `count` options. */
export function moveActive(active: number, count: number, key: ListKey): number {
  if (count <= 0) return -1;
  switch (key) {
    case 'ArrowDown':
      return active < 0 ? 0 : (active + 1) % count;
    case 'ArrowUp':
      return active < 0 ? count - 1 : (active - 1 + count) % count;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
  }
}

/** The option Enter chooses: the active one, else the first; null when the list is empty. */
export function enterChoice(active: number, count: number): number | null {
  if (count <= 0) return null;
  return active >= 0 && active < count ? active : 0;
}

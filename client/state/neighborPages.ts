/**
 * Paging through an expanded node's neighbours: how many of them the view has asked for, out of how
 * many, and where the next page starts (from the neighbourhood's `totalNeighbors` / `nextOffset`).
 * Pure: each change returns a new map.
 */
import type { SerializedGraph } from '../../server/api/schemas';

export interface NeighborPaging {
  /** neighbours asked for so far (the pages 0 … next) */
  loaded: number;
  total: number;
  /** offset of the next page, null when every neighbour has been asked for */
  next: number | null;
}

export type NeighborPages = ReadonlyMap<string, NeighborPaging>;

/** Records the page of `root`'s neighbours that `g` answered for `offset`. */
export function recordPage(pages: NeighborPages, root: string, offset: number, g: SerializedGraph): NeighborPages {
  const total = typeof g.attributes.totalNeighbors === 'number' ? g.attributes.totalNeighbors : null;
  const out = new Map(pages);
  if (total === null) {
    out.delete(root);
    return out;
  }
  const next = typeof g.attributes.nextOffset === 'number' ? g.attributes.nextOffset : null;
  out.set(root, { loaded: next ?? total, total, next: next !== null && next > offset ? next : null });
  return out;
}

/** Forgets the paging of roots no longer expanded (after a collapse or an undo). */
export function keepExpanded(pages: NeighborPages, isExpanded: (id: string) => boolean): NeighborPages {
  let changed = false;
  const out = new Map<string, NeighborPaging>();
  for (const [id, p] of pages) {
    if (isExpanded(id)) out.set(id, p);
    else changed = true;
  }
  return changed ? out : pages;
}

/** "300 of 1,204 neighbours" while a next page remains, else null. */
export function pagingLabel(p: NeighborPaging | undefined): string | null {
  if (!p || p.next === null) return null;
  return `${p.loaded.toLocaleString('en')} of ${p.total.toLocaleString('en')} neighbours`;
}

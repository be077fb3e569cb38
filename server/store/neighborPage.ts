/**
 * Paging through a node's neighbours (a depth-1 neighbourhood), the same way in both stores: the
 * neighbours in id order, `offset` skips some, the page takes up to `limit - 1` (the root is always in
 * the result, so that the page connects to it), and the graph's attributes say how many neighbours
 * there are and where the next page starts.
 */
import type { NeighborhoodQuery } from '../api/schemas';
import { ValidationError } from '../errors';

/** Rejects an offset with a depth above 1 (only a node's direct neighbours are paged). */
export function checkNeighborPaging(q: NeighborhoodQuery): void {
  if (q.offset > 0 && q.depth > 1)
    throw new ValidationError(
      `query parameter "offset": pages are of direct neighbours (depth 1), not depth ${q.depth}`,
      {
        where: 'query parameter',
        hint: 'use depth=1 with offset, or offset=0 with a deeper neighbourhood',
      },
    );
}

/** How many neighbours a page holds for a `limit` (which counts the root). */
export function pageSize(limit: number): number {
  return Math.max(0, limit - 1);
}

/** The attributes of a page of `taken` neighbours starting at `offset` out of `total`. */
export function pageAttributes(
  total: number,
  offset: number,
  taken: number,
): { truncated: boolean; totalNeighbors: number; nextOffset: number | null } {
  const end = Math.min(total, offset + taken);
  return {
    truncated: taken < total,
    totalNeighbors: total,
    nextOffset: taken > 0 && end < total ? end : null,
  };
}

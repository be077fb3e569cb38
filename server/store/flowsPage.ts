/**
 * Paging and region filtering of `flows()`, the same in both stores (SEMANTICS.md "flows"): the flows
 * kept by the region filter are totalled and aggregated in full, and returned a page at a time in
 * flow order, with an opaque keyset cursor (the last flow's hop, amount and id).
 */
import type { Flow } from '../api/schemas';
import { ValidationError } from '../errors';
import { compareFlows } from './common';

interface FlowKey {
  hop: number;
  amount: number | null;
  id: string;
}

function encode(f: Flow): string {
  const key: FlowKey = { hop: f.hop, amount: f.amount, id: f.id };
  return Buffer.from(JSON.stringify({ flowAfter: key }), 'utf8').toString('base64url');
}

function decode(cursor: string): FlowKey {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { flowAfter?: Partial<FlowKey> };
    const k = v.flowAfter;
    if (
      k &&
      typeof k.hop === 'number' &&
      (k.amount === null || typeof k.amount === 'number') &&
      typeof k.id === 'string'
    )
      return { hop: k.hop, amount: k.amount, id: k.id };
  } catch {
    /* fall through */
  }
  throw new ValidationError('cursor is not one this API gave out', {
    where: 'query parameter "cursor"',
    hint: 'pass the nextCursor of the previous page of /api/flows unchanged, or leave it out for the first page',
  });
}

/** Flows that cross into, out of or stay within `region`: either end is within it (`within`). */
export function flowsTouching(flows: Flow[], within: (id: string) => boolean): Flow[] {
  const memo = new Map<string, boolean>();
  const inside = (id: string) => {
    let r = memo.get(id);
    if (r === undefined) memo.set(id, (r = within(id)));
    return r;
  };
  return flows.filter((f) => inside(f.target.id) || inside(f.source.id));
}

/** One page of `sorted` flows (in compareFlows order) after `cursor`, and the cursor of the next page. */
export function flowsPage(
  sorted: Flow[],
  q: { limit: number; cursor?: string | undefined },
): { page: Flow[]; nextCursor: string | null } {
  let start = 0;
  if (q.cursor !== undefined) {
    const after = decode(q.cursor);
    const probe: Flow = { ...sorted[0]!, ...after };
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compareFlows(sorted[mid]!, probe) <= 0) lo = mid + 1;
      else hi = mid;
    }
    start = lo;
  }
  const page = sorted.slice(start, start + q.limit);
  const more = start + q.limit < sorted.length;
  return { page, nextCursor: more && page.length > 0 ? encode(page[page.length - 1]!) : null };
}

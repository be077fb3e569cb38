/**
 * Look-ups of the Neo4j store's batched relationship writes: the relationships already stored under a
 * batch's ids, in every type, in one statement (find-rels). Sent together with the look-up of the ends,
 * so that a batch costs the server one round trip less per relationship type present.
 */
import type { Row, TxRunner } from '../../neo4j/run';

/** A stored relationship found by id. */
export interface FoundRel {
  eid: string;
  type: string;
  source: string;
  target: string;
  props: Record<string, unknown>;
}

const rec = (v: unknown): Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
const str = (v: unknown): string => (typeof v === 'string' ? v : String(v));

/** The stored relationships with `ids`, by id (more than one when an id was stored under several types). */
export async function findRels(tx: TxRunner, ids: string[]): Promise<Map<string, FoundRel[]>> {
  const existing = new Map<string, FoundRel[]>();
  if (ids.length === 0) return existing;
  const rows: Row[] = await tx.run('find-rels', { ids });
  for (const row of rows) {
    const id = str(row.id);
    const found = existing.get(id) ?? [];
    found.push({
      eid: str(row.eid),
      type: str(row.type),
      source: str(row.source),
      target: str(row.target),
      props: rec(row.props),
    });
    existing.set(id, found);
  }
  return existing;
}

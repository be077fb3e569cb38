/**
 * Look-ups of the Neo4j store's batched relationship writes: the relationships already stored under a
 * batch's ids, in every type that has relationships (rel-type-counts, then find-rels per type). The
 * per-type statements are sent at once (pipelined in the transaction), not one after the other's answer.
 */
import { relType, type Row, type TxRunner } from '../../neo4j/run';
import { isRelType } from '../../model/model';

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
  // an id is unique across types: look it up in every type that has relationships at all (a seek in
  // a type's index per id; an empty type is skipped)
  const present = (await tx.run('rel-type-counts'))
    .filter((row) => Number(row.n) > 0)
    .map((row) => str(row.type))
    .filter(isRelType);
  const rows: Row[] = (
    await Promise.all(present.map((type) => tx.run('find-rels', { ids }, { TYPE: relType(type) })))
  ).flat();
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

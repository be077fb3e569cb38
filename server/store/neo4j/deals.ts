/**
 * Deals on the Neo4j store: the lookup that totals need (deals.ts in the store folder) and the
 * `GET /api/deals/:id` answer, each from a named query in cypher/queries/.
 */
import type { Deal } from '../../api/schemas';
import { NotFoundError } from '../../errors';
import type { CypherRunner } from '../../neo4j/run';
import { buildDeal, dealInfo, dealParticipant, type DealInfo, type DealLookup } from '../deals';

const rec = (v: unknown): Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

/** A lookup over rows of deals-info.cypher's shape (`id`, `props`, `participants`; entity.cypher's `deals`). */
export function dealLookupOf(rows: readonly unknown[]): DealLookup {
  const found = new Map<string, DealInfo>();
  for (const row of rows.map(rec)) found.set(String(row.id), dealInfo(rec(row.props), Number(row.participants)));
  return (id) => found.get(id);
}

/** A lookup of the deals with `ids` (their stated totals and participant counts), read in one query. */
export async function readDealLookup(runner: CypherRunner, ids: string[]): Promise<DealLookup> {
  return dealLookupOf(ids.length > 0 ? await runner.read('deals-info', { ids }) : []);
}

/** The Deal with `id` and its participants; NotFoundError when there is no Deal node with that id. */
export async function readDeal(runner: CypherRunner, id: string): Promise<Deal> {
  const [node] = await runner.read('deal-node', { id });
  if (!node)
    throw new NotFoundError(`no deal with id "${id}"`, {
      where: id,
      hint: 'a deal id is the `deal` property of a money relationship (see /api/flows)',
    });
  const rows = await runner.read('deal-participants', { id });
  return buildDeal(
    rec(node.props),
    rows.map((r) => dealParticipant(String(r.type), rec(r.props), rec(r.source), rec(r.target))),
  );
}

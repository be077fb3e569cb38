/**
 * A page of a node's direct neighbours in Neo4j (cypher/queries/neighbor-page.cypher), with the same
 * paging rules as the embedded store (server/store/neighborPage.ts).
 */
import type { NeighborhoodQuery, SerializedGraph } from '../../api/schemas';
import type { Row } from '../../neo4j/run';
import { emptySerializedGraph, nodeAttributes } from '../common';
import { pageAttributes, pageSize } from '../neighborPage';

/** What the page needs of the Neo4j store. */
export interface NeighborPageDeps {
  read(name: string, params: Record<string, unknown>): Promise<Row[]>;
  /** every relationship (of `types`) among the nodes, keyed by element id → id */
  edgesAmong(nodes: Map<string, string>, types: readonly string[] | undefined): Promise<SerializedGraph['edges']>;
}

const rec = (v: unknown): Record<string, unknown> =>
  v !== null && typeof v === 'object' ? (v as Record<string, unknown>) : {};

/** The root (`id`, element id `eid`, its properties) and one page of its neighbours. */
export async function neighborPage(
  deps: NeighborPageDeps,
  root: { id: string; eid: string; props: Record<string, unknown> },
  q: NeighborhoodQuery,
  types: readonly string[] | null,
): Promise<SerializedGraph> {
  const [row] = await deps.read('neighbor-page', {
    eid: root.eid,
    types,
    datasets: q.datasets && q.datasets.length > 0 ? q.datasets : null,
    offset: q.offset,
    size: pageSize(q.limit),
  });
  const total = Number(row?.total ?? 0);
  const page = (Array.isArray(row?.page) ? row.page : []).map((p) => {
    const r = rec(p);
    return { id: String(r.id), eid: String(r.eid) };
  });
  const props = new Map<string, Record<string, unknown>>([[root.eid, root.props]]);
  if (page.length > 0)
    for (const r of await deps.read('node-props', { eids: page.map((p) => p.eid) }))
      props.set(String(r.eid), rec(r.props));
  const attrs = pageAttributes(total, q.offset, page.length);
  const g = emptySerializedGraph(attrs.truncated);
  g.attributes.totalNeighbors = attrs.totalNeighbors;
  g.attributes.nextOffset = attrs.nextOffset;
  g.nodes = [
    { key: root.id, attributes: nodeAttributes(root.props, { depth: 0 }) },
    ...page.map((p) => ({ key: p.id, attributes: nodeAttributes(props.get(p.eid) ?? {}, { depth: 1 }) })),
  ];
  const among = new Map([[root.eid, root.id], ...page.map((p): [string, string] => [p.eid, p.id])]);
  g.edges = await deps.edgesAmong(among, types ?? undefined);
  return g;
}

/**
 * Reads of the embedded store that work on its graph alone: the relationships between two nodes
 * (merged edges, path hops) and the per-data-set counts (SEMANTICS.md).
 */
import type { MultiDirectedGraph } from 'graphology';
import type { BetweenQuery, PathRel, RelationshipPage } from '../../api/schemas';
import type { RelType } from '../../model/model';
import { betweenPage, currencyMatches } from '../between';
import { byString, decodeCursor, relProperties, type StoredProps } from '../common';
import { datasetOf, type DatasetCounts } from '../datasets';

type Graph = MultiDirectedGraph<StoredProps, StoredProps & { type: RelType }>;

/** One page of the `from` → `to` relationships of one type (and currency), by id; ends checked by the caller. */
export function between(graph: Graph, q: BetweenQuery): RelationshipPage {
  const after = decodeCursor(q.cursor);
  const rows: { type: RelType; props: StoredProps }[] = [];
  graph.forEachOutEdge(q.from, (key, attrs, _s, target) => {
    if (target === q.to && attrs.type === q.type && currencyMatches(attrs, q.currency) && (!after || key > after))
      rows.push({ type: attrs.type, props: attrs });
  });
  rows.sort((a, b) => byString(String(a.props.id), String(b.props.id)));
  return betweenPage(rows, graph.getNodeAttributes(q.to), q);
}

/** Every relationship (of `types`) joining `a` and `b` in either direction, as path relationships. */
export function joining(graph: Graph, a: string, b: string, types: Set<string> | undefined): PathRel[] {
  const out: PathRel[] = [];
  const add = (key: string, attrs: StoredProps & { type: RelType }, source: string, target: string) => {
    if (!types || types.has(attrs.type))
      out.push({ id: key, type: attrs.type, source, target, properties: relProperties(attrs) });
  };
  graph.forEachOutEdge(a, (key, attrs, source, target) => {
    if (target === b) add(key, attrs, source, target);
  });
  graph.forEachOutEdge(b, (key, attrs, source, target) => {
    if (target === a) add(key, attrs, source, target);
  });
  return out;
}

/** Node and relationship counts per data set, and the Source nodes. */
export function datasetCounts(graph: Graph): DatasetCounts {
  const nodes = new Map<string, number>();
  const relationships = new Map<string, number>();
  const sources: StoredProps[] = [];
  graph.forEachNode((_id, attrs) => {
    const d = datasetOf(attrs);
    nodes.set(d, (nodes.get(d) ?? 0) + 1);
    if (attrs.kind === 'Source') sources.push(attrs);
  });
  graph.forEachEdge((_key, attrs) => {
    const d = datasetOf(attrs);
    relationships.set(d, (relationships.get(d) ?? 0) + 1);
  });
  return { nodes, relationships, sources };
}

/**
 * Reads of the Neo4j store for merged edges, paths by node sequence and data sets (SEMANTICS.md),
 * each from a named query in cypher/queries/, shaped by the helpers shared with the embedded store.
 */
import type {
  BetweenQuery,
  DatasetsResult,
  NodeRef,
  Path,
  PathRel,
  PathsQuery,
  PathsResult,
  RelationshipPage,
  SerializedGraph,
} from '../../api/schemas';
import { AppError } from '../../errors';
import { isRelType, type RelType } from '../../model/model';
import { bounded, relType, relTypeFilter, type CypherRunner, type Row } from '../../neo4j/run';
import { betweenPage, MAX_HOP_RELATIONSHIPS } from '../between';
import { byString, decodeCursor, refOf, relProperties } from '../common';
import { buildDatasets, UNASSIGNED } from '../datasets';
import { graphDealIds, mergeParallel } from '../merge';
import { readDealLookup } from './deals';

const rec = (v: unknown): Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
const str = (v: unknown): string => (typeof v === 'string' ? v : String(v));
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

function relTypeOf(v: unknown): RelType {
  const t = str(v);
  if (!isRelType(t)) throw new AppError('INTERNAL', 500, `Neo4j holds a relationship of unknown type "${t}"`);
  return t;
}

/** A node found by id: its element id and stored properties. */
export interface EndNode {
  eid: string;
  props: Record<string, unknown>;
}

/** The graph with its parallel relationships merged unless `merge` is false (deals read for their totals). */
export async function mergedUnless(
  runner: CypherRunner,
  g: SerializedGraph,
  merge: boolean | undefined,
): Promise<SerializedGraph> {
  if (merge === false) return g;
  return mergeParallel(g, await readDealLookup(runner, graphDealIds(g)));
}

/** One page of the `from` → `to` relationships of one type (and currency). */
export async function readBetween(
  runner: CypherRunner,
  from: EndNode,
  to: EndNode,
  q: BetweenQuery,
): Promise<RelationshipPage> {
  const after = decodeCursor(q.cursor);
  const rows = await runner.read(
    'relationships-between',
    { from: from.eid, to: to.eid, currency: q.currency ?? null, after: after ?? null, limit: q.limit + 1 },
    { TYPE: relType(q.type) },
  );
  return betweenPage(
    rows.map((r) => ({ type: q.type, props: rec(r.props) })),
    to.props,
    q,
  );
}

/** `/api/datasets`: counts per data set and the Source nodes. */
export async function readDatasets(runner: CypherRunner): Promise<DatasetsResult> {
  const nodes = new Map<string, number>();
  const relationships = new Map<string, number>();
  const sources: Record<string, unknown>[] = [];
  for (const row of await runner.read('datasets')) {
    const name = typeof row.dataset === 'string' ? row.dataset : UNASSIGNED;
    const n = Number(row.count);
    if (row.what === 'node') nodes.set(name, (nodes.get(name) ?? 0) + n);
    else if (row.what === 'rel') relationships.set(name, (relationships.get(name) ?? 0) + n);
    else sources.push(rec(row.source));
  }
  return buildDatasets({ nodes, relationships, sources });
}

const MAX_SHORTEST_PATHS = 100;
/** rows fetched per path query: a guard for dense graphs */
const PATH_ROW_CAP = 20_000;

type IdNode = { id: string; eid: string };

const nodesOf = (row: Row): IdNode[] =>
  list(row.nodes).map((x) => {
    const n = rec(x);
    return { id: str(n.id), eid: str(n.eid) };
  });

function compareSequences(a: IdNode[], b: IdNode[]): number {
  if (a.length !== b.length) return a.length - b.length;
  for (let i = 0; i < a.length; i++) {
    const c = byString(a[i]!.id, b[i]!.id);
    if (c !== 0) return c;
  }
  return 0;
}

/**
 * `paths()` (SEMANTICS.md): the node sequences of the shortest paths (up to 100), then of `k` longer
 * simple paths, each sequence once; each hop with every relationship joining its two nodes.
 */
export async function readPaths(runner: CypherRunner, from: EndNode, to: EndNode, q: PathsQuery): Promise<PathsResult> {
  if (from.eid === to.eid) return { paths: [{ nodes: [refOf(from.props)], relationships: [], hops: [] }] };
  const TYPES = relTypeFilter(q.types);
  const ends = { from: from.eid, to: to.eid, cap: PATH_ROW_CAP };
  const shortest = (
    await runner.read(
      'shortest-paths',
      { ...ends, keep: MAX_SHORTEST_PATHS },
      { TYPES, MAX_HOPS: bounded(q.maxHops, 1, 6) },
    )
  )
    .map(nodesOf)
    .sort(compareSequences)
    .slice(0, MAX_SHORTEST_PATHS);
  const first = shortest[0];
  if (!first) return { paths: [] };
  const out = [...shortest];
  let wanted = q.k;
  for (let hops = first.length; hops <= q.maxHops && wanted > 0; hops++) {
    const more = (await runner.read('paths-of-length', { ...ends, keep: wanted }, { TYPES, HOPS: bounded(hops, 1, 6) }))
      .map(nodesOf)
      .sort(compareSequences)
      .slice(0, wanted);
    out.push(...more);
    wanted -= more.length;
  }
  const pairKey = (a: string, b: string) => `${a}|${b}`;
  const pairs = new Map<string, { a: string; b: string }>();
  for (const p of out)
    for (let i = 1; i < p.length; i++) pairs.set(pairKey(p[i - 1]!.eid, p[i]!.eid), { a: p[i - 1]!.eid, b: p[i]!.eid });
  const hopOf = new Map<string, { count: number; relationships: PathRel[] }>();
  if (pairs.size > 0)
    for (const row of await runner.read('path-hops', {
      pairs: [...pairs.values()],
      types: q.types && q.types.length > 0 ? q.types : null,
      max: MAX_HOP_RELATIONSHIPS,
    }))
      hopOf.set(pairKey(str(row.a), str(row.b)), {
        count: Number(row.count),
        relationships: list(row.rels)
          .map(rec)
          .map((r) => ({
            id: str(r.id),
            type: relTypeOf(r.type),
            source: str(r.source),
            target: str(r.target),
            properties: relProperties(rec(r.props)),
          }))
          .sort((x, y) => byString(x.id, y.id)),
      });
  const parts = await runner.read('path-parts', {
    nodes: [...new Set(out.flatMap((p) => p.map((n) => n.eid)))],
    rels: [],
  });
  const props = new Map(parts.map((row) => [str(row.eid), rec(row.props)]));
  return {
    paths: out.map((p): Path => {
      const hops = p.slice(1).map((n, i) => hopOf.get(pairKey(p[i]!.eid, n.eid)) ?? { count: 0, relationships: [] });
      return {
        nodes: p.map((n): NodeRef => refOf(props.get(n.eid) ?? {})),
        relationships: hops.map((h) => h.relationships[0]!).filter(Boolean),
        hops,
      };
    }),
  };
}

/**
 * POST /api/cypher on Neo4j: a read-only query (Neo4j's own plan type decides) run through the
 * streaming console with its limits, answered as columns, rows and the graph the rows hold (nodes of
 * a model kind and the relationships of a model type between them, ends looked up when missing).
 */
import type { CypherRequest, CypherResult } from '../../api/schemas';
import { QueryError } from '../../errors';
import { isNodeKind, isRelType } from '../../model/model';
import { DEFAULT_MAX_BYTES, type CypherConsole } from '../../neo4j/console';
import { collectGraph, type PlainNode, type PlainRelationship, toPlainWith } from '../../neo4j/convert';
import type { CypherRunner } from '../../neo4j/run';
import { byString, edgeAttributes, emptySerializedGraph, nodeAttributes } from '../common';
import type { CypherOptions } from '../store';
import { guardCypher } from './cypherGuard';
import { rec, str, strings, type GraphEdge, type GraphNode } from './core';

/** element-id lookups of relationship ends for the Cypher endpoint's graph */
const MAX_END_LOOKUPS = 10_000;

/** Runs one Cypher endpoint request; refuses (QUERY_REFUSED) what Neo4j does not plan as read-only. */
export async function runCypherEndpoint(
  console: CypherConsole,
  runner: CypherRunner,
  req: CypherRequest,
  opts: CypherOptions,
): Promise<CypherResult> {
  const t0 = performance.now();
  const text = guardCypher(req.query);
  const raw = await console.run('cypher-endpoint', text, req.params ?? {}, {
    timeoutMs: opts.timeoutMs,
    maxRows: opts.maxRows,
    maxBytes: opts.maxBytes ?? DEFAULT_MAX_BYTES,
    signal: opts.signal,
    beforeRun: (queryType) => {
      if (queryType !== 'r')
        throw new QueryError(
          'QUERY_REFUSED',
          `Cypher refused: Neo4j plans this query as type "${queryType}", not read-only ("r")`,
          {
            where: 'body field "query"',
            hint: 'the Cypher endpoint runs read-only queries only',
          },
        );
    },
  });
  const found = { nodes: new Map<string, PlainNode>(), relationships: new Map<string, PlainRelationship>() };
  for (const record of raw.records) for (const k of raw.keys) collectGraph(record.get(k), found);
  const missing = new Set<string>();
  for (const r of found.relationships.values())
    for (const e of [r.startElementId, r.endElementId]) if (!found.nodes.has(e)) missing.add(e);
  if (missing.size > 0) {
    const rows = await runner.run(
      'element-nodes',
      { eids: [...missing].slice(0, MAX_END_LOOKUPS) },
      { routing: 'READ', timeoutMs: opts.timeoutMs },
    );
    for (const row of rows) {
      const n = rec(row.n);
      if (typeof n.elementId === 'string')
        found.nodes.set(n.elementId, {
          id: str(n.id),
          elementId: n.elementId,
          labels: strings(n.labels),
          properties: rec(n.properties),
        });
    }
  }
  const keyOf = (eid: string): string => found.nodes.get(eid)?.id ?? eid;
  const shape = {
    node: (n: PlainNode) => ({ id: n.id, labels: n.labels, properties: n.properties }),
    relationship: (r: PlainRelationship) => ({
      id: r.id,
      type: r.type,
      start: keyOf(r.startElementId),
      end: keyOf(r.endElementId),
      properties: r.properties,
    }),
  };
  const rows = raw.records.map((record) => raw.keys.map((k) => toPlainWith(record.get(k), shape)));
  // The graph holds what the API's graph format can carry: nodes of a model kind, and relationships
  // of a model type between two of them (not, e.g., the virtual nodes of db.schema.visualization).
  const graph = emptySerializedGraph(false);
  const nodeByKey = new Map<string, GraphNode>();
  for (const n of found.nodes.values()) {
    const p = n.properties;
    const kind = typeof p.kind === 'string' && isNodeKind(p.kind) ? p.kind : n.labels.find(isNodeKind);
    if (kind === undefined || nodeByKey.has(n.id)) continue;
    nodeByKey.set(n.id, {
      key: n.id,
      attributes: {
        ...nodeAttributes({ ...p, name: typeof p.name === 'string' ? p.name : n.id, kind }),
        labels: n.labels,
      },
    });
  }
  graph.nodes = [...nodeByKey.values()].sort((a, b) => byString(a.key, b.key));
  const edgeByKey = new Map<string, GraphEdge>();
  for (const r of found.relationships.values()) {
    const source = keyOf(r.startElementId);
    const target = keyOf(r.endElementId);
    if (!isRelType(r.type) || edgeByKey.has(r.id) || !nodeByKey.has(source) || !nodeByKey.has(target)) continue;
    edgeByKey.set(r.id, { key: r.id, source, target, attributes: edgeAttributes(r.type, r.properties) });
  }
  graph.edges = [...edgeByKey.values()].sort((a, b) => byString(a.key, b.key));
  return {
    columns: raw.keys,
    rows,
    graph,
    truncated: raw.truncated,
    timing: { ms: Math.round((performance.now() - t0) * 10) / 10 },
  };
}

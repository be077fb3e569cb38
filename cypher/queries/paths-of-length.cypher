// paths-of-length: simple undirected paths (no node twice) of exactly {{HOPS}} relationships between
// two nodes. {{TYPES}}: relationship-type filter (empty for any); $from / $to: element ids; $cap: row cap;
// $keep: how many node sequences to return, in the store's order of paths (length, node ids): paths
// through the same nodes (parallel relationships) are one (path-hops reads their relationships).
// Ids only: there can be thousands of paths, of which the caller keeps a few (path-parts reads those).
MATCH (a) WHERE elementId(a) = $from
MATCH (b) WHERE elementId(b) = $to
MATCH p = (a)-[{{TYPES}}*{{HOPS}}..{{HOPS}}]-(b)
WHERE all(x IN nodes(p) WHERE single(y IN nodes(p) WHERE y = x))
WITH p LIMIT $cap
WITH DISTINCT [x IN nodes(p) | x.id] AS nodeIds, [x IN nodes(p) | elementId(x)] AS eids
ORDER BY size(nodeIds), nodeIds
LIMIT $keep
RETURN [i IN range(0, size(nodeIds) - 1) | {id: nodeIds[i], eid: eids[i]}] AS nodes

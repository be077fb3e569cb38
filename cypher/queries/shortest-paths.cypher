// shortest-paths: all shortest undirected paths between two nodes, at most {{MAX_HOPS}} relationships.
// {{TYPES}}: relationship-type filter (empty for any); $from / $to: element ids; $cap: row cap;
// $keep: how many to return, in the store's order of paths (length, node ids, relationship ids).
// Ids only: there can be thousands of paths, of which the caller keeps a few (path-parts reads those).
MATCH (a) WHERE elementId(a) = $from
MATCH (b) WHERE elementId(b) = $to
MATCH p = allShortestPaths((a)-[{{TYPES}}*..{{MAX_HOPS}}]-(b))
WITH p LIMIT $cap
WITH p, [x IN nodes(p) | x.id] AS nodeIds, [r IN relationships(p) | r.id] AS relIds
ORDER BY length(p), nodeIds, relIds
LIMIT $keep
RETURN [x IN nodes(p) | {id: x.id, eid: elementId(x)}] AS nodes,
       [r IN relationships(p) | {id: r.id, eid: elementId(r), type: type(r), source: startNode(r).id, target: endNode(r).id}] AS rels

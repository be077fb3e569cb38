// shortest-paths: all shortest undirected paths between two nodes, at most {{MAX_HOPS}} relationships.
// {{TYPES}}: relationship-type filter (empty for any); $from / $to: element ids; $cap: row cap
MATCH (a) WHERE elementId(a) = $from
MATCH (b) WHERE elementId(b) = $to
MATCH p = allShortestPaths((a)-[{{TYPES}}*..{{MAX_HOPS}}]-(b))
RETURN [x IN nodes(p) | properties(x)] AS nodes,
       [r IN relationships(p) | {id: r.id, type: type(r), source: startNode(r).id, target: endNode(r).id, props: properties(r)}] AS rels
LIMIT $cap

// paths-of-length: simple undirected paths (no node twice) of exactly {{HOPS}} relationships between
// two nodes. {{TYPES}}: relationship-type filter (empty for any); $from / $to: element ids; $cap: row cap
MATCH (a) WHERE elementId(a) = $from
MATCH (b) WHERE elementId(b) = $to
MATCH p = (a)-[{{TYPES}}*{{HOPS}}..{{HOPS}}]-(b)
WHERE all(x IN nodes(p) WHERE single(y IN nodes(p) WHERE y = x))
RETURN [x IN nodes(p) | properties(x)] AS nodes,
       [r IN relationships(p) | {id: r.id, type: type(r), source: startNode(r).id, target: endNode(r).id, props: properties(r)}] AS rels
LIMIT $cap

// entity: a node's properties and every relationship touching it (a self-loop once, as out).
// $eid: the node's element id
MATCH (n) WHERE elementId(n) = $eid
OPTIONAL MATCH (n)-[r]-()
WITH n, collect(DISTINCT r) AS rels
RETURN properties(n) AS props,
       [r IN rels | {type: type(r), out: startNode(r) = n, props: properties(r)}] AS rels

// entity: a node's properties, every relationship touching it (a self-loop once, as out), and the
// Indicator nodes at the end of its outgoing HAS_INDICATOR / REPORTS relationships (its figures).
// $eid: the node's element id
MATCH (n) WHERE elementId(n) = $eid
OPTIONAL MATCH (n)-[r]-()
WITH n, collect(DISTINCT r) AS rels
RETURN properties(n) AS props,
       [r IN rels | {type: type(r), out: startNode(r) = n, props: properties(r)}] AS rels,
       [r IN rels WHERE startNode(r) = n AND type(r) IN ['HAS_INDICATOR', 'REPORTS'] AND endNode(r):Indicator
          | {type: type(r), end: properties(endNode(r))}] AS figures

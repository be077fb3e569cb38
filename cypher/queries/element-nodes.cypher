// element-nodes: nodes by element id (the ends of relationships returned by the Cypher endpoint).
// $eids: list of element ids
UNWIND $eids AS eid
MATCH (n) WHERE elementId(n) = eid
RETURN n

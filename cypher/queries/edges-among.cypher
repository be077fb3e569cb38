// edges-among: the relationships (of $types) among the given nodes, each once (from its start node).
// `IN $eids` is a set lookup (Cypher caches a list it tests often), so a hub's other relationships
// are dropped here, not shipped.
// $eids: element ids of the nodes; $types: relationship types or null
UNWIND $eids AS eid
MATCH (a) WHERE elementId(a) = eid
MATCH (a)-[r]->(b)
WHERE elementId(b) IN $eids AND ($types IS NULL OR type(r) IN $types)
RETURN r.id AS id, type(r) AS type, a.id AS source, b.id AS target, elementId(b) AS targetEid, properties(r) AS props

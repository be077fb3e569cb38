// edges-among: the relationships (of $types) going out of the given nodes, with the element id of their
// end; the caller keeps those whose end is among the nodes too (a set lookup, not a list scan per row).
// $eids: element ids of the nodes; $types: relationship types or null
UNWIND $eids AS eid
MATCH (a) WHERE elementId(a) = eid
MATCH (a)-[r]->(b)
WHERE $types IS NULL OR type(r) IN $types
RETURN r.id AS id, type(r) AS type, a.id AS source, b.id AS target, elementId(b) AS targetEid, properties(r) AS props

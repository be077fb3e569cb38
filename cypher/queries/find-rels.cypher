// find-rels: the relationships of one type with the given ids (index seek on the type's id index).
// {{TYPE}}: the relationship type; $ids: list of relationship ids
UNWIND $ids AS id
MATCH (a)-[r:{{TYPE}} {id: id}]->(b)
RETURN r.id AS id, elementId(r) AS eid, type(r) AS type, a.id AS source, b.id AS target, properties(r) AS props

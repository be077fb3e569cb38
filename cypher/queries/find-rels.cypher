// find-rels: the relationships of one type with the given ids: a seek on the type's id index, forced
// (USING INDEX SEEK: unhinted, or with a plain index hint, the planner has chosen a scan of the whole
// index for a type it saw nearly empty, seconds per batch at 100k relationships).
// {{TYPE}}: relationship type; $ids: list of relationship ids
UNWIND $ids AS id
MATCH (a)-[r:{{TYPE}} {id: id}]->(b) USING INDEX SEEK r:{{TYPE}}(id)
RETURN r.id AS id, elementId(r) AS eid, type(r) AS type, a.id AS source, b.id AS target, properties(r) AS props

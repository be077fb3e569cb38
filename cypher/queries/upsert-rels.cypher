// upsert-rels: creates or replaces relationships of one type by id. The ends were looked up by id in the
// same transaction (find-nodes, an index seek per label) and are matched here by element id.
// {{TYPE}}: relationship type; $rows: [{id, a, b, props}] with a / b the element ids of the start / end
// node and props the stored (flattened) relationship
UNWIND $rows AS row
MATCH (a) WHERE elementId(a) = row.a
MATCH (b) WHERE elementId(b) = row.b
MERGE (a)-[r:{{TYPE}} {id: row.id}]->(b)
SET r = row.props
RETURN count(r) AS written

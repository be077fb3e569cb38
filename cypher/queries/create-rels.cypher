// create-rels: creates relationships of one type whose ids are not in the graph yet (the store looked
// the ids up with find-rels in the same transaction). The ends were looked up by id (find-nodes) and
// are matched by element id.
// {{TYPE}}: relationship type; $rows: [{a, b, props}] with a / b the element ids of the start / end node
// and props the stored (flattened) relationship, id included
UNWIND $rows AS row
MATCH (a) WHERE elementId(a) = row.a
MATCH (b) WHERE elementId(b) = row.b
CREATE (a)-[r:{{TYPE}}]->(b)
SET r = row.props
RETURN count(r) AS written

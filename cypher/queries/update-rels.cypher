// update-rels: replaces every property of existing relationships (same id, type and ends; found by
// find-rels in the same transaction), matched by element id.
// $rows: [{eid, props}] with props the stored (flattened) relationship, id included
UNWIND $rows AS row
MATCH ()-[r]->() WHERE elementId(r) = row.eid
SET r = row.props
RETURN count(r) AS written

// delete-rels: deletes relationships by element id (an upsert whose type or ends changed).
// $eids: list of relationship element ids
UNWIND $eids AS eid
MATCH ()-[r]->() WHERE elementId(r) = eid
DELETE r
RETURN count(*) AS deleted

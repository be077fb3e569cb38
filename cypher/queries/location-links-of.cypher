// location-links-of: the LOCATED_IN and PART_OF relationships going out of the given nodes, as (start id,
// end id, end kind, end element id): regionOf's steps for a few nodes, one hop per call.
// $eids: element ids of the nodes
UNWIND $eids AS eid
MATCH (a) WHERE elementId(a) = eid
MATCH (a)-[:LOCATED_IN|PART_OF]->(b)
RETURN a.id AS source, b.id AS target, b.kind AS targetKind, elementId(b) AS targetEid

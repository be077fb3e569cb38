// location-links: every LOCATED_IN and PART_OF relationship as (start id, end id, end kind), for regionOf.
MATCH (a)-[r:LOCATED_IN|PART_OF]->(b)
RETURN a.id AS source, b.id AS target, b.kind AS targetKind

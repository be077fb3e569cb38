// money-step-up: the money relationships (FUNDS, INVESTS_IN) coming into the given nodes.
// $eids: element ids of the frontier
UNWIND $eids AS eid
MATCH (b) WHERE elementId(b) = eid
MATCH (a)-[r:FUNDS|INVESTS_IN]->(b)
RETURN elementId(b) AS fromEid, elementId(a) AS toEid, r.id AS id, type(r) AS type, properties(r) AS props,
       properties(a) AS source, properties(b) AS target

// money-step-down: the money relationships (FUNDS, INVESTS_IN) going out of the given nodes.
// $eids: element ids of the frontier
UNWIND $eids AS eid
MATCH (a) WHERE elementId(a) = eid
MATCH (a)-[r:FUNDS|INVESTS_IN]->(b)
RETURN elementId(a) AS fromEid, elementId(b) AS toEid, r.id AS id, type(r) AS type, properties(r) AS props,
       properties(a) AS source, properties(b) AS target

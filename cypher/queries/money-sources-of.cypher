// money-sources-of: the ids of the nodes that fund or invest in the given nodes (FUNDS, INVESTS_IN).
// $eids: element ids of the recipients
UNWIND $eids AS eid
MATCH (b) WHERE elementId(b) = eid
MATCH (a)-[:FUNDS|INVESTS_IN]->(b)
RETURN DISTINCT a.id AS id

// deal-participants: the money relationships (FUNDS, INVESTS_IN) of a deal, with their two ends.
// $id: the deal id
CALL () {
  MATCH (a)-[r:FUNDS]->(b) WHERE r.deal = $id
  RETURN a, r, b
  UNION ALL
  MATCH (a)-[r:INVESTS_IN]->(b) WHERE r.deal = $id
  RETURN a, r, b
}
RETURN type(r) AS type, properties(r) AS props, properties(a) AS source, properties(b) AS target

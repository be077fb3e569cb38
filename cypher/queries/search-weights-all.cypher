// search-weights-all: search-weights.cypher for every node, loaded as a table by
// server/store/neo4j/weights.ts: degree (outgoing + incoming relationships) and the money of its FUNDS
// and INVESTS_IN relationships (sum of |amount|, both directions, any currency).
MATCH (n)
CALL (n) {
  OPTIONAL MATCH (n)-[r:FUNDS|INVESTS_IN]->()
  RETURN sum(abs(r.amount)) AS outMoney
}
CALL (n) {
  OPTIONAL MATCH (n)<-[r:FUNDS|INVESTS_IN]-()
  RETURN sum(abs(r.amount)) AS inMoney
}
RETURN elementId(n) AS eid, n.kind AS kind, COUNT { (n)-->() } + COUNT { (n)<--() } AS degree, outMoney + inMoney AS money

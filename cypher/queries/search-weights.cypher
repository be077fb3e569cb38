// search-weights: what each search match weighs in the graph (server/search/importance.ts): its
// degree (outgoing + incoming relationships) and the money of its FUNDS and INVESTS_IN relationships
// (sum of |amount|, both directions, any currency).
// $eids: element ids of the matches
UNWIND $eids AS eid
MATCH (n) WHERE elementId(n) = eid
CALL (n) {
  OPTIONAL MATCH (n)-[r:FUNDS|INVESTS_IN]->()
  RETURN sum(abs(r.amount)) AS outMoney
}
CALL (n) {
  OPTIONAL MATCH (n)<-[r:FUNDS|INVESTS_IN]-()
  RETURN sum(abs(r.amount)) AS inMoney
}
RETURN eid, n.kind AS kind, COUNT { (n)-->() } + COUNT { (n)<--() } AS degree, outMoney + inMoney AS money

// deals-info: for each deal id, the Deal node's properties (null when absent) and how many money
// relationships (FUNDS, INVESTS_IN) belong to it (their `deal` property is the id; index seeks).
// $ids: deal ids
UNWIND $ids AS id
OPTIONAL MATCH (d:Deal {id: id})
RETURN id, properties(d) AS props,
       COUNT { ()-[r:FUNDS]->() WHERE r.deal = id } + COUNT { ()-[r:INVESTS_IN]->() WHERE r.deal = id } AS participants

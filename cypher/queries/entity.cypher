// entity: a node by id, every relationship touching it (a self-loop once, as out), the figures it has
// or reported (outgoing HAS_INDICATOR / REPORTS to an Indicator: its properties) and the deals its
// relationships belong to (as deals-info.cypher reads them), in one round trip.
// Each relationship comes with the properties the entity's figures read (id for the order; amount,
// currency, share and deal for the money totals), not all of them.
// The node is found as find-nodes finds it (one index seek per label; the first hit wins).
// $id: the node's id
CALL () {
  MATCH (n:Organization {id: $id}) RETURN n
  UNION
  MATCH (n:Region {id: $id}) RETURN n
  UNION
  MATCH (n:Zone {id: $id}) RETURN n
  UNION
  MATCH (n:Program {id: $id}) RETURN n
  UNION
  MATCH (n:Field {id: $id}) RETURN n
  UNION
  MATCH (n:Person {id: $id}) RETURN n
  UNION
  MATCH (n:Source {id: $id}) RETURN n
  UNION
  MATCH (n:Indicator {id: $id}) RETURN n
  UNION
  MATCH (n:Deal {id: $id}) RETURN n
}
WITH n LIMIT 1
OPTIONAL MATCH (n)-[r]-()
WITH n, collect(DISTINCT r) AS rels
CALL (rels) {
  UNWIND rels AS r
  WITH DISTINCT r.deal AS id
  WHERE id IS :: STRING NOT NULL
  OPTIONAL MATCH (d:Deal {id: id})
  RETURN collect({id: id, props: properties(d),
          participants: COUNT { ()-[x:FUNDS]->() WHERE x.deal = id } + COUNT { ()-[x:INVESTS_IN]->() WHERE x.deal = id }}) AS deals
}
RETURN properties(n) AS props,
       [r IN rels | {type: type(r), out: startNode(r) = n, props: r {.id, .amount, .currency, .share, .deal}}] AS rels,
       [r IN rels WHERE startNode(r) = n AND type(r) IN ['HAS_INDICATOR', 'REPORTS'] AND endNode(r):Indicator
          | {type: type(r), end: properties(endNode(r))}] AS figures,
       deals

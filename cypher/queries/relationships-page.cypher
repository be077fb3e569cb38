// relationships-page: one page of the relationships touching a node, by relationship id ascending, in
// one round trip: no row when there is no node with the id, else one row with the page's items.
// The node is found as find-nodes finds it (one index seek per label; the first hit wins).
// $id: the node's id; $types: list or null; $direction: 'in' | 'out' | 'both';
// $after: relationship id of the previous page's last item, or null; $limit: items to return
// The other end comes back as the reference the page shows (id, name, kind), not all its properties.
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
CALL (n) {
  MATCH (n)-[r]-(m)
  WHERE ($types IS NULL OR type(r) IN $types) AND ($after IS NULL OR r.id > $after)
  WITH DISTINCT r, m, CASE WHEN startNode(r) = n THEN 'out' ELSE 'in' END AS direction
  WHERE $direction = 'both' OR direction = $direction
  WITH r, m, direction
  ORDER BY r.id
  LIMIT $limit
  RETURN collect({id: r.id, type: type(r), direction: direction, props: properties(r), other: m {.id, .name, .kind}}) AS items
}
RETURN items

// find-nodes: the nodes with the given ids, whatever their kind (one index seek per label; the
// `Organization` label covers every organisation kind). Keep the labels in step with the model:
// test/neo4j/queries.test.ts checks that every kind is reachable here.
// $ids: list of ids; $full: also return labels and properties (false: id and element id only)
UNWIND $ids AS id
CALL (id) {
  MATCH (n:Organization {id: id}) RETURN n
  UNION
  MATCH (n:Region {id: id}) RETURN n
  UNION
  MATCH (n:Zone {id: id}) RETURN n
  UNION
  MATCH (n:Program {id: id}) RETURN n
  UNION
  MATCH (n:Field {id: id}) RETURN n
  UNION
  MATCH (n:Person {id: id}) RETURN n
  UNION
  MATCH (n:Source {id: id}) RETURN n
  UNION
  MATCH (n:Indicator {id: id}) RETURN n
  UNION
  MATCH (n:Deal {id: id}) RETURN n
}
RETURN n.id AS id, elementId(n) AS eid,
  CASE WHEN $full THEN labels(n) END AS labels, CASE WHEN $full THEN properties(n) END AS props

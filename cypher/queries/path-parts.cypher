// path-parts: the properties of the nodes and relationships of the paths a caller kept.
// $nodes / $rels: element ids of nodes / relationships
CALL () {
  UNWIND $nodes AS eid
  MATCH (n) WHERE elementId(n) = eid
  RETURN elementId(n) AS eid, properties(n) AS props
  UNION ALL
  UNWIND $rels AS eid
  MATCH ()-[r]->() WHERE elementId(r) = eid
  RETURN elementId(r) AS eid, properties(r) AS props
}
RETURN eid, props

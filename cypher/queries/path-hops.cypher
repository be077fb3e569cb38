// path-hops: for each pair of consecutive nodes of the paths kept, every relationship joining them
// (either direction, of $types): how many, and the first $max by id with their properties.
// $pairs: [{a, b}] element ids; $types: relationship types or null; $max: relationships listed per pair
UNWIND $pairs AS pair
MATCH (a) WHERE elementId(a) = pair.a
MATCH (b) WHERE elementId(b) = pair.b
CALL (a, b) {
  MATCH (a)-[r]-(b)
  WHERE $types IS NULL OR type(r) IN $types
  WITH r ORDER BY r.id
  RETURN count(r) AS count,
         collect({id: r.id, type: type(r), source: startNode(r).id, target: endNode(r).id, props: properties(r)})[0..$max] AS rels
}
RETURN pair.a AS a, pair.b AS b, count, rels

// expand: one breadth-first step: the nodes next to the given ones, either direction, self-loops left out;
// ids only (a hub has thousands of neighbours, of which the caller keeps a few: node-props reads those).
// $eids: element ids of the frontier; $types: relationship types or null. `dataset`: for the datasets= filter
UNWIND $eids AS eid
MATCH (n) WHERE elementId(n) = eid
MATCH (n)-[r]-(m)
WHERE m <> n AND ($types IS NULL OR type(r) IN $types)
RETURN DISTINCT m.id AS id, elementId(m) AS eid, m.dataset AS dataset

// relationships-page: one page of the relationships touching a node, by relationship id ascending.
// $eid: the node's element id; $types: list or null; $direction: 'in' | 'out' | 'both';
// $after: relationship id of the previous page's last item, or null; $limit: items to return
MATCH (n) WHERE elementId(n) = $eid
MATCH (n)-[r]-(m)
WHERE ($types IS NULL OR type(r) IN $types) AND ($after IS NULL OR r.id > $after)
WITH DISTINCT n, r, m
WITH r, m, CASE WHEN startNode(r) = n THEN 'out' ELSE 'in' END AS direction
WHERE $direction = 'both' OR direction = $direction
RETURN r.id AS id, type(r) AS type, direction, properties(r) AS props, properties(m) AS other
ORDER BY id
LIMIT $limit

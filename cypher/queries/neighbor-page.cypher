// neighbor-page: one page of a node's direct neighbours in id order (either direction, self-loops left
// out), and how many neighbours it has. $eid: element id of the node; $types: relationship types or
// null; $datasets: data sets the neighbours must belong to, or null (server/store/datasets.ts);
// $offset: neighbours to skip; $size: the most to return
MATCH (n) WHERE elementId(n) = $eid
MATCH (n)-[r]-(m)
WHERE m <> n AND ($types IS NULL OR type(r) IN $types)
  AND ($datasets IS NULL OR coalesce(m.dataset, 'unassigned') IN $datasets)
WITH DISTINCT m
ORDER BY m.id
WITH collect({id: m.id, eid: elementId(m)}) AS found
RETURN size(found) AS total, found[$offset..($offset + $size)] AS page

// find-orgs: the organisations with the given ids (one index seek each on `Organization`). Batched
// writes look their ids up here first and only the others with find-nodes, which seeks every label.
// $ids: list of ids; $full: also return labels and properties (false: id and element id only)
UNWIND $ids AS id
MATCH (n:Organization {id: id})
RETURN n.id AS id, elementId(n) AS eid,
  CASE WHEN $full THEN labels(n) END AS labels, CASE WHEN $full THEN properties(n) END AS props

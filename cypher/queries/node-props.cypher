// node-props: the properties of nodes by element id.
// $eids: list of element ids
UNWIND $eids AS eid
MATCH (n) WHERE elementId(n) = eid
RETURN elementId(n) AS eid, properties(n) AS props

// overview-nodes: the nodes of some kinds with their degree (relationships touching them, a self-loop once).
// {{LABELS}}: a label filter (`:A|B`, empty for every node)
MATCH (n{{LABELS}})
RETURN n.id AS id, elementId(n) AS eid, properties(n) AS props,
       COUNT { (n)-->() } + COUNT { (m)-->(n) WHERE m <> n } AS degree

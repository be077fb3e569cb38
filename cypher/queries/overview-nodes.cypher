// overview-nodes: the nodes of some kinds with what the overview filters and orders them by: kind, data
// set and degree (relationships touching them, a self-loop once; from the degree store, the self-loops
// read). Their properties come after the choice (node-props.cypher), for the chosen nodes only.
// {{LABELS}}: a label filter (`:A|B`, empty for every node)
MATCH (n{{LABELS}})
RETURN n.id AS id, elementId(n) AS eid, n.kind AS kind, n.dataset AS dataset,
       COUNT { (n)-->() } + COUNT { (n)<--() } - COUNT { (n)-->(n) } AS degree

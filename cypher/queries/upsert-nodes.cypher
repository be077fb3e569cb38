// upsert-nodes: creates or replaces nodes of one kind by id; all properties are replaced.
// {{LABEL}}: the kind label; {{LABELS}}: every label of the kind (kind, plus Organization for organisations)
// $rows: [{id, props}] with props = the stored (flattened) node
UNWIND $rows AS row
MERGE (n:{{LABEL}} {id: row.id})
SET n = row.props
SET n:{{LABELS}}
RETURN count(n) AS written

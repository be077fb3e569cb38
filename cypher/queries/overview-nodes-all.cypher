// overview-nodes-all: every node of the model's kinds, as the overview projects it (id, name, kind; a
// deal's stated total).
// {{LABELS}}: the model's kind labels (`:A|B|…`)
MATCH (n{{LABELS}})
RETURN n.id AS id, n.name AS name, n.kind AS kind,
       CASE WHEN n.kind = 'Deal' THEN n.amount END AS amount, CASE WHEN n.kind = 'Deal' THEN n.currency END AS currency

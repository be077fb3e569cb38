// layout-write: keeps the server layout's positions on nodes of one kind (one index seek per node).
// {{LABEL}}: the kind label; $rows: [{id, x, y}]; $version: the structure hash; $ms: the layout's time
UNWIND $rows AS row
MATCH (n:{{LABEL}} {id: row.id})
SET n.layoutX = row.x, n.layoutY = row.y, n.layoutV = $version, n.layoutMs = $ms
RETURN count(n) AS written

// layout-read: the server layout's positions kept on the nodes for a structure version.
// {{LABELS}}: the model's kind labels; $version: the structure hash the layout was computed for
MATCH (n{{LABELS}})
WHERE n.layoutV = $version
RETURN n.id AS id, n.layoutX AS x, n.layoutY AS y, n.layoutMs AS ms

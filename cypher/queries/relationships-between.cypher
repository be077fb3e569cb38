// relationships-between: one page of the relationships of one type from one node to another (the
// parts of a merged edge), by relationship id.
// {{TYPE}}: relationship type; $from / $to: element ids; $currency: a currency code, 'none' (no
// currency) or null (any); $after: relationship id of the previous page's last item, or null;
// $limit: rows to return
MATCH (a) WHERE elementId(a) = $from
MATCH (b) WHERE elementId(b) = $to
MATCH (a)-[r:{{TYPE}}]->(b)
WHERE ($after IS NULL OR r.id > $after)
  AND ($currency IS NULL OR CASE WHEN $currency = 'none' THEN r.currency IS NULL ELSE r.currency = $currency END)
RETURN r.id AS id, properties(r) AS props
ORDER BY id
LIMIT $limit

// stats-nodes: node counts per kind.
MATCH (n)
RETURN n.kind AS kind, count(*) AS count

// bulk-counts: how many nodes and relationships the database holds (from the count store), to check
// that a bulk import goes into an empty database and wrote every record.
MATCH (n)
WITH count(n) AS nodes
MATCH ()-[r]->()
RETURN nodes, count(r) AS relationships

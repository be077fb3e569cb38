// overview-version: how many nodes and relationships the database holds (from the count store), part of
// the data version the overview's caches are kept for.
CALL () { MATCH (n) RETURN count(n) AS nodes }
CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
RETURN nodes, relationships

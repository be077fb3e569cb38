// overview-version: how many nodes and relationships the database holds (from the count store), part of
// the data version the overview's caches are kept for; the overview cache's own nodes
// (:InnographCache, overview-cache-write.cypher) are not counted.
CALL () { MATCH (n) RETURN count(n) AS all }
CALL () { MATCH (c:InnographCache) RETURN count(c) AS cached }
CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
RETURN all - cached AS nodes, relationships

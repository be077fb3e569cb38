// datasets: node and relationship counts per data set (the `dataset` property; null when a record
// has none), and the Source nodes with their data set. The overview's kept answers
// (:InnographCache, server/store/neo4j/overviewCache.ts) are not data.
CALL () {
  MATCH (n)
  WHERE NOT n:InnographCache
  RETURN 'node' AS what, n.dataset AS dataset, count(*) AS count
  UNION ALL
  MATCH ()-[r]->()
  RETURN 'rel' AS what, r.dataset AS dataset, count(*) AS count
}
RETURN what, dataset, count, null AS source
UNION ALL
MATCH (s:Source)
RETURN 'source' AS what, s.dataset AS dataset, 0 AS count, properties(s) AS source

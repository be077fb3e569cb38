// search-backfill-read: nodes stored before `searchNames` existed (server/store/neo4j/backfill.ts
// computes it for them when the schema is applied).
// $limit: how many at most
MATCH (n)
WHERE n.searchNames IS NULL AND n.name IS NOT NULL AND n.kind IS NOT NULL
RETURN elementId(n) AS eid, n.name AS name, n.aliases AS aliases
LIMIT $limit

// overview-cache-read: a computed overview answer kept for a data version (overview-cache-write.cypher).
// $key: the overview's parameters; $version: the data version
MATCH (c:InnographCache {key: $key, version: $version})
RETURN c.answer AS answer
LIMIT 1

// overview-cache-write: keeps a computed overview answer (gzipped JSON, base64) for a data version on a
// node of its own (:InnographCache, no relationships, left out of the data version's counts); drops the
// answers of other versions; at most $max answers per version.
// $key: the overview's parameters; $version: the data version; $answer: string; $max: integer
CALL () {
  MATCH (old:InnographCache)
  WHERE old.version <> $version
  DETACH DELETE old
}
OPTIONAL MATCH (c:InnographCache {version: $version})
WITH count(c) AS kept
WHERE kept < $max OR EXISTS { MATCH (:InnographCache {key: $key, version: $version}) }
MERGE (c:InnographCache {key: $key, version: $version})
SET c.answer = $answer
RETURN count(c) AS written

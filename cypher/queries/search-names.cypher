// search-names: search candidates from both full-text indexes of names and aliases (entity_names:
// Chinese characters and every English word; entity_names_folded: accents folded). The final match
// and order are decided by rankMatches (server/store/rank.ts).
// $query: Lucene query (escaped); $candidates: per-index cap; $kinds: list of kinds or null
CALL () {
  CALL db.index.fulltext.queryNodes('entity_names', $query, {limit: $candidates}) YIELD node
  RETURN node
  UNION
  CALL db.index.fulltext.queryNodes('entity_names_folded', $query, {limit: $candidates}) YIELD node
  RETURN node
}
WITH node
WHERE $kinds IS NULL OR node.kind IN $kinds
RETURN node.id AS id, node.name AS name, node.kind AS kind, node.aliases AS aliases, node.description AS description

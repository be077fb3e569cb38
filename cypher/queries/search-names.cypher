// search-names: search candidates from the full-text indexes of names, aliases and acronyms
// (entity_names: Chinese characters and every English word; entity_names_folded: accents folded;
// entity_names_cjk: Chinese character pairs and acronyms). The final match and order are decided by
// server/store/rank.ts.
// $query: Lucene query for the standard indexes; $cjkQuery: for the CJK index (both escaped);
// $candidates: per-index cap; $kinds: list of kinds or null
CALL () {
  CALL db.index.fulltext.queryNodes('entity_names', $query, {limit: $candidates}) YIELD node
  RETURN node
  UNION
  CALL db.index.fulltext.queryNodes('entity_names_folded', $query, {limit: $candidates}) YIELD node
  RETURN node
  UNION
  CALL db.index.fulltext.queryNodes('entity_names_cjk', $cjkQuery, {limit: $candidates}) YIELD node
  RETURN node
}
WITH node
WHERE $kinds IS NULL OR node.kind IN $kinds
RETURN elementId(node) AS eid, node.id AS id, node.name AS name, node.kind AS kind, node.aliases AS aliases,
       node.acronyms AS acronyms, node.description AS description

// search-names-cjk: search candidates of a query with CJK from the full-text indexes `entity_search`
// (CJK as single characters: a phrase finds any substring) and `entity_names_cjk` (CJK as character
// pairs: a shortened form shares pairs with the name). The final match and order are decided by
// server/store/rank.ts.
// $query: Lucene query for entity_search; $cjkQuery: for entity_names_cjk (both escaped);
// $candidates: per-index cap; $kinds: list of kinds or null
CALL () {
  CALL db.index.fulltext.queryNodes('entity_search', $query, {limit: $candidates}) YIELD node
  RETURN node
  UNION
  CALL db.index.fulltext.queryNodes('entity_names_cjk', $cjkQuery, {limit: $candidates}) YIELD node
  RETURN node
}
WITH node
WHERE $kinds IS NULL OR node.kind IN $kinds
RETURN elementId(node) AS eid, node.id AS id, node.name AS name, node.kind AS kind, node.aliases AS aliases,
       node.acronyms AS acronyms, node.description AS description

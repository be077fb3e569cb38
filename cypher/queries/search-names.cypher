// search-names: search candidates of a query without CJK from the full-text index `entity_search`
// (names and aliases as ranking's words, and acronyms); search-names-cjk.cypher adds the CJK index.
// The final match and order are decided by server/store/rank.ts.
// $query: Lucene query (escaped); $candidates: how many at most; $kinds: list of kinds or null
CALL db.index.fulltext.queryNodes('entity_search', $query, {limit: $candidates}) YIELD node
WITH node
WHERE $kinds IS NULL OR node.kind IN $kinds
RETURN elementId(node) AS eid, node.id AS id, node.name AS name, node.kind AS kind, node.aliases AS aliases,
       node.acronyms AS acronyms, node.description AS description

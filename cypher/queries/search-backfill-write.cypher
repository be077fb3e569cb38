// search-backfill-write: sets the normalised names the full-text index `entity_search` reads.
// $rows: list of {eid, searchNames}
UNWIND $rows AS row
MATCH (n) WHERE elementId(n) = row.eid
SET n.searchNames = row.searchNames

// await-indexes: waits until every index is online (after applySchema).
// $seconds: how long to wait at most
CALL db.awaitIndexes($seconds)

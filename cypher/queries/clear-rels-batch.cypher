// clear-rels-batch: deletes up to $batch relationships; run until it deletes none, before clear-batch,
// so that deleting a node of high degree never has to hold all its relationships in one transaction.
// $batch: integer
MATCH ()-[r]->()
WITH r LIMIT $batch
DELETE r
RETURN count(*) AS deleted

// bulk-empty-list: after a bulk import, sets a list property that neo4j-admin cannot write empty (it
// stores no property for an empty list) to [], as the online path stores it; one batch per call.
// {{LABELS}}: the kinds that hold the list (a label filter); $property: the property; $batch: nodes
// per transaction
MATCH (n{{LABELS}})
WHERE n[$property] IS NULL
WITH n LIMIT $batch
SET n[$property] = []
RETURN count(n) AS written

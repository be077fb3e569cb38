// find-rels: the relationships with the given ids, whatever their type: one seek per type on the type's
// id index, forced (USING INDEX SEEK: unhinted, or with a plain index hint, the planner has chosen a
// scan of the whole index for a type it saw nearly empty, seconds per batch at 100k relationships).
// Keep the types in step with the model: test/neo4j/queries.test.ts checks that every type is here.
// $ids: list of relationship ids
UNWIND $ids AS id
CALL (id) {
  MATCH (a)-[r:FUNDS {id: id}]->(b) USING INDEX SEEK r:FUNDS(id) RETURN r, a, b
  UNION
  MATCH (a)-[r:INVESTS_IN {id: id}]->(b) USING INDEX SEEK r:INVESTS_IN(id) RETURN r, a, b
  UNION
  MATCH (a)-[r:COLLABORATES_WITH {id: id}]->(b) USING INDEX SEEK r:COLLABORATES_WITH(id) RETURN r, a, b
  UNION
  MATCH (a)-[r:PART_OF {id: id}]->(b) USING INDEX SEEK r:PART_OF(id) RETURN r, a, b
  UNION
  MATCH (a)-[r:LOCATED_IN {id: id}]->(b) USING INDEX SEEK r:LOCATED_IN(id) RETURN r, a, b
  UNION
  MATCH (a)-[r:SUPERVISES {id: id}]->(b) USING INDEX SEEK r:SUPERVISES(id) RETURN r, a, b
  UNION
  MATCH (a)-[r:MANAGES {id: id}]->(b) USING INDEX SEEK r:MANAGES(id) RETURN r, a, b
  UNION
  MATCH (a)-[r:INCUBATES {id: id}]->(b) USING INDEX SEEK r:INCUBATES(id) RETURN r, a, b
  UNION
  MATCH (a)-[r:FOCUSES_ON {id: id}]->(b) USING INDEX SEEK r:FOCUSES_ON(id) RETURN r, a, b
  UNION
  MATCH (a)-[r:AFFILIATED_WITH {id: id}]->(b) USING INDEX SEEK r:AFFILIATED_WITH(id) RETURN r, a, b
  UNION
  MATCH (a)-[r:PARTICIPATES_IN {id: id}]->(b) USING INDEX SEEK r:PARTICIPATES_IN(id) RETURN r, a, b
  UNION
  MATCH (a)-[r:HAS_INDICATOR {id: id}]->(b) USING INDEX SEEK r:HAS_INDICATOR(id) RETURN r, a, b
  UNION
  MATCH (a)-[r:PUBLISHED {id: id}]->(b) USING INDEX SEEK r:PUBLISHED(id) RETURN r, a, b
  UNION
  MATCH (a)-[r:AUTHORED {id: id}]->(b) USING INDEX SEEK r:AUTHORED(id) RETURN r, a, b
}
RETURN r.id AS id, elementId(r) AS eid, type(r) AS type, a.id AS source, b.id AS target, properties(r) AS props

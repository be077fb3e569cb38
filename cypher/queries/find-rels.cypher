// find-rels: the relationships with the given ids, whatever their type (an id is unique across types):
// one forced seek per type on its id index (USING INDEX SEEK: unhinted, or with a plain index hint, the
// planner has chosen a scan of the whole index for a type it saw nearly empty, seconds per batch at 100k
// relationships). One statement for every type: a batch's ids go to the server once, and a seek in the
// index of a type without relationships costs next to nothing. Keep the types in step with the model:
// test/neo4j/queries.test.ts checks that every type is here.
// $ids: list of relationship ids
UNWIND $ids AS id
CALL (id) {
  MATCH (a)-[r:FUNDS {id: id}]->(b) USING INDEX SEEK r:FUNDS(id) RETURN r, a, b
  UNION ALL
  MATCH (a)-[r:INVESTS_IN {id: id}]->(b) USING INDEX SEEK r:INVESTS_IN(id) RETURN r, a, b
  UNION ALL
  MATCH (a)-[r:COLLABORATES_WITH {id: id}]->(b) USING INDEX SEEK r:COLLABORATES_WITH(id) RETURN r, a, b
  UNION ALL
  MATCH (a)-[r:PART_OF {id: id}]->(b) USING INDEX SEEK r:PART_OF(id) RETURN r, a, b
  UNION ALL
  MATCH (a)-[r:LOCATED_IN {id: id}]->(b) USING INDEX SEEK r:LOCATED_IN(id) RETURN r, a, b
  UNION ALL
  MATCH (a)-[r:SUPERVISES {id: id}]->(b) USING INDEX SEEK r:SUPERVISES(id) RETURN r, a, b
  UNION ALL
  MATCH (a)-[r:MANAGES {id: id}]->(b) USING INDEX SEEK r:MANAGES(id) RETURN r, a, b
  UNION ALL
  MATCH (a)-[r:INCUBATES {id: id}]->(b) USING INDEX SEEK r:INCUBATES(id) RETURN r, a, b
  UNION ALL
  MATCH (a)-[r:FOCUSES_ON {id: id}]->(b) USING INDEX SEEK r:FOCUSES_ON(id) RETURN r, a, b
  UNION ALL
  MATCH (a)-[r:AFFILIATED_WITH {id: id}]->(b) USING INDEX SEEK r:AFFILIATED_WITH(id) RETURN r, a, b
  UNION ALL
  MATCH (a)-[r:PARTICIPATES_IN {id: id}]->(b) USING INDEX SEEK r:PARTICIPATES_IN(id) RETURN r, a, b
  UNION ALL
  MATCH (a)-[r:HAS_INDICATOR {id: id}]->(b) USING INDEX SEEK r:HAS_INDICATOR(id) RETURN r, a, b
  UNION ALL
  MATCH (a)-[r:PUBLISHED {id: id}]->(b) USING INDEX SEEK r:PUBLISHED(id) RETURN r, a, b
  UNION ALL
  MATCH (a)-[r:AUTHORED {id: id}]->(b) USING INDEX SEEK r:AUTHORED(id) RETURN r, a, b
  UNION ALL
  MATCH (a)-[r:REPORTS {id: id}]->(b) USING INDEX SEEK r:REPORTS(id) RETURN r, a, b
  UNION ALL
  MATCH (a)-[r:QUOTED_IN {id: id}]->(b) USING INDEX SEEK r:QUOTED_IN(id) RETURN r, a, b
}
RETURN id, elementId(r) AS eid, type(r) AS type, a.id AS source, b.id AS target, properties(r) AS props

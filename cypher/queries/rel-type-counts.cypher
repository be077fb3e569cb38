// rel-type-counts: how many relationships each type has, from the count store (no scan). Keep the types
// in step with the model: test/neo4j/queries.test.ts checks that every type is here.
MATCH ()-[r:FUNDS]->() RETURN 'FUNDS' AS type, count(r) AS n
UNION ALL
MATCH ()-[r:INVESTS_IN]->() RETURN 'INVESTS_IN' AS type, count(r) AS n
UNION ALL
MATCH ()-[r:COLLABORATES_WITH]->() RETURN 'COLLABORATES_WITH' AS type, count(r) AS n
UNION ALL
MATCH ()-[r:PART_OF]->() RETURN 'PART_OF' AS type, count(r) AS n
UNION ALL
MATCH ()-[r:LOCATED_IN]->() RETURN 'LOCATED_IN' AS type, count(r) AS n
UNION ALL
MATCH ()-[r:SUPERVISES]->() RETURN 'SUPERVISES' AS type, count(r) AS n
UNION ALL
MATCH ()-[r:MANAGES]->() RETURN 'MANAGES' AS type, count(r) AS n
UNION ALL
MATCH ()-[r:INCUBATES]->() RETURN 'INCUBATES' AS type, count(r) AS n
UNION ALL
MATCH ()-[r:FOCUSES_ON]->() RETURN 'FOCUSES_ON' AS type, count(r) AS n
UNION ALL
MATCH ()-[r:AFFILIATED_WITH]->() RETURN 'AFFILIATED_WITH' AS type, count(r) AS n
UNION ALL
MATCH ()-[r:PARTICIPATES_IN]->() RETURN 'PARTICIPATES_IN' AS type, count(r) AS n
UNION ALL
MATCH ()-[r:HAS_INDICATOR]->() RETURN 'HAS_INDICATOR' AS type, count(r) AS n
UNION ALL
MATCH ()-[r:PUBLISHED]->() RETURN 'PUBLISHED' AS type, count(r) AS n
UNION ALL
MATCH ()-[r:AUTHORED]->() RETURN 'AUTHORED' AS type, count(r) AS n
UNION ALL
MATCH ()-[r:REPORTS]->() RETURN 'REPORTS' AS type, count(r) AS n
UNION ALL
MATCH ()-[r:QUOTED_IN]->() RETURN 'QUOTED_IN' AS type, count(r) AS n

// money-all: every money relationship (FUNDS, INVESTS_IN) with its two ends.
MATCH (a)-[r:FUNDS|INVESTS_IN]->(b)
RETURN r.id AS id, type(r) AS type, properties(r) AS props, properties(a) AS source, properties(b) AS target

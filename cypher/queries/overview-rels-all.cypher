// overview-rels-all: every relationship as the overview projects it: ends, type and money fields.
MATCH (a)-[r]->(b)
RETURN r.id AS id, a.id AS source, b.id AS target, type(r) AS type,
       r.amount AS amount, r.currency AS currency, r.deal AS deal, r.share AS share, r.program AS program

// node-count: how many nodes the database holds (from the count store).
MATCH (n)
RETURN count(n) AS nodes

// stats-money: amount and currency of every money relationship (FUNDS, INVESTS_IN) that has an amount,
// FUNDS first, each type by relationship id, totalled per currency in TypeScript.
MATCH ()-[r:FUNDS|INVESTS_IN]->()
WHERE r.amount IS NOT NULL
RETURN r.amount AS amount, r.currency AS currency
ORDER BY type(r), r.id

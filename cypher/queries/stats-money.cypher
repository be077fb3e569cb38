// stats-money: the money fields of every money relationship (FUNDS, INVESTS_IN) that has an amount or
// belongs to a deal, FUNDS first, each type by relationship id, totalled per currency in TypeScript
// (each deal once: server/store/deals.ts).
MATCH ()-[r:FUNDS|INVESTS_IN]->()
WHERE r.amount IS NOT NULL OR r.deal IS NOT NULL
RETURN r.amount AS amount, r.currency AS currency, r.deal AS deal, r.share AS share
ORDER BY type(r), r.id

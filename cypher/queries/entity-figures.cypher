// entity-figures: the Indicator nodes an entity has (HAS_INDICATOR) or reported (REPORTS), with their properties.
// $eid: the entity's element id
MATCH (n) WHERE elementId(n) = $eid
MATCH (n)-[r:HAS_INDICATOR|REPORTS]->(i:Indicator)
RETURN type(r) AS type, properties(i) AS end

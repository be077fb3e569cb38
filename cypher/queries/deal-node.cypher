// deal-node: the Deal node with an id, its properties.
// $id: the deal id
MATCH (d:Deal {id: $id})
RETURN properties(d) AS props

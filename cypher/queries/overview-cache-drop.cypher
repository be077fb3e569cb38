// overview-cache-drop: forgets every kept overview answer (after a write: the data changed).
MATCH (c:InnographCache)
DETACH DELETE c
RETURN count(*) AS dropped

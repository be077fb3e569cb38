// relabel-node: moves a node whose kind changed to the labels of its new kind.
// {{OLD_LABELS}} / {{NEW_LABELS}}: the labels of the old and the new kind; $eid: the node's element id
MATCH (n) WHERE elementId(n) = $eid
REMOVE n:{{OLD_LABELS}}
SET n:{{NEW_LABELS}}
RETURN count(n) AS relabelled

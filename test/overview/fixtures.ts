/**
 * Minimal records for the overview tests: a node of a kind and a collaboration between two nodes,
 * each quoting one document.
 */
import type { Node, Relationship } from '../../server/model/model';

const src = [{ source: 'doc', quote: 'a quote' }];

/** A node named "Node <id>". */
export const node = (id: string, kind: Node['kind'] = 'Lab'): Node =>
  ({ id, kind, name: `Node ${id}`, aliases: [], description: '', sources: src }) as Node;

/** A COLLABORATES_WITH relationship. */
export const rel = (id: string, source: string, target: string): Relationship => ({
  id,
  type: 'COLLABORATES_WITH',
  source,
  target,
  sources: src,
});

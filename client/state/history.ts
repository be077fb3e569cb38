/**
 * Expand, collapse and undo: each graph operation the user makes on the data set is kept so that it
 * can be undone exactly (last first). Pure functions over (data set, history).
 */
import type { SerializedGraph } from '../../server/api/schemas';
import {
  expandOwner,
  isExpanded,
  mergeGraph,
  releaseOwner,
  restoreRemoval,
  type DEdge,
  type Dataset,
  type MergeChange,
  type Removal,
} from './dataset';

export type GraphOp =
  { kind: 'expand'; root: string; change: MergeChange } | { kind: 'collapse'; root: string; removal: Removal };

export interface History {
  readonly ops: readonly GraphOp[];
}

export const emptyHistory = (): History => ({ ops: [] });

export interface Step {
  dataset: Dataset;
  history: History;
  /** node and edge ids that appeared and disappeared, for the render graph */
  added: { nodes: string[]; edges: string[] };
  removed: { nodes: string[]; edges: string[] };
}

const noChange = (dataset: Dataset, history: History): Step => ({
  dataset,
  history,
  added: { nodes: [], edges: [] },
  removed: { nodes: [], edges: [] },
});

/** Expands `root` with its neighbourhood `g` (from the API). */
export function expand(ds: Dataset, hist: History, root: string, g: SerializedGraph): Step {
  const { dataset, change } = mergeGraph(ds, g, expandOwner(root));
  if (change.addedNodes.length === 0 && change.addedEdges.length === 0 && change.gainedOwner.length === 0)
    return noChange(ds, hist);
  return {
    dataset,
    history: { ops: [...hist.ops, { kind: 'expand', root, change }] },
    added: { nodes: change.addedNodes, edges: change.addedEdges },
    removed: { nodes: [], edges: [] },
  };
}

/** Collapses `root`: takes out what its expansion brought that nothing else keeps; `root` stays. */
export function collapse(ds: Dataset, hist: History, root: string): Step {
  if (!isExpanded(ds, root)) return noChange(ds, hist);
  const { dataset, removal } = releaseOwner(ds, expandOwner(root), root);
  return {
    dataset,
    history: { ops: [...hist.ops, { kind: 'collapse', root, removal }] },
    added: { nodes: [], edges: [] },
    removed: { nodes: removal.removedNodes.map((n) => n.id), edges: removal.removedEdges.map((e) => e.id) },
  };
}

/** Reverts a merge exactly: its new edges and nodes go, the nodes it gave the owner lose it. */
function revertMerge(
  ds: Dataset,
  change: MergeChange,
  owner: string,
): { dataset: Dataset; nodes: string[]; edges: string[] } {
  const nodes = new Map(ds.nodes);
  const goneNodes: string[] = [];
  for (const id of [...change.addedNodes, ...change.gainedOwner]) {
    const n = nodes.get(id);
    if (!n) continue;
    const owners = n.owners.filter((o) => o !== owner);
    if (owners.length === 0) {
      nodes.delete(id);
      goneNodes.push(id);
    } else nodes.set(id, { ...n, owners });
  }
  const addedEdges = new Set(change.addedEdges);
  const edges = new Map<string, DEdge>();
  const goneEdges: string[] = [];
  for (const e of ds.edges.values())
    if (!addedEdges.has(e.id) && nodes.has(e.source) && nodes.has(e.target)) edges.set(e.id, e);
    else goneEdges.push(e.id);
  return { dataset: { nodes, edges }, nodes: goneNodes, edges: goneEdges };
}

/** Undoes the last operation; nothing to undo → unchanged. */
export function undo(ds: Dataset, hist: History): Step & { undone: GraphOp | null } {
  const op = hist.ops[hist.ops.length - 1];
  if (!op) return { ...noChange(ds, hist), undone: null };
  const history = { ops: hist.ops.slice(0, -1) };
  if (op.kind === 'expand') {
    const r = revertMerge(ds, op.change, expandOwner(op.root));
    return {
      dataset: r.dataset,
      history,
      added: { nodes: [], edges: [] },
      removed: { nodes: r.nodes, edges: r.edges },
      undone: op,
    };
  }
  const dataset = restoreRemoval(ds, op.removal);
  return {
    dataset,
    history,
    added: {
      nodes: op.removal.removedNodes.map((n) => n.id),
      edges: op.removal.removedEdges.filter((e) => dataset.edges.has(e.id)).map((e) => e.id),
    },
    removed: { nodes: [], edges: [] },
    undone: op,
  };
}

/** The roots expanded now, in the order they were first expanded (for the URL). */
export function expandedRoots(ds: Dataset, hist: History): string[] {
  const out: string[] = [];
  for (const op of hist.ops)
    if (op.kind === 'expand' && !out.includes(op.root) && isExpanded(ds, op.root)) out.push(op.root);
  return out;
}

/** A short description of an operation, for the undo button's title. */
export function describeOp(op: GraphOp, nameOf: (id: string) => string): string {
  if (op.kind === 'expand') return `expand ${nameOf(op.root)} (+${op.change.addedNodes.length})`;
  return `collapse ${nameOf(op.root)} (−${op.removal.removedNodes.length})`;
}

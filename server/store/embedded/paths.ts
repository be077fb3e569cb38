/**
 * Undirected simple-path search for `paths()` (SEMANTICS.md): all shortest paths, then the next `k`
 * longer ones, in (length, node ids, relationship ids) order. A breadth-first pass from `to` gives each
 * node's distance to the target; a depth-first walk from `from` then only follows the steps that can
 * still end at `to` in the hops left, taken in (node id, relationship id) order, so paths come out
 * already ordered and the walk stops as soon as it has enough. graphology's `allSimplePaths` would
 * enumerate every path (no type filter, no order, no early stop), which does not scale to large graphs.
 */

/** One way out of a node: the relationship and the node at its other end. */
export interface Step {
  edge: string;
  other: string;
}

/** A path as node ids and relationship ids, from `from` to `to`. */
export interface IdPath {
  nodes: string[];
  edges: string[];
}

export interface PathSearch {
  from: string;
  to: string;
  maxHops: number;
  /** further paths wanted after the shortest ones */
  k: number;
  /** at most this many shortest paths */
  maxShortest: number;
  /** the steps out of a node (either direction, any order); self-loops left out */
  steps: (node: string) => Iterable<Step>;
  /** upper bound on steps examined by the depth-first walks (a guard for dense graphs) */
  budget?: number;
}

const byStep = (a: Step, b: Step): number =>
  a.other < b.other ? -1 : a.other > b.other ? 1 : a.edge < b.edge ? -1 : a.edge > b.edge ? 1 : 0;

/** Distances to `target` by breadth-first search, up to `maxDepth`, stopping once `stopAt` is reached if `stopEarly`. */
function distancesTo(
  target: string,
  maxDepth: number,
  steps: (n: string) => Iterable<Step>,
  stopAt: string,
  stopEarly: boolean,
): Map<string, number> {
  const dist = new Map([[target, 0]]);
  let level = [target];
  for (let d = 1; d <= maxDepth && level.length > 0; d++) {
    const next: string[] = [];
    for (const n of level)
      for (const s of steps(n))
        if (!dist.has(s.other)) {
          dist.set(s.other, d);
          next.push(s.other);
        }
    if (stopEarly && dist.has(stopAt)) break;
    level = next;
  }
  return dist;
}

/** Shortest paths first (up to `maxShortest`), then up to `k` longer simple paths, each length ≤ `maxHops`. */
export function findPaths(q: PathSearch): IdPath[] {
  if (q.from === q.to) return [{ nodes: [q.from], edges: [] }];
  const dist = distancesTo(q.to, q.maxHops, q.steps, q.from, q.k === 0);
  const shortest = dist.get(q.from);
  if (shortest === undefined || shortest > q.maxHops) return [];
  let budget = q.budget ?? 2_000_000;
  const nodes = [q.from];
  const edges: string[] = [];
  const onPath = new Set([q.from]);

  const walk = (length: number, want: number, out: IdPath[]): void => {
    const visit = (u: string, left: number): boolean => {
      if (u === q.to) {
        if (left === 0) out.push({ nodes: [...nodes], edges: [...edges] });
        return out.length >= want;
      }
      if (left === 0) return false;
      const ways: Step[] = [];
      for (const s of q.steps(u)) {
        if (--budget < 0) return true;
        const d = dist.get(s.other);
        if (d !== undefined && d <= left - 1 && !onPath.has(s.other)) ways.push(s);
      }
      ways.sort(byStep);
      for (const s of ways) {
        nodes.push(s.other);
        edges.push(s.edge);
        onPath.add(s.other);
        const done = visit(s.other, left - 1);
        onPath.delete(s.other);
        nodes.pop();
        edges.pop();
        if (done) return true;
      }
      return false;
    };
    visit(q.from, length);
  };

  const result: IdPath[] = [];
  walk(shortest, q.maxShortest, result);
  const firstCount = result.length;
  for (let length = shortest + 1; length <= q.maxHops && result.length - firstCount < q.k && budget > 0; length++) {
    const more: IdPath[] = [];
    walk(length, q.k - (result.length - firstCount), more);
    result.push(...more);
  }
  return result;
}

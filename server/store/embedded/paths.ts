/**
 * Undirected simple-path search for `paths()` (SEMANTICS.md): all shortest paths, then the next `k`
 * longer ones, in (length, node ids, relationship ids) order. A breadth-first search from both ends
 * (the side with fewer steps first) finds the shortest length and each nearby node's distance to either
 * end; a depth-first walk from `from` then follows only the steps that can still end at `to` in the
 * hops left, taken in (node id, relationship id) order, so paths come out already ordered and the walk
 * stops as soon as it has enough. graphology's `allSimplePaths` would enumerate every path (no type
 * filter, no order, no early stop), which does not scale to large graphs.
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
  /** how many steps a node has (at least its distinct neighbours): the breadth-first search grows the cheaper side */
  degree?: (node: string) => number;
}

/**
 * The steps to distinct nodes: one per neighbour, the relationship with the smallest id, so that a
 * search walks each node sequence once however many parallel relationships join its nodes.
 */
export function uniqueSteps(steps: Iterable<Step>): Step[] {
  const best = new Map<string, Step>();
  for (const s of steps) {
    const had = best.get(s.other);
    if (!had || s.edge < had.edge) best.set(s.other, s);
  }
  return [...best.values()];
}

const byStep = (a: Step, b: Step): number =>
  a.other < b.other ? -1 : a.other > b.other ? 1 : a.edge < b.edge ? -1 : a.edge > b.edge ? 1 : 0;

/** Distances from `from` (F) and to `to` (T), each exact up to its radius (hF, hT). */
interface Balls {
  F: Map<string, number>;
  T: Map<string, number>;
  hF: number;
  hT: number;
  /** length of the shortest path, if one of length ≤ hF + hT exists */
  shortest: number | undefined;
}

/**
 * Breadth-first from both ends at once, always growing the side whose frontier has fewer steps, until the two balls
 * meet (the shortest path is then known) and, when longer paths are wanted, until their radii add up
 * to `maxHops`; never past `maxHops` in all. Both radii stay small, so a hub near either end costs its
 * degree once, not the whole graph.
 */
function balls(
  from: string,
  to: string,
  maxHops: number,
  wantLonger: boolean,
  steps: PathSearch['steps'],
  degree: (node: string) => number,
): Balls {
  const F = new Map([[from, 0]]);
  const T = new Map([[to, 0]]);
  let front = { F: [from], T: [to] };
  let hF = 0;
  let hT = 0;
  let best = Infinity;
  const cost = (level: string[]) => level.reduce((sum, n) => sum + degree(n), 0);
  const enough = () => (wantLonger ? hF + hT >= maxHops : hF + hT >= Math.min(best, maxHops));
  while (!enough()) {
    const growF = front.T.length === 0 || (front.F.length > 0 && cost(front.F) <= cost(front.T));
    const [mine, other, level] = growF ? [F, T, front.F] : [T, F, front.T];
    if (level.length === 0) break;
    const d = (growF ? hF : hT) + 1;
    const next: string[] = [];
    for (const n of level)
      for (const s of steps(n))
        if (!mine.has(s.other)) {
          mine.set(s.other, d);
          next.push(s.other);
          const o = other.get(s.other);
          if (o !== undefined && d + o < best) best = d + o;
        }
    if (growF) {
      hF = d;
      front = { F: next, T: front.T };
    } else {
      hT = d;
      front = { F: front.F, T: next };
    }
  }
  return { F, T, hF, hT, shortest: best <= Math.min(maxHops, hF + hT) ? best : undefined };
}

/** Shortest paths first (up to `maxShortest`), then up to `k` longer simple paths, each length ≤ `maxHops`. */
export function findPaths(q: PathSearch): IdPath[] {
  if (q.from === q.to) return [{ nodes: [q.from], edges: [] }];
  const { F, T, hF, hT, shortest } = balls(q.from, q.to, q.maxHops, q.k > 0, q.steps, q.degree ?? (() => 1));
  if (shortest === undefined) return [];
  let budget = q.budget ?? 2_000_000;
  // the walk comes back to a hub once per path through it: its steps are read once
  const seen = new Map<string, Step[]>();
  const stepsOf = (u: string): Step[] => {
    let s = seen.get(u);
    if (!s) seen.set(u, (s = [...q.steps(u)]));
    return s;
  };
  const nodes = [q.from];
  const edges: string[] = [];
  const onPath = new Set([q.from]);

  /**
   * Whether a path can still go through `node`, reached after `pos` hops with `left` to go: its
   * distance to `to` is at most `left` (known inside T; outside, it is over hT), and on a shortest
   * path its distance from `from` is exactly `pos` (known inside F).
   */
  const can = (node: string, pos: number, left: number, isShortest: boolean): boolean => {
    const t = T.get(node);
    if (t === undefined ? left <= hT : t > left) return false;
    return !isShortest || pos > hF || F.get(node) === pos;
  };

  const walk = (length: number, want: number, out: IdPath[]): void => {
    const isShortest = length === shortest;
    // the steps out of a node that can still reach `to`, ordered, per position (a hub is met once per
    // path through it: its steps are filtered once); those already on the path are skipped when taken
    const ways = new Map<string, Step[]>();
    const visit = (u: string, left: number): boolean => {
      if (u === q.to) {
        if (left === 0) out.push({ nodes: [...nodes], edges: [...edges] });
        return out.length >= want;
      }
      if (left === 0) return false;
      const pos = length - left + 1;
      const key = `${pos} ${u}`;
      let next = ways.get(key);
      if (!next) {
        next = [];
        for (const s of stepsOf(u)) {
          if (--budget < 0) return true;
          if (can(s.other, pos, left - 1, isShortest)) next.push(s);
        }
        next.sort(byStep);
        ways.set(key, next);
      }
      for (const s of next) {
        if (onPath.has(s.other)) continue;
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

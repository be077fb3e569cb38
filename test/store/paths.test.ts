/**
 * The embedded store's path search (server/store/embedded/paths.ts) against a brute force: on random
 * small multigraphs, every simple path of at most maxHops is enumerated and ordered step by step by
 * (node id, relationship id); findPaths must return the first `maxShortest` shortest ones, then the
 * next `k` longer ones, exactly.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findPaths, type IdPath, type Step } from '../../server/store/embedded/paths';

interface Case {
  n: number;
  edges: [number, number][];
  from: number;
  to: number;
  maxHops: number;
  k: number;
  maxShortest: number;
}

const nodeId = (i: number) => `n${i}`;
const edgeId = (i: number) => `e${String(i).padStart(2, '0')}`;

function stepsOf(c: Case): (node: string) => Step[] {
  const out = new Map<string, Step[]>();
  c.edges.forEach(([a, b], i) => {
    if (a === b) return;
    const add = (x: number, y: number) => {
      const list = out.get(nodeId(x)) ?? [];
      list.push({ edge: edgeId(i), other: nodeId(y) });
      out.set(nodeId(x), list);
    };
    add(a, b);
    add(b, a);
  });
  return (node) => out.get(node) ?? [];
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Every simple path, ordered by length, then hop by hop by (node id, relationship id). */
function bruteForce(c: Case): IdPath[] {
  const steps = stepsOf(c);
  const from = nodeId(c.from);
  const to = nodeId(c.to);
  if (from === to) return [{ nodes: [from], edges: [] }];
  const all: IdPath[] = [];
  const go = (nodes: string[], edges: string[]) => {
    const u = nodes[nodes.length - 1]!;
    if (u === to) return void all.push({ nodes: [...nodes], edges: [...edges] });
    if (edges.length === c.maxHops) return;
    for (const s of steps(u)) if (!nodes.includes(s.other)) go([...nodes, s.other], [...edges, s.edge]);
  };
  go([from], []);
  all.sort((p, q) => {
    if (p.edges.length !== q.edges.length) return p.edges.length - q.edges.length;
    for (let i = 0; i < p.edges.length; i++) {
      const d = cmp(p.nodes[i + 1]!, q.nodes[i + 1]!) || cmp(p.edges[i]!, q.edges[i]!);
      if (d !== 0) return d;
    }
    return 0;
  });
  if (all.length === 0) return [];
  const shortest = all[0]!.edges.length;
  const first = all.filter((p) => p.edges.length === shortest).slice(0, c.maxShortest);
  const longer = all.filter((p) => p.edges.length > shortest).slice(0, c.k);
  return [...first, ...longer];
}

const caseArb: fc.Arbitrary<Case> = fc.integer({ min: 2, max: 9 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    edges: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 18 }),
    from: fc.nat(n - 1),
    to: fc.nat(n - 1),
    maxHops: fc.integer({ min: 1, max: 5 }),
    k: fc.integer({ min: 0, max: 4 }),
    maxShortest: fc.integer({ min: 1, max: 6 }),
  }),
);

describe('findPaths', () => {
  it('returns the shortest paths, then the next k longer ones, as a brute force orders them', () => {
    fc.assert(
      fc.property(caseArb, fc.boolean(), (c, byDegree) => {
        const steps = stepsOf(c);
        const got = findPaths({
          from: nodeId(c.from),
          to: nodeId(c.to),
          maxHops: c.maxHops,
          k: c.k,
          maxShortest: c.maxShortest,
          steps,
          ...(byDegree ? { degree: (n: string) => steps(n).length } : {}),
        });
        expect(got).toEqual(bruteForce(c));
      }),
      { numRuns: 2000 },
    );
  });

  it('crosses a hub at either end without walking the rest of the graph', () => {
    // a star of 5,000 leaves around h, and a chain a - b - h: b's distance is found from both ends
    const edges: [number, number][] = [];
    for (let i = 3; i < 5003; i++) edges.push([2, i]);
    edges.push([0, 1], [1, 2]);
    const c: Case = { n: 5003, edges, from: 0, to: 4000, maxHops: 4, k: 0, maxShortest: 10 };
    const steps = stepsOf(c);
    let calls = 0;
    const got = findPaths({
      from: nodeId(0),
      to: nodeId(4000),
      maxHops: 4,
      k: 0,
      maxShortest: 10,
      steps: (n) => {
        calls++;
        return steps(n);
      },
    });
    expect(got).toEqual([{ nodes: ['n0', 'n1', 'n2', 'n4000'], edges: ['e5000', 'e5001', 'e3997'] }]);
    // each end's first ring and the walk along the path, not one call per leaf
    expect(calls).toBeLessThan(20);
  });

  it('grows the side with fewer steps: a hub next to one end is not expanded when the other side meets it', () => {
    // h (n2) has 5,000 leaves and is next to `from` (n0); `to` (n1) is two hops away through n3
    const edges: [number, number][] = [];
    for (let i = 4; i < 5004; i++) edges.push([2, i]);
    edges.push([0, 2], [2, 3], [3, 1]);
    const c: Case = { n: 5004, edges, from: 0, to: 1, maxHops: 4, k: 0, maxShortest: 10 };
    const steps = stepsOf(c);
    const expanded: string[] = [];
    const search = (degree?: (n: string) => number) => {
      expanded.length = 0;
      return findPaths({
        from: nodeId(0),
        to: nodeId(1),
        maxHops: 4,
        k: 0,
        maxShortest: 10,
        steps: (n) => {
          expanded.push(n);
          return steps(n);
        },
        ...(degree ? { degree } : {}),
      });
    };
    const want = [{ nodes: ['n0', 'n2', 'n3', 'n1'], edges: ['e5000', 'e5001', 'e5002'] }];
    const hubReads = () => expanded.filter((n) => n === 'n2').length;
    expect(search()).toEqual(want);
    // counting nodes, the one-node frontier {n2} looks small: the breadth-first search reads its steps
    const byNodes = hubReads();
    expect(search((n) => steps(n).length)).toEqual(want);
    // counting steps, it grows from `to` and meets n2 without reading them (the walk alone does, once)
    expect(hubReads()).toBe(1);
    expect(byNodes).toBeGreaterThan(1);
  });
});

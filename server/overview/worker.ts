/**
 * The layout worker (a worker_threads thread, started by layout.ts): Louvain communities and
 * ForceAtlas2 positions of a graph given as index arrays, off the server's event loop.
 */
import { parentPort } from 'node:worker_threads';
import { UndirectedGraph } from 'graphology';
import louvain from 'graphology-communities-louvain';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import type { WorkerAnswer, WorkerTask } from './layout';

/** A small seeded generator (mulberry32): the same communities for the same graph. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Parallel and opposite relationships merged into one weighted edge; self-loops left out. */
function build(task: WorkerTask): UndirectedGraph<{ x: number; y: number }, { weight: number }> {
  const g = new UndirectedGraph<{ x: number; y: number }, { weight: number }>();
  for (let i = 0; i < task.n; i++) g.addNode(String(i), { x: task.x?.[i] ?? 0, y: task.y?.[i] ?? 0 });
  for (let e = 0; e < task.src.length; e++) {
    const a = task.src[e]!;
    const b = task.dst[e]!;
    if (a === b) continue;
    const w = task.w?.[e] ?? 1;
    g.updateEdge(String(a), String(b), (attr) => ({ weight: (attr.weight ?? 0) + w }));
  }
  return g;
}

function run(task: WorkerTask): WorkerAnswer {
  const t0 = performance.now();
  const g = build(task);
  if (task.op === 'communities') {
    const map = louvain(g, { rng: seeded(task.seed ?? 1), getEdgeWeight: 'weight' });
    const out = new Int32Array(task.n);
    for (let i = 0; i < task.n; i++) out[i] = map[String(i)] ?? -1;
    return { communities: out, ms: performance.now() - t0, iterations: 0 };
  }
  const settings = {
    ...forceAtlas2.inferSettings(g),
    barnesHutOptimize: g.order > 2000,
    ...(task.settings ?? {}),
  };
  // big graphs check the time after every iteration
  const step = g.order > 20_000 ? 1 : 5;
  let done = 0;
  while (done < task.iterations && performance.now() - t0 < task.maxMs) {
    forceAtlas2.assign(g, { iterations: step, settings, getEdgeWeight: 'weight' });
    done += step;
  }
  const x = new Float64Array(task.n);
  const y = new Float64Array(task.n);
  g.forEachNode((k, a) => {
    x[Number(k)] = a.x;
    y[Number(k)] = a.y;
  });
  return { x, y, ms: performance.now() - t0, iterations: done };
}

parentPort?.on('message', (task: WorkerTask) => {
  try {
    parentPort?.postMessage({ ok: true, answer: run(task) });
  } catch (e) {
    parentPort?.postMessage({ ok: false, error: e instanceof Error ? e.message : String(e) });
  }
});

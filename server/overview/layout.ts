/**
 * Runs Louvain and ForceAtlas2 in a worker thread (worker.ts) so that the event loop never waits on
 * them: one thread per task, terminated when the task ends or overruns its time.
 */
import { Worker } from 'node:worker_threads';

export interface WorkerTask {
  op: 'communities' | 'layout';
  /** number of nodes (0..n-1) */
  n: number;
  src: Int32Array;
  dst: Int32Array;
  /** edge weights (default 1) */
  w?: Float64Array;
  /** initial positions (layout) */
  x?: Float64Array;
  y?: Float64Array;
  iterations: number;
  /** the layout stops iterating after this long */
  maxMs: number;
  seed?: number;
  settings?: Record<string, number | boolean>;
}

export interface WorkerAnswer {
  communities?: Int32Array;
  x?: Float64Array;
  y?: Float64Array;
  ms: number;
  iterations: number;
}

const WORKER_URL = new URL('./worker.ts', import.meta.url).href;
// The worker registers tsx's loader first, so it runs from the TypeScript source as the server does.
const BOOT = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(WORKER_URL)}); });`;

/** Runs one task in a new worker thread; rejects when it fails or runs past `maxMs` plus `graceMs`. */
export function runInWorker(task: WorkerTask, graceMs = Math.max(60_000, task.maxMs)): Promise<WorkerAnswer> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(BOOT, { eval: true });
    let settled = false;
    const finish = (f: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      f();
    };
    const timer = setTimeout(
      () => finish(() => reject(new Error(`the layout worker ran for more than ${task.maxMs + graceMs} ms`))),
      task.maxMs + graceMs,
    );
    timer.unref();
    worker.once('message', (m: { ok: boolean; answer?: WorkerAnswer; error?: string }) =>
      finish(() => (m.ok && m.answer ? resolve(m.answer) : reject(new Error(m.error ?? 'the layout worker failed')))),
    );
    worker.once('error', (e) => finish(() => reject(e)));
    worker.once('exit', (code) =>
      finish(() => reject(new Error(`the layout worker exited with code ${code} before answering`))),
    );
    worker.postMessage(task);
  });
}

/** Seed positions for a layout: each community around its own point of a spiral, the largest in the middle. */
export function seedPositions(communities: ArrayLike<number>): { x: Float64Array; y: Float64Array } {
  const n = communities.length;
  const sizes = new Map<number, number>();
  for (let i = 0; i < n; i++) sizes.set(communities[i]!, (sizes.get(communities[i]!) ?? 0) + 1);
  const order = [...sizes.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([c]) => c);
  const centre = new Map<number, { x: number; y: number; r: number }>();
  let radius = 0;
  order.forEach((c, i) => {
    const r = Math.sqrt(sizes.get(c)!) * 10;
    const angle = i * 2.399963; // golden angle
    radius = i === 0 ? 0 : Math.max(radius + r * 0.15, Math.sqrt(i) * 60);
    centre.set(c, { x: Math.cos(angle) * radius, y: Math.sin(angle) * radius, r });
  });
  let seed = 7;
  const rnd = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const o = centre.get(communities[i]!)!;
    const a = rnd() * 2 * Math.PI;
    const d = Math.sqrt(rnd()) * o.r;
    x[i] = o.x + Math.cos(a) * d;
    y[i] = o.y + Math.sin(a) * d;
  }
  return { x, y };
}

/** The relationships among `ids` as pairs of positions in `ids` (the worker's edge arrays). */
export function edgeArrays(
  ids: readonly string[],
  edges: Iterable<{ source: string; target: string }>,
): { src: Int32Array; dst: Int32Array } {
  const index = new Map(ids.map((id, i) => [id, i]));
  const src: number[] = [];
  const dst: number[] = [];
  for (const e of edges) {
    const a = index.get(e.source);
    const b = index.get(e.target);
    if (a !== undefined && b !== undefined) {
      src.push(a);
      dst.push(b);
    }
  }
  return { src: Int32Array.from(src), dst: Int32Array.from(dst) };
}

/**
 * ForceAtlas2 positions of `ids` among `edges`, in the worker, seeded with each Louvain community
 * around its own point of a spiral (`seedPositions`).
 */
export async function layoutNodes(
  ids: readonly string[],
  edges: Iterable<{ source: string; target: string }>,
  settings: { iterations: number; maxMs: number },
): Promise<{ x: Float64Array; y: Float64Array; iterations: number; edges: number }> {
  const arrays = edgeArrays(ids, edges);
  const com = await runInWorker({
    op: 'communities',
    n: ids.length,
    ...arrays,
    iterations: 0,
    maxMs: settings.maxMs,
    seed: 42,
  });
  const { x, y } = seedPositions(com.communities!);
  const r = await runInWorker({
    op: 'layout',
    n: ids.length,
    ...arrays,
    x,
    y,
    iterations: settings.iterations,
    maxMs: settings.maxMs,
  });
  return { x: r.x!, y: r.y!, iterations: r.iterations, edges: arrays.src.length };
}

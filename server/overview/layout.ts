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

/**
 * Runs the layout in the web worker for a render graph: start (for a number of iterations, or until
 * stop), stop, noverlap; positions come back each frame and are written to the render graph's x/y.
 * Pinned nodes (dropped by a drag) stay where they are.
 */
import type Graph from 'graphology';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import type { FromWorker, ToWorker } from './protocol';

export interface LayoutEvents {
  /** the layout started or stopped */
  onState?(running: boolean): void;
  /** a run ended (its iterations done, stopped, or noverlap) */
  onDone?(info: { iterations: number; ms: number; reason: string }): void;
  /** positions were written to the graph */
  onPositions?(): void;
}

export class LayoutController {
  private worker: Worker | null = null;
  private ids: string[] = [];
  private graph: Graph | null = null;
  private _running = false;
  private waiters: (() => void)[] = [];
  /** the latest positions not yet written (older ones are dropped: only the last counts) */
  private pending: Float32Array | null = null;
  private frame = 0;
  private lastFlush = 0;
  /** how long the last drawing of positions took to reach the screen */
  private drawCost = 0;
  private index = new Map<string, number>();
  /** nodes the layout must not move (dropped by a drag), by id */
  private readonly pinned = new Set<string>();
  /** per index: 1 when the worker keeps the node still */
  private fixed = new Uint8Array(0);

  constructor(private readonly events: LayoutEvents = {}) {}

  get running(): boolean {
    return this._running;
  }

  /** Starts the worker ahead of its first layout (its script loads meanwhile). */
  warm(): void {
    this.ensureWorker();
  }

  private ensureWorker(): Worker {
    if (!this.worker) {
      this.worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'layout' });
      this.worker.onmessage = (ev: MessageEvent<FromWorker>) => this.onMessage(ev.data);
      this.worker.onerror = (ev) => {
        this.setRunning(false);
        console.error('layout worker failed', ev.message);
      };
    }
    return this.worker;
  }

  private send(m: ToWorker, transfer: Transferable[] = []): void {
    this.ensureWorker().postMessage(m, transfer);
  }

  private setRunning(r: boolean): void {
    if (this._running === r) return;
    this._running = r;
    this.events.onState?.(r);
  }

  /**
   * Least time between two drawings of the positions while the layout runs: every frame for small
   * graphs; for big ones less often, so that drawing (which can be slow without a GPU) leaves the CPU
   * to the worker.
   */
  static drawInterval(order: number): number {
    return order > 5000 ? 1500 : order > 2000 ? 600 : order > 500 ? 100 : 0;
  }

  private onMessage(m: FromWorker): void {
    if (m.type === 'positions') {
      this.pending = m.xy;
      if (this.frame) return;
      // write at most once a frame and once a drawInterval, and leave the GPU at least as long idle
      // as the last drawing took; tell the worker it may send more once the frame is out
      const gap = Math.max(LayoutController.drawInterval(this.ids.length), this.drawCost);
      const wait = Math.max(0, this.lastFlush + gap - performance.now());
      const draw = () => {
        this.frame = requestAnimationFrame(() => {
          this.flush();
          const t = performance.now();
          this.frame = requestAnimationFrame(() => {
            this.frame = 0;
            this.drawCost = performance.now() - t;
            this.lastFlush = performance.now();
            this.worker?.postMessage({ type: 'ack' } satisfies ToWorker);
          });
        });
      };
      if (wait > 0) this.frame = window.setTimeout(draw, wait);
      else draw();
    } else {
      this.flush();
      this.setRunning(false);
      this.events.onDone?.(m);
      const w = this.waiters;
      this.waiters = [];
      w.forEach((f) => f());
    }
  }

  private flush(): void {
    const xy = this.pending;
    this.pending = null;
    const g = this.graph;
    if (!xy || !g || xy.length !== this.ids.length * 2) return;
    const index = this.index;
    g.updateEachNodeAttributes(
      (id, attr) => {
        const i = index.get(id);
        if (i === undefined || this.fixed[i]) return attr;
        attr.x = xy[2 * i];
        attr.y = xy[2 * i + 1];
        return attr;
      },
      { attributes: ['x', 'y'] },
    );
    this.events.onPositions?.();
  }

  /**
   * Loads the graph's nodes, edges and positions into the worker and runs ForceAtlas2 for
   * `iterations` (null: until stop), then noverlap when `noverlap` is set. `sizeScale` converts node
   * sizes (pixels) to graph units for noverlap. With `only`, just those nodes move: they are laid out
   * among their neighbours, which stay still (the layout of an expansion in a big view). Pinned nodes
   * never move. Resolves when the run ends.
   */
  run(
    graph: Graph,
    opts: { iterations: number | null; noverlap?: boolean; sizeScale?: number; only?: readonly string[] },
  ): Promise<void> {
    this.graph = graph;
    let free: Set<string> | null = null;
    if (opts.only) {
      free = new Set(opts.only.filter((id) => graph.hasNode(id)));
      const ids = new Set(free);
      for (const id of free) graph.forEachNeighbor(id, (n) => void ids.add(n));
      this.ids = [...ids];
    } else this.ids = graph.nodes();
    this.pending = null;
    const index = new Map<string, number>();
    this.ids.forEach((id, i) => index.set(id, i));
    this.index = index;
    const xy = new Float32Array(this.ids.length * 2);
    const sizes = new Float32Array(this.ids.length);
    const fixed = new Uint8Array(this.ids.length);
    const scale = opts.sizeScale ?? 1;
    this.ids.forEach((id, i) => {
      const a = graph.getNodeAttributes(id);
      xy[2 * i] = typeof a.x === 'number' ? a.x : 0;
      xy[2 * i + 1] = typeof a.y === 'number' ? a.y : 0;
      sizes[i] = (typeof a.size === 'number' ? a.size : 4) * scale;
      fixed[i] = this.pinned.has(id) || (free !== null && !free.has(id)) ? 1 : 0;
    });
    this.fixed = fixed.slice();
    const pairs: number[] = [];
    if (free) {
      for (const id of this.ids)
        graph.forEachOutEdge(id, (_e, _a, s, t) => {
          const j = index.get(t);
          if (s !== t && j !== undefined) pairs.push(index.get(s)!, j);
        });
    } else
      graph.forEachEdge((_e, _a, s, t) => {
        if (s !== t) pairs.push(index.get(s)!, index.get(t)!);
      });
    const edges = Uint32Array.from(pairs);
    const settings = { ...forceAtlas2.inferSettings(Math.max(1, this.ids.length)), adjustSizes: false };
    this.send({ type: 'init', xy, sizes, edges, fixed, settings }, [
      xy.buffer,
      sizes.buffer,
      edges.buffer,
      fixed.buffer,
    ]);
    this.send({ type: 'run', iterations: opts.iterations, noverlap: opts.noverlap ?? false });
    this.setRunning(true);
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Keeps a node where it is (dropped by a drag): no layout moves it, a running one included. */
  pin(id: string, x: number, y: number): void {
    this.pinned.add(id);
    const i = this.index.get(id);
    if (i !== undefined && this._running) {
      this.fixed[i] = 1;
      this.send({ type: 'pin', index: i, x, y });
    }
  }

  /** Lets layouts move the node again. */
  unpin(id: string): void {
    this.pinned.delete(id);
  }

  isPinned(id: string): boolean {
    return this.pinned.has(id);
  }

  /** Stops a run (noverlap follows if the run asked for it). */
  stop(): void {
    if (this._running) this.send({ type: 'stop' });
  }

  kill(): void {
    this.worker?.terminate();
    this.worker = null;
    this.setRunning(false);
    const w = this.waiters;
    this.waiters = [];
    w.forEach((f) => f());
  }
}

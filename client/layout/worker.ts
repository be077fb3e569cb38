/**
 * The layout web worker: ForceAtlas2 (graphology's own iteration function, on its flat matrices) in
 * batches of about a frame, posting positions after each batch, until told to stop or after a number
 * of iterations; then noverlap (graphology-layout-noverlap) to pull overlapping nodes apart. Fixed
 * nodes (pinned ones, or the context of a partial layout) keep their places.
 */
import Graph from 'graphology';
import defaults from 'graphology-layout-forceatlas2/defaults.js';
import iterate from 'graphology-layout-forceatlas2/iterate.js';
import noverlap from 'graphology-layout-noverlap';
import type { ForceAtlas2Settings } from 'graphology-layout-forceatlas2';
import type { FromWorker, ToWorker } from './protocol';

const PPN = 10; // properties per node in graphology's FA2 matrices
const PPE = 3; // per edge
const FRAME_MS = 14;

let nodes = new Float32Array(0);
let edges = new Float32Array(0);
let sizes: Float32Array = new Float32Array(0);
let fixed: Uint8Array = new Uint8Array(0);
let settings: Required<ForceAtlas2Settings> = { ...defaults };
let running = false;
let done = 0;
let target: number | null = null;
let thenNoverlap = false;
let started = 0;
/** positions sent and not yet drawn by the main thread: do not send more (it would queue up) */
let awaitingAck = false;

const post = (m: FromWorker, transfer: Transferable[] = []) => (self as unknown as Worker).postMessage(m, transfer);

function init(m: Extract<ToWorker, { type: 'init' }>): void {
  const n = m.xy.length / 2;
  const e = m.edges.length / 2;
  nodes = new Float32Array(n * PPN);
  edges = new Float32Array(e * PPE);
  sizes = m.sizes;
  fixed = m.fixed;
  const degree = new Uint32Array(n);
  for (let j = 0; j < e; j++) {
    degree[m.edges[2 * j]!]!++;
    degree[m.edges[2 * j + 1]!]!++;
  }
  for (let i = 0; i < n; i++) {
    const o = i * PPN;
    nodes[o] = m.xy[2 * i]!;
    nodes[o + 1] = m.xy[2 * i + 1]!;
    nodes[o + 6] = 1 + degree[i]!; // mass
    nodes[o + 7] = 1; // convergence
    nodes[o + 8] = 1; // size
    nodes[o + 9] = fixed[i] ? 1 : 0; // fixed: FA2 does not move it
  }
  for (let j = 0; j < e; j++) {
    edges[j * PPE] = m.edges[2 * j]! * PPN;
    edges[j * PPE + 1] = m.edges[2 * j + 1]! * PPN;
    edges[j * PPE + 2] = 1;
  }
  settings = { ...defaults, ...m.settings };
  done = 0;
}

function positions(): Float32Array {
  const n = nodes.length / PPN;
  const xy = new Float32Array(n * 2);
  for (let i = 0; i < n; i++) {
    xy[2 * i] = nodes[i * PPN]!;
    xy[2 * i + 1] = nodes[i * PPN + 1]!;
  }
  return xy;
}

function sendPositions(force = false): void {
  if (awaitingAck && !force) return;
  const xy = positions();
  awaitingAck = true;
  post({ type: 'positions', xy, iterations: done, running }, [xy.buffer]);
}

function runNoverlap(): void {
  const n = nodes.length / PPN;
  if (n === 0) return;
  const g = new Graph({ type: 'undirected' });
  for (let i = 0; i < n; i++) g.addNode(i, { x: nodes[i * PPN]!, y: nodes[i * PPN + 1]!, size: sizes[i] ?? 1 });
  noverlap.assign(g, {
    maxIterations: n > 5000 ? 10 : n > 1000 ? 30 : 60,
    settings: { ratio: 1.1, margin: 0, expansion: 1.1 },
  });
  g.forEachNode((key, a) => {
    const i = Number(key);
    if (fixed[i]) return; // noverlap has no fixed nodes: keep theirs
    nodes[i * PPN] = a.x as number;
    nodes[i * PPN + 1] = a.y as number;
  });
}

function finish(reason: 'iterations' | 'stopped'): void {
  running = false;
  if (thenNoverlap) runNoverlap();
  sendPositions(true);
  post({ type: 'done', iterations: done, ms: performance.now() - started, reason });
}

function batch(): void {
  if (!running) return;
  const t0 = performance.now();
  if (nodes.length > 0)
    do {
      iterate(settings, nodes, edges);
      done++;
      if (target !== null && done >= target) break;
    } while (performance.now() - t0 < FRAME_MS);
  if (target !== null && done >= target) return finish('iterations');
  sendPositions();
  setTimeout(batch, 0);
}

self.onmessage = (ev: MessageEvent<ToWorker>) => {
  const m = ev.data;
  switch (m.type) {
    case 'init':
      running = false;
      awaitingAck = false;
      init(m);
      break;
    case 'ack':
      awaitingAck = false;
      break;
    case 'run':
      target = m.iterations === null ? null : done + m.iterations;
      thenNoverlap = m.noverlap;
      started = performance.now();
      if (!running) {
        running = true;
        setTimeout(batch, 0);
      }
      break;
    case 'pin':
      if (m.index >= 0 && m.index < fixed.length) {
        fixed[m.index] = 1;
        nodes[m.index * PPN] = m.x;
        nodes[m.index * PPN + 1] = m.y;
        nodes[m.index * PPN + 9] = 1;
      }
      break;
    case 'stop':
      if (running) finish('stopped');
      break;
    case 'noverlap': {
      const t0 = performance.now();
      runNoverlap();
      sendPositions(true);
      post({ type: 'done', iterations: done, ms: performance.now() - t0, reason: 'noverlap' });
      break;
    }
  }
};

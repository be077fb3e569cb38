/**
 * The page of bench/client-render.bench.ts: renders an API-shaped graph with the client's own network
 * view (sigma with the app's primitives, styles, reducers and label thinning) and lays it out in the
 * client's layout worker, timing each step. Not part of the app's build (its own Vite input).
 */
import type { SerializedGraph } from '../../server/api/schemas';
import { BASE, emptyDataset, mergeGraph, moneyMoved, moneyOf } from '../state/dataset';
import { computeVisibility, defaultFilters, withinIndex } from '../state/filters';
import Graph from 'graphology';
import { LayoutController } from '../layout/controller';
import { NetworkView } from '../view/network';

export interface BenchRun {
  url: string;
  labels: boolean;
  iterations: number;
  /** lay out without drawing (no sigma): the worker's own speed */
  layoutOnly?: boolean;
  /** stop after the first render (profiling) */
  prepareOnly?: boolean;
}

export interface BenchResult {
  nodes: number;
  edges: number;
  /** creating the renderer (WebGL programs) */
  createMs: number;
  /** data set, render graph, filters and sizes */
  prepareMs: number;
  /** from handing the graph to sigma to the first frame with it (its afterRender and two frames) */
  firstRenderMs: number;
  /** `iterations` of ForceAtlas2 in the worker, positions streamed back and drawn */
  layoutMs: number;
  msPerIteration: number;
  /** the longest gap between two frames of the page while the layout ran */
  maxFrameGapMs: number;
  frames: number;
  /** the longest delay of a 50 ms timer while the layout ran: how long the page could not answer input */
  maxLagMs: number;
  /** drawings during the layout */
  renders: number;
  /** after the first render, until the page makes frames smoothly again (the GPU's backlog) */
  settleMs: number;
}

const nextFrame = () => new Promise<number>((r) => requestAnimationFrame(r));

async function layoutOnly(g: SerializedGraph, iterations: number): Promise<BenchResult> {
  const graph = new Graph({ type: 'directed', multi: true, allowSelfLoops: true });
  const n = g.nodes.length;
  g.nodes.forEach((node, i) =>
    graph.addNode(node.key, { x: Math.cos(i) * Math.sqrt(i), y: Math.sin(i) * Math.sqrt(i), size: 4 }),
  );
  for (const e of g.edges) graph.addDirectedEdgeWithKey(e.key, e.source, e.target);
  const layout = new LayoutController();
  const l0 = performance.now();
  await layout.run(graph, { iterations, noverlap: false });
  const l1 = performance.now();
  layout.kill();
  return {
    nodes: n,
    edges: g.edges.length,
    createMs: 0,
    prepareMs: 0,
    firstRenderMs: 0,
    layoutMs: l1 - l0,
    msPerIteration: (l1 - l0) / iterations,
    maxFrameGapMs: 0,
    frames: 0,
    maxLagMs: 0,
    renders: 0,
    settleMs: 0,
  };
}

async function run(opts: BenchRun): Promise<BenchResult> {
  const g = (await (await fetch(opts.url)).json()) as SerializedGraph;
  if (opts.layoutOnly) return layoutOnly(g, opts.iterations);
  const stage = document.getElementById('stage')!;
  stage.replaceChildren();
  await nextFrame();

  const t0 = performance.now();
  const net = new NetworkView(stage);
  if (!opts.labels) net.sigma.setSetting('renderLabels', false);
  const t1 = performance.now();

  const ds = mergeGraph(emptyDataset(), g, BASE).dataset;
  const rendered = new Promise<void>((r) => net.sigma.once('afterRender', () => r()));
  net.sync(ds);
  net.setVisibility(computeVisibility(ds, { ...defaultFilters(), hiddenKinds: [] }, withinIndex(ds)));
  net.setAppearance(moneyMoved(ds), null, (id) => {
    const e = ds.edges.get(id);
    return e ? moneyOf(e) : null;
  });
  const t2 = performance.now();
  net.sigma.refresh();
  await rendered;
  await nextFrame();
  await nextFrame();
  const t3 = performance.now();
  if (opts.prepareOnly)
    return {
      nodes: g.nodes.length,
      edges: g.edges.length,
      createMs: t1 - t0,
      prepareMs: t2 - t1,
      firstRenderMs: t3 - t2,
      layoutMs: 0,
      msPerIteration: 0,
      maxFrameGapMs: 0,
      frames: 0,
      maxLagMs: 0,
      renders: 0,
      settleMs: 0,
    };

  // the GPU may still be busy with the first frame (without a GPU, SwiftShader compiles the shaders on
  // the first draw): wait until the page makes frames smoothly again
  const s0 = performance.now();
  let smooth = 0;
  let prev = performance.now();
  while (smooth < 10 && performance.now() - s0 < 120_000) {
    const now = await nextFrame();
    smooth = now - prev < 50 ? smooth + 1 : 0;
    prev = now;
  }
  const settleMs = performance.now() - s0;
  let renders = 0;
  net.sigma.on('afterRender', () => renders++);
  let frames = 0;
  let maxGap = 0;
  let last = performance.now();
  let running = true;
  const watch = (now: number) => {
    maxGap = Math.max(maxGap, now - last);
    last = now;
    frames++;
    if (running) requestAnimationFrame(watch);
  };
  requestAnimationFrame(watch);
  let maxLag = 0;
  let expected = performance.now() + 50;
  const lagTimer = setInterval(() => {
    const now = performance.now();
    maxLag = Math.max(maxLag, now - expected);
    expected = now + 50;
  }, 50);
  const l0 = performance.now();
  await net.layout.run(net.graph, { iterations: opts.iterations, noverlap: false });
  await nextFrame();
  const l1 = performance.now();
  running = false;
  clearInterval(lagTimer);

  net.kill();
  return {
    nodes: g.nodes.length,
    edges: g.edges.length,
    createMs: t1 - t0,
    prepareMs: t2 - t1,
    firstRenderMs: t3 - t2,
    layoutMs: l1 - l0,
    msPerIteration: (l1 - l0) / opts.iterations,
    maxFrameGapMs: maxGap,
    frames,
    maxLagMs: maxLag,
    renders,
    settleMs,
  };
}

declare global {
  interface Window {
    innographBench?: { run(opts: BenchRun): Promise<BenchResult> };
  }
}

window.innographBench = { run };

/**
 * Client render bench, in headless Chromium (Debian's, WebGL through SwiftShader), in two parts:
 * - app (bench/lib/appBench.ts): the real client served by the real app over the seed, the NSF 2017
 *   awards (embedded store) and a ~100k-node synthetic graph (bulk-loaded into a scratch Neo4j): first
 *   picture, usable (search + select answered), expand, frame times while panning, JS heap and the
 *   server's layout time, each as a ratio to the seed measured in the same run. Each data set is
 *   opened on a cold server (no start-up warm: the first request computes the overview; the figures
 *   without a suffix), on a server restarted over the same store as server/main.ts starts it
 *   ("restarted": its warm runs meanwhile; a Neo4j store serves the overview it kept) and on that
 *   server once its warm is done ("warm": the steady state users meet; "start-up warm" is how long
 *   after its start that was);
 * - render: the first render and ForceAtlas2 layout iterations of synthetic graphs of 1k, 10k and 50k
 *   nodes (five relationships a node, API-shaped), drawn by the client's own network view
 *   (client/view/network.ts) and laid out by its own worker, on the page client/bench/ (built here
 *   with Vite). Ratios are against the 1k graph measured in the same run.
 *
 *   npm run bench -- client-render
 *   BENCH_PARTS=app BENCH_APP_SETS=seed,nsf npm run bench -- client-render
 *   BENCH_PARTS=render BENCH_SIZES=1000,10000 BENCH_ITERATIONS=20 npm run bench -- client-render
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { build } from 'vite';
import type { SerializedGraph } from '../server/api/schemas';
import { CHROMIUM_PATH, browserUnavailableReason, launchBrowser } from '../test/helpers/browser';
import type { BenchResult } from '../client/bench/bench';
import { runAppBench } from './lib/appBench';
import { RESULTS_DIR, writeResults } from './lib/report';

const ROOT = resolve(import.meta.dirname, '..');
const SIZES = (process.env.BENCH_SIZES ?? '1000,10000,50000')
  .split(',')
  .map(Number)
  .filter((n) => n > 0);
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 30);
const EDGES_PER_NODE = 5;

/** A small deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KINDS = [
  'Lab',
  'Enterprise',
  'University',
  'ResearchInstitute',
  'Fund',
  'GovernmentBody',
  'Region',
  'Zone',
  'Program',
  'Field',
  'Person',
] as const;
const TYPES = [
  'FUNDS',
  'INVESTS_IN',
  'COLLABORATES_WITH',
  'PART_OF',
  'LOCATED_IN',
  'MANAGES',
  'FOCUSES_ON',
  'PARTICIPATES_IN',
] as const;

/**
 * A synthetic ecosystem of `n` nodes and 5n relationships: clustered (most relationships inside a
 * cluster of ~50 nodes), with a few hubs, some parallel relationships, and amounts on money ones.
 */
export function syntheticGraph(n: number, seed = 1): SerializedGraph {
  const r = rng(seed);
  const nodes: SerializedGraph['nodes'] = [];
  for (let i = 0; i < n; i++)
    nodes.push({
      key: `n${i}`,
      attributes: { name: `Entity ${i} 实体${i}`, kind: KINDS[Math.floor(r() * KINDS.length)]!, aliases: [] },
    });
  const edges: SerializedGraph['edges'] = [];
  const clusterSize = 50;
  for (let j = 0; j < n * EDGES_PER_NODE; j++) {
    const s = Math.floor(r() * n);
    let t: number;
    const u = r();
    if (u < 0.8) t = Math.min(n - 1, Math.floor(s / clusterSize) * clusterSize + Math.floor(r() * clusterSize));
    else if (u < 0.9)
      t = Math.floor(r() ** 3 * n); // hubs
    else t = Math.floor(r() * n);
    if (t === s) t = (s + 1) % n;
    const type = TYPES[Math.floor(r() * TYPES.length)]!;
    const money = type === 'FUNDS' || type === 'INVESTS_IN';
    edges.push({
      key: `e${j}`,
      source: `n${s}`,
      target: `n${t}`,
      attributes: {
        type,
        ...(money
          ? { amount: Math.round(10 ** (5 + r() * 5)), currency: 'CNY', year: 2015 + Math.floor(r() * 10) }
          : {}),
      },
    });
  }
  return {
    options: { type: 'directed', multi: true, allowSelfLoops: true },
    attributes: { truncated: false },
    nodes,
    edges,
  };
}

const TYPES_BY_EXT: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.map': 'application/json',
};

interface Part {
  title: string;
  columns: string[];
  rows: Record<string, unknown>[];
  extra: Record<string, unknown>;
}

/** The render part: synthetic graphs drawn and laid out on the bench page. */
async function renderPart(): Promise<Part> {
  const out = mkdtempSync(join(tmpdir(), 'innograph-bench-client-'));
  const graphs = new Map<string, string>();
  try {
    console.log('building the bench page (client/bench) with Vite…');
    await build({
      configFile: join(ROOT, 'client', 'vite.config.ts'),
      logLevel: 'warn',
      build: {
        outDir: out,
        emptyOutDir: true,
        sourcemap: false,
        rolldownOptions: { input: join(ROOT, 'client', 'bench', 'index.html') },
      },
    });
    for (const n of SIZES) graphs.set(`/graph-${n}.json`, JSON.stringify(syntheticGraph(n)));
    graphs.set('/graph-warmup.json', JSON.stringify(syntheticGraph(200, 2)));
    const server = createServer((req, res) => {
      const path = (req.url ?? '/').split('?')[0]!;
      const g = graphs.get(path);
      if (g) return res.writeHead(200, { 'content-type': 'application/json' }).end(g);
      const file = normalize(join(out, path === '/' ? 'bench/index.html' : path));
      if (!file.startsWith(out)) return res.writeHead(403).end();
      let body: Buffer;
      try {
        body = readFileSync(file);
      } catch {
        return res.writeHead(404).end();
      }
      res.writeHead(200, { 'content-type': TYPES_BY_EXT[extname(file)] ?? 'application/octet-stream' }).end(body);
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const chromium = await launchBrowser();
    const page = await (await chromium.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    page.on('pageerror', (e) => console.error('page error:', e.message));
    await page.goto(`${base}/bench/index.html`);
    await page.waitForFunction(() => window.innographBench !== undefined);
    const gl = await page.evaluate(() => {
      const c = document.createElement('canvas').getContext('webgl2');
      const d = c?.getExtension('WEBGL_debug_renderer_info');
      return c ? String(c.getParameter(d ? d.UNMASKED_RENDERER_WEBGL : c.RENDERER)) : 'no WebGL 2';
    });
    const rows: Record<string, unknown>[] = [];
    const results: (BenchResult & { labels: boolean; mode: string; iterations: number })[] = [];
    const bench = (o: { url: string; labels: boolean; iterations: number; layoutOnly?: boolean }) =>
      page.evaluate((x) => window.innographBench!.run(x), o);
    // warm-up (shader compilation, JIT), not reported
    await bench({ url: `${base}/graph-warmup.json`, labels: true, iterations: 5 });
    // every size drawn with labels and laid out alone; the middle size also drawn without labels
    const middle = SIZES[Math.floor(SIZES.length / 2)];
    const runs = SIZES.flatMap((n) => [
      { n, labels: true, layoutOnly: false },
      ...(n === middle && SIZES.length > 1 ? [{ n, labels: false, layoutOnly: false }] : []),
      { n, labels: false, layoutOnly: true },
    ]);
    for (const { n, labels, layoutOnly } of runs) {
      const mode = layoutOnly ? 'layout only (no drawing)' : `drawn, labels ${labels ? 'on' : 'off'}`;
      process.stdout.write(`${n} nodes, ${mode}: `);
      // fewer iterations on the biggest graphs: ms per iteration stays comparable
      const iterations = n > 20_000 ? Math.max(5, Math.round(ITERATIONS / 3)) : ITERATIONS;
      const r = await bench({ url: `${base}/graph-${n}.json`, labels, iterations, layoutOnly });
      console.log(
        `first render ${r.firstRenderMs.toFixed(0)} ms, settled ${r.settleMs.toFixed(0)} ms, ${r.msPerIteration.toFixed(1)} ms/iteration, longest input delay ${r.maxLagMs.toFixed(0)} ms`,
      );
      results.push({ ...r, labels, mode, iterations });
    }
    const baseline = results[0]!;
    const baseLayout = results.find((r) => r.mode.startsWith('layout only'))!;
    for (const r of results) {
      const drawn = !r.mode.startsWith('layout only');
      const base = drawn ? baseline : baseLayout;
      rows.push({
        graph: `${r.nodes / 1000}k nodes / ${r.edges / 1000}k edges`,
        mode: r.mode,
        'create (ms)': drawn ? r.createMs : '',
        'prepare (ms)': drawn ? r.prepareMs : '',
        'first render (ms)': drawn ? r.firstRenderMs : '',
        'first render ×1k': drawn ? r.firstRenderMs / baseline.firstRenderMs : '',
        'GPU settle (ms)': drawn ? r.settleMs : '',
        iterations: r.iterations,
        'layout (ms)': r.layoutMs,
        'ms / iteration': r.msPerIteration,
        'iteration ×1k': r.msPerIteration / base.msPerIteration,
        'longest input delay during layout (ms)': drawn ? r.maxLagMs : '',
        'longest frame gap during layout (ms)': drawn ? r.maxFrameGapMs : '',
      });
    }
    await chromium.close();
    server.close();
    return {
      title: 'Synthetic graphs on the bench page: first render and ForceAtlas2 iterations',
      columns: Object.keys(rows[0]!),
      rows,
      extra: {
        webgl: gl,
        iterations: ITERATIONS,
        edgesPerNode: EDGES_PER_NODE,
        baseline: 'the 1k graph of the same run (drawn with labels; layout only for the layout-only rows)',
        results,
      },
    };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** `BENCH_PARTS`: app, render or both (default). */
const PARTS = (process.env.BENCH_PARTS ?? 'app,render').split(',');

async function main(): Promise<void> {
  const why = browserUnavailableReason();
  if (why) {
    console.error(`client-render bench needs Chromium: ${why}`);
    process.exit(1);
  }
  const parts: Part[] = [];
  if (PARTS.includes('app')) {
    const app = await runAppBench();
    parts.push({
      title:
        'The app on the seed, the NSF awards and a 100k-node graph: first picture, usable, expand, panning, memory',
      columns: Object.keys(app.rows[0]!),
      rows: app.rows,
      extra: {
        baseline: 'the seed in the same run (after a warm-up run)',
        skipped: app.skipped,
        measures: app.measures,
        load: loadAverage(),
      },
    });
  }
  if (PARTS.includes('render')) parts.push(await renderPart());
  else {
    const previous = previousRenderPart();
    if (previous) parts.push(previous);
  }
  if (parts.length === 0) throw new Error(`BENCH_PARTS must name app and/or render, not "${PARTS.join()}"`);
  const [first, ...more] = parts;
  writeResults(
    'client-render',
    `Client in headless Chromium. ${first!.title}`,
    first!.columns,
    first!.rows,
    {
      chromium: execFileSync(CHROMIUM_PATH, ['--version'], { encoding: 'utf8' }).trim(),
      ...Object.fromEntries(parts.map((p, i) => [i === 0 ? 'main' : `more${i}`, p.extra])),
    },
    more.map((p) => ({ title: p.title, columns: p.columns, rows: p.rows })),
  );
}

/** The render part's table of the last results file, when this run leaves the part out (BENCH_PARTS=app). */
function previousRenderPart(): Part | null {
  const file = join(RESULTS_DIR, 'client-render.json');
  if (!existsSync(file)) return null;
  const old = JSON.parse(readFileSync(file, 'utf8')) as {
    at: string;
    rows: Record<string, unknown>[];
    more?: { title: string; columns: string[]; rows: Record<string, unknown>[] }[];
  };
  const isRender = (rows: Record<string, unknown>[]) => rows.length > 0 && 'ms / iteration' in rows[0]!;
  const table = isRender(old.rows)
    ? { title: 'Synthetic graphs on the bench page', rows: old.rows }
    : old.more?.find((t) => isRender(t.rows));
  if (!table) return null;
  // the date of the run that measured it: kept from an earlier carry-over
  const at = /\(run of (\S+),/.exec(table.title)?.[1] ?? old.at.slice(0, 10);
  return {
    title: `${table.title.replace(/ \(run of .*\)$/, '')} (run of ${at}, not repeated: BENCH_PARTS=app)`,
    columns: Object.keys(table.rows[0]!),
    rows: table.rows,
    extra: {},
  };
}

/** The 1, 5 and 15 minute load averages when the run ended (other work on the machine skews timings). */
function loadAverage(): number[] {
  return loadavg().map((x) => Math.round(x * 100) / 100);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();

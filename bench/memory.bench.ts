/**
 * The embedded store's memory and load time per million relationships: for each size of the
 * synthetic ecosystem (100k; 100k and 1M with BENCH_SCALE=full; 10k with BENCH_SCALE=small), a fresh
 * process loads it with the importer (as the server does at start-up) and reports its resident set
 * (RSS) and V8 heap after a full GC, its peak RSS, and the load time. The baseline is the same
 * process's RSS before loading.
 */
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { syntheticData, SYNTHETIC_MAPPING, benchScale } from '../server/generate/benchkit';
import { runImport } from '../server/import/importer';
import { createEmbeddedStore } from '../server/store/embedded';
import { writeResults } from './lib/report';

const SIZES = { small: [10_000], default: [100_000], full: [100_000, 1_000_000] }[benchScale()];
const MB = 2 ** 20;

interface ChildResult {
  relationships: number;
  nodes: number;
  loadSeconds: number;
  rssBeforeMB: number;
  rssMB: number;
  heapMB: number;
  peakRssMB: number;
}

async function child(size: number): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  const data = syntheticData(size);
  gc?.();
  const before = process.memoryUsage().rss;
  const store = createEmbeddedStore();
  const t = performance.now();
  await runImport(SYNTHETIC_MAPPING, store, { dataDir: data.dir, batchSize: 5000 });
  const loadSeconds = (performance.now() - t) / 1000;
  gc?.();
  gc?.();
  const m = process.memoryUsage();
  const stats = await store.stats();
  const out: ChildResult = {
    relationships: stats.totals.relationships,
    nodes: stats.totals.nodes,
    loadSeconds,
    rssBeforeMB: before / MB,
    rssMB: m.rss / MB,
    heapMB: m.heapUsed / MB,
    peakRssMB: process.resourceUsage().maxRSS / 1024,
  };
  console.log(`RESULT ${JSON.stringify(out)}`);
}

function main(): void {
  const rows: Record<string, unknown>[] = [];
  for (const size of SIZES) {
    syntheticData(size);
    console.log(`loading ${size.toLocaleString('en-US')} relationships into the embedded store in a fresh process...`);
    const r = spawnSync(
      process.execPath,
      ['--expose-gc', '--max-old-space-size=12000', '--import', 'tsx', import.meta.filename, '--child', String(size)],
      {
        encoding: 'utf8',
        maxBuffer: 64 * MB,
      },
    );
    const line = /RESULT (.*)/.exec(r.stdout ?? '');
    if (r.status !== 0 || !line) throw new Error(`child for ${size} failed:\n${r.stdout}\n${r.stderr}`);
    const c = JSON.parse(line[1]!) as ChildResult;
    const perM = 1e6 / c.relationships;
    rows.push({
      relationships: c.relationships,
      nodes: c.nodes,
      'load s': Number(c.loadSeconds.toFixed(1)),
      'load s per 1M rels': Number((c.loadSeconds * perM).toFixed(1)),
      'RSS MB (baseline)': Math.round(c.rssBeforeMB),
      'RSS MB': Math.round(c.rssMB),
      'heap MB': Math.round(c.heapMB),
      'peak RSS MB': Math.round(c.peakRssMB),
      'RSS MB per 1M rels (over baseline)': Math.round((c.rssMB - c.rssBeforeMB) * perM),
    });
    console.log(`  ${JSON.stringify(rows[rows.length - 1])}`);
  }
  writeResults(
    'memory',
    'Embedded store: memory (RSS) and load time per million relationships',
    [
      'relationships',
      'nodes',
      'load s',
      'load s per 1M rels',
      'RSS MB (baseline)',
      'RSS MB',
      'heap MB',
      'peak RSS MB',
      'RSS MB per 1M rels (over baseline)',
    ],
    rows,
    { loadAverage: loadavg(), scale: benchScale() },
  );
}

const i = process.argv.indexOf('--child');
if (i >= 0)
  child(Number(process.argv[i + 1])).catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
else main();

/**
 * Runs the app half of the client-render bench (bench/lib/appRender.ts) on three data sets, each
 * served by the real app: the seed (embedded store; the baseline, measured in the same run after a
 * warm-up), the NSF 2017 awards (embedded store, NSF only) and a ~100k-node synthetic ecosystem
 * bulk-loaded into a scratch Neo4j. Rows carry each figure and its ratio to the seed's.
 * Each data set is opened three times: on a cold server (started without its start-up warm: the first
 * request computes the overview), on a server restarted over the same store the way server/main.ts
 * starts it (LAYOUT_WARM: its warm runs meanwhile; a Neo4j store serves the overview answer it kept),
 * and on that server once its start-up warm is done (the steady state users meet).
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';
import { parseConfig } from '../../server/config';
import { createSeededEmbeddedStore } from '../../server/store/embedded';
import { createNeo4jStore } from '../../server/store/neo4j';
import type { GraphStore } from '../../server/store/store';
import { serve } from '../../test/helpers/app';
import { launchBrowser } from '../../test/helpers/browser';
import {
  SYNTHETIC_100K,
  neo4jUnavailableReason,
  nsfEmbeddedStore,
  nsfUnavailableReason,
  syntheticDir,
  syntheticNeo4j,
  syntheticOrg,
} from '../../test/helpers/datasets';
import { measureApp, type AppMeasure } from './appRender';

const ROOT = join(import.meta.dirname, '../..');
/** The Neo4j store's query timeout in the bench (BENCH_QUERY_TIMEOUT_MS; the app's default is 10 s). */
const QUERY_TIMEOUT_MS = process.env.BENCH_QUERY_TIMEOUT_MS ?? '120000';

export interface AppBench {
  rows: Record<string, unknown>[];
  measures: (AppMeasure & {
    loadS: number;
    storeNodes: number;
    /** a restarted server (LAYOUT_WARM), measured at once, then once its warm is done (warmS after start) */
    restarted: AppMeasure;
    warm: AppMeasure;
    warmS: number;
  })[];
  skipped: string[];
}

/** `BENCH_APP_SETS`: which data sets (default seed,nsf,synthetic100k; the seed always runs). */
const wanted = (process.env.BENCH_APP_SETS ?? 'seed,nsf,synthetic100k').split(',');

/** Waits (at most BENCH_LAYOUT_SETTLE_S, default 600 s) until the server's node layout is no longer pending. */
async function nodeLayoutSettled(url: string): Promise<void> {
  const t0 = performance.now();
  const limit = Number(process.env.BENCH_LAYOUT_SETTLE_S ?? 600) * 1000;
  while (performance.now() - t0 < limit) {
    const res = await fetch(`${url}/api/overview`);
    const body = (await res.json()) as { attributes?: { nodeLayout?: string } };
    if (body.attributes?.nodeLayout !== 'pending') {
      console.log(
        `node layout ${body.attributes?.nodeLayout} ${((performance.now() - t0) / 1000).toFixed(0)} s after the runs`,
      );
      return;
    }
    await new Promise((r) => setTimeout(r, 2000));
  }
  console.log(`node layout still pending after ${limit / 1000} s`);
}

export async function runAppBench(): Promise<AppBench> {
  console.log('building the client (dist/client)…');
  await build({ configFile: join(ROOT, 'client', 'vite.config.ts'), logLevel: 'warn' });
  const chromium = await launchBrowser();
  const measures: AppBench['measures'] = [];
  const skipped: string[] = [];
  const one = async (
    name: string,
    load: () => Promise<GraphStore>,
    probe: { query: string; id: string },
    runs = 1,
  ): Promise<void> => {
    let t = performance.now();
    const store = await load();
    const loadS = (performance.now() - t) / 1000;
    const storeNodes = (await store.stats()).totals.nodes;
    let running = await serve(store);
    try {
      const cold = await measureRuns(runs);
      // the cold server's node layout (started by its first overview) is let finish, and kept, as on a
      // server that has run a while: it would otherwise still run beside the restarted server
      await nodeLayoutSettled(running.url);
      await running.stop();
      // a restart over the same store, started as server/main.ts starts it (warm at start)
      const started = performance.now();
      running = await serve(store, { LAYOUT_WARM: 'true' });
      const warmed = running.warmed.then(() => (performance.now() - started) / 1000);
      const restarted = await measureRuns(1, ', restarted');
      const warmS = await warmed;
      console.log(`start-up warm done ${warmS.toFixed(1)} s after the start`);
      const warm = await measureRuns(1, ', warm');
      measures.push({ ...cold, loadS, storeNodes, restarted, warm, warmS });
    } catch (e) {
      console.log(`failed: ${(e as Error).message}`);
      skipped.push(`${name}: ${(e as Error).message}`);
    } finally {
      await running.stop();
      await store.close();
    }
    async function measureRuns(n: number, what = ''): Promise<AppMeasure> {
      let last: AppMeasure | undefined;
      for (let i = 0; i < n; i++) {
        process.stdout.write(`${name}${what}${n > 1 && i === 0 ? ' (warm-up)' : ''}: `);
        t = performance.now();
        const m = await measureApp(chromium, { name, url: running.url, ...probe });
        console.log(
          `first picture ${m.firstPictureMs.toFixed(0)} ms, ready ${m.readyMs.toFixed(0)} ms, usable ${m.usableMs.toFixed(0)} ms, expand${m.expandOf === 'neighbour' ? ' (a neighbour)' : ''} ${m.expandMs.toFixed(0)} ms (+${m.expandAdded}${m.expandError ? `, error: ${m.expandError}` : ''}), pan frame median ${m.panFrameMedianMs.toFixed(0)} ms, heap ${m.heapMiB.toFixed(0)} MiB`,
        );
        last = m;
      }
      return last!;
    }
  };
  try {
    await one('seed', () => createSeededEmbeddedStore(), { query: 'Jinfeng', id: 'jinfeng-laboratory' }, 2);
    if (wanted.includes('nsf')) {
      const why = nsfUnavailableReason();
      if (why) skipped.push(`nsf: ${why}`);
      else await one('NSF 2017 (embedded)', nsfEmbeddedStore, { query: 'univ of michigan', id: 'inst-33042925fb25' });
    }
    if (wanted.includes('synthetic100k')) {
      const why = neo4jUnavailableReason();
      if (why) skipped.push(`synthetic100k: ${why}`);
      else {
        const dir = syntheticDir(SYNTHETIC_100K);
        // a provincial department: well connected, so in the overview (Expand is there to time)
        const [id, name] = syntheticOrg(dir, 'GovernmentBody', 1);
        const home = join(ROOT, '.neo4j-bench-client');
        let neo: Awaited<ReturnType<typeof syntheticNeo4j>> | undefined;
        try {
          await one(
            'synthetic ~100k (Neo4j)',
            async () => {
              neo = await syntheticNeo4j(dir, home);
              console.log(`Neo4j started in ${neo.startS.toFixed(0)} s, bulk load ${neo.loadS.toFixed(0)} s`);
              // the overview query takes longer than the default 10 s on this machine: let it finish
              return createNeo4jStore(parseConfig({ NEO4J_URI: neo.uri, QUERY_TIMEOUT_MS: QUERY_TIMEOUT_MS }));
            },
            { query: name, id },
          );
        } finally {
          neo?.stop();
          rmSync(home, { recursive: true, force: true });
        }
      }
    }
  } finally {
    await chromium.close();
  }
  const base = measures[0]!;
  const ratio = (a: number, b: number) => (Number.isFinite(a) && b > 0 ? a / b : '');
  const rows = measures.map((m) => ({
    'data set': m.dataset,
    'store nodes': m.storeNodes,
    'view nodes / edges': `${m.viewNodes} / ${m.viewEdges}`,
    'first picture (ms)': m.firstPictureMs,
    'first picture ×seed': ratio(m.firstPictureMs, base.firstPictureMs),
    'first picture, restarted (ms)': m.restarted.firstPictureMs,
    'first picture, warm (ms)': m.warm.firstPictureMs,
    'first picture, warm ×seed warm': ratio(m.warm.firstPictureMs, base.warm.firstPictureMs),
    'usable, warm (ms)': m.warm.usableMs,
    'start-up warm (s)': m.warmS,
    'ready (ms)': m.readyMs,
    'usable (ms)': m.usableMs,
    'usable ×seed': ratio(m.usableMs, base.usableMs),
    'search + select (ms)': m.searchSelectMs,
    'expand (ms)': m.expandError ? `${m.expandMs.toFixed(0)} (error)` : m.expandMs,
    'expand added': m.expandAdded,
    'expand of': m.expandOf,
    'pan frame median / p95 (ms)': `${m.panFrameMedianMs.toFixed(0)} / ${m.panFrameP95Ms.toFixed(0)}`,
    'pan frame ×seed': ratio(m.panFrameMedianMs, base.panFrameMedianMs),
    'layout running while panning': m.layoutRunningWhilePanning ? 'yes' : 'no',
    'JS heap (MiB)': m.heapMiB,
    'heap ×seed': ratio(m.heapMiB, base.heapMiB),
    'graph answer (KiB / ms)': `${(m.graphBytes / 1024).toFixed(0)} / ${m.graphMs.toFixed(0)}`,
    'server layout (ms)': m.serverLayoutMs ?? 'n/a',
    'load (s)': m.loadS,
  }));
  return { rows, measures, skipped };
}

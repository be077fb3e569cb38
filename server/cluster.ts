/**
 * `npm run start:cluster`: the API in WORKERS processes (node:cluster) behind one port, so that one
 * machine's cores serve it. The API keeps no state between requests over Neo4j, so any worker can
 * answer any request; over the embedded store each worker loads its own copy (memory × WORKERS).
 * The primary forks the workers, starts a new one when a worker dies, and on SIGINT/SIGTERM stops
 * them (each closes its server and store) and exits. Each answer names its worker in the header
 * `x-innograph-worker`.
 */
import cluster, { type Worker } from 'node:cluster';
import { parseConfig, type Config } from './config';
import { start } from './main';

const STOP_TIMEOUT_MS = 15_000;
const RESTART_DELAY_MS = 1_000;

function primary(config: Config): void {
  const n = config.WORKERS;
  let stopping = false;
  let ready = 0;
  const started = new Set<number>();
  const fork = (): Worker => {
    const w = cluster.fork();
    w.on('message', (m: unknown) => {
      if (typeof m === 'object' && m !== null && 'ready' in m && typeof m.ready === 'string') {
        started.add(w.id);
        console.log(`worker ${w.id} (pid ${w.process.pid}) ready at ${m.ready}`);
        if (++ready === n) console.log(`Innograph: ${m.ready} (${n} workers)`);
      }
    });
    return w;
  };
  cluster.on('exit', (w, code, signal) => {
    if (stopping) return;
    if (!started.has(w.id)) {
      // it could not start (bad configuration, port in use, store unreachable): so would the next one
      console.error(`worker ${w.id} exited (${signal ?? `exit ${code}`}) before it was ready; stopping`);
      shutdown('SIGTERM', 1);
      return;
    }
    console.error(`worker ${w.id} (pid ${w.process.pid}) died (${signal ?? `exit ${code}`}); starting another`);
    setTimeout(() => {
      if (!stopping) fork();
    }, RESTART_DELAY_MS).unref();
  });
  for (let i = 0; i < n; i++) fork();

  function shutdown(signal: NodeJS.Signals, exitCode = 0): void {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping ${n} workers`);
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
    const exited = workers.map((w) => new Promise<void>((res) => (w.isDead() ? res() : w.once('exit', () => res()))));
    for (const w of workers) w.process.kill('SIGTERM');
    const force = setTimeout(() => {
      for (const w of workers) if (!w.isDead()) w.process.kill('SIGKILL');
    }, STOP_TIMEOUT_MS);
    void Promise.all(exited).then(() => {
      clearTimeout(force);
      process.exit(exitCode);
    });
  }
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

async function worker(config: Config): Promise<void> {
  const id = String(cluster.worker?.id ?? 0);
  const running = await start(config);
  running.server.prependListener('request', (_req, res) => res.setHeader('x-innograph-worker', id));
  process.send?.({ ready: running.url });
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    running.stop().then(
      () => process.exit(0),
      (e: unknown) => {
        console.error(`worker ${id}: shutdown failed: ${(e as Error).message}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

let config: Config;
try {
  config = parseConfig();
} catch (e) {
  console.error((e as Error).message);
  process.exit(2);
}
if (cluster.isPrimary) primary(config);
else
  worker(config).catch((e: unknown) => {
    console.error(`worker ${cluster.worker?.id ?? '?'} could not start: ${(e as Error).message}`);
    process.exit(1);
  });

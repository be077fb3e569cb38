/**
 * Starts and stops the server. `start` listens (port 0 in tests) and returns a handle whose `stop`
 * drains the HTTP server (see server/http/shutdown.ts; up to SHUTDOWN_GRACE_MS) and closes the store;
 * run directly, it serves the configured store and shuts down gracefully on SIGINT/SIGTERM (a second
 * signal exits at once).
 */
import type { AddressInfo } from 'node:net';
import { basename } from 'node:path';
import type { Server } from 'node:http';
import { createApp, createLogger } from './app';
import { parseConfig, shutdownGraceMs, type Config } from './config';
import { AppError } from './errors';
import { answerClientErrors } from './http/client-error';
import { drainer } from './http/shutdown';
import { createStore, seedsEmbedded } from './store';
import { OverviewService } from './overview/service';
import type { GraphStore } from './store/store';

export interface Running {
  url: string;
  port: number;
  server: Server;
  store: GraphStore;
  /** resolves when the start-up warm (LAYOUT_WARM: the default overview) is done, failed or off */
  warmed: Promise<void>;
  stop(): Promise<void>;
}

/** Listens on config.HOST:config.PORT with `store` (created from the config if not given). */
export async function start(config: Config, store?: GraphStore): Promise<Running> {
  const logger = createLogger(config);
  const s = store ?? (await createStore(config, (message, details) => logger.info(details ?? {}, message)));
  const overview = new OverviewService(s, config, logger);
  void s.warm?.().then((what) => logger.info(what));
  const warmed = config.LAYOUT_WARM
    ? overview.warm().catch((e: unknown) => logger.warn({ err: e }, 'the server layout could not be started'))
    : Promise.resolve();
  const app = createApp({ config, store: s, logger, overview });
  const server = await new Promise<Server>((resolve, reject) => {
    const srv = app.listen(config.PORT, config.HOST, () => resolve(srv));
    srv.once('error', reject);
  });
  const drain = drainer(server);
  answerClientErrors(server);
  server.requestTimeout = 60_000;
  server.headersTimeout = 20_000;
  server.keepAliveTimeout = 5_000;
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST}:${port}`;
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      const grace = shutdownGraceMs(config);
      logger.info({ inflight: drain.inflight, graceMs: grace }, 'draining: waiting for the requests in flight');
      const { cut } = await drain.drain(grace);
      if (cut) logger.warn({ graceMs: grace }, 'requests still running after the grace period were cut');
      if (!store) await s.close();
    })());
  return { url, port, server, store: s, warmed, stop };
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = parseConfig();
  } catch (e) {
    console.error((e as Error).message);
    process.exit(2);
  }
  const logger = createLogger(config);
  try {
    const running = await start(config);
    logger.info({ url: running.url, backend: running.store.backend }, `Innograph serving at ${running.url}`);
    const contents = [
      ...(seedsEmbedded(config) ? ['seed data'] : []),
      ...config.EMBEDDED_IMPORTS.map((i) => basename(i.mapping)),
    ];
    const where = config.NEO4J_URI ? ` at ${config.NEO4J_URI}` : `, ${contents.join(' + ') || 'empty'}`;
    console.log(`Innograph: ${running.url} (store: ${running.store.backend}${where})`);
    let signals = 0;
    const shutdown = (signal: string) => {
      if (++signals > 1) {
        logger.warn({ signal }, 'second signal: exiting without waiting');
        process.exit(1);
      }
      logger.info({ signal }, 'shutting down');
      running.stop().then(
        () => process.exit(0),
        (e: unknown) => {
          logger.error({ err: e }, 'shutdown failed');
          process.exit(1);
        },
      );
    };
    process.on('SIGINT', () => shutdown('SIGINT'));
    process.on('SIGTERM', () => shutdown('SIGTERM'));
  } catch (e) {
    logger.fatal({ err: e }, 'could not start');
    const hint = e instanceof AppError && e.hint ? `\n  hint: ${e.hint}` : '';
    console.error(`Innograph could not start: ${(e as Error).message}${hint}`);
    process.exit(1);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) void main();

/**
 * One-command development server for the client: the real Express app (server/app.ts) over the
 * embedded store loaded with the seed, with Vite's dev server (hot reload) mounted in front of it.
 *
 *   npx tsx client/dev/serve.ts            # http://127.0.0.1:5173
 *   PORT=8080 npx tsx client/dev/serve.ts
 *
 * Without --vite=false it serves the sources; with `--built` it serves dist/client instead (run
 * `npm run build:client` first).
 */
import { createServer as createHttpServer } from 'node:http';
import express from 'express';
import { createServer as createVite } from 'vite';
import { createApp } from '../../server/app';
import { parseConfig } from '../../server/config';
import { createSeededEmbeddedStore } from '../../server/store/embedded';

const port = Number(process.env.PORT ?? 5173);
const built = process.argv.includes('--built');
const config = parseConfig({
  ...process.env,
  PORT: String(port),
  SERVE_CLIENT: built ? 'true' : 'false',
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
});
const store = await createSeededEmbeddedStore();
const api = createApp({ config, store });

let handler: express.Express = api;
if (!built) {
  const vite = await createVite({
    configFile: new URL('../vite.config.ts', import.meta.url).pathname,
    server: { middlewareMode: true },
    appType: 'spa',
  });
  const app = express();
  app.use((req, res, next) => (req.url.startsWith('/api/') ? api(req, res, next) : vite.middlewares(req, res, next)));
  handler = app;
}
createHttpServer(handler).listen(port, '127.0.0.1', () => {
  console.log(
    `Innograph client (${built ? 'built' : 'dev'}) at http://127.0.0.1:${port} — embedded store with the seed`,
  );
});

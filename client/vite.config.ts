/**
 * Vite configuration of the exploration client: root client/, built into dist/client (which the
 * Express server serves at /). In development, `/api` is proxied to the API (see client/dev/serve.ts
 * for a one-command dev server with the embedded store).
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  publicDir: false,
  build: {
    outDir: fileURLToPath(new URL('../dist/client', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 1200,
  },
  worker: { format: 'es' },
  server: {
    proxy: { '/api': process.env.INNOGRAPH_API ?? 'http://127.0.0.1:3000' },
  },
});

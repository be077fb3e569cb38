/**
 * Graceful shutdown of the HTTP server: stop accepting, close idle keep-alive connections at once,
 * answer every request in flight (and any that arrives on a busy connection) with `Connection: close`
 * so that keep-alive clients get a clean close instead of a reset, wait for them up to a grace period,
 * then cut what is left.
 */
import type { Server, ServerResponse } from 'node:http';

export interface Drainer {
  /** requests being answered now */
  readonly inflight: number;
  /** resolves when every connection is closed; after `graceMs` the rest are cut */
  drain(graceMs: number): Promise<{ cut: boolean }>;
}

/** Tracks the server's requests (call before it serves any). */
export function drainer(server: Server): Drainer {
  const inflight = new Set<ServerResponse>();
  let draining = false;
  server.prependListener('request', (_req, res: ServerResponse) => {
    inflight.add(res);
    if (draining) res.setHeader('Connection', 'close');
    res.once('close', () => {
      inflight.delete(res);
      // a response that started before the drain kept its connection alive: close it once idle
      if (draining) setImmediate(() => server.closeIdleConnections());
    });
  });
  let done: Promise<{ cut: boolean }> | undefined;
  return {
    get inflight() {
      return inflight.size;
    },
    drain(graceMs) {
      return (done ??= new Promise((resolve) => {
        draining = true;
        let cut = false;
        const timer = setTimeout(() => {
          cut = true;
          server.closeAllConnections();
        }, graceMs);
        server.close(() => {
          clearTimeout(timer);
          resolve({ cut });
        });
        for (const res of inflight) if (!res.headersSent) res.setHeader('Connection', 'close');
        server.closeIdleConnections();
      }));
    },
  };
}

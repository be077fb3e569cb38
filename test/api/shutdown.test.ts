/**
 * Graceful shutdown of the real server process (tsx server/main.ts): on SIGTERM it stops accepting,
 * closes idle keep-alive connections cleanly (FIN, not a reset), answers the request in flight with a
 * real response and `Connection: close` even when it takes longer than the old 5 s cut, and exits 0
 * within SHUTDOWN_GRACE_MS; a request that outlasts the grace period is cut and the process still exits.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { connect, type Socket } from 'node:net';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const children: ChildProcess[] = [];

afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

/** Starts the server on a free port; resolves with its port and a promise of its exit. */
async function startServer(env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', resolve(ROOT, 'server/main.ts')], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', SERVE_CLIENT: 'false', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  const exited = new Promise<{ code: number | null; at: number }>((res) =>
    child.on('exit', (code) => res({ code, at: Date.now() })),
  );
  let out = '';
  const port = await new Promise<number>((res, rej) => {
    const t = setTimeout(() => rej(new Error(`no start within 30 s: ${out}`)), 30_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /Innograph: http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      if (m) {
        clearTimeout(t);
        res(Number(m[1]));
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
  });
  return { child, port, exited };
}

interface Conn {
  socket: Socket;
  /** everything received so far */
  data: () => string;
  /** resolves when the server closes the connection: 'end' (clean FIN) or the error code */
  closed: Promise<string>;
}

function open(port: number): Promise<Conn> {
  return new Promise((res, rej) => {
    const socket = connect(port, '127.0.0.1');
    let data = '';
    const closed = new Promise<string>((done) => {
      socket.on('end', () => done('end'));
      socket.on('error', (e: NodeJS.ErrnoException) => done(e.code ?? e.message));
    });
    socket.on('data', (d) => (data += d.toString()));
    socket.once('connect', () => res({ socket, data: () => data, closed }));
    socket.once('error', rej);
  });
}

async function until(check: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

const BODY = '{"query":"RETURN 1"}';
const slowHead = `POST /api/cypher HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nContent-Length: ${BODY.length}\r\n\r\n`;

describe('graceful shutdown of the server process', () => {
  it('answers the request in flight past 5 s, closes keep-alive connections cleanly, exits 0', async () => {
    const { child, port, exited } = await startServer();
    // an idle keep-alive connection that has served a request
    const idle = await open(port);
    idle.socket.write('GET /api/health HTTP/1.1\r\nHost: t\r\n\r\n');
    await until(() => idle.data().includes('"status":"ok"'));
    expect(idle.data()).toMatch(/keep-alive/i);
    // a slow client: headers and half of the body before SIGTERM
    const slow = await open(port);
    slow.socket.write(slowHead + BODY.slice(0, 8));
    await new Promise((r) => setTimeout(r, 300));

    const signalled = Date.now();
    child.kill('SIGTERM');
    expect(await idle.closed).toBe('end');
    // no new connections while draining
    const refused = await open(port).then(
      (c) => c.closed,
      (e: NodeJS.ErrnoException) => e.code,
    );
    expect(['ECONNREFUSED', 'ECONNRESET']).toContain(refused);

    await new Promise((r) => setTimeout(r, 6_500));
    expect(child.exitCode).toBe(null);
    slow.socket.write(BODY.slice(8));
    expect(await slow.closed).toBe('end');
    expect(slow.data()).toMatch(/^HTTP\/1\.1 501 /);
    expect(slow.data()).toMatch(/\r\nConnection: close\r\n/i);
    expect(slow.data()).toContain('"code":"NOT_SUPPORTED"');
    const { code, at } = await exited;
    expect(code).toBe(0);
    // default grace: the longest query timeout (10 s) + 5 s
    expect(at - signalled).toBeLessThan(15_000);
  }, 60_000);

  it('a request on a busy keep-alive connection during the drain gets Connection: close, not a reset', async () => {
    const { child, port, exited } = await startServer({ SHUTDOWN_GRACE_MS: '12000' });
    const conn = await open(port);
    conn.socket.write(slowHead + BODY.slice(0, 4));
    await new Promise((r) => setTimeout(r, 200));
    child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    // finish the request in flight and pipeline a second one on the same connection
    conn.socket.write(BODY.slice(4) + 'GET /api/health HTTP/1.1\r\nHost: t\r\n\r\n');
    expect(await conn.closed).toBe('end');
    const responses = conn.data().match(/HTTP\/1\.1 \d{3}/g) ?? [];
    expect(responses[0]).toBe('HTTP/1.1 501');
    expect(conn.data()).toMatch(/\r\nConnection: close\r\n/i);
    expect((await exited).code).toBe(0);
  }, 60_000);

  it('cuts a request that outlasts SHUTDOWN_GRACE_MS and still exits 0 in time', async () => {
    const { child, port, exited } = await startServer({
      QUERY_TIMEOUT_MS: '1000',
      CYPHER_TIMEOUT_MS: '1000',
      SHUTDOWN_GRACE_MS: '2000',
    });
    const stuck = await open(port);
    stuck.socket.write(slowHead);
    await new Promise((r) => setTimeout(r, 200));
    const signalled = Date.now();
    child.kill('SIGTERM');
    const { code, at } = await exited;
    expect(code).toBe(0);
    expect(at - signalled).toBeGreaterThanOrEqual(1_900);
    expect(at - signalled).toBeLessThan(5_000);
    expect(await stuck.closed).not.toBe('open');
  }, 60_000);

  it('refuses a grace period shorter than the longest query timeout at start-up', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', resolve(ROOT, 'server/main.ts')], {
      cwd: ROOT,
      env: { ...process.env, PORT: '0', SHUTDOWN_GRACE_MS: '3000', QUERY_TIMEOUT_MS: '10000' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((res) => child.on('exit', res));
    expect(code).toBe(2);
    expect(err).toMatch(/SHUTDOWN_GRACE_MS: must be at least the longest query timeout/);
  }, 30_000);
});

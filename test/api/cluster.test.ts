/**
 * server/cluster.ts (`npm run start:cluster`): WORKERS=2 processes behind one port (here over the
 * embedded seed, which each worker loads): both workers answer, with the same answers; a worker that
 * dies is replaced; SIGTERM to the primary stops every worker and exits 0.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');

/** GET with a fresh connection each time (no keep-alive), so the primary hands it to a worker anew. */
function get(url: string): Promise<{ status: number; worker: string; body: string }> {
  return new Promise((res, rej) => {
    const req = request(url, { agent: false, headers: { connection: 'close' } }, (r) => {
      let body = '';
      r.setEncoding('utf8');
      r.on('data', (d: string) => (body += d));
      r.on('end', () => res({ status: r.statusCode ?? 0, worker: String(r.headers['x-innograph-worker']), body }));
    });
    req.on('error', rej);
    req.end();
  });
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('npm run start:cluster (WORKERS=2)', () => {
  let child: ChildProcess;
  let out = '';
  let url = '';
  const waitFor = async (re: RegExp, ms = 120_000) => {
    const until = Date.now() + ms;
    while (!re.test(out)) {
      if (Date.now() > until) throw new Error(`no ${String(re)} in the cluster's output:\n${out}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    return re.exec(out)!;
  };
  const pids = () => [...out.matchAll(/worker \d+ \(pid (\d+)\) ready/g)].map((m) => Number(m[1]));

  beforeAll(async () => {
    child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'server/cluster.ts')], {
      cwd: ROOT,
      env: { ...process.env, WORKERS: '2', PORT: '0', SERVE_CLIENT: 'false', LOG_LEVEL: 'warn', NEO4J_URI: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    url = (await waitFor(/Innograph: (\S+) \(2 workers\)/))[1]!;
  }, 150_000);

  afterAll(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
    for (const pid of pids()) if (alive(pid)) process.kill(pid, 'SIGKILL');
  });

  it('serves from both workers on one port, with the same answers', async () => {
    const answers = await Promise.all(
      Array.from({ length: 40 }, () => get(`${url}/api/search?q=${encodeURIComponent('Shandong')}&limit=5`)),
    );
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(new Set(answers.map((a) => a.worker))).toEqual(new Set(['1', '2']));
    expect(new Set(answers.map((a) => a.body)).size).toBe(1);
    expect((JSON.parse(answers[0]!.body) as { items: unknown[] }).items.length).toBeGreaterThan(0);
  });

  it('replaces a worker that dies', async () => {
    const first = Number(/worker 1 \(pid (\d+)\) ready/.exec(out)![1]);
    process.kill(first, 'SIGKILL');
    await waitFor(/worker 3 \(pid \d+\) ready/);
    const answers = await Promise.all(Array.from({ length: 20 }, () => get(`${url}/api/health`)));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(new Set(answers.map((a) => a.worker))).toEqual(new Set(['2', '3']));
  }, 150_000);

  it('stops every worker on SIGTERM and exits 0', async () => {
    const exited = new Promise<number | null>((res) => child.once('exit', (code) => res(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    const live = pids().filter(alive);
    expect(live).toEqual([]);
    await expect(get(`${url}/api/health`)).rejects.toThrow();
  }, 60_000);
});

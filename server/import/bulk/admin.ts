/**
 * Neo4j's offline importer (`neo4j-admin database import full`) and the local Neo4j around it: where
 * NEO4J_URI points (the instance scripts/neo4j/neo4j.sh runs, or another one), stopping and starting
 * that instance, the importer's arguments for a set of CSV files, and running it from the jars the
 * launcher build already fetched (`java -cp … org.neo4j.cli.AdminTool`), with its progress.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AppError } from '../../errors';
import type { BulkFile } from './csvSink';

const ROOT = resolve(import.meta.dirname, '../../..');
const NEO4J_SH = join(ROOT, 'scripts/neo4j/neo4j.sh');
const TARGET = join(ROOT, 'scripts/neo4j/target');
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/** The Neo4j that scripts/neo4j/neo4j.sh runs: its state folder (store under `data/`) and Bolt port. */
export interface LocalNeo4j {
  homeDir: string;
  port: number;
}

/** Where a bulk import can go: the local instance, or elsewhere (then only the CSV files are written). */
export type Target = { local: LocalNeo4j } | { remote: string };

/** The state folder neo4j.sh uses for `env` (NEO4J_HOME_DIR, default <repo>/.neo4j). */
export const homeDirOf = (env: NodeJS.ProcessEnv): string => resolve(env.NEO4J_HOME_DIR ?? join(ROOT, '.neo4j'));

/**
 * Finds out whether `uri` is the Neo4j that neo4j.sh runs with NEO4J_HOME_DIR of `env`: a loopback
 * host and the port of the running instance. Otherwise says why not.
 */
export async function targetOf(uri: string, env: NodeJS.ProcessEnv = process.env): Promise<Target> {
  const url = new URL(uri.replace(/^[a-z0-9+]+:\/\//, 'http://'));
  const port = url.port ? Number(url.port) : 7687;
  if (!LOOPBACK.has(url.hostname))
    return { remote: `${url.hostname} is not this machine: neo4j-admin must run where the database files are` };
  const homeDir = homeDirOf(env);
  const r = await neo4jSh('status', { homeDir, port }, env, true);
  const m = /^running \(pid \d+[^)]*\) bolt:\/\/[^:]+:(\d+)/m.exec(r.stdout);
  if (!m)
    return {
      remote: `no Neo4j started by scripts/neo4j/neo4j.sh runs with NEO4J_HOME_DIR=${homeDir} (set NEO4J_HOME_DIR to the state folder of the instance at ${uri})`,
    };
  if (Number(m[1]) !== port)
    return {
      remote: `the Neo4j of NEO4J_HOME_DIR=${homeDir} listens on port ${m[1]}, not on ${port} of NEO4J_URI`,
    };
  return { local: { homeDir, port } };
}

/** Runs `neo4j.sh start|stop|status` for the instance; rejects with its output when it fails. */
export function neo4jSh(
  command: 'start' | 'stop' | 'status',
  local: LocalNeo4j,
  env: NodeJS.ProcessEnv = process.env,
  allowFailure = false,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((res, rej) => {
    const child = spawn('bash', [NEO4J_SH, command], {
      env: { ...env, NEO4J_HOME_DIR: local.homeDir, NEO4J_BOLT_PORT: String(local.port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', rej);
    child.on('close', (code) => {
      if (code === 0 || allowFailure) res({ code: code ?? 1, stdout, stderr });
      else
        rej(
          new AppError('STORE_UNAVAILABLE', 503, `scripts/neo4j/neo4j.sh ${command} failed (exit ${code}): ${stderr}`, {
            where: NEO4J_SH,
            hint: `see ${join(local.homeDir, 'launcher.log')}`,
          }),
        );
    });
  });
}

/** Settings of one neo4j-admin run. */
export interface AdminSettings {
  database: string;
  arrayDelimiter: string;
  /** --max-off-heap-memory, e.g. 2g */
  memory: string;
}

const codePoint = (c: string) => `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;

/** The arguments after `neo4j-admin database import full`, with file names relative to the CSV folder. */
export function adminArgs(files: BulkFile[], s: AdminSettings): string[] {
  const args = [
    s.database,
    '--id-type=string',
    `--array-delimiter=${codePoint(s.arrayDelimiter)}`,
    `--max-off-heap-memory=${s.memory}`,
    '--report-file=import.report',
  ];
  const multiline = files.filter((f) => f.multiline).map((f) => f.name);
  if (multiline.length > 0) args.push('--multiline-fields-format=v2', `--multiline-fields=${multiline.join(',')}`);
  for (const f of files)
    args.push(
      f.what === 'nodes' ? `--nodes=${f.labels.join(':')}=${f.name}` : `--relationships=${f.labels[0]}=${f.name}`,
    );
  return args;
}

/** The command to run on the server that holds the database, from inside the CSV folder. */
export function printableCommand(dir: string, args: string[]): string {
  const q = (a: string) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`);
  return [`cd ${q(dir)} &&`, 'neo4j-admin database import full', ...args.map(q)].join(' \\\n  ');
}

/** What neo4j-admin reports while it runs: the step and its percentage. */
export interface AdminProgress {
  step: string;
  percent: number;
}

/** The java binary neo4j.sh would use. */
export function javaBin(env: NodeJS.ProcessEnv = process.env): string {
  return env.JAVA_HOME && existsSync(join(env.JAVA_HOME, 'bin/java')) ? join(env.JAVA_HOME, 'bin/java') : 'java';
}

/** The launcher's classpath (neo4j.sh builds it on its first start). */
export function adminClasspath(): string {
  const cp = join(TARGET, 'classpath.txt');
  if (!existsSync(cp))
    throw new AppError('INTERNAL', 500, `no ${cp}: the Neo4j jars have not been fetched`, {
      hint: 'run `npm run neo4j:start` once (it builds scripts/neo4j with Maven)',
    });
  return `${join(TARGET, 'classes')}:${readFileSync(cp, 'utf8').trim()}`;
}

/**
 * Runs neo4j-admin's full import in `dir` (where the CSV files are) into the store of `local`, which
 * must be stopped. NEO4J_HOME is a scratch folder in `dir` whose neo4j.conf points the data directory
 * at the instance's. Resolves with the importer's output; rejects with its last lines when it fails.
 */
export function runAdmin(
  dir: string,
  args: string[],
  local: LocalNeo4j,
  onProgress?: (p: AdminProgress) => void,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string> {
  const home = join(dir, '.neo4j-admin');
  mkdirSync(join(home, 'conf'), { recursive: true });
  writeFileSync(join(home, 'conf/neo4j.conf'), `server.directories.data=${join(local.homeDir, 'data')}\n`);
  const jvm = [
    '-Xms256m',
    `-Xmx${env.NEO4J_HEAP ?? '1g'}`,
    '-XX:+UseG1GC',
    '-XX:+ExitOnOutOfMemoryError',
    '--add-opens=java.base/java.nio=ALL-UNNAMED',
    '--add-opens=java.base/java.io=ALL-UNNAMED',
    '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
    '--add-opens=java.base/java.lang=ALL-UNNAMED',
  ];
  const cmd = [...jvm, '-cp', adminClasspath(), 'org.neo4j.cli.AdminTool', 'database', 'import', 'full', ...args];
  return new Promise((res, rej) => {
    const child = spawn(javaBin(env), cmd, {
      cwd: dir,
      env: { ...env, NEO4J_HOME: home, NEO4J_CONF: join(home, 'conf') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let step = 'starting';
    let pending = '';
    const onData = (d: Buffer) => {
      const text = d.toString();
      out += text;
      pending += text;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const head = /^([A-Z][a-zA-Z ]+?)\s+\d{4}-\d\d-\d\d /.exec(line);
        if (head) step = head[1]!;
        const pct = /\s(\d{1,3})% ∆/.exec(line);
        if (pct) onProgress?.({ step, percent: Number(pct[1]) });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', (e) =>
      rej(
        new AppError('INTERNAL', 500, `cannot run ${javaBin(env)}: ${e.message}`, {
          hint: 'install a Java 17+ JDK (as for npm run neo4j:start) or set JAVA_HOME',
        }),
      ),
    );
    child.on('close', (code) => {
      if (code === 0 && /IMPORT DONE/.test(out)) res(out);
      else
        rej(
          new AppError(
            'INTERNAL',
            500,
            `neo4j-admin import failed (exit ${code}):\n${out.split('\n').slice(-25).join('\n')}`,
            {
              where: dir,
              hint: `the CSV files and import.report are in ${dir}`,
            },
          ),
        );
    });
  });
}

/**
 * Global test set-up: provides a real Neo4j to the suites that need one.
 * - NEO4J_TEST_URI set: use that server (its database is cleared by the tests!).
 * - otherwise: start the project's own embedded Neo4j (scripts/neo4j/neo4j.sh) on port 7688 with
 *   its data under .neo4j-test/, apart from the one `npm run neo4j:start` serves, and stop it after.
 * When no Neo4j can be had, the Neo4j suites are skipped with a message, except with CI=true,
 * where the run fails. The Neo4j home dir (its neo4j.pid, for the chaos suite that kills Neo4j) is
 * provided too: the one started here, or NEO4J_TEST_HOME with NEO4J_TEST_URI (.ci/run sets both).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    neo4jUri: string | null;
    neo4jWhy: string;
    neo4jHome: string | null;
  }
}

const ROOT = resolve(import.meta.dirname, '../..');
const SCRIPT = join(ROOT, 'scripts/neo4j/neo4j.sh');
const TEST_PORT = process.env.NEO4J_TEST_PORT ?? '7688';
const TEST_HOME = join(ROOT, TEST_PORT === '7688' ? '.neo4j-test' : `.neo4j-test-${TEST_PORT}`);

const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;

export default function setup(project: TestProject) {
  const ci = process.env.CI === 'true';
  let started = false;
  let uri: string | null = process.env.NEO4J_TEST_URI ?? null;
  let why = '';
  if (!uri) {
    if (process.env.SKIP_NEO4J === '1' && !ci) why = 'SKIP_NEO4J=1';
    else if (!has('java') || !has('mvn')) why = 'java or mvn not found (needed to run the embedded Neo4j)';
    else {
      const env = { ...process.env, NEO4J_BOLT_PORT: TEST_PORT, NEO4J_HOME_DIR: TEST_HOME };
      const r = spawnSync('bash', [SCRIPT, 'start'], { env, encoding: 'utf8', timeout: 600_000 });
      const m = /NEO4J_URI=(\S+)/.exec(r.stdout ?? '');
      if (r.status === 0 && m) {
        uri = m[1]!;
        started = true;
      } else why = `scripts/neo4j/neo4j.sh start failed:\n${r.stdout}\n${r.stderr}`;
    }
  }
  if (!uri && ci) throw new Error(`CI=true and no Neo4j for the Neo4j suites: ${why}`);
  if (!uri) console.warn(`\n[innograph] Neo4j suites will be SKIPPED: ${why}\n`);
  project.provide('neo4jUri', uri);
  project.provide('neo4jWhy', why);
  project.provide('neo4jHome', started ? TEST_HOME : (process.env.NEO4J_TEST_HOME ?? null));
  return () => {
    if (started)
      execFileSync('bash', [SCRIPT, 'stop'], {
        env: { ...process.env, NEO4J_BOLT_PORT: TEST_PORT, NEO4J_HOME_DIR: TEST_HOME },
        stdio: 'inherit',
      });
  };
}

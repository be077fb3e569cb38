/**
 * Helpers for suites that need the real Neo4j provided by test/setup/neo4j.ts.
 * `describeNeo4j` runs the suite when a Neo4j is there; without one it is skipped with the reason
 * (never in CI, where the global set-up fails instead).
 */
import { describe, inject } from 'vitest';

export const neo4jUri = (): string | null => inject('neo4jUri');

/** The test Neo4j's home dir (neo4j.pid, supervisor.pid), when known. */
export const neo4jHome = (): string | null => inject('neo4jHome');

/** `describe` for suites that need Neo4j. */
export function describeNeo4j(name: string, fn: () => void): void {
  const uri = neo4jUri();
  if (uri) describe(name, fn);
  else describe.skip(`${name} (skipped: ${inject('neo4jWhy')})`, fn);
}

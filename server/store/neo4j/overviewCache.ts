/**
 * The Neo4j store's cache of computed overview answers (server/overview/service.ts): gzipped JSON on
 * nodes of their own (:InnographCache, cypher/queries/overview-cache-*.cypher), per data version and
 * overview parameters, so a restarted server on unchanged data answers /api/overview without reading
 * the whole graph again. Every write through the store drops them (the data changed).
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import type { CypherRunner } from '../../neo4j/run';

/** answers kept per data version (the overview's parameters are the user's: a bound on what they cost) */
const MAX_ANSWERS = 32;

export class Neo4jOverviewCache {
  constructor(private readonly runner: CypherRunner) {}

  async read(key: string, version: string): Promise<unknown> {
    const [row] = await this.runner.read('overview-cache-read', { key, version });
    if (typeof row?.answer !== 'string') return undefined;
    try {
      return JSON.parse(gunzipSync(Buffer.from(row.answer, 'base64')).toString('utf8')) as unknown;
    } catch {
      return undefined; // unreadable: computed again
    }
  }

  async write(key: string, version: string, answer: unknown): Promise<void> {
    const packed = gzipSync(JSON.stringify(answer)).toString('base64');
    await this.runner.write('overview-cache-write', { key, version, answer: packed, max: MAX_ANSWERS });
  }

  async drop(): Promise<void> {
    await this.runner.write('overview-cache-drop');
  }
}

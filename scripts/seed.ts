/**
 * Loads the curated seed into Neo4j (`npm run seed`): reads the configuration (NEO4J_URI required),
 * applies cypher/schema.cypher, upserts `readSeed()` with `upsertGraph` and prints what was created
 * and updated and the totals by label and relationship type. Running it twice changes nothing.
 * Exits 1 with a clear message on any error (2 when the configuration is missing or wrong).
 */
import { parseConfig, type Config } from '../server/config';
import { readSeed } from '../server/data/seed';
import { AppError } from '../server/errors';
import { ORG_LABEL, isOrgKind } from '../server/model/model';
import type { RecordIssue } from '../server/model/validate';
import { createNeo4jStore } from '../server/store/neo4j';

function table(title: string, rows: [string, number][]): void {
  console.log(`${title}:`);
  const width = Math.max(0, ...rows.map(([k]) => k.length));
  for (const [k, n] of rows) console.log(`  ${k.padEnd(width)}  ${String(n).padStart(6)}`);
}

function describeError(e: unknown): string {
  if (!(e instanceof AppError)) return e instanceof Error ? e.message : String(e);
  const lines = [`${e.code}: ${e.message}`];
  if (Array.isArray(e.details))
    for (const i of e.details as RecordIssue[]) lines.push(`  - ${i.record} [${i.field}] ${i.message}`);
  if (e.hint) lines.push(`hint: ${e.hint}`);
  return lines.join('\n');
}

async function main(): Promise<number> {
  let config: Config;
  try {
    config = parseConfig();
  } catch (e) {
    console.error((e as Error).message);
    return 2;
  }
  if (!config.NEO4J_URI) {
    console.error(
      'NEO4J_URI is not set: there is no Neo4j to load the seed into.\n' +
        'Run `npm run neo4j:start` first, then set NEO4J_URI to the URI it prints, e.g.\n' +
        '  NEO4J_URI=bolt://127.0.0.1:7687 npm run seed',
    );
    return 2;
  }
  const store = createNeo4jStore(config);
  try {
    await store.ping();
    const seed = readSeed();
    console.log(`seed: ${seed.nodes.length} nodes, ${seed.relationships.length} relationships`);
    await store.applySchema();
    console.log('schema applied (constraints, full-text and lookup indexes)');
    const t0 = Date.now();
    const c = await store.upsertGraph(seed);
    console.log(`loaded into ${config.NEO4J_URI} (database ${config.NEO4J_DATABASE}) in ${Date.now() - t0} ms`);
    table('written', [
      ['nodes created', c.nodesCreated],
      ['nodes updated', c.nodesUpdated],
      ['relationships created', c.relationshipsCreated],
      ['relationships updated', c.relationshipsUpdated],
    ]);
    if (c.missingEndpoints.length > 0)
      console.warn(`relationships not written (an end is missing): ${c.missingEndpoints.join(', ')}`);
    const stats = await store.stats();
    const labels = Object.entries(stats.nodes);
    const orgs = labels.filter(([k]) => isOrgKind(k)).reduce((s, [, n]) => s + n, 0);
    table('nodes by label', [...labels, [ORG_LABEL, orgs] as [string, number]]);
    table('relationships by type', Object.entries(stats.relationships));
    console.log(`total: ${stats.totals.nodes} nodes, ${stats.totals.relationships} relationships`);
    return c.missingEndpoints.length > 0 ? 1 : 0;
  } catch (e) {
    console.error(`seeding failed:\n${describeError(e)}`);
    return 1;
  } finally {
    await store.close().catch(() => undefined);
  }
}

process.exit(await main());

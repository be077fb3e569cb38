/**
 * Chooses the store from the config: Neo4j when NEO4J_URI is set, else the embedded graphology store,
 * loaded with the curated seed unless SEED_EMBEDDED=false, then with the data sets of EMBEDDED_IMPORTS
 * through the importer (the path of `npm run import`).
 */
import type { Config } from '../config';
import { readSeed } from '../data/seed';
import { runImport } from '../import/importer';
import { createEmbeddedStore } from './embedded';
import { createNeo4jStore } from './neo4j';
import type { GraphStore } from './store';

/** Where start-up progress goes (the server's logger). */
export type StartupLog = (message: string, details?: Record<string, unknown>) => void;

/** Creates the store the config asks for, ready to serve. */
export async function createStore(config: Config, log: StartupLog = () => undefined): Promise<GraphStore> {
  if (config.NEO4J_URI) return createNeo4jStore(config);
  const store = createEmbeddedStore();
  if (config.SEED_EMBEDDED) await store.upsertGraph(readSeed());
  for (const { mapping, dataDir } of config.EMBEDDED_IMPORTS) {
    const s = await runImport(mapping, store, { dataDir, rejectsPath: null });
    log(`imported ${mapping} into the embedded store`, {
      rows: s.rowsRead,
      nodes: s.nodes.records,
      relationships: s.relationships.records,
      rejects: s.rejects.count,
      warnings: s.warnings.count,
      seconds: Math.round(s.durationMs / 100) / 10,
      ...(s.rejects.count > 0 ? { hint: `npm run import -- ${mapping} --dry-run lists the rejects` } : {}),
    });
  }
  return store;
}

/**
 * Chooses the store from the config: Neo4j when NEO4J_URI is set, else the embedded graphology store,
 * loaded with the curated seed (`seedsEmbedded`), then with the data sets of EMBEDDED_IMPORTS through
 * the importer (the path of `npm run import`).
 */
import type { Config } from '../config';
import { readSeed } from '../data/seed';
import { importEmbedded } from '../import/embedded';
import { createEmbeddedStore } from './embedded';
import { createNeo4jStore } from './neo4j';
import type { GraphStore } from './store';

/** Where start-up progress goes (the server's logger). */
export type StartupLog = (message: string, details?: Record<string, unknown>) => void;

/**
 * Whether the embedded store loads the seed: SEED_EMBEDDED when set, else only when there is nothing
 * to import (your own data is not mixed with the seed unless asked).
 */
export const seedsEmbedded = (config: Pick<Config, 'SEED_EMBEDDED' | 'EMBEDDED_IMPORTS'>): boolean =>
  config.SEED_EMBEDDED ?? config.EMBEDDED_IMPORTS.length === 0;

/** Creates the store the config asks for, ready to serve. */
export async function createStore(config: Config, log: StartupLog = () => undefined): Promise<GraphStore> {
  if (config.NEO4J_URI) return createNeo4jStore(config);
  const store = createEmbeddedStore(config.LAYOUT_CACHE_DIR);
  if (seedsEmbedded(config)) await store.upsertGraph(readSeed());
  await importEmbedded(store, config.EMBEDDED_IMPORTS, config.IMPORT_REPORT_DIR, log);
  return store;
}

/**
 * Chooses the store from the config: Neo4j when NEO4J_URI is set, else the embedded graphology store,
 * loaded with the curated seed unless SEED_EMBEDDED=false.
 */
import type { Config } from '../config';
import { readSeed } from '../data/seed';
import { createEmbeddedStore } from './embedded';
import { createNeo4jStore } from './neo4j';
import type { GraphStore } from './store';

/** Creates the store the config asks for, ready to serve. */
export async function createStore(config: Config): Promise<GraphStore> {
  if (config.NEO4J_URI) return createNeo4jStore(config);
  const store = createEmbeddedStore();
  if (config.SEED_EMBEDDED) await store.upsertGraph(readSeed());
  return store;
}

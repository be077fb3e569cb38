/**
 * The embedded graphology store (backend 'embedded'): `createEmbeddedStore()` for an empty one,
 * `createSeededEmbeddedStore()` for one loaded with the curated seed.
 */
import { readSeed } from '../../data/seed';
import type { GraphStore } from '../store';
import { createEmbeddedStore } from './store';

export { createEmbeddedStore };

/** An embedded store loaded with `readSeed()` (or the seed folder given). */
export async function createSeededEmbeddedStore(seedDir?: string): Promise<GraphStore> {
  const store = createEmbeddedStore();
  await store.upsertGraph(readSeed(seedDir));
  return store;
}

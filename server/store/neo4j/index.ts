/**
 * The Neo4j store: `createNeo4jStore(config)` (see store.ts) and the Cypher guard of its read-only
 * Cypher endpoint.
 */
export { createNeo4jStore, type Neo4jStoreOptions } from './store';
export { guardCypher, ALLOWED_PROCEDURES } from './cypherGuard';

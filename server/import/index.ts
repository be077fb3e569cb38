/**
 * The declarative importer's public face: `runImport` (one mapping into a store), `importAll` (several
 * mappings in order, e.g. into the embedded store at start-up), the mapping loader and the report types.
 */
import type { GraphStore } from '../store/store';
import { runImport, type ImportOptions } from './importer';
import type { ImportSummary } from './report';

export { runImport, type ImportOptions } from './importer';
export { loadMapping, parseMapping, dataDirOf, type Mapping, type LoadedMapping } from './mapping';
export { formatSummary, type ImportSummary, type Reject, type WarningGroup } from './report';

/**
 * Imports each mapping in turn into `store` and returns their summaries. Meant for the embedded store
 * at start-up (e.g. from a comma-separated list of mapping paths in the environment), so that it takes
 * the same data as `npm run import` gives Neo4j. `log` receives a one-line summary per mapping.
 */
export async function importAll(
  store: GraphStore,
  mappingPaths: string[],
  options: Omit<ImportOptions, 'dryRun'> = {},
  log: (line: string) => void = () => {},
): Promise<ImportSummary[]> {
  const out: ImportSummary[] = [];
  for (const path of mappingPaths) {
    const s = await runImport(path, store, options);
    log(
      `imported ${s.mapping}: ${s.nodes.records} nodes, ${s.relationships.records} relationships, ${s.rejects.count} rejects, ${s.warnings.count} warnings in ${(s.durationMs / 1000).toFixed(1)} s`,
    );
    out.push(s);
  }
  return out;
}

/**
 * Data sets, the same in both stores (SEMANTICS.md "Data sets"): every node and relationship records
 * the data set it was loaded from in its `dataset` property ("seed", or the import mapping's name);
 * records without one are "unassigned". This module builds the `/api/datasets` answer from counts and
 * Source nodes, and holds the `datasets=` filter of the graph endpoints.
 */
import type { DatasetInfo, DatasetsResult } from '../api/schemas';
import { SEED_DATASET } from '../model/model';
import { byString } from './common';

/** The data set name of records stored without one. */
export const UNASSIGNED = 'unassigned';

/** The data set of a stored node or relationship. */
export const datasetOf = (props: Record<string, unknown>): string =>
  typeof props.dataset === 'string' ? props.dataset : UNASSIGNED;

/** A test of the `datasets=` filter: true for every record when no data sets are named. */
export function datasetFilter(datasets: readonly string[] | undefined): (props: Record<string, unknown>) => boolean {
  if (!datasets || datasets.length === 0) return () => true;
  const wanted = new Set(datasets);
  return (props) => wanted.has(datasetOf(props));
}

/** What a store counts per data set. */
export interface DatasetCounts {
  nodes: Map<string, number>;
  relationships: Map<string, number>;
  /** the stored properties of every Source node */
  sources: Record<string, unknown>[];
}

const SEED_TITLE = 'Curated seed: Chinese innovation finance, every fact quoted from its source';
const optional = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);

/** The `/api/datasets` answer from a store's counts: every data set with a node or a relationship, by name. */
export function buildDatasets(c: DatasetCounts): DatasetsResult {
  const names = new Set([...c.nodes.keys(), ...c.relationships.keys()]);
  const datasets = [...names].sort(byString).map((name): DatasetInfo => {
    const sources = c.sources.filter((s) => datasetOf(s) === name).sort((a, b) => byString(String(a.id), String(b.id)));
    const own = sources.find((s) => s.id === name);
    const origin = name === SEED_DATASET ? 'seed' : name === UNASSIGNED ? 'unknown' : 'import';
    const title =
      optional(own?.title) ??
      optional(own?.name) ??
      (origin === 'seed' ? SEED_TITLE : sources.length === 1 ? String(sources[0]!.title ?? sources[0]!.name) : name);
    return {
      name,
      title,
      origin,
      nodes: c.nodes.get(name) ?? 0,
      relationships: c.relationships.get(name) ?? 0,
      sources: sources.map((s) => ({
        id: String(s.id),
        name: String(s.name),
        ...(optional(s.title) ? { title: optional(s.title) } : {}),
        ...(optional(s.publisher) ? { publisher: optional(s.publisher) } : {}),
        ...(optional(s.url) ? { url: optional(s.url) } : {}),
      })),
    };
  });
  return { datasets };
}

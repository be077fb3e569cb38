/**
 * Reads the curated seed (`seed/data/*.yaml`, each with `nodes:` and/or `relationships:` lists) and
 * validates it as one graph. Also checks provenance: every quote must occur verbatim in the text of
 * the Source it names (the Source's `path`, relative to the repository root).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { ValidationError } from '../errors';
import { SEED_DATASET, type GraphData } from '../model/model';
import { validateGraph, type RawRecord, type RecordIssue } from '../model/validate';

export const REPO_ROOT = resolve(import.meta.dirname, '../..');
export const SEED_DIR = join(REPO_ROOT, 'seed', 'data');

/** Reads and validates every YAML file of a seed folder (sorted by name) as one graph. */
export function readSeed(dir: string = SEED_DIR): GraphData {
  const nodes: RawRecord[] = [];
  const relationships: RawRecord[] = [];
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
    .sort();
  for (const file of files) {
    const rel = `seed/data/${file}`;
    let doc: unknown;
    try {
      doc = parse(readFileSync(join(dir, file), 'utf8'));
    } catch (e) {
      throw new ValidationError(`${rel}: not valid YAML: ${(e as Error).message}`, { where: rel, cause: e });
    }
    const d = (doc ?? {}) as { nodes?: unknown; relationships?: unknown };
    for (const [key, into] of [
      ['nodes', nodes],
      ['relationships', relationships],
    ] as const) {
      const list = d[key];
      if (list === undefined) continue;
      if (!Array.isArray(list))
        throw new ValidationError(`${rel}: "${key}" must be a list`, { where: rel, hint: `write ${key}: [ ... ]` });
      list.forEach((value: unknown, i) => into.push({ where: `${rel}#${key}[${i}]`, value }));
    }
  }
  const graph = validateGraph(nodes, relationships);
  // every seed record belongs to the seed data set (a record may name another)
  for (const r of [...graph.nodes, ...graph.relationships]) r.dataset ??= SEED_DATASET;
  return graph;
}

/** Returns every quote that does not occur verbatim in its Source's text. */
export function checkQuotes(graph: GraphData, root: string = REPO_ROOT): RecordIssue[] {
  const texts = new Map<string, string>();
  for (const n of graph.nodes)
    if (n.kind === 'Source' && n.path) texts.set(n.id, readFileSync(join(root, n.path), 'utf8'));
  const issues: RecordIssue[] = [];
  for (const rec of [...graph.nodes, ...graph.relationships]) {
    rec.sources.forEach((s, i) => {
      const text = texts.get(s.source);
      if (text === undefined)
        issues.push({ record: rec.id, field: `sources.${i}.source`, message: `Source "${s.source}" has no text file` });
      else if (!text.includes(s.quote))
        issues.push({
          record: rec.id,
          field: `sources.${i}.quote`,
          message: `quote not found verbatim: "${s.quote.slice(0, 80)}"`,
        });
    });
  }
  return issues;
}

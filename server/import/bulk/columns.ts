/**
 * The columns of neo4j-admin's CSV files, derived from the zod model: per node kind and relationship
 * type, every stored property (as `toNeo4jNode` / `toStoredRel` store it: `sources` flattened into
 * `sourceIds` and `sourceQuotes`) with its CSV type. Numbers are `long` or `double` per value, as
 * neo4j-driver stores them (a safe integer is an INTEGER, anything else a FLOAT), so a file group of
 * a kind is chosen by which of its number columns hold doubles.
 */
import type { z } from 'zod';
import { Node, Relationship } from '../../model/model';

/** A column's type before the long / double choice. */
export type ColumnKind = 'string' | 'number' | 'boolean' | 'string[]';

export interface Column {
  name: string;
  kind: ColumnKind;
}

interface Def {
  type: string;
  innerType?: z.ZodType;
  element?: z.ZodType;
  values?: unknown[];
}

const defOf = (t: z.ZodType): Def => (t as unknown as { def: Def }).def;

/** The CSV column kind of one zod field (optional / default unwrapped). */
export function columnKind(t: z.ZodType, where: string): ColumnKind {
  let d = defOf(t);
  while ((d.type === 'optional' || d.type === 'default' || d.type === 'prefault') && d.innerType)
    d = defOf(d.innerType);
  switch (d.type) {
    case 'string':
    case 'enum':
      return 'string';
    case 'literal':
      if ((d.values ?? []).every((v) => typeof v === 'string')) return 'string';
      break;
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'array':
      if (d.element && columnKind(d.element, where) === 'string') return 'string[]';
      break;
  }
  throw new Error(`bulk import: the model field ${where} (zod ${d.type}) has no neo4j-admin CSV type`);
}

const PROVENANCE: Column[] = [
  { name: 'sourceIds', kind: 'string[]' },
  { name: 'sourceQuotes', kind: 'string[]' },
];

function columnsOf(shape: Record<string, z.ZodType>, skip: Set<string>, what: string): Column[] {
  const cols: Column[] = [];
  for (const [name, t] of Object.entries(shape))
    if (!skip.has(name)) cols.push({ name, kind: columnKind(t, `${what}.${name}`) });
  return [...cols, ...PROVENANCE];
}

/** Node properties the store derives rather than the model declares (`toNeo4jNode`: search acronyms and names). */
const DERIVED_NODE: Column[] = [
  { name: 'acronyms', kind: 'string[]' },
  { name: 'searchNames', kind: 'string[]' },
];

/** Columns of each node kind after `id` (the `id:ID` column), in a fixed order. */
export const NODE_COLUMNS: ReadonlyMap<string, Column[]> = new Map(
  Node.options.map((o) => [
    o.shape.kind.value,
    [
      ...columnsOf(o.shape as Record<string, z.ZodType>, new Set(['id', 'sources']), o.shape.kind.value),
      ...DERIVED_NODE,
    ],
  ]),
);

/** Columns of each relationship type after `:START_ID,:END_ID`, `id` first. */
export const REL_COLUMNS: ReadonlyMap<string, Column[]> = new Map(
  Relationship.options.map((o) => [
    o.shape.type.value,
    columnsOf(
      o.shape as Record<string, z.ZodType>,
      new Set(['type', 'source', 'target', 'sources']),
      o.shape.type.value,
    ),
  ]),
);

/**
 * Checks the constants of a mapping against the model when the mapping loads: a constant node kind
 * (`kind: VentureFirm`), the kinds a `cases` or `map` can produce, and constant property values
 * (enum values such as `qualifier`, `instrument`, `level`, formats such as `currency: usd`). A wrong
 * constant would otherwise reject every row of the run.
 */
import type { z } from 'zod';
import { NODE_KINDS, Node, Relationship } from '../model/model';
import type { Mapping, PipeStep, ValueSpec } from './mapping';

export interface ConstantIssue {
  /** path in the mapping, e.g. `files.0.nodes.1.kind` */
  field: string;
  message: string;
}

const NODE_SCHEMAS = new Map<string, z.ZodObject>(Node.options.map((o) => [o.shape.kind.value, o]));
const REL_SCHEMAS = new Map<string, z.ZodObject>(Relationship.options.map((o) => [o.shape.type.value, o]));
const PLACEHOLDER = /\{[^}]*\}/;

type Constant = { value: string | number | boolean; path: string };

/** The constants a value can produce verbatim, with their paths below `path`. */
function constantsOf(spec: ValueSpec, path: string): Constant[] {
  if (typeof spec === 'number' || typeof spec === 'boolean') return [{ value: spec, path }];
  if (typeof spec === 'string') return PLACEHOLDER.test(spec) || spec === '' ? [] : [{ value: spec, path }];
  const pipe: PipeStep[] = spec.pipe ?? [];
  const last = pipe[pipe.length - 1];
  if (last && typeof last === 'object' && 'map' in last)
    return Object.entries(last.map).flatMap(([from, to]) =>
      to === null ? [] : [{ value: to, path: `${path}.pipe.${pipe.length - 1}.map.${from}` }],
    );
  if (pipe.length > 0) return [];
  if ('const' in spec)
    return Array.isArray(spec.const)
      ? spec.const.map((value, i) => ({ value, path: `${path}.const.${i}` }))
      : [{ value: spec.const, path: `${path}.const` }];
  if ('template' in spec) return constantsOf(spec.template, `${path}.template`);
  if ('cases' in spec)
    return [
      ...spec.cases.flatMap((c, i) => constantsOf(c.then, `${path}.cases.${i}.then`)),
      ...(spec.else === undefined ? [] : constantsOf(spec.else, `${path}.else`)),
    ];
  if ('coalesce' in spec) return spec.coalesce.flatMap((v, i) => constantsOf(v, `${path}.coalesce.${i}`));
  return [];
}

/** A value that is a plain constant (no column, no pipe): its value, else undefined. */
function plainConstant(spec: ValueSpec): string | number | boolean | undefined {
  if (typeof spec !== 'object') return typeof spec === 'string' && PLACEHOLDER.test(spec) ? undefined : spec;
  if ('const' in spec && !spec.pipe && !Array.isArray(spec.const)) return spec.const;
  return undefined;
}

function checkProperties(
  schema: z.ZodObject | undefined,
  what: string,
  properties: Record<string, ValueSpec> | undefined,
  path: string,
  issues: ConstantIssue[],
): void {
  if (!schema) return;
  for (const [field, spec] of Object.entries(properties ?? {})) {
    const fieldSchema = schema.shape[field] as z.ZodType | undefined;
    if (!fieldSchema) continue;
    for (const c of constantsOf(spec, `${path}.properties.${field}`)) {
      const r = fieldSchema.safeParse(c.value);
      if (!r.success)
        issues.push({
          field: c.path,
          message: `${JSON.stringify(c.value)} is not a valid ${what} ${field}: ${r.error.issues[0]?.message ?? 'invalid'}`,
        });
    }
  }
}

/** Every constant of the mapping that the model refuses. */
export function checkConstants(m: Mapping): ConstantIssue[] {
  const issues: ConstantIssue[] = [];
  m.files.forEach((file, i) => {
    file.nodes.forEach((node, j) => {
      const path = `files.${i}.nodes.${j}`;
      for (const c of constantsOf(node.kind, `${path}.kind`))
        if (!(NODE_KINDS as readonly unknown[]).includes(c.value))
          issues.push({
            field: c.path,
            message: `unknown node kind ${JSON.stringify(c.value)} (valid kinds: ${NODE_KINDS.join(', ')})`,
          });
      const kind = plainConstant(node.kind);
      if (typeof kind === 'string') checkProperties(NODE_SCHEMAS.get(kind), `${kind}`, node.properties, path, issues);
    });
    file.relationships.forEach((rel, j) =>
      checkProperties(REL_SCHEMAS.get(rel.type), rel.type, rel.properties, `files.${i}.relationships.${j}`, issues),
    );
  });
  return issues;
}

/**
 * The mapping file format of the declarative importer (YAML or JSON), as a zod schema, and its loader.
 * A mapping names the data set's Source node, the lookup tables built before the import, and for each
 * CSV file the per-row variables, the nodes and the relationships a row makes. docs/import.md is the
 * reference with a worked example.
 */
import { readFileSync } from 'node:fs';
import { dirname, extname, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { ValidationError } from '../errors';
import { REL_TYPES, Slug } from '../model/model';
import { KEEPS, type ArithmeticOp } from './aggregate';
import { checkConstants } from './constants';

const Scalar = z.union([z.string(), z.number(), z.boolean()]);

/** One step of a pipe: a bare name (`trim`) or a one-key object with its argument (`{split: ";"}`). */
export const PipeStep = z.union([
  z.enum([
    'trim',
    'squish',
    'lower',
    'upper',
    'title',
    'slug',
    'number',
    'integer',
    'amount',
    'currency',
    'date',
    'year',
    'boolean',
    'unique',
    'ascii',
  ]),
  z.strictObject({ split: z.string().min(1) }),
  z.strictObject({ join: z.string() }),
  z.strictObject({ map: z.record(z.string(), z.union([Scalar, z.null()])) }),
  z.strictObject({ default: Scalar }),
  z.strictObject({
    replace: z.tuple([z.string().min(1), z.string()]).or(z.tuple([z.string().min(1), z.string(), z.string()])),
  }),
  z.strictObject({ slice: z.tuple([z.number().int()]).or(z.tuple([z.number().int(), z.number().int()])) }),
  z.strictObject({ truncate: z.number().int().min(1) }),
  z.strictObject({ nullIf: z.array(z.string()) }),
  z.strictObject({ multiply: z.number().finite() }),
  z.strictObject({ prefix: z.string() }),
  z.strictObject({ suffix: z.string() }),
  z.strictObject({ date: z.enum(['YYYY-MM-DD', 'MM/DD/YYYY', 'DD/MM/YYYY', 'DD.MM.YYYY', 'YYYYMMDD']) }),
]);
export type PipeStep = z.infer<typeof PipeStep>;

const pipe = { pipe: z.array(PipeStep).optional() };

/** A value: a template string (constant when it has no `{...}`), a constant, or an expression object. */
export type ValueSpec =
  | string
  | number
  | boolean
  | { const: string | number | boolean | string[]; pipe?: PipeStep[] | undefined }
  | { column: string; pipe?: PipeStep[] | undefined }
  | { template: string; pipe?: PipeStep[] | undefined }
  | { lookup: string; key: ValueSpec; pipe?: PipeStep[] | undefined }
  | { kindOf: ValueSpec; pipe?: PipeStep[] | undefined }
  | { coalesce: ValueSpec[]; pipe?: PipeStep[] | undefined }
  | { list: ValueSpec[]; pipe?: PipeStep[] | undefined }
  | { cases: { when: CondSpec; then: ValueSpec }[]; else?: ValueSpec | undefined; pipe?: PipeStep[] | undefined }
  | ArithmeticSpec;

/** Arithmetic between values: one operator key with its operands (aggregate.ts). */
export type ArithmeticSpec = {
  [K in ArithmeticOp]: { [P in K]: ValueSpec[] } & { pipe?: PipeStep[] | undefined };
}[ArithmeticOp];

/** A condition on a row (or, in `warn`, on the built record). */
export type CondSpec =
  | { all: CondSpec[] }
  | { any: CondSpec[] }
  | { not: CondSpec }
  | {
      column?: string | undefined;
      value?: ValueSpec | undefined;
      field?: string | undefined;
      kindOf?: ValueSpec | undefined;
      equals?: string | number | boolean | undefined;
      in?: (string | number)[] | undefined;
      matches?: string | undefined;
      flags?: string | undefined;
      words?: string[] | undefined;
      empty?: boolean | undefined;
      lt?: number | undefined;
      le?: number | undefined;
      gt?: number | undefined;
      ge?: number | undefined;
    };

export const ValueSpec: z.ZodType<ValueSpec> = z.lazy(() =>
  z.union([
    z.string(),
    z.number(),
    z.boolean(),
    z.strictObject({ const: z.union([Scalar, z.array(z.string())]), ...pipe }),
    z.strictObject({ column: z.string().min(1), ...pipe }),
    z.strictObject({ template: z.string(), ...pipe }),
    z.strictObject({ lookup: z.string().min(1), key: ValueSpec, ...pipe }),
    z.strictObject({ kindOf: ValueSpec, ...pipe }),
    z.strictObject({ coalesce: z.array(ValueSpec).min(1), ...pipe }),
    z.strictObject({ list: z.array(ValueSpec).min(1), ...pipe }),
    z.strictObject({
      cases: z.array(z.strictObject({ when: CondSpec, then: ValueSpec })).min(1),
      else: ValueSpec.optional(),
      ...pipe,
    }),
    // arithmetic between values (aggregate.ts): {divide: [a, b]}, {add: [a, b, ...]}, ...
    z.strictObject({ add: z.array(ValueSpec).min(2), ...pipe }),
    z.strictObject({ subtract: z.array(ValueSpec).min(2), ...pipe }),
    z.strictObject({ multiply: z.array(ValueSpec).min(2), ...pipe }),
    z.strictObject({ divide: z.array(ValueSpec).min(2), ...pipe }),
  ]),
);

const OPERATORS = ['equals', 'in', 'matches', 'words', 'empty', 'lt', 'le', 'gt', 'ge'] as const;
const SUBJECTS = ['column', 'value', 'field', 'kindOf'] as const;

export const CondSpec: z.ZodType<CondSpec> = z.lazy(() =>
  z.union([
    z.strictObject({ all: z.array(CondSpec).min(1) }),
    z.strictObject({ any: z.array(CondSpec).min(1) }),
    z.strictObject({ not: CondSpec }),
    z
      .strictObject({
        column: z.string().min(1).optional(),
        value: ValueSpec.optional(),
        field: z.string().min(1).optional(),
        kindOf: ValueSpec.optional(),
        equals: Scalar.optional(),
        in: z.array(z.union([z.string(), z.number()])).optional(),
        matches: z.string().optional(),
        flags: z
          .string()
          .regex(/^[imsu]*$/)
          .optional(),
        /** any of these words or phrases, whole, in any case */
        words: z.array(z.string().min(1)).min(1).optional(),
        empty: z.boolean().optional(),
        lt: z.number().optional(),
        le: z.number().optional(),
        gt: z.number().optional(),
        ge: z.number().optional(),
      })
      .superRefine((c, ctx) => {
        const subjects = SUBJECTS.filter((k) => c[k] !== undefined);
        if (subjects.length !== 1)
          ctx.addIssue({ code: 'custom', message: `a condition needs exactly one of ${SUBJECTS.join(', ')}` });
        const ops = OPERATORS.filter((k) => c[k] !== undefined);
        if (ops.length !== 1)
          ctx.addIssue({ code: 'custom', message: `a condition needs exactly one of ${OPERATORS.join(', ')}` });
        if (c.matches !== undefined)
          try {
            new RegExp(c.matches, c.flags);
          } catch (e) {
            ctx.addIssue({ code: 'custom', message: `bad regular expression: ${(e as Error).message}` });
          }
      }),
  ]),
);

const WarnRule = z.strictObject({ when: CondSpec, message: z.string().min(1) });

const commonSpec = {
  /** name of this spec in reports; defaults to the kind or type and its position */
  label: z.string().min(1).optional(),
  id: ValueSpec,
  when: CondSpec.optional(),
  properties: z.record(z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/), ValueSpec).optional(),
  /** the id should occur once: a repeat is reported as a warning */
  unique: z.boolean().default(false),
  /** a repeat with different content: `warn` (default) or `ignore`; the first one is kept either way */
  conflicts: z.enum(['warn', 'ignore']).default('warn'),
  warn: z.array(WarnRule).optional(),
};

export const NodeSpec = z.strictObject({
  ...commonSpec,
  kind: ValueSpec,
  name: ValueSpec,
  aliases: ValueSpec.optional(),
  /** columns of other names (legal, former, acronyms given by the source), each cell split on ";" */
  aliasColumns: z.array(z.string().min(1)).optional(),
  description: ValueSpec.optional(),
});
export type NodeSpec = z.infer<typeof NodeSpec>;

export const RelSpec = z.strictObject({
  ...commonSpec,
  type: z.enum(REL_TYPES),
  from: ValueSpec,
  to: ValueSpec,
  description: ValueSpec.optional(),
});
export type RelSpec = z.infer<typeof RelSpec>;

/** Strictness of a data file: may quoted fields hold line breaks, may the file be empty. */
const fileShape = {
  /** quoted fields may span lines (as neo4j-admin's --multiline-fields); otherwise a line break ends every record */
  multiline: z.boolean().default(false),
  /** an empty (0-byte) or header-only file is not an error */
  optional: z.boolean().default(false),
};

export const FileSpec = z.strictObject({
  file: z.string().min(1),
  delimiter: z.string().length(1).default(','),
  ...fileShape,
  /** provenance quote: `row` (the row's text, default) or the columns to quote as `col=value` pairs */
  quote: z.union([z.literal('row'), z.array(z.string().min(1)).min(1)]).default('row'),
  /** rows for which this holds are skipped silently (counted in the summary) */
  skip: CondSpec.optional(),
  /** per-row variables, evaluated in order; usable wherever a column name is (they shadow columns) */
  vars: z.record(z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/), ValueSpec).optional(),
  nodes: z.array(NodeSpec).default([]),
  relationships: z.array(RelSpec).default([]),
});
export type FileSpec = z.infer<typeof FileSpec>;

export const LookupSpec = z.strictObject({
  file: z.string().min(1),
  delimiter: z.string().length(1).default(','),
  ...fileShape,
  key: ValueSpec,
  /** required unless `keep: count` (checked when the lookup is compiled) */
  value: ValueSpec.optional(),
  where: CondSpec.optional(),
  /** what a key keeps: first, last, all or distinct values, or the count, sum, min or max (aggregate.ts) */
  keep: z.enum(KEEPS).default('first'),
});
export type LookupSpec = z.infer<typeof LookupSpec>;

export const SourceSpec = z.strictObject({
  id: Slug,
  name: z.string().min(1),
  title: z.string().min(1),
  publisher: z.string().optional(),
  author: z.string().optional(),
  publishedOn: z.iso.date().optional(),
  url: z.url().optional(),
  path: z.string().optional(),
  language: z.string().optional(),
  description: z.string().optional(),
  /** the quote that the Source node itself carries, e.g. the data set's title line */
  quote: z.string().min(3),
});

export const RateTable = z.strictObject({
  base: z.string().regex(/^[A-Z]{3}$/),
  /** units of `base` per unit of each currency */
  rates: z.record(z.string().regex(/^[A-Z]{3}$/), z.number().positive()),
});
export type RateTable = z.infer<typeof RateTable>;

export const Mapping = z.strictObject({
  version: z.literal(1),
  name: Slug,
  description: z.string().optional(),
  /** folder of the data files, relative to the mapping file; `--data-dir` overrides it */
  dataDir: z.string().optional(),
  source: SourceSpec,
  lookups: z.record(z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/), LookupSpec).optional(),
  files: z.array(FileSpec).min(1),
  /** optional exchange rates: the summary then also totals money in `base` */
  rates: RateTable.optional(),
});
export type Mapping = z.infer<typeof Mapping>;

/** A mapping file read, validated, with its folder (for `dataDir`). */
export interface LoadedMapping {
  mapping: Mapping;
  path: string;
  dir: string;
}

/** Parses mapping text (YAML, which includes JSON); throws a ValidationError naming each bad field. */
export function parseMapping(text: string, where: string): Mapping {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (e) {
    throw new ValidationError(`${where}: not valid YAML/JSON: ${(e as Error).message}`, { where, cause: e });
  }
  const r = Mapping.safeParse(doc);
  const constants = r.success ? checkConstants(r.data) : [];
  if (!r.success || constants.length > 0) {
    const issues = r.success
      ? constants
      : r.error.issues.map((i) => ({ field: i.path.join('.') || '(mapping)', message: i.message }));
    const lines = issues.slice(0, 10).map((i) => `  ${i.field}: ${i.message}`);
    throw new ValidationError(`${where}: not a valid mapping:\n${lines.join('\n')}`, {
      where,
      hint: 'see docs/import.md for the mapping format',
      details: issues,
    });
  }
  return r.data;
}

/** Reads a mapping file (.yaml, .yml or .json). */
export function loadMapping(path: string): LoadedMapping {
  const abs = resolve(path);
  if (!['.yaml', '.yml', '.json'].includes(extname(abs)))
    throw new ValidationError(`${path}: a mapping is a .yaml, .yml or .json file`, { where: path });
  let text: string;
  try {
    text = readFileSync(abs, 'utf8');
  } catch (e) {
    throw new ValidationError(`${path}: cannot read the mapping: ${(e as Error).message}`, { where: path, cause: e });
  }
  return { mapping: parseMapping(text, path), path: abs, dir: dirname(abs) };
}

/** The data folder: `--data-dir` if given, else the mapping's `dataDir` (relative to the mapping), else its folder. */
export function dataDirOf(loaded: LoadedMapping, override?: string): string {
  if (override) return resolve(override);
  return resolve(loaded.dir, loaded.mapping.dataDir ?? '.');
}

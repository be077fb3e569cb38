/**
 * Turns one CSV row into model records: evaluates the file's variables, then each node and
 * relationship spec, attaches provenance (the data set's Source and a quote `<file> line <n>: <text>`),
 * and validates every record against the zod model. A row yields either all of its records or the
 * list of issues that reject it (a row is imported whole or not at all).
 */
import { Node, Relationship, isNodeKind, type NodeKind, type Provenance, type RelType } from '../model/model';
import { compileCond, compileRef, compileValue, type Cond, type Expr, type RowCtx, type Scope } from './expr';
import type { FileSpec, NodeSpec, RelSpec, ValueSpec } from './mapping';
import { markParsed } from '../model/parsed';
import { TransformError, slugify, type Value } from './transforms';

/** Why a row (or one of its records) is refused. */
export interface Issue {
  /** the spec that made the record, e.g. `nodes[0] Institution` */
  spec: string;
  field: string;
  message: string;
  /** the offending value, when there is one */
  value?: string;
}

interface CompiledCommon {
  label: string;
  index: number;
  unique: boolean;
  conflicts: 'warn' | 'ignore';
  when: Cond | undefined;
  id: Expr;
  description: Expr | undefined;
  properties: [string, Expr][];
  warn: { when: Cond; message: string }[];
}

/** `aliases` and `aliasColumns` of a node spec as one expression (a list), or undefined when it has neither. */
function aliasesExpr(n: NodeSpec, label: string, s: Scope): Expr | undefined {
  const parts: ValueSpec[] = [
    ...(n.aliases === undefined ? [] : [n.aliases]),
    ...(n.aliasColumns ?? []).map((column): ValueSpec => ({ column, pipe: [{ split: ';' }] })),
  ];
  if (parts.length === 0) return undefined;
  return fieldExpr('aliases', label, compileValue(parts.length === 1 ? parts[0]! : { list: parts }, s));
}

const MAX_ALIASES = 50;
const MAX_ALIAS_LENGTH = 300;

/**
 * Aliases as kept: spaces collapsed, empty ones, the name itself and repeats (ignoring case and
 * accents) dropped, longer than the model allows (300 characters) left out, at most 50.
 */
export function cleanAliases(aliases: unknown[], name: string): string[] {
  const key = (t: string) => t.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
  const seen = new Set([key(name.trim())]);
  const out: string[] = [];
  for (const a of aliases) {
    const t = String(a).replace(/\s+/g, ' ').trim();
    if (t === '' || t.length > MAX_ALIAS_LENGTH || seen.has(key(t))) continue;
    seen.add(key(t));
    out.push(t);
    if (out.length === MAX_ALIASES) break;
  }
  return out;
}

export interface CompiledNodeSpec extends CompiledCommon {
  what: 'node';
  kind: Expr;
  name: Expr;
  aliases: Expr | undefined;
}

export interface CompiledRelSpec extends CompiledCommon {
  what: 'rel';
  type: RelType;
  from: Expr;
  to: Expr;
}

/**
 * Whether an id was imported before in this run: `new`, `same` (with equal content) or `conflict`.
 * `fp` is the fingerprint of the record's content without its provenance.
 */
export type Known = (what: 'node' | 'rel', id: string, fp: number) => 'new' | 'same' | 'conflict';

/**
 * A record built from a row. A repeat with the same content (`seen: 'same'`) is not validated again
 * and has no `value`; others carry the validated record and the messages of the spec's `warn` rules.
 */
export interface BuiltNode {
  spec: CompiledNodeSpec;
  id: string;
  kind: NodeKind;
  fp: number;
  seen: 'new' | 'same' | 'conflict';
  value?: Node;
  warnings: string[];
}
export interface BuiltRel {
  spec: CompiledRelSpec;
  id: string;
  fp: number;
  seen: 'new' | 'same' | 'conflict';
  value?: Relationship;
  warnings: string[];
}

const FNV_OFFSET = 0x811c9dc5;
/** 32-bit FNV-1a of a string: a cheap fingerprint to tell a repeated id with other content. */
export function fingerprint(s: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export interface RowResult {
  nodes: BuiltNode[];
  rels: BuiltRel[];
  issues: Issue[];
}

/** A file's specs, compiled against its header. */
export interface CompiledFile {
  file: string;
  skip: Cond | undefined;
  vars: Expr[];
  varNames: string[];
  nodes: CompiledNodeSpec[];
  rels: CompiledRelSpec[];
  quote: (row: { line: number; text: string; cells: string[] }) => string;
  sourceId: string;
  /** the data set every record of the file belongs to (the mapping's name) */
  dataset: string | undefined;
}

const QUOTE_MAX = 1000;

/** The zod schema of each kind and type (one object schema is faster to run than the whole union). */
const NODE_SCHEMAS = new Map<string, (typeof Node.options)[number]>(Node.options.map((o) => [o.shape.kind.value, o]));
const REL_SCHEMAS = new Map<string, (typeof Relationship.options)[number]>(
  Relationship.options.map((o) => [o.shape.type.value, o]),
);

function fieldExpr(field: string, spec: string, expr: Expr): Expr {
  return (ctx) => {
    try {
      return expr(ctx);
    } catch (e) {
      if (e instanceof TransformError) throw new FieldError(spec, field, e.message);
      throw e;
    }
  };
}

class FieldError extends Error {
  constructor(
    readonly spec: string,
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

function compileCommon(
  spec: NodeSpec | RelSpec,
  label: string,
  index: number,
  scope: Scope,
  warnScope: Scope,
): CompiledCommon {
  return {
    label,
    index,
    unique: spec.unique,
    conflicts: spec.conflicts,
    when: spec.when ? compileCond(spec.when, scope) : undefined,
    id: fieldExpr('id', label, compileValue(spec.id, scope)),
    description:
      spec.description === undefined
        ? undefined
        : fieldExpr('description', label, compileValue(spec.description, scope)),
    properties: Object.entries(spec.properties ?? {}).map(([k, v]) => [k, fieldExpr(k, label, compileValue(v, scope))]),
    warn: (spec.warn ?? []).map((w) => ({ when: compileCond(w.when, warnScope), message: w.message })),
  };
}

/** Compiles a file spec for a header; throws a ValidationError for an unknown column, variable or lookup. */
export function compileFile(
  spec: FileSpec,
  header: string[],
  base: Omit<Scope, 'where' | 'columns' | 'vars' | 'records'>,
  sourceId: string,
  dataset?: string,
): CompiledFile {
  const columns = new Map(header.map((h, i) => [h, i] as const));
  const scope: Scope = { ...base, where: spec.file, columns, vars: new Map(), records: false };
  const vars: Expr[] = [];
  const varNames: string[] = [];
  for (const [name, v] of Object.entries(spec.vars ?? {})) {
    vars.push(
      fieldExpr(`vars.${name}`, `${spec.file} vars`, compileValue(v, { ...scope, where: `${spec.file} vars.${name}` })),
    );
    scope.vars.set(name, varNames.length);
    varNames.push(name);
  }
  const warnScope: Scope = { ...scope, records: true };
  const nodes = spec.nodes.map((n, i): CompiledNodeSpec => {
    const label = n.label ?? `nodes[${i}]${typeof n.kind === 'string' && !n.kind.includes('{') ? ` ${n.kind}` : ''}`;
    const s = { ...scope, where: `${spec.file} ${label}` };
    return {
      what: 'node',
      ...compileCommon(n, label, i, s, { ...warnScope, where: s.where }),
      kind: fieldExpr('kind', label, compileValue(n.kind, s)),
      name: fieldExpr('name', label, compileValue(n.name, s)),
      aliases: aliasesExpr(n, label, s),
    };
  });
  const rels = spec.relationships.map((r, i): CompiledRelSpec => {
    const label = r.label ?? `relationships[${i}] ${r.type}`;
    const s = { ...scope, where: `${spec.file} ${label}` };
    return {
      what: 'rel',
      ...compileCommon(r, label, i, s, { ...warnScope, where: s.where }),
      type: r.type,
      from: fieldExpr('source', label, compileValue(r.from, s)),
      to: fieldExpr('target', label, compileValue(r.to, s)),
    };
  });
  let quote: CompiledFile['quote'];
  if (spec.quote === 'row') {
    quote = (row) =>
      `${spec.file} line ${row.line}: ${row.text.length > QUOTE_MAX ? row.text.slice(0, QUOTE_MAX - 1) + '…' : row.text}`;
  } else {
    const refs = spec.quote.map((c) => [c, compileRef(c, scope)] as const);
    quote = (row) => {
      const ctx: RowCtx = { cells: row.cells, vars: [] };
      const parts = refs.map(([c, f]) => `${c}=${String(f(ctx) ?? '')}`);
      return `${spec.file} line ${row.line}: ${parts.join('; ')}`.slice(0, 4000);
    };
  }
  return {
    file: spec.file,
    skip: spec.skip ? compileCond(spec.skip, scope) : undefined,
    vars,
    varNames,
    nodes,
    rels,
    quote,
    sourceId,
    dataset,
  };
}

const asString = (v: Value): string | undefined =>
  v === undefined ? undefined : Array.isArray(v) ? v.join(';') : String(v);

function zodIssues(
  spec: string,
  error: { issues: { path: PropertyKey[]; message: string }[] },
  obj: Record<string, unknown>,
): Issue[] {
  return error.issues.map((i) => {
    const field = i.path.map(String).join('.') || '(record)';
    const top = obj[String(i.path[0])];
    const value = typeof top === 'string' || typeof top === 'number' ? String(top).slice(0, 200) : undefined;
    return value === undefined ? { spec, field, message: i.message } : { spec, field, message: i.message, value };
  });
}

function addProps(obj: Record<string, unknown>, props: [string, Expr][], ctx: RowCtx): void {
  for (const [k, f] of props) {
    const v = f(ctx);
    if (v !== undefined) obj[k] = v;
  }
}

function runWarnings(spec: CompiledCommon, record: Record<string, unknown>, ctx: RowCtx): string[] {
  if (spec.warn.length === 0) return [];
  const wctx: RowCtx = { cells: ctx.cells, vars: ctx.vars, record };
  return spec.warn.filter((w) => w.when(wctx)).map((w) => w.message);
}

/**
 * Maps one row. `known` tells repeats (which are not validated again); `rowKinds`, when given, is
 * filled with the kinds of the row's nodes as they are built (the importer's `kindOf` consults it).
 * Returns `skipped` when the file's `skip` condition holds.
 */
export function buildRow(
  file: CompiledFile,
  row: { line: number; text: string; cells: string[] },
  known: Known = () => 'new',
  rowKinds?: Map<string, NodeKind>,
): RowResult | 'skipped' {
  rowKinds?.clear();
  const ctx: RowCtx = { cells: row.cells, vars: new Array<Value>(file.vars.length) };
  const result: RowResult = { nodes: [], rels: [], issues: [] };
  try {
    if (file.skip?.(ctx)) return 'skipped';
    for (let i = 0; i < file.vars.length; i++) ctx.vars[i] = file.vars[i]!(ctx);
  } catch (e) {
    if (e instanceof FieldError) {
      result.issues.push({ spec: e.spec, field: e.field, message: e.message });
      return result;
    }
    throw e;
  }
  const sources: Provenance[] = [{ source: file.sourceId, quote: file.quote(row) }];
  for (const spec of file.nodes) {
    try {
      if (spec.when && !spec.when(ctx)) continue;
      const idText = asString(spec.id(ctx));
      const kind = asString(spec.kind(ctx));
      if (idText === undefined || slugify(idText) === '') {
        result.issues.push({ spec: spec.label, field: 'id', message: 'the id is empty' });
        continue;
      }
      if (kind === undefined || !isNodeKind(kind)) {
        result.issues.push({
          spec: spec.label,
          field: 'kind',
          message: `not a node kind`,
          ...(kind ? { value: kind } : {}),
        });
        continue;
      }
      const id = slugify(idText);
      const obj: Record<string, unknown> = { id, kind, name: asString(spec.name(ctx)) };
      const aliases = spec.aliases?.(ctx);
      if (aliases !== undefined) {
        const list = cleanAliases(Array.isArray(aliases) ? aliases : [String(aliases)], String(obj.name));
        if (list.length > 0) obj.aliases = list;
      }
      const description = spec.description?.(ctx);
      if (description !== undefined) obj.description = asString(description);
      addProps(obj, spec.properties, ctx);
      const fp = fingerprint(JSON.stringify(obj));
      const seen = known('node', id, fp);
      if (seen === 'same') {
        result.nodes.push({ spec, id, kind, fp, seen, warnings: [] });
        rowKinds?.set(id, kind);
        continue;
      }
      obj.sources = sources;
      if (file.dataset !== undefined) obj.dataset = file.dataset;
      const r = NODE_SCHEMAS.get(kind)!.safeParse(obj);
      if (!r.success) {
        result.issues.push(...zodIssues(spec.label, r.error, obj));
        continue;
      }
      result.nodes.push({
        spec,
        id,
        kind,
        fp,
        seen,
        value: markParsed(r.data),
        warnings: seen === 'new' ? runWarnings(spec, obj, ctx) : [],
      });
      rowKinds?.set(id, kind);
    } catch (e) {
      if (e instanceof FieldError) result.issues.push({ spec: e.spec, field: e.field, message: e.message });
      else throw e;
    }
  }
  for (const spec of file.rels) {
    try {
      if (spec.when && !spec.when(ctx)) continue;
      const idText = asString(spec.id(ctx));
      const from = asString(spec.from(ctx));
      const to = asString(spec.to(ctx));
      const missing = (
        [
          ['id', idText],
          ['source', from],
          ['target', to],
        ] as const
      ).filter(([, v]) => v === undefined || slugify(v) === '');
      if (missing.length > 0) {
        for (const [field] of missing)
          result.issues.push({
            spec: spec.label,
            field,
            message: field === 'id' ? 'the id is empty' : `the ${field} id is empty`,
          });
        continue;
      }
      const id = slugify(idText!);
      const obj: Record<string, unknown> = {
        id,
        type: spec.type,
        source: slugify(from!),
        target: slugify(to!),
      };
      const description = spec.description?.(ctx);
      if (description !== undefined) obj.description = asString(description);
      addProps(obj, spec.properties, ctx);
      const fp = fingerprint(JSON.stringify(obj));
      const seen = known('rel', id, fp);
      if (seen === 'same') {
        result.rels.push({ spec, id, fp, seen, warnings: [] });
        continue;
      }
      obj.sources = sources;
      if (file.dataset !== undefined) obj.dataset = file.dataset;
      const r = REL_SCHEMAS.get(spec.type)!.safeParse(obj);
      if (!r.success) {
        result.issues.push(...zodIssues(spec.label, r.error, obj));
        continue;
      }
      const rel = markParsed(r.data);
      if ('amount' in rel && rel.amount !== undefined && !rel.currency) {
        result.issues.push({ spec: spec.label, field: 'currency', message: 'an amount needs a currency' });
        continue;
      }
      result.rels.push({ spec, id, fp, seen, value: rel, warnings: seen === 'new' ? runWarnings(spec, obj, ctx) : [] });
    } catch (e) {
      if (e instanceof FieldError) result.issues.push({ spec: e.spec, field: e.field, message: e.message });
      else throw e;
    }
  }
  return result;
}

/**
 * Compiles the mapping's value expressions and conditions into closures over a row, once per file
 * (column names resolved to positions up front, so that a wrong column name fails before any row is
 * read). Templates: `{name}` is a variable or a column; a template with an empty placeholder has no
 * value, which is what `coalesce` falls through on.
 */
import { ValidationError } from '../errors';
import { ARITHMETIC, arithmetic, type ArithmeticOp } from './aggregate';
import type { CondSpec, ValueSpec } from './mapping';
import { compilePipe, normalize, slugify, type Value } from './transforms';

/** What an expression sees: the row's cells, its computed variables and (in `warn`) the built record. */
export interface RowCtx {
  cells: string[];
  vars: Value[];
  record?: Record<string, unknown>;
}

/** Names an expression may refer to, and the tables it may consult. */
export interface Scope {
  /** e.g. "awards.csv" or "lookup awardProgram", for error messages */
  where: string;
  columns: Map<string, number>;
  /** variables defined so far (name → position in RowCtx.vars) */
  vars: Map<string, number>;
  lookups: Map<string, Map<string, Value>>;
  /** the kind of a node written earlier in this run, by id */
  kindOf: (id: string) => string | undefined;
  /** whether `field` conditions are allowed (only in `warn` rules) */
  records: boolean;
}

export type Expr = (ctx: RowCtx) => Value;
export type Cond = (ctx: RowCtx) => boolean;

const PLACEHOLDER = /\{([^{}]+)\}/g;

function refError(scope: Scope, name: string): ValidationError {
  const cols = [...scope.columns.keys()].join(', ');
  const vars = [...scope.vars.keys()].join(', ');
  return new ValidationError(`${scope.where}: no column or variable "${name}"`, {
    where: scope.where,
    hint: `columns: ${cols}${vars ? `; variables: ${vars}` : ''}`,
  });
}

/** A reference to a variable or a column (empty cells are no value). */
export function compileRef(name: string, scope: Scope): Expr {
  const v = scope.vars.get(name);
  if (v !== undefined) return (ctx) => ctx.vars[v];
  const c = scope.columns.get(name);
  if (c !== undefined)
    return (ctx) => {
      const s = ctx.cells[c];
      return s === undefined || s === '' ? undefined : s;
    };
  throw refError(scope, name);
}

function stringOf(v: Value): string | undefined {
  if (v === undefined) return undefined;
  return Array.isArray(v) ? v.join(';') : String(v);
}

function compileTemplate(template: string, scope: Scope): Expr {
  const parts: (string | Expr)[] = [];
  let last = 0;
  for (const m of template.matchAll(PLACEHOLDER)) {
    if (m.index > last) parts.push(template.slice(last, m.index));
    parts.push(compileRef(m[1]!.trim(), scope));
    last = m.index + m[0].length;
  }
  if (last < template.length) parts.push(template.slice(last));
  if (parts.length === 1 && typeof parts[0] === 'function') return parts[0];
  if (parts.every((p) => typeof p === 'string')) {
    const constant = parts.join('');
    return () => (constant === '' ? undefined : constant);
  }
  return (ctx) => {
    let out = '';
    for (const p of parts) {
      if (typeof p === 'string') out += p;
      else {
        const s = stringOf(p(ctx));
        if (s === undefined || s === '') return undefined;
        out += s;
      }
    }
    return out;
  };
}

/** Compiles a value expression. */
export function compileValue(spec: ValueSpec, scope: Scope): Expr {
  if (typeof spec === 'string') return compileTemplate(spec, scope);
  if (typeof spec === 'number' || typeof spec === 'boolean') return () => spec;
  let base: Expr;
  if ('const' in spec) {
    const c = spec.const;
    base = () => normalize(Array.isArray(c) ? [...c] : c);
  } else if ('column' in spec) base = compileRef(spec.column, scope);
  else if ('template' in spec) base = compileTemplate(spec.template, scope);
  else if ('lookup' in spec) {
    const table = scope.lookups.get(spec.lookup);
    if (!table)
      throw new ValidationError(`${scope.where}: no lookup "${spec.lookup}"`, {
        where: scope.where,
        hint: `lookups: ${[...scope.lookups.keys()].join(', ') || '(none)'}`,
      });
    const key = compileValue(spec.key, scope);
    base = (ctx) => {
      const k = stringOf(key(ctx));
      if (k === undefined) return undefined;
      const v = table.get(k);
      return Array.isArray(v) ? [...v] : v;
    };
  } else if ('kindOf' in spec) {
    const idExpr = compileValue(spec.kindOf, scope);
    base = (ctx) => {
      const id = stringOf(idExpr(ctx));
      return id === undefined ? undefined : scope.kindOf(slugify(id));
    };
  } else if ('coalesce' in spec) {
    const alts = spec.coalesce.map((s) => compileValue(s, scope));
    base = (ctx) => {
      for (const a of alts) {
        const v = normalize(a(ctx));
        if (v !== undefined) return v;
      }
      return undefined;
    };
  } else if ('list' in spec) {
    const items = spec.list.map((s) => compileValue(s, scope));
    base = (ctx) => {
      const out: string[] = [];
      for (const it of items) {
        const v = it(ctx);
        if (v === undefined || v === '') continue;
        if (Array.isArray(v)) out.push(...v);
        else out.push(String(v));
      }
      return out;
    };
  } else if ('cases' in spec) {
    const cases = spec.cases.map((c) => ({ when: compileCond(c.when, scope), then: compileValue(c.then, scope) }));
    const otherwise = spec.else === undefined ? undefined : compileValue(spec.else, scope);
    base = (ctx) => {
      for (const c of cases) if (c.when(ctx)) return c.then(ctx);
      return otherwise ? otherwise(ctx) : undefined;
    };
  } else {
    const op = ARITHMETIC.find((o) => o in spec)!;
    const operands = (spec as Record<ArithmeticOp, ValueSpec[]>)[op].map((s) => compileValue(s, scope));
    base = (ctx) =>
      arithmetic(
        op,
        operands.map((o) => o(ctx)),
      );
  }
  const pipe = compilePipe(spec.pipe);
  return pipe ? (ctx) => pipe(base(ctx)) : (ctx) => normalize(base(ctx));
}

const num = (v: Value): number | undefined => {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
};

/** Compiles a condition. */
export function compileCond(spec: CondSpec, scope: Scope): Cond {
  if ('all' in spec) {
    const cs = spec.all.map((c) => compileCond(c, scope));
    return (ctx) => cs.every((c) => c(ctx));
  }
  if ('any' in spec) {
    const cs = spec.any.map((c) => compileCond(c, scope));
    return (ctx) => cs.some((c) => c(ctx));
  }
  if ('not' in spec) {
    const c = compileCond(spec.not, scope);
    return (ctx) => !c(ctx);
  }
  let subject: Expr;
  if (spec.column !== undefined) subject = compileRef(spec.column, scope);
  else if (spec.value !== undefined) subject = compileValue(spec.value, scope);
  else if (spec.field !== undefined) {
    if (!scope.records)
      throw new ValidationError(`${scope.where}: "field" conditions are only allowed in warn rules`, {
        where: scope.where,
      });
    const f = spec.field;
    subject = (ctx) => {
      const v = ctx.record?.[f];
      return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'
        ? v
        : Array.isArray(v)
          ? (v as string[])
          : undefined;
    };
  } else {
    const idExpr = compileValue(spec.kindOf!, scope);
    subject = (ctx) => {
      const id = stringOf(idExpr(ctx));
      return id === undefined ? undefined : scope.kindOf(slugify(id));
    };
  }
  if (spec.empty !== undefined) {
    const want = spec.empty;
    return (ctx) => (normalize(subject(ctx)) === undefined) === want;
  }
  if (spec.equals !== undefined) {
    const x = spec.equals;
    return (ctx) => {
      const v = subject(ctx);
      if (typeof x === 'number') return num(v) === x;
      return stringOf(v) === String(x);
    };
  }
  if (spec.in !== undefined) {
    const set = new Set(spec.in.map(String));
    return (ctx) => {
      const v = subject(ctx);
      if (v === undefined) return false;
      if (typeof v === 'number') return set.has(String(v));
      return Array.isArray(v) ? v.some((x) => set.has(x)) : set.has(String(v));
    };
  }
  if (spec.matches !== undefined) {
    const re = new RegExp(spec.matches, spec.flags);
    return (ctx) => {
      const s = stringOf(subject(ctx));
      return s !== undefined && re.test(s);
    };
  }
  if (spec.words !== undefined) {
    const alternatives = spec.words.map((w) =>
      w
        .trim()
        .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
        .replace(/\s+/g, '\\s+'),
    );
    const re = new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'iu');
    return (ctx) => {
      const s = stringOf(subject(ctx));
      return s !== undefined && re.test(s);
    };
  }
  const cmp: [number | undefined, (a: number, b: number) => boolean][] = [
    [spec.lt, (a, b) => a < b],
    [spec.le, (a, b) => a <= b],
    [spec.gt, (a, b) => a > b],
    [spec.ge, (a, b) => a >= b],
  ];
  const [bound, op] = cmp.find(([b]) => b !== undefined)!;
  return (ctx) => {
    const n = num(subject(ctx));
    return n !== undefined && op(n, bound!);
  };
}

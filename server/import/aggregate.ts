/**
 * Aggregates and arithmetic of the mapping language (docs/import.md "Aggregates"): a lookup table can
 * keep, per key, the count of rows, the sum, min or max of a numeric value, the first or last value, all
 * values or the distinct ones; value expressions can add, subtract, multiply and divide. Together they
 * make an equal split of a round's total across its participants one expression:
 * `{divide: [{lookup: roundTotal, key: '{round}'}, {lookup: investorsPerRound, key: '{round}'}]}`.
 * Lookups are read before the import, from any file of the mapping (the imported file included), one
 * streamed pass per file; a table holds one entry per key, never the rows.
 */
import { ValidationError } from '../errors';
import { compileValue, type Expr, type Scope } from './expr';
import type { LookupSpec } from './mapping';
import { TransformError, type Value } from './transforms';

/** What a lookup keeps of a repeated key. */
export const KEEPS = ['first', 'last', 'all', 'distinct', 'count', 'sum', 'min', 'max'] as const;
export type Keep = (typeof KEEPS)[number];

/** Keeps that need no `value` expression. */
export const VALUELESS_KEEPS: readonly Keep[] = ['count'];

/** The compiled `value` of a lookup; a lookup without one must keep the count. */
export function lookupValue(spec: LookupSpec, scope: Scope): Expr {
  if (spec.value !== undefined) return compileValue(spec.value, scope);
  if (VALUELESS_KEEPS.includes(spec.keep)) return () => undefined;
  throw new ValidationError(`${scope.where}: a lookup needs a value (only keep: count has none)`, {
    where: scope.where,
    hint: "add value: '{column}' to the lookup, or keep: count",
  });
}

/** A number from a value: numbers as they are, numeric strings parsed (commas allowed), else undefined. */
export function numberOf(v: Value): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string') {
    const s = v.trim().replaceAll(',', '');
    if (s === '') return undefined;
    const n = Number(s);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

/**
 * Adds one row's value `v` under key `k` to `table` as `keep` says. A sum/min/max value that is not a
 * number throws a TransformError (the caller reports the row); a missing value adds nothing (a count
 * counts the row).
 */
export function accumulate(table: Map<string, Value>, keep: Keep, k: string, v: Value): void {
  const prev = table.get(k);
  switch (keep) {
    case 'count':
      table.set(k, (typeof prev === 'number' ? prev : 0) + 1);
      return;
    case 'first':
      if (v !== undefined && !table.has(k)) table.set(k, v);
      return;
    case 'last':
      if (v !== undefined) table.set(k, v);
      return;
    case 'all':
    case 'distinct': {
      if (v === undefined) return;
      const items = Array.isArray(v) ? v : [String(v)];
      const list = Array.isArray(prev) ? prev : [];
      for (const it of items) if (keep === 'all' || !list.includes(it)) list.push(it);
      table.set(k, list);
      return;
    }
    default: {
      if (v === undefined) return;
      const n = numberOf(v);
      if (n === undefined) throw new TransformError(`"${String(v)}" is not a number (lookup keeps the ${keep})`);
      const p = typeof prev === 'number' ? prev : undefined;
      table.set(k, p === undefined ? n : keep === 'sum' ? p + n : keep === 'min' ? Math.min(p, n) : Math.max(p, n));
    }
  }
}

/** The arithmetic operators of value expressions. */
export const ARITHMETIC = ['add', 'subtract', 'multiply', 'divide'] as const;
export type ArithmeticOp = (typeof ARITHMETIC)[number];

/**
 * Combines operand values: `add` and `multiply` over any number of operands, `subtract` and `divide`
 * left to right. Any operand without a numeric value, or a division by zero, gives no value (so a
 * required field rejects the row; an optional one is left out).
 */
export function arithmetic(op: ArithmeticOp, values: Value[]): number | undefined {
  const nums: number[] = [];
  for (const v of values) {
    const n = numberOf(v);
    if (n === undefined) return undefined;
    nums.push(n);
  }
  if (nums.length === 0) return undefined;
  let acc = nums[0]!;
  for (const n of nums.slice(1)) {
    if (op === 'add') acc += n;
    else if (op === 'subtract') acc -= n;
    else if (op === 'multiply') acc *= n;
    else {
      if (n === 0) return undefined;
      acc /= n;
    }
  }
  return Number.isFinite(acc) ? acc : undefined;
}

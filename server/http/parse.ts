/**
 * Parses request input with a zod schema; a mismatch is a ValidationError listing every field.
 */
import type { z } from 'zod';
import { ValidationError } from '../errors';

/** Parses `value` (query, params or body) with `schema`; `where` names the part of the request. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, where: string): z.output<S> {
  const r = schema.safeParse(value ?? {});
  if (r.success) return r.data;
  const errors = r.error.issues.map((i) => ({
    field: i.path.join('.') || '(root)',
    message: i.code === 'unrecognized_keys' ? `unknown parameter(s): ${i.keys.join(', ')}` : i.message,
  }));
  const first = errors[0]!;
  throw new ValidationError(`${where} "${first.field}": ${first.message}`, {
    where,
    hint: 'see /api/openapi.json for the parameters this endpoint takes',
    details: errors,
  });
}

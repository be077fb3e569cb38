/**
 * Checks of a Cypher request's raw body that its zod schema (CypherRequest) cannot make.
 */
import { ValidationError } from '../errors';
import { inspectParams } from '../neo4j/measure';

/** How deep `params` of a Cypher request may nest (lists and maps). */
export const MAX_CYPHER_PARAM_DEPTH = 64;

/**
 * Checks what zod cannot see in the raw body of a Cypher request: `params` nested deeper than
 * MAX_CYPHER_PARAM_DEPTH, and a `__proto__` key anywhere in `params` (a JavaScript object cannot carry
 * it faithfully, and zod drops it: refused rather than lost). Throws ValidationError.
 */
export function checkCypherParams(body: unknown): void {
  const params: unknown = body !== null && typeof body === 'object' ? (body as { params?: unknown }).params : undefined;
  const { depth, protoKeyAt } = inspectParams(params, MAX_CYPHER_PARAM_DEPTH);
  if (protoKeyAt !== undefined)
    throw new ValidationError(`request body "${protoKeyAt}": the key __proto__ is not allowed in params`, {
      where: 'request body',
      hint: 'rename the key',
      details: [{ field: protoKeyAt, message: 'the key __proto__ is not allowed' }],
    });
  if (depth > MAX_CYPHER_PARAM_DEPTH)
    throw new ValidationError(`request body "params": nests deeper than ${MAX_CYPHER_PARAM_DEPTH} levels`, {
      where: 'request body',
      hint: 'send flatter parameters',
      details: [{ field: 'params', message: `nests deeper than ${MAX_CYPHER_PARAM_DEPTH} levels` }],
    });
}

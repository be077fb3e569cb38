/**
 * Bounds a driver value before anything converts it: an iterative walk (no recursion, so no stack to
 * overflow) that estimates the value's size as JSON and refuses one nested deeper than a limit. The
 * Cypher console measures every record with it while records stream, so that the recursive
 * conversion in convert.ts and JSON.stringify only ever see values of bounded depth and size.
 */
import neo4j from 'neo4j-driver';
import { QueryTooLargeError } from '../errors';

/** Deepest nesting of lists and maps a console value may have. */
export const MAX_VALUE_DEPTH = 100;

const SCALAR_BYTES = 24;

/**
 * The approximate JSON size of `value` in bytes (strings count their length). Throws
 * QueryTooLargeError when it nests deeper than `maxDepth` or its size passes `maxBytes`.
 */
export function measureValue(value: unknown, maxBytes: number, maxDepth = MAX_VALUE_DEPTH): number {
  let bytes = 0;
  const stack: [unknown, number][] = [[value, 0]];
  const tooLarge = () =>
    new QueryTooLargeError(`the result of the query is larger than the limit of ${maxBytes} bytes`, {
      where: 'POST /api/cypher',
      hint: 'return less (a LIMIT, fewer or smaller columns); CYPHER_MAX_BYTES sets this limit',
    });
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (depth > maxDepth)
      throw new QueryTooLargeError(`a value of the result nests lists or maps deeper than ${maxDepth} levels`, {
        where: 'POST /api/cypher',
        hint: 'return flatter values',
      });
    if (v === null || v === undefined) bytes += 4;
    else if (typeof v === 'string') bytes += v.length + 2;
    else if (typeof v !== 'object') bytes += SCALAR_BYTES;
    else if (neo4j.isInt(v) || neo4j.isPoint(v) || neo4j.isUnsupportedType(v)) bytes += SCALAR_BYTES;
    else if (
      neo4j.isDate(v) ||
      neo4j.isDateTime(v) ||
      neo4j.isLocalDateTime(v) ||
      neo4j.isLocalTime(v) ||
      neo4j.isTime(v) ||
      neo4j.isDuration(v)
    )
      bytes += 40;
    else if (neo4j.isNode(v)) {
      bytes += v.elementId.length + 40;
      for (const l of v.labels) bytes += l.length + 3;
      stack.push([v.properties, depth + 1]);
    } else if (neo4j.isRelationship(v)) {
      bytes += v.elementId.length + v.startNodeElementId.length + v.endNodeElementId.length + v.type.length + 60;
      stack.push([v.properties, depth + 1]);
    } else if (neo4j.isPath(v)) {
      stack.push([v.start, depth + 1]);
      for (const s of v.segments) stack.push([s.relationship, depth + 1], [s.end, depth + 1]);
    } else if (Array.isArray(v)) {
      bytes += 2 + v.length;
      for (const x of v) stack.push([x, depth + 1]);
    } else if (ArrayBuffer.isView(v)) bytes += v.byteLength * 4;
    else if (neo4j.isVector(v)) bytes += v.asTypedArray().byteLength * 4;
    else
      for (const [k, x] of Object.entries(v)) {
        bytes += k.length + 4;
        stack.push([x, depth + 1]);
      }
    if (bytes > maxBytes) throw tooLarge();
  }
  return bytes;
}

/**
 * Deepest nesting of a plain JSON value (request params), computed iteratively and stopping at
 * `limit + 1`; also reports the path of the first `__proto__` key, which JavaScript objects cannot
 * carry faithfully.
 */
export function inspectParams(value: unknown, limit: number): { depth: number; protoKeyAt?: string } {
  let deepest = 0;
  const stack: [unknown, number, string][] = [[value, 0, 'params']];
  while (stack.length > 0) {
    const [v, depth, path] = stack.pop()!;
    deepest = Math.max(deepest, depth);
    if (deepest > limit) return { depth: deepest };
    if (v === null || typeof v !== 'object') continue;
    if (Array.isArray(v)) v.forEach((x, i) => stack.push([x, depth + 1, `${path}.${i}`]));
    else
      for (const k of Object.keys(v)) {
        if (k === '__proto__') return { depth: deepest, protoKeyAt: `${path}.${k}` };
        stack.push([(v as Record<string, unknown>)[k], depth + 1, `${path}.${k}`]);
      }
  }
  return { depth: deepest };
}

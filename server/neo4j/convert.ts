/**
 * Converts Neo4j driver values into plain JSON-safe values at the driver boundary: Integers become
 * numbers (strings outside the safe range), temporal values and durations ISO strings, points plain
 * objects, nodes/relationships/paths plain objects. Nothing of the driver's types (`{low, high}`,
 * class instances) leaves server/neo4j.
 */
import neo4j, {
  type Date as Neo4jDate,
  type DateTime,
  type Duration,
  type Integer,
  type LocalDateTime,
  type LocalTime,
  type Node,
  type Path,
  type Relationship,
  type Time,
} from 'neo4j-driver';
import { ValidationError } from '../errors';

/** A node as plain data: `id` is the node's `id` property when it has one, else its element id. */
export interface PlainNode {
  id: string;
  elementId: string;
  labels: string[];
  properties: Record<string, unknown>;
}

/** A relationship as plain data; `start`/`end` are the element ids of its ends unless resolved. */
export interface PlainRelationship {
  id: string;
  elementId: string;
  type: string;
  start: string;
  end: string;
  startElementId: string;
  endElementId: string;
  properties: Record<string, unknown>;
}

/** A path as plain data: its nodes in order and the relationships between them. */
export interface PlainPath {
  nodes: PlainNode[];
  relationships: PlainRelationship[];
}

/** An Integer (or bigint) as a number when it is safe, else as its decimal string. */
export function toNumberOrString(value: Integer | bigint): number | string {
  if (typeof value === 'bigint') {
    return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)
      ? Number(value)
      : value.toString();
  }
  // |value| < 2^52 (the high word within ±2^20): exact as a number, without Integer arithmetic
  const high = value.high;
  if (high >= -0x100000 && high < 0x100000) return high * 0x100000000 + (value.low >>> 0);
  return value.inSafeRange() ? value.toNumber() : value.toString();
}

const keyOf = (props: Record<string, unknown>, elementId: string): string =>
  typeof props.id === 'string' ? props.id : elementId;

function plainProps(props: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(props)) out[k] = toPlain(props[k]);
  return out;
}

/** A driver Node as plain data. */
export function plainNode(node: Node): PlainNode {
  const properties = plainProps(node.properties);
  return { id: keyOf(properties, node.elementId), elementId: node.elementId, labels: [...node.labels], properties };
}

/** A driver Relationship as plain data (ends as element ids). */
export function plainRelationship(rel: Relationship): PlainRelationship {
  const properties = plainProps(rel.properties);
  return {
    id: keyOf(properties, rel.elementId),
    elementId: rel.elementId,
    type: rel.type,
    start: rel.startNodeElementId,
    end: rel.endNodeElementId,
    startElementId: rel.startNodeElementId,
    endElementId: rel.endNodeElementId,
    properties,
  };
}

/** A driver Path as plain data. */
export function plainPath(path: Path): PlainPath {
  const nodes: PlainNode[] = [plainNode(path.start)];
  const relationships: PlainRelationship[] = [];
  for (const seg of path.segments) {
    relationships.push(plainRelationship(seg.relationship));
    nodes.push(plainNode(seg.end));
  }
  return { nodes, relationships };
}

type Temporal = Neo4jDate | DateTime | LocalDateTime | LocalTime | Time | Duration;

const isTemporal = (v: unknown): v is Temporal =>
  neo4j.isDate(v) ||
  neo4j.isDateTime(v) ||
  neo4j.isLocalDateTime(v) ||
  neo4j.isLocalTime(v) ||
  neo4j.isTime(v) ||
  neo4j.isDuration(v);

/** How nodes, relationships and paths are shaped by `toPlainWith` (the plain form by default). */
export interface GraphShapers {
  node?: (n: PlainNode) => unknown;
  relationship?: (r: PlainRelationship) => unknown;
}

/**
 * Any value the driver returns, converted recursively to plain data. Nodes, relationships and paths
 * become PlainNode / PlainRelationship / PlainPath.
 */
export function toPlain(value: unknown): unknown {
  return toPlainWith(value, {});
}

/** As `toPlain`, with nodes and relationships (also inside paths) shaped by `shape`. */
export function toPlainWith(value: unknown, shape: GraphShapers): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return toNumberOrString(value);
  if (typeof value !== 'object') return value;
  // lists and maps (plain objects: every driver type is a class) first, the commonest by far; they are
  // converted in place: the driver decodes every record afresh and nothing else holds its lists and maps
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = toPlainWith(value[i], shape);
    return value;
  }
  if (Object.getPrototypeOf(value) === Object.prototype) {
    const map = value as Record<string, unknown>;
    for (const k of Object.keys(map)) map[k] = toPlainWith(map[k], shape);
    return map;
  }
  if (neo4j.isInt(value)) return toNumberOrString(value);
  if (isTemporal(value)) return value.toString();
  if (neo4j.isPoint(value)) {
    const p: Record<string, unknown> = { srid: toPlain(value.srid), x: value.x, y: value.y };
    if (value.z !== undefined) p.z = value.z;
    return p;
  }
  const node = (n: PlainNode) => (shape.node ? shape.node(n) : n);
  const rel = (r: PlainRelationship) => (shape.relationship ? shape.relationship(r) : r);
  if (neo4j.isNode(value)) return node(plainNode(value));
  if (neo4j.isRelationship(value)) return rel(plainRelationship(value));
  if (neo4j.isPath(value)) {
    const p = plainPath(value);
    return { nodes: p.nodes.map(node), relationships: p.relationships.map(rel) };
  }
  if (neo4j.isVector(value)) {
    const out: (number | string)[] = [];
    for (const x of value.asTypedArray() as Iterable<number | bigint>)
      out.push(typeof x === 'bigint' ? toNumberOrString(x) : x);
    return out;
  }
  if (neo4j.isUnsupportedType(value)) return String(value);
  if (ArrayBuffer.isView(value)) return Array.from(value as unknown as ArrayLike<number>);
  return plainMap(value as Record<string, unknown>, shape);
}

function plainMap(value: Record<string, unknown>, shape: GraphShapers): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(value)) out[k] = toPlainWith(value[k], shape);
  return out;
}

/** Every node and relationship found anywhere in a driver value (lists, maps, paths), as plain data. */
export function collectGraph(
  value: unknown,
  into: { nodes: Map<string, PlainNode>; relationships: Map<string, PlainRelationship> },
): void {
  if (value === null || typeof value !== 'object') return;
  if (neo4j.isNode(value)) {
    if (!into.nodes.has(value.elementId)) into.nodes.set(value.elementId, plainNode(value));
    return;
  }
  if (neo4j.isRelationship(value)) {
    if (!into.relationships.has(value.elementId)) into.relationships.set(value.elementId, plainRelationship(value));
    return;
  }
  if (neo4j.isPath(value)) {
    collectGraph(value.start, into);
    for (const seg of value.segments) {
      collectGraph(seg.relationship, into);
      collectGraph(seg.end, into);
    }
    return;
  }
  if (
    neo4j.isInt(value) ||
    isTemporal(value) ||
    neo4j.isPoint(value) ||
    neo4j.isVector(value) ||
    neo4j.isUnsupportedType(value)
  )
    return;
  if (Array.isArray(value)) {
    for (const v of value) collectGraph(v, into);
    return;
  }
  if (ArrayBuffer.isView(value)) return;
  for (const v of Object.values(value)) collectGraph(v, into);
}

/** A driver Record (or any `{keys, get}` row) as a plain object of converted values. */
export function plainRecord(record: {
  keys: readonly PropertyKey[];
  get(key: PropertyKey): unknown;
}): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of record.keys) out[String(k)] = toPlain(record.get(k));
  return out;
}

/** Deepest nesting toParam converts (request params are checked far below this; see measure.ts). */
export const MAX_PARAM_DEPTH = 1_000;

/**
 * A plain JS value prepared as a query parameter: safe integers become Neo4j Integers (so that years
 * and counts are stored as INTEGER, not FLOAT); everything else is left as is. Throws
 * ValidationError for a value nested deeper than MAX_PARAM_DEPTH.
 */
export function toParam(value: unknown, depth = 0): unknown {
  if (depth > MAX_PARAM_DEPTH)
    throw new ValidationError(`a query parameter nests deeper than ${MAX_PARAM_DEPTH} levels`, {
      where: 'query parameters',
      hint: 'send flatter parameters',
    });
  if (typeof value === 'number') return Number.isSafeInteger(value) ? neo4j.int(value) : value;
  if (Array.isArray(value)) return value.map((v) => toParam(v, depth + 1));
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = toParam(v, depth + 1);
    return out;
  }
  return value;
}

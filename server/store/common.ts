/**
 * Rules shared by both stores, written once: how records are flattened for storage and read back,
 * entity/relationship property views, cursors, money totals and ordering. See SEMANTICS.md.
 */
import type {
  Entity,
  Flow,
  FlowAggregate,
  MoneyTotal,
  NodeRef,
  RelationshipItem,
  SerializedGraph,
} from '../api/schemas';
import { ValidationError } from '../errors';
import { dealIds, moneyTotals, type DealLookup, type MoneyItem } from './deals';
import { entityFigures, figureAttributes } from './figures';
import { MONEY_REL_TYPES, Node, Relationship, type NodeKind, type Provenance, type RelType } from '../model/model';
import { searchAcronyms, searchNamesOf } from '../search/names';

/** A flat property map as stored (strings, numbers, booleans and string lists only). */
export type StoredProps = Record<string, string | number | boolean | string[]>;

const NODE_CORE = new Set(['id', 'name', 'kind', 'aliases', 'description', 'sources', 'acronyms', 'searchNames']);
const REL_CORE = new Set(['id', 'type', 'source', 'target', 'sources']);

function flattenSources(sources: Provenance[]): { sourceIds: string[]; sourceQuotes: string[] } {
  return { sourceIds: sources.map((s) => s.source), sourceQuotes: sources.map((s) => s.quote) };
}

/** Rebuilds provenance from the stored parallel lists. */
export function sourcesOf(props: Record<string, unknown>): Provenance[] {
  const ids = Array.isArray(props.sourceIds) ? (props.sourceIds as string[]) : [];
  const quotes = Array.isArray(props.sourceQuotes) ? (props.sourceQuotes as string[]) : [];
  return ids.map((source, i) => ({ source, quote: quotes[i] ?? '' }));
}

function defined(obj: Record<string, unknown>): StoredProps {
  const out: StoredProps = {};
  for (const [k, v] of Object.entries(obj)) if (v !== undefined && v !== null) out[k] = v as StoredProps[string];
  return out;
}

/**
 * A model node as stored: every field but `sources` (flattened), absent fields left out, plus the
 * search acronyms computed from its name (`acronyms`, organisations only; server/search/names.ts).
 */
export function toStoredNode(node: Node): StoredProps {
  const { sources, ...rest } = node;
  const acronyms = searchAcronyms(node.kind, node.name);
  return defined({ ...rest, ...flattenSources(sources), ...(acronyms.length > 0 ? { acronyms } : {}) });
}

/**
 * A model node as the Neo4j store stores it: `toStoredNode` plus the normalised names its full-text
 * index reads (`searchNames`, server/search/names.ts; set on every node, so a node written before it
 * existed is one without it).
 */
export const toNeo4jNode = (node: Node): StoredProps => ({
  ...toStoredNode(node),
  searchNames: searchNamesOf(node.name, node.aliases),
});

/** The search acronyms stored with a node (none when absent). */
export const storedAcronyms = (props: Record<string, unknown>): string[] =>
  Array.isArray(props.acronyms) ? props.acronyms.filter((a): a is string => typeof a === 'string') : [];

/** A model relationship's stored properties (without type and endpoints). */
export function toStoredRel(rel: Relationship): StoredProps {
  const { sources, type: _type, source: _s, target: _t, ...rest } = rel;
  return defined({ ...rest, ...flattenSources(sources) });
}

/** Reads a stored node back into the model (throws if the store holds something the model refuses). */
export function fromStoredNode(props: Record<string, unknown>): Node {
  const { sourceIds: _i, sourceQuotes: _q, acronyms: _a, searchNames: _s, ...rest } = props;
  return Node.parse({ ...rest, sources: sourcesOf(props) });
}

/** Reads a stored relationship back into the model. */
export function fromStoredRel(
  type: string,
  source: string,
  target: string,
  props: Record<string, unknown>,
): Relationship {
  const { sourceIds: _i, sourceQuotes: _q, ...rest } = props;
  return Relationship.parse({ ...rest, type, source, target, sources: sourcesOf(props) });
}

/** The kind-specific fields of a stored node (what `Entity.properties` shows). */
export function nodeProperties(props: Record<string, unknown>): Record<string, unknown> {
  return pickSorted(props, (k) => !NODE_CORE.has(k) && k !== 'sourceIds' && k !== 'sourceQuotes');
}

/** The type-specific fields of a stored relationship (what `RelationshipItem.properties` shows). */
export function relProperties(props: Record<string, unknown>): Record<string, unknown> {
  return pickSorted(props, (k) => !REL_CORE.has(k) && k !== 'sourceIds' && k !== 'sourceQuotes');
}

/**
 * The entries of `o` whose key passes `keep`, in key order (code-unit order, as byString). The keys
 * are few (a record's properties): kept and sorted by insertion in place, without a sort's buffers.
 */
function pickSorted(o: Record<string, unknown>, keep: (key: string) => boolean = () => true): Record<string, unknown> {
  const keys = Object.keys(o);
  let n = 0;
  for (const k of keys) {
    if (!keep(k)) continue;
    let j = n++;
    for (; j > 0 && keys[j - 1]! > k; j--) keys[j] = keys[j - 1]!;
    keys[j] = k;
  }
  const out: Record<string, unknown> = {};
  for (let i = 0; i < n; i++) out[keys[i]!] = o[keys[i]!];
  return out;
}

/** A node reference from stored properties. */
export function refOf(props: Record<string, unknown>): NodeRef {
  return { id: String(props.id), name: String(props.name), kind: props.kind as NodeKind };
}

/** True for relationship types that carry money. */
export const isMoneyType = (type: string): boolean => (MONEY_REL_TYPES as readonly string[]).includes(type);

/** Totals `{currency, amount}` pairs per currency, sorted by currency code. */
export function totalByCurrency(items: Iterable<{ amount?: unknown; currency?: unknown }>): MoneyTotal[] {
  const acc = new Map<string, MoneyTotal>();
  for (const it of items) {
    if (typeof it.amount !== 'number' || typeof it.currency !== 'string') continue;
    const t = acc.get(it.currency) ?? { currency: it.currency, amount: 0, count: 0 };
    t.amount += it.amount;
    t.count += 1;
    acc.set(it.currency, t);
  }
  return [...acc.values()].sort((a, b) => (a.currency < b.currency ? -1 : a.currency > b.currency ? 1 : 0));
}

/** Encodes a relationships-page cursor. */
export function encodeCursor(afterId: string): string {
  return Buffer.from(JSON.stringify({ after: afterId }), 'utf8').toString('base64url');
}

/** Decodes a relationships-page cursor; a malformed one is a ValidationError. */
export function decodeCursor(cursor: string | undefined): string | undefined {
  if (cursor === undefined) return undefined;
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (v && typeof v === 'object' && 'after' in v && typeof v.after === 'string') return v.after;
  } catch {
    /* fall through */
  }
  throw new ValidationError('cursor is not one this API gave out', {
    where: 'query parameter "cursor"',
    hint: 'pass the nextCursor of the previous page unchanged, or leave it out for the first page',
  });
}

/** Compares strings by code unit (the order Neo4j's ORDER BY uses for strings). */
export const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Builds an Entity from stored node properties, its relationships (type, direction, props) and the
 * end nodes of its outgoing HAS_INDICATOR / REPORTS relationships (`figureLinks`, see figures.ts).
 */
export function buildEntity(
  props: Record<string, unknown>,
  rels: { type: string; direction: 'in' | 'out'; props: Record<string, unknown> }[],
  figureLinks: { type: string; end: Record<string, unknown> }[] = [],
  deals: DealLookup = () => undefined,
): Entity {
  const byType: Record<string, number> = {};
  let inCount = 0;
  let outCount = 0;
  for (const r of rels) {
    byType[r.type] = (byType[r.type] ?? 0) + 1;
    if (r.direction === 'in') inCount++;
    else outCount++;
  }
  const money = (dir: 'in' | 'out') =>
    moneyTotals(
      rels.filter((r) => r.direction === dir && isMoneyType(r.type)).map((r) => r.props),
      deals,
    );
  return {
    ...refOf(props),
    aliases: Array.isArray(props.aliases) ? (props.aliases as string[]) : [],
    description: typeof props.description === 'string' ? props.description : '',
    properties: nodeProperties(props),
    sources: sourcesOf(props),
    stats: {
      degree: {
        total: inCount + outCount,
        in: inCount,
        out: outCount,
        byType: pickSorted(byType) as Record<string, number>,
      },
      money: { in: money('in'), out: money('out') },
    },
    ...entityFigures(figureLinks),
  };
}

/** A relationship page item. */
export function relationshipItem(
  type: RelType,
  direction: 'in' | 'out',
  props: Record<string, unknown>,
  other: Record<string, unknown>,
): RelationshipItem {
  return {
    id: String(props.id),
    type,
    direction,
    properties: relProperties(props),
    sources: sourcesOf(props),
    other: refOf(other),
  };
}

/** An empty serialized graph in the API's format. */
export function emptySerializedGraph(truncated = false): SerializedGraph {
  return {
    options: { type: 'directed', multi: true, allowSelfLoops: true },
    attributes: { truncated },
    nodes: [],
    edges: [],
  };
}

/** Node attributes for a serialized graph. */
export function nodeAttributes(props: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return {
    name: String(props.name),
    kind: props.kind as NodeKind,
    aliases: Array.isArray(props.aliases) ? (props.aliases as string[]) : [],
    ...(props.kind === 'Indicator' ? figureAttributes(props) : {}),
    ...extra,
  };
}

/** Edge attributes for a serialized graph: the type plus the relationship's flat properties. */
export function edgeAttributes(type: RelType, props: Record<string, unknown>) {
  return { type, ...relProperties(props) };
}

/** True when a money relationship belongs to `year` (its year, or a period containing it). */
export function inYear(props: Record<string, unknown>, year: number | undefined): boolean {
  if (year === undefined) return true;
  if (typeof props.year === 'number') return props.year === year;
  if (typeof props.periodStart === 'number' && typeof props.periodEnd === 'number')
    return props.periodStart <= year && year <= props.periodEnd;
  return false;
}

/** Relationship types followed outward by `regionOf`, and how far. */
export const REGION_REL_TYPES = ['LOCATED_IN', 'PART_OF'] as const satisfies readonly RelType[];
export const REGION_MAX_HOPS = 3;
/** The region name given to a node that reaches no Region. */
export const UNKNOWN_REGION = 'unknown';

/**
 * The region of a node: the id of the nearest Region reached by following outgoing LOCATED_IN and
 * PART_OF relationships (in any mix) for 1 to 3 hops, ties by id; `UNKNOWN_REGION` when none. A Region
 * node's own region is therefore its parent. In Cypher:
 * `MATCH p = (n {id: $id})-[:LOCATED_IN|PART_OF*1..3]->(r:Region) RETURN r.id ORDER BY length(p), r.id LIMIT 1`.
 * `next(id)` lists the end nodes (id and kind) of a node's outgoing LOCATED_IN/PART_OF relationships.
 */
export function regionOf(id: string, next: (id: string) => Iterable<{ id: string; kind: string }>): string {
  const seen = new Set([id]);
  let level = [id];
  for (let hop = 1; hop <= REGION_MAX_HOPS && level.length > 0; hop++) {
    const following: string[] = [];
    let found: string | undefined;
    for (const n of level)
      for (const end of next(n)) {
        if (end.kind === 'Region' && (found === undefined || end.id < found)) found = end.id;
        if (!seen.has(end.id)) {
          seen.add(end.id);
          following.push(end.id);
        }
      }
    if (found !== undefined) return found;
    level = following;
  }
  return UNKNOWN_REGION;
}

/** How far `isWithin` follows LOCATED_IN / PART_OF outward (district → city → province → country). */
export const WITHIN_MAX_HOPS = 6;

/**
 * True when `region` is reached from `id` by following outgoing LOCATED_IN / PART_OF relationships
 * (`next`), up to WITHIN_MAX_HOPS: a node in a district of Chongqing is within Chongqing.
 */
export function isWithin(id: string, region: string, next: (id: string) => Iterable<{ id: string }>): boolean {
  if (id === region) return true;
  const seen = new Set([id]);
  let level = [id];
  for (let hop = 1; hop <= WITHIN_MAX_HOPS && level.length > 0; hop++) {
    const following: string[] = [];
    for (const n of level)
      for (const end of next(n)) {
        if (end.id === region) return true;
        if (!seen.has(end.id)) {
          seen.add(end.id);
          following.push(end.id);
        }
      }
    level = following;
  }
  return false;
}

/** Flow order: hop, then amount descending (no amount last), then id. */
export function compareFlows(a: Flow, b: Flow): number {
  if (a.hop !== b.hop) return a.hop - b.hop;
  if (a.amount !== b.amount) {
    if (a.amount === null) return 1;
    if (b.amount === null) return -1;
    return b.amount - a.amount;
  }
  return byString(a.id, b.id);
}

/** A Flow item from a money relationship's stored properties and its two end nodes. */
export function flowOf(
  hop: number,
  type: RelType,
  props: Record<string, unknown>,
  source: Record<string, unknown>,
  target: Record<string, unknown>,
): Flow {
  const str = (v: unknown) => (typeof v === 'string' ? v : null);
  const num = (v: unknown) => (typeof v === 'number' ? v : null);
  return {
    hop,
    id: String(props.id),
    type,
    source: refOf(source),
    target: refOf(target),
    amount: num(props.amount),
    currency: str(props.currency),
    amountText: str(props.amountText),
    year: num(props.year),
    periodLabel: str(props.periodLabel),
    instrument: str(props.instrument),
    program: str(props.program),
    ...(typeof props.deal === 'string' ? { deal: props.deal } : {}),
    ...(typeof props.share === 'number' ? { share: props.share } : {}),
  };
}

/**
 * Money aggregated by a key of each flow's ends (kinds, regions): per `{from, to, currency}`, over flows
 * with an amount, sorted by amount descending, then from, to, currency.
 */
export function aggregateFlows(
  flows: Iterable<Flow>,
  keyOf: (f: Flow) => { from: string; to: string },
): FlowAggregate[] {
  const acc = new Map<string, FlowAggregate>();
  for (const f of flows) {
    if (f.amount === null || f.currency === null) continue;
    const { from, to } = keyOf(f);
    const k = JSON.stringify([from, to, f.currency]);
    const a = acc.get(k) ?? { from, to, currency: f.currency, amount: 0, count: 0 };
    a.amount += f.amount;
    a.count += 1;
    acc.set(k, a);
  }
  return [...acc.values()].sort(
    (a, b) =>
      b.amount - a.amount || byString(a.from, b.from) || byString(a.to, b.to) || byString(a.currency, b.currency),
  );
}

/**
 * The co-funding network (SEMANTICS.md) from `funded`: funder → recipient → its money records. Funders
 * failing `keepFunder` are left out; `money` reads a record's amount, currency, deal and share; `nodeOf`
 * builds a funder's serialized node from its id and its number of distinct recipients; `deals` gives
 * the deals' totals (each deal counted once in `amounts`).
 */
export function buildCofunding<M>(
  funded: Map<string, Map<string, M[]>>,
  keepFunder: (id: string) => boolean,
  q: { minShared: number; limit: number },
  money: (m: M) => MoneyItem,
  nodeOf: (id: string, recipients: number) => SerializedGraph['nodes'][number],
  deals: DealLookup = () => undefined,
): SerializedGraph {
  const fundersOf = new Map<string, string[]>();
  for (const [funder, targets] of funded) {
    if (!keepFunder(funder)) continue;
    for (const t of targets.keys()) {
      const list = fundersOf.get(t);
      if (list) list.push(funder);
      else fundersOf.set(t, [funder]);
    }
  }
  const pairs = new Map<string, { a: string; b: string; recipients: string[] }>();
  for (const [t, funders] of fundersOf) {
    if (funders.length < 2) continue;
    funders.sort(byString);
    for (let i = 0; i < funders.length; i++)
      for (let j = i + 1; j < funders.length; j++) {
        const a = funders[i]!;
        const b = funders[j]!;
        const key = `cofund:${a}:${b}`;
        const p = pairs.get(key);
        if (p) p.recipients.push(t);
        else pairs.set(key, { a, b, recipients: [t] });
      }
  }
  const links = [...pairs.entries()].filter(([, p]) => p.recipients.length >= q.minShared);
  const score = new Map<string, number>();
  for (const [, p] of links) {
    score.set(p.a, (score.get(p.a) ?? 0) + p.recipients.length);
    score.set(p.b, (score.get(p.b) ?? 0) + p.recipients.length);
  }
  let ids = [...score.keys()];
  const totalNodes = ids.length;
  const truncated = ids.length > q.limit;
  if (truncated) ids = ids.sort((a, b) => score.get(b)! - score.get(a)! || byString(a, b)).slice(0, q.limit);
  const kept = new Set(ids);
  const g = emptySerializedGraph(truncated);
  g.attributes.totalNodes = totalNodes;
  g.nodes = [...kept].sort(byString).map((n) => nodeOf(n, funded.get(n)?.size ?? 0));
  g.edges = links
    .filter(([, p]) => kept.has(p.a) && kept.has(p.b))
    .sort(([x], [y]) => byString(x, y))
    .map(([key, p]) => {
      const recipients = [...p.recipients].sort(byString);
      const recordsOf = (f: string) => recipients.flatMap((r) => funded.get(f)?.get(r) ?? []).map(money);
      const ofA = recordsOf(p.a);
      const ofB = recordsOf(p.b);
      const inB = new Set(dealIds(ofB));
      return {
        key,
        source: p.a,
        target: p.b,
        attributes: {
          type: 'CO_FUNDS' as const,
          shared: recipients.length,
          recipients,
          amounts: moneyTotals([...ofA, ...ofB], deals),
          deals: dealIds(ofA).filter((d) => inB.has(d)),
        },
      };
    });
  return g;
}

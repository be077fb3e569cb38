/**
 * The API contract: zod schemas of every endpoint's parameters and responses. Routes parse with them,
 * stores return the response types, the client imports the types, and the OpenAPI document is
 * generated from them.
 */
import { z } from 'zod';
import {
  DEAL_TYPES,
  MONEY_REL_TYPES,
  NODE_KINDS,
  Provenance,
  QUALIFIERS,
  REL_TYPES,
  Slug,
  type NodeKind,
  type RelType,
} from '../model/model';

/** A comma-separated list query parameter whose items must belong to `values`. */
const csvOf = <T extends string>(values: readonly T[], what: string) =>
  z
    .string()
    .max(2000)
    .transform((s, ctx) => {
      const items = s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean);
      const bad = items.filter((x) => !(values as readonly string[]).includes(x));
      if (bad.length > 0) {
        ctx.addIssue({ code: 'custom', message: `unknown ${what}: ${bad.join(', ')} (allowed: ${values.join(', ')})` });
        return z.NEVER;
      }
      return items as T[];
    })
    .describe(`comma-separated list of ${what}s (${values.join(', ')})`);

export const KindsParam = csvOf(NODE_KINDS, 'kind');
export const TypesParam = csvOf(REL_TYPES, 'relationship type');
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
/** A boolean query parameter: `true` or `false`. */
const BoolParam = z.enum(['true', 'false']).transform((v) => v === 'true');
/** `merge` of the graph endpoints: absent means true (server/store/merge.ts). */
export const MergeParam = BoolParam.optional().describe(
  'merge parallel relationships (same ends, type and currency) into one edge with their total, count, ' +
    'year span and ids (default true); false gives every relationship',
);
/** Data set names (the `dataset` of nodes and relationships, see /api/datasets). */
export const DatasetsParam = z
  .string()
  .max(2000)
  .transform((s) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
  )
  .pipe(z.array(Slug.describe('a data set name')).min(1, 'name at least one data set'))
  .optional()
  .describe('comma-separated data set names (see /api/datasets): only nodes of these data sets');
const Id = Slug;
const Year = int(1900, 2100);

// ---------------------------------------------------------------- shared response pieces

export const NodeRef = z.object({ id: z.string(), name: z.string(), kind: z.enum(NODE_KINDS) });
export type NodeRef = z.infer<typeof NodeRef>;

/** A total of money in one currency. */
export const MoneyTotal = z.object({ currency: z.string(), amount: z.number(), count: z.number().int() });
export type MoneyTotal = z.infer<typeof MoneyTotal>;

/** graphology's serialization format, so that a client can `graph.import()` it. */
export const SerializedGraph = z.object({
  options: z.object({ type: z.literal('directed'), multi: z.literal(true), allowSelfLoops: z.boolean() }),
  attributes: z
    .object({
      truncated: z.boolean(),
      totalNodes: z.number().int().optional(),
      totalNeighbors: z.number().int().optional().describe('a depth-1 neighbourhood: how many neighbours the root has'),
      nextOffset: z.number().int().nullable().optional().describe('a depth-1 neighbourhood: `offset` of the next page'),
    })
    .catchall(z.unknown()),
  nodes: z.array(
    z.object({
      key: z.string(),
      attributes: z.object({ name: z.string(), kind: z.enum(NODE_KINDS) }).catchall(z.unknown()),
    }),
  ),
  edges: z.array(
    z.object({
      key: z.string(),
      source: z.string(),
      target: z.string(),
      attributes: z
        .object({
          type: z.enum([...REL_TYPES, 'CO_FUNDS']),
          merged: z.literal(true).optional().describe('a merged edge: parallel relationships (merge=true)'),
          count: z.number().int().optional().describe('merged edge: how many relationships it stands for'),
          relationships: z.array(z.string()).optional().describe('merged edge: the ids of its relationships'),
          yearStart: z.number().int().optional().describe('merged edge: first year its relationships cover'),
          yearEnd: z.number().int().optional().describe('merged edge: last year its relationships cover'),
        })
        .catchall(z.unknown()),
    }),
  ),
});
export type SerializedGraph = z.infer<typeof SerializedGraph>;

// ---------------------------------------------------------------- search

export const SearchQuery = z.strictObject({
  q: z.string().trim().min(1, 'q must not be empty').max(200),
  kinds: KindsParam.optional(),
  limit: int(1, 100).default(20),
});
export type SearchQuery = z.infer<typeof SearchQuery>;
export const SearchItem = NodeRef.extend({
  score: z.number(),
  aliases: z.array(z.string()),
  description: z.string(),
});
export const SearchResult = z.object({
  items: z.array(SearchItem),
  suggestions: z
    .array(SearchItem)
    .describe('when no item matches: the nearest names ("did you mean"), best first; otherwise empty'),
});
export type SearchResult = z.infer<typeof SearchResult>;

// ---------------------------------------------------------------- entity

export const EntityParams = z.strictObject({ id: Id });
export const EntityStats = z.object({
  degree: z.object({
    total: z.number().int(),
    in: z.number().int(),
    out: z.number().int(),
    byType: z.record(z.string(), z.number().int()),
  }),
  money: z.object({ in: z.array(MoneyTotal), out: z.array(MoneyTotal) }),
});
/** A figure (an Indicator node) as the lookups show it: the value as stated, its period and its quotes. */
export const Figure = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  metric: z.string(),
  value: z.number(),
  valueText: z.string().describe('the figure as stated in the source'),
  unit: z.string(),
  currency: z.string().optional(),
  qualifier: z.string().optional(),
  year: z.number().int().optional(),
  periodStart: z.number().int().optional(),
  periodEnd: z.number().int().optional(),
  periodLabel: z.string().optional(),
  asOf: z.string().optional(),
  baseYear: z.number().int().optional(),
  baseLabel: z.string().optional(),
  sources: z.array(Provenance),
});
export type Figure = z.infer<typeof Figure>;

export const Entity = NodeRef.extend({
  aliases: z.array(z.string()),
  description: z.string(),
  properties: z.record(z.string(), z.unknown()).describe('kind-specific fields of the model'),
  sources: z.array(Provenance),
  stats: EntityStats,
  figures: z.array(Figure).describe('the figures about this entity (its HAS_INDICATOR), by metric then year'),
  reportedFigures: z.array(Figure).describe('the figures this entity reported (its REPORTS), by metric then year'),
});
export type Entity = z.infer<typeof Entity>;

// ---------------------------------------------------------------- relationships

export const RelationshipsQuery = z.strictObject({
  direction: z.enum(['in', 'out', 'both']).default('both'),
  types: TypesParam.optional(),
  limit: int(1, 500).default(50),
  cursor: z.string().max(500).optional(),
});
export type RelationshipsQuery = z.infer<typeof RelationshipsQuery>;
export const RelationshipItem = z.object({
  id: z.string(),
  type: z.enum(REL_TYPES),
  direction: z.enum(['in', 'out']),
  properties: z.record(z.string(), z.unknown()).describe('type-specific fields: amount, currency, year, role, ...'),
  sources: z.array(Provenance),
  other: NodeRef,
});
export type RelationshipItem = z.infer<typeof RelationshipItem>;
export const RelationshipPage = z.object({ items: z.array(RelationshipItem), nextCursor: z.string().nullable() });
export type RelationshipPage = z.infer<typeof RelationshipPage>;

/** The relationships of one merged edge: `from` → `to` of one type (and currency), paged by id. */
export const BetweenQuery = z.strictObject({
  from: Id.describe('start node of the relationships'),
  to: Id.describe('end node of the relationships'),
  type: z.enum(REL_TYPES),
  currency: z
    .string()
    .regex(/^([A-Z]{3}|none)$/, 'must be a currency code (e.g. USD) or "none"')
    .optional()
    .describe('only relationships in this currency ("none": without a currency); absent: any'),
  limit: int(1, 500).default(50),
  cursor: z.string().max(500).optional(),
});
export type BetweenQuery = z.infer<typeof BetweenQuery>;

// ---------------------------------------------------------------- neighbourhood and overview

export const NeighborhoodQuery = z.strictObject({
  depth: int(1, 3).default(1),
  types: TypesParam.optional(),
  limit: int(1, 5000).default(500).describe('maximum number of nodes'),
  offset: int(0, 10_000_000)
    .default(0)
    .describe(
      'depth 1 only: skip this many neighbours (in id order); the graph attributes give `totalNeighbors` and `nextOffset` (null on the last page)',
    ),
  merge: MergeParam,
  datasets: DatasetsParam,
});
export type NeighborhoodQuery = z.infer<typeof NeighborhoodQuery>;

export const OverviewQuery = z.strictObject({
  kinds: KindsParam.optional(),
  types: TypesParam.optional(),
  region: Id.optional().describe('only nodes located (directly or through zones) in this Region'),
  minAmount: z.coerce
    .number()
    .min(0)
    .max(1e18)
    .optional()
    .describe('keep only money relationships of at least this amount'),
  limit: int(1, 100_000).default(5000).describe('maximum number of nodes'),
  merge: MergeParam,
  datasets: DatasetsParam,
});
export type OverviewQuery = z.infer<typeof OverviewQuery>;

// ---------------------------------------------------------------- paths

export const PathsQuery = z.strictObject({
  from: Id,
  to: Id,
  maxHops: int(1, 6).default(4),
  types: TypesParam.optional(),
  k: int(0, 10).default(0).describe('how many alternative (longer) paths to add after the shortest ones'),
});
export type PathsQuery = z.infer<typeof PathsQuery>;
export const PathRel = z.object({
  id: z.string(),
  type: z.enum(REL_TYPES),
  source: z.string(),
  target: z.string(),
  properties: z.record(z.string(), z.unknown()),
});
export type PathRel = z.infer<typeof PathRel>;
/** The relationships joining two consecutive nodes of a path (either direction, of the asked types). */
export const PathHop = z.object({
  count: z.number().int().describe('how many relationships join the two nodes'),
  relationships: z.array(PathRel).describe('the first of them by id (at most 20); the rest: /api/relationships'),
});
export type PathHop = z.infer<typeof PathHop>;
export const Path = z.object({
  nodes: z.array(NodeRef),
  relationships: z.array(PathRel).describe('one relationship per hop: the first by id of the hop'),
  hops: z.array(PathHop).describe('per hop, every relationship joining its two nodes (parallel ones)'),
});
export type Path = z.infer<typeof Path>;
export const PathsResult = z.object({ paths: z.array(Path) });
export type PathsResult = z.infer<typeof PathsResult>;

// ---------------------------------------------------------------- money flows

export const FlowsQuery = z.strictObject({
  from: Id.optional().describe('start entity; without it, flows are aggregated over the whole graph'),
  direction: z.enum(['down', 'up']).default('down'),
  depth: int(1, 6).default(3),
  year: Year.optional().describe('only money of this year (or of a period that contains it)'),
  region: Id.optional().describe(
    'only money crossing into, out of or within this Region (either end located in it; funders outside it kept)',
  ),
  limit: int(1, 10_000).default(1000).describe('flows per page (totals and aggregates cover every flow)'),
  cursor: z.string().max(500).optional().describe('the nextCursor of the previous page'),
});
export type FlowsQuery = z.infer<typeof FlowsQuery>;
export const Flow = z.object({
  hop: z.number().int(),
  id: z.string(),
  type: z.enum(REL_TYPES),
  source: NodeRef,
  target: NodeRef,
  amount: z.number().nullable(),
  currency: z.string().nullable(),
  amountText: z.string().nullable(),
  year: z.number().int().nullable(),
  periodLabel: z.string().nullable(),
  instrument: z.string().nullable(),
  program: z.string().nullable(),
  deal: z.string().optional().describe('id of the deal this money is part of (see /api/deals/{id})'),
  share: z.number().optional().describe("the participant's share of the deal's total, when stated"),
});
export type Flow = z.infer<typeof Flow>;
export const FlowAggregate = z.object({
  from: z.string(),
  to: z.string(),
  currency: z.string(),
  amount: z.number(),
  count: z.number().int(),
});
export type FlowAggregate = z.infer<typeof FlowAggregate>;
export const FlowsResult = z.object({
  root: NodeRef.nullable(),
  direction: z.enum(['down', 'up']),
  flows: z
    .array(Flow)
    .describe('one page of the money relationships reached, ordered by hop then amount (largest first)'),
  totalFlows: z.number().int().describe('how many flows matched, over all pages'),
  nextCursor: z.string().nullable().describe('pass as cursor for the next page; null on the last page'),
  totals: z.array(MoneyTotal).describe('money over all flows, per currency'),
  byKind: z.array(FlowAggregate).describe('money aggregated from kind to kind'),
  byRegion: z.array(FlowAggregate).describe('money aggregated from region to region ("unknown" when none)'),
  graph: SerializedGraph.describe('the nodes and relationships of this page of flows'),
});
export type FlowsResult = z.infer<typeof FlowsResult>;

// ---------------------------------------------------------------- deals

export const DealParticipant = z.object({
  relationshipId: z.string(),
  type: z.enum(MONEY_REL_TYPES),
  from: NodeRef,
  to: NodeRef,
  amount: z.number().optional().describe("the participant's own amount, when stated"),
  currency: z.string().optional(),
  amountText: z.string().optional(),
  share: z.number().optional().describe("the participant's share of the deal's total, when stated"),
});
export type DealParticipant = z.infer<typeof DealParticipant>;
export const Deal = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.literal('Deal'),
  dealType: z.enum(DEAL_TYPES).optional(),
  amount: z.number().optional().describe("the deal's stated total, in whole currency units"),
  currency: z.string().optional(),
  amountText: z.string().optional(),
  amountQualifier: z.enum(QUALIFIERS).optional(),
  year: z.number().int().optional(),
  periodStart: z.number().int().optional(),
  periodEnd: z.number().int().optional(),
  periodLabel: z.string().optional(),
  caveat: z.string().optional().describe('what the stated total covers, as the source qualifies it'),
  description: z.string(),
  sources: z.array(Provenance),
  participants: z.array(DealParticipant).describe('the money relationships of the deal, by relationship id'),
});
export type Deal = z.infer<typeof Deal>;

// ---------------------------------------------------------------- co-funding

export const CofundingQuery = z.strictObject({
  kinds: KindsParam.optional().describe('kinds of funders to keep'),
  minShared: int(1, 1000).default(1),
  limit: int(1, 100_000).default(5000),
  datasets: DatasetsParam,
});
export type CofundingQuery = z.infer<typeof CofundingQuery>;

// ---------------------------------------------------------------- stats

export const Stats = z.object({
  nodes: z.record(z.string(), z.number().int()),
  relationships: z.record(z.string(), z.number().int()),
  totals: z.object({ nodes: z.number().int(), relationships: z.number().int() }),
  money: z.array(MoneyTotal),
});
export type Stats = z.infer<typeof Stats>;

// ---------------------------------------------------------------- data sets

export const DatasetSource = z.object({
  id: z.string(),
  name: z.string(),
  title: z.string().optional(),
  publisher: z.string().optional(),
  url: z.string().optional(),
});
export const DatasetInfo = z.object({
  name: z.string().describe('the data set name: "seed", an import mapping name, or "unassigned"'),
  title: z.string(),
  origin: z
    .enum(['seed', 'import', 'unknown'])
    .describe('the curated seed, an import (npm run import, EMBEDDED_IMPORTS), or records loaded without a data set'),
  nodes: z.number().int(),
  relationships: z.number().int(),
  sources: z.array(DatasetSource).describe('the Source nodes of the data set (where its facts are quoted from)'),
});
export type DatasetInfo = z.infer<typeof DatasetInfo>;
export const DatasetsResult = z.object({ datasets: z.array(DatasetInfo).describe('by name') });
export type DatasetsResult = z.infer<typeof DatasetsResult>;

// ---------------------------------------------------------------- cypher

export const CypherRequest = z.strictObject({
  query: z.string().trim().min(1, 'query must not be empty').max(20_000),
  params: z.record(z.string(), z.unknown()).default({}),
});
export type CypherRequest = z.infer<typeof CypherRequest>;
export const CypherResult = z.object({
  columns: z.array(z.string()),
  rows: z.array(z.array(z.unknown())),
  graph: SerializedGraph,
  truncated: z.boolean(),
  timing: z.object({ ms: z.number() }),
});
export type CypherResult = z.infer<typeof CypherResult>;

// ---------------------------------------------------------------- errors

/** RFC 9457 problem details, with our stable `code`. */
export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  code: z.string(),
  instance: z.string().optional(),
  hint: z.string().optional(),
  errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
});
export type Problem = z.infer<typeof Problem>;

export type { NodeKind, RelType };

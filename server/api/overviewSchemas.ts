/**
 * The overview's API contract (GET /api/overview, GET /api/overview/groups/{groupId}/members): zod
 * schemas of parameters and responses, re-exported by schemas.ts so the OpenAPI document has them.
 */
import { z } from 'zod';
import { NODE_KINDS, REL_TYPES } from '../model/model';
import { GROUPINGS } from '../overview/groups';
import { FAMILIES } from '../overview/aggregate';
import { KindsParam, MoneyTotal } from './schemas';

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const groupingFields = {
  size: z
    .enum(['members', 'money'])
    .default('members')
    .describe('what sizes a group (and which groups are kept): its members, or its money in the currency'),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as USD')
    .optional()
    .describe('the currency money sizes are read in; default the one with the most money relationships'),
  show: KindsParam.optional().describe(
    'kinds hidden above OVERVIEW_HIDE_KINDS_ABOVE nodes (Person, Program, Indicator) to bring back',
  ),
  groups: int(2, 1000)
    .default(150)
    .describe('groups kept, the largest first; the others are gathered into one "<by>:other" group'),
};

export const GroupsQuery = z.strictObject({
  by: z.enum(GROUPINGS).default('community').describe('how nodes are grouped'),
  ...groupingFields,
  labels: int(0, 1000).default(12).describe('how many of the largest groups are marked forceLabel'),
});
export type GroupsQuery = z.infer<typeof GroupsQuery>;

/** A group id: `<by>:<key>`, the key a node id, a kind, a community number, `none` or `other`. */
export const GroupId = z
  .string()
  .max(200)
  .regex(
    new RegExp(`^(${GROUPINGS.join('|')}):[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$`),
    'must be a group id such as community:0, kind:Lab or region:<region id> (see /api/overview)',
  );
export const GroupParams = z.strictObject({ groupId: GroupId });

export const MembersQuery = z.strictObject({
  ...groupingFields,
  limit: int(1, 5000).default(500).describe('members per page, the best connected first'),
  cursor: z.string().max(500).optional().describe('the nextCursor of the previous page'),
});
export type MembersQuery = z.infer<typeof MembersQuery>;

const LayoutStatus = z
  .enum(['ready', 'pending', 'failed', 'off'])
  .describe(
    'ready: x, y are the server layout; pending: still computing (ask again); failed; off: over LAYOUT_MAX_NODES',
  );

export const GroupNodeAttributes = z.object({
  label: z.string(),
  by: z.enum(GROUPINGS),
  members: z.number().int(),
  money: z.object({ in: z.array(MoneyTotal), out: z.array(MoneyTotal) }),
  kinds: z.record(z.string(), z.number().int()),
  top: z.array(z.object({ id: z.string(), name: z.string(), kind: z.string() })).describe('the best connected members'),
  internal: z.number().int().describe('relationships inside the group'),
  size: z.number().describe('members, or money in the currency (the larger of in and out)'),
  forceLabel: z.boolean().describe('one of the largest groups: its label must be shown'),
  x: z.number().optional(),
  y: z.number().optional(),
});

export const OverviewGraph = z.object({
  options: z.object({ type: z.literal('directed'), multi: z.literal(true), allowSelfLoops: z.boolean() }),
  attributes: z.object({
    by: z.enum(GROUPINGS),
    size: z.enum(['members', 'money']),
    currency: z.string().nullable(),
    currencies: z.array(z.string()).describe('currencies of the money relationships'),
    nodes: z.number().int().describe('nodes grouped'),
    totalNodes: z.number().int().describe('nodes in the graph (Deal nodes left out)'),
    hiddenKinds: z.array(z.enum(NODE_KINDS)).describe('kinds left out (bring them back with show)'),
    totalGroups: z.number().int().describe('groups before the smallest were gathered into "other"'),
    layout: LayoutStatus,
    layoutMs: z.number().optional().describe('server time spent on the layout of this grouping'),
    nodeLayout: LayoutStatus.describe('the layout of the individual nodes (members)'),
    nodeLayoutMs: z.number().optional(),
  }),
  nodes: z.array(z.object({ key: z.string(), attributes: GroupNodeAttributes })),
  edges: z.array(
    z.object({
      key: z.string(),
      source: z.string(),
      target: z.string(),
      attributes: z.object({
        family: z.enum(FAMILIES),
        currency: z.string().nullable(),
        total: z.number().describe('money in the currency (money family), else 0'),
        count: z.number().int().describe('relationships aggregated'),
      }),
    }),
  ),
});
export type OverviewGraph = z.infer<typeof OverviewGraph>;

export const MembersPage = z.object({
  group: z.object({ id: z.string(), label: z.string(), members: z.number().int() }),
  nextCursor: z.string().nullable(),
  graph: z.object({
    options: z.object({ type: z.literal('directed'), multi: z.literal(true), allowSelfLoops: z.boolean() }),
    attributes: z.object({
      truncated: z.boolean(),
      totalNodes: z.number().int(),
      layout: LayoutStatus,
      layoutMs: z.number().optional(),
    }),
    nodes: z.array(
      z.object({
        key: z.string(),
        attributes: z
          .object({
            name: z.string(),
            kind: z.enum(NODE_KINDS),
            group: z.string(),
            degree: z.number().int(),
            forceLabel: z.boolean(),
            x: z.number().optional(),
            y: z.number().optional(),
          })
          .catchall(z.unknown()),
      }),
    ),
    edges: z.array(
      z.object({
        key: z.string(),
        source: z.string(),
        target: z.string(),
        attributes: z.object({ type: z.enum(REL_TYPES) }).catchall(z.unknown()),
      }),
    ),
  }),
});
export type MembersPage = z.infer<typeof MembersPage>;

/**
 * The model's vocabulary on the client: node kinds, relationship types, money types, with their colours
 * and readable names. The lists mirror server/model/model.ts (checked by the compiler for membership and
 * by vocab.test.ts for order) so that the client bundle does not carry zod.
 */
import type { NodeKind, RelType } from '../../server/model/model';

export type { NodeKind, RelType };
/** Relationship types drawn by the client: the model's plus the co-funding view's `CO_FUNDS`. */
export type EdgeType = RelType | 'CO_FUNDS';

export const NODE_KINDS = [
  'Lab',
  'Enterprise',
  'University',
  'ResearchInstitute',
  'Fund',
  'GovernmentBody',
  'Region',
  'Zone',
  'Program',
  'Field',
  'Person',
  'Source',
  'Indicator',
  'Deal',
] as const satisfies readonly NodeKind[];

export const REL_TYPES = [
  'FUNDS',
  'INVESTS_IN',
  'COLLABORATES_WITH',
  'PART_OF',
  'LOCATED_IN',
  'SUPERVISES',
  'MANAGES',
  'INCUBATES',
  'FOCUSES_ON',
  'AFFILIATED_WITH',
  'PARTICIPATES_IN',
  'HAS_INDICATOR',
  'PUBLISHED',
  'AUTHORED',
  'REPORTS',
  'QUOTED_IN',
] as const satisfies readonly RelType[];

// Compile-time completeness: every kind and type of the model is listed above.
type Missing<All, Listed> = Exclude<All, Listed>;
const _kindsComplete: Missing<NodeKind, (typeof NODE_KINDS)[number]> extends never ? true : never = true;
const _typesComplete: Missing<RelType, (typeof REL_TYPES)[number]> extends never ? true : never = true;
void _kindsComplete;
void _typesComplete;

export const MONEY_TYPES: readonly EdgeType[] = ['FUNDS', 'INVESTS_IN'];
export const isMoneyType = (t: string): boolean => t === 'FUNDS' || t === 'INVESTS_IN';
export const isNodeKind = (k: string): k is NodeKind => (NODE_KINDS as readonly string[]).includes(k);
export const isRelType = (t: string): t is RelType => (REL_TYPES as readonly string[]).includes(t);

/** Kinds hidden from the network until the user shows them: they clutter it. */
export const DEFAULT_HIDDEN_KINDS: readonly NodeKind[] = ['Source', 'Indicator', 'Deal'];

/** A colour per kind (colour-blind-friendlier qualitative palette). */
export const KIND_COLORS: Record<NodeKind, string> = {
  Lab: '#1f77b4',
  Enterprise: '#ff7f0e',
  University: '#2ca02c',
  ResearchInstitute: '#17becf',
  Fund: '#d62728',
  GovernmentBody: '#9467bd',
  Region: '#8c564b',
  Zone: '#bcbd22',
  Program: '#e377c2',
  Field: '#7f7f7f',
  Person: '#393b79',
  Source: '#a6a6a6',
  Indicator: '#637939',
  Deal: '#e6550d',
};

export const KIND_LABELS: Record<NodeKind, string> = {
  Lab: 'Lab',
  Enterprise: 'Enterprise',
  University: 'University',
  ResearchInstitute: 'Research institute',
  Fund: 'Fund',
  GovernmentBody: 'Government body',
  Region: 'Region',
  Zone: 'Zone',
  Program: 'Programme',
  Field: 'Field',
  Person: 'Person',
  Source: 'Source',
  Indicator: 'Indicator',
  Deal: 'Deal',
};

/** A colour per relationship type: money warm and strong, structure cool and light. */
export const TYPE_COLORS: Record<EdgeType, string> = {
  FUNDS: '#d62728',
  INVESTS_IN: '#ff7f0e',
  COLLABORATES_WITH: '#2ca02c',
  PART_OF: '#9ab0c8',
  LOCATED_IN: '#c4ad94',
  SUPERVISES: '#9467bd',
  MANAGES: '#b59ad3',
  INCUBATES: '#17becf',
  FOCUSES_ON: '#c7c7c7',
  AFFILIATED_WITH: '#7b7fc4',
  PARTICIPATES_IN: '#e7a5cf',
  HAS_INDICATOR: '#a4b36b',
  PUBLISHED: '#bdbdbd',
  AUTHORED: '#bdbdbd',
  REPORTS: '#a4b36b',
  QUOTED_IN: '#bdbdbd',
  CO_FUNDS: '#d62728',
};

/** "INVESTS_IN" → "invests in". */
export const typeLabel = (t: string): string => t.toLowerCase().replaceAll('_', ' ');

/** Colours for communities (cycled). */
export const COMMUNITY_COLORS = [
  '#4e79a7',
  '#f28e2b',
  '#e15759',
  '#76b7b2',
  '#59a14f',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
  '#bab0ac',
  '#1b9e77',
  '#d95f02',
  '#7570b3',
  '#e7298a',
  '#66a61e',
  '#e6ab02',
];

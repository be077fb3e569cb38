/**
 * The ecosystem data model: node kinds, relationship types, money, periods and provenance.
 * This zod module is the one source of truth for the server, the loaders, the client and the
 * OpenAPI document. Labels and relationship types used in Cypher come from the lists exported here.
 */
import { z } from 'zod';

/** Organisation kinds; every one is also labelled `Organization` in Neo4j. */
export const ORG_KINDS = ['Lab', 'Enterprise', 'University', 'ResearchInstitute', 'Fund', 'GovernmentBody'] as const;

/** Context kinds: where, what, who and from which document. */
export const CONTEXT_KINDS = ['Region', 'Zone', 'Program', 'Field', 'Person', 'Source', 'Indicator', 'Deal'] as const;

export const NODE_KINDS = [...ORG_KINDS, ...CONTEXT_KINDS] as const;
export type NodeKind = (typeof NODE_KINDS)[number];
export type OrgKind = (typeof ORG_KINDS)[number];
export const ORG_LABEL = 'Organization';

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
] as const;
export type RelType = (typeof REL_TYPES)[number];

/** Relationship types that carry money. */
export const MONEY_REL_TYPES = ['FUNDS', 'INVESTS_IN'] as const satisfies readonly RelType[];

export const isOrgKind = (kind: string): kind is OrgKind => (ORG_KINDS as readonly string[]).includes(kind);
export const isNodeKind = (kind: string): kind is NodeKind => (NODE_KINDS as readonly string[]).includes(kind);
export const isRelType = (type: string): type is RelType => (REL_TYPES as readonly string[]).includes(type);

/** A readable, stable slug: lower-case ASCII words joined by single hyphens. */
export const Slug = z
  .string()
  .min(1)
  .max(120)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a slug: lower-case letters, digits and single hyphens');

/** The data set a record was loaded from: `seed` for the curated seed, else the import mapping's `name`. */
export const DatasetName = Slug.describe('the data set it was loaded from: "seed", or the import mapping name');
export const SEED_DATASET = 'seed';

/** One piece of provenance: the source document and the exact quote that states the fact. */
export const Provenance = z.strictObject({
  source: Slug.describe('id of the Source node'),
  quote: z.string().min(3).max(4000).describe('the exact words of the source that state the fact'),
});
export type Provenance = z.infer<typeof Provenance>;

/** How a stated figure relates to the true value. */
export const QUALIFIERS = ['exact', 'about', 'more_than', 'at_least', 'less_than', 'up_to', 'expected'] as const;
export const Qualifier = z.enum(QUALIFIERS);

export const INSTRUMENTS = [
  'grant',
  'subsidy',
  'special_project_support',
  'equity',
  'fund_investment',
  'loan',
  'interest_subsidy',
  'risk_compensation',
  'premium_subsidy',
  'reward',
  'matching',
  'mixed',
] as const;
export const Instrument = z.enum(INSTRUMENTS);

const Year = z.number().int().min(1900).max(2100);

/** A year or a period: `year`, or `periodStart`..`periodEnd`, with an optional label as stated. */
export const PeriodFields = {
  year: Year.optional(),
  periodStart: Year.optional(),
  periodEnd: Year.optional(),
  periodLabel: z.string().min(1).max(200).optional().describe('the period as stated, e.g. "14th Five-Year Plan"'),
  asOf: z.iso.date().optional().describe('the date a stock or running total was measured, e.g. 2025-04-30'),
};

/** Money as the source states it: a whole-unit amount, an ISO 4217 currency and the text as stated. */
export const MoneyFields = {
  amount: z.number().finite().optional().describe('in whole currency units (yuan, not billions of yuan)'),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as CNY')
    .optional(),
  amountText: z.string().min(1).max(200).optional().describe('the amount as stated in the source'),
  amountQualifier: Qualifier.optional(),
};

const baseNode = {
  id: Slug,
  name: z.string().trim().min(1).max(300),
  aliases: z.array(z.string().trim().min(1).max(300)).max(50).default([]),
  description: z.string().max(4000).default(''),
  sources: z.array(Provenance).min(1, 'every node needs at least one source quote'),
  dataset: DatasetName.optional(),
};

const orgFields = {
  ...baseNode,
  website: z.url().optional(),
  founded: Year.optional(),
};

export const LabNode = z.strictObject({
  ...orgFields,
  kind: z.literal('Lab'),
  labType: z
    .enum(['national_lab', 'provincial_lab', 'municipal_lab', 'research_platform', 'enterprise_lab', 'other'])
    .optional(),
});
export const EnterpriseNode = z.strictObject({
  ...orgFields,
  kind: z.literal('Enterprise'),
  ownership: z.enum(['state', 'private', 'mixed', 'foreign', 'unknown']).optional(),
  industry: z.string().max(200).optional(),
});
export const UniversityNode = z.strictObject({ ...orgFields, kind: z.literal('University') });
export const ResearchInstituteNode = z.strictObject({ ...orgFields, kind: z.literal('ResearchInstitute') });
export const FundNode = z.strictObject({
  ...orgFields,
  kind: z.literal('Fund'),
  fundType: z
    .enum(['guidance', 'fund_of_funds', 'seed', 'angel', 'venture', 'industry', 'fund_family', 'other'])
    .optional(),
  fundCount: z.number().int().positive().optional().describe('number of funds, for a fund family'),
});
export const GovernmentBodyNode = z.strictObject({
  ...orgFields,
  kind: z.literal('GovernmentBody'),
  level: z.enum(['national', 'provincial', 'municipal', 'district', 'other']).optional(),
});
export const RegionNode = z.strictObject({
  ...baseNode,
  kind: z.literal('Region'),
  level: z.enum(['country', 'province', 'municipality', 'city', 'district', 'state', 'other']).optional(),
  country: z
    .string()
    .regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code')
    .optional(),
});
export const ZoneNode = z.strictObject({
  ...baseNode,
  kind: z.literal('Zone'),
  zoneType: z.enum(['science_city', 'high_tech_zone', 'innovation_zone', 'innovation_district', 'other']).optional(),
});
export const ProgramNode = z.strictObject({
  ...baseNode,
  kind: z.literal('Program'),
  programType: z
    .enum(['special_project', 'funding_programme', 'policy_mechanism', 'project', 'reform', 'other'])
    .optional(),
  ...PeriodFields,
});
export const FieldNode = z.strictObject({ ...baseNode, kind: z.literal('Field') });
export const PersonNode = z.strictObject({
  ...baseNode,
  kind: z.literal('Person'),
  title: z.string().max(300).optional(),
});
export const SourceNode = z.strictObject({
  ...baseNode,
  kind: z.literal('Source'),
  title: z.string().min(1).max(500),
  publisher: z.string().max(300).optional(),
  author: z.string().max(300).optional(),
  publishedOn: z.iso.date().optional(),
  url: z.url().optional(),
  path: z.string().max(500).optional().describe('the document, relative to the repository root'),
  language: z.string().max(20).optional(),
});
export const IndicatorNode = z.strictObject({
  ...baseNode,
  kind: z.literal('Indicator'),
  metric: Slug.describe('what is measured, e.g. rd-intensity or sci-tech-expenditure'),
  value: z.number().finite(),
  unit: z.enum(['currency', 'percent', 'percentage_points', 'ratio', 'count', 'times']),
  currency: MoneyFields.currency,
  valueText: z.string().min(1).max(200).describe('the figure as stated in the source'),
  qualifier: Qualifier.default('exact'),
  baseYear: Year.optional().describe('for a multiple or a growth rate: the year compared against'),
  baseLabel: z.string().min(1).max(200).optional().describe('for a comparison: what it is compared against, as stated'),
  ...PeriodFields,
});

/** The kinds of deal a money relationship can belong to. */
export const DEAL_TYPES = ['round', 'award', 'joint_allocation', 'other'] as const;

/**
 * A deal: one investment round, award or joint allocation with several participants, each a money
 * relationship whose `deal` is this node's id. Its own money fields are the deal's stated total;
 * totals count a deal once (server/store/SEMANTICS.md). Deals have no relationships of their own.
 */
export const DealNode = z.strictObject({
  ...baseNode,
  kind: z.literal('Deal'),
  dealType: z.enum(DEAL_TYPES).optional(),
  ...MoneyFields,
  ...PeriodFields,
  caveat: z.string().min(1).max(1000).optional().describe('what the stated total covers, as the source qualifies it'),
});

/** Any node of the graph, discriminated by `kind`. */
export const Node = z.discriminatedUnion('kind', [
  LabNode,
  EnterpriseNode,
  UniversityNode,
  ResearchInstituteNode,
  FundNode,
  GovernmentBodyNode,
  RegionNode,
  ZoneNode,
  ProgramNode,
  FieldNode,
  PersonNode,
  SourceNode,
  IndicatorNode,
  DealNode,
]);
export type Node = z.infer<typeof Node>;
export type NodeInput = z.input<typeof Node>;

const baseRel = {
  id: Slug,
  source: Slug.describe('id of the start node'),
  target: Slug.describe('id of the end node'),
  description: z.string().max(4000).optional(),
  sources: z.array(Provenance).min(1, 'every relationship needs at least one source quote'),
  dataset: DatasetName.optional(),
};

const moneyRel = {
  ...baseRel,
  ...MoneyFields,
  ...PeriodFields,
  instrument: Instrument.optional(),
  instrumentText: z.string().min(1).max(200).optional().describe('the instrument as the source names it'),
  program: Slug.optional().describe('id of the Program the money flows through'),
  deal: Slug.optional().describe('id of the Deal (round, award, joint allocation) this money is part of'),
  share: z
    .number()
    .min(0)
    .max(1)
    .optional()
    .describe("the participant's share of the deal's total, when stated or derived (0..1)"),
  startDate: z.iso.date().optional(),
  endDate: z.iso.date().optional(),
  title: z.string().min(1).max(500).optional().describe('the title of the award, grant or deal'),
  externalId: z.string().min(1).max(100).optional().describe("the source's own identifier, e.g. an award number"),
};

export const FundsRel = z.strictObject({ ...moneyRel, type: z.literal('FUNDS') });
export const InvestsInRel = z.strictObject({ ...moneyRel, type: z.literal('INVESTS_IN') });
export const CollaboratesWithRel = z.strictObject({
  ...baseRel,
  ...PeriodFields,
  type: z.literal('COLLABORATES_WITH'),
  mode: z.enum(['joint_research', 'consortium', 'dual_employment', 'coordination', 'other']).optional(),
  program: Slug.optional(),
});
const plainRel = <T extends RelType>(type: T) => z.strictObject({ ...baseRel, type: z.literal(type) });
export const PartOfRel = plainRel('PART_OF');
export const LocatedInRel = plainRel('LOCATED_IN');
export const SupervisesRel = plainRel('SUPERVISES');
export const ManagesRel = plainRel('MANAGES');
export const IncubatesRel = z.strictObject({ ...baseRel, ...PeriodFields, type: z.literal('INCUBATES') });
export const FocusesOnRel = plainRel('FOCUSES_ON');
export const AffiliatedWithRel = z.strictObject({
  ...baseRel,
  type: z.literal('AFFILIATED_WITH'),
  role: z.string().max(300).optional(),
});
export const ParticipatesInRel = z.strictObject({
  ...baseRel,
  type: z.literal('PARTICIPATES_IN'),
  role: z.string().max(300).optional(),
});
export const HasIndicatorRel = plainRel('HAS_INDICATOR');
export const PublishedRel = plainRel('PUBLISHED');
export const AuthoredRel = plainRel('AUTHORED');
/** A body reports a figure: the figure is its data (the Ministry of Finance for national S&T spending). */
export const ReportsRel = plainRel('REPORTS');
/** A person is quoted in a source (with or without a known employer). */
export const QuotedInRel = plainRel('QUOTED_IN');

/** Any relationship of the graph, discriminated by `type`. */
export const Relationship = z.discriminatedUnion('type', [
  FundsRel,
  InvestsInRel,
  CollaboratesWithRel,
  PartOfRel,
  LocatedInRel,
  SupervisesRel,
  ManagesRel,
  IncubatesRel,
  FocusesOnRel,
  AffiliatedWithRel,
  ParticipatesInRel,
  HasIndicatorRel,
  PublishedRel,
  AuthoredRel,
  ReportsRel,
  QuotedInRel,
]);
export type Relationship = z.infer<typeof Relationship>;
export type RelationshipInput = z.input<typeof Relationship>;

/**
 * Which kinds each relationship type may connect (start → end); `*` is any kind, `Org` any organisation.
 * Checked when a graph is validated as a whole.
 */
type KindSet = readonly (NodeKind | 'Org' | '*')[];
export const ENDPOINTS: Record<RelType, { from: KindSet; to: KindSet }> = {
  FUNDS: { from: ['Org', 'Program'], to: ['Org', 'Program', 'Person'] },
  INVESTS_IN: { from: ['Org', 'Program'], to: ['Org', 'Program'] },
  COLLABORATES_WITH: { from: ['Org', 'Person'], to: ['Org', 'Person'] },
  PART_OF: { from: ['*'], to: ['*'] },
  LOCATED_IN: { from: ['Org', 'Zone', 'Region'], to: ['Region', 'Zone'] },
  SUPERVISES: { from: ['Org'], to: ['Org', 'Program', 'Zone'] },
  MANAGES: { from: ['Org', 'Person'], to: ['Org', 'Program', 'Zone'] },
  INCUBATES: { from: ['Org', 'Zone', 'Program'], to: ['Org'] },
  FOCUSES_ON: { from: ['Org', 'Program', 'Zone', 'Region'], to: ['Field'] },
  AFFILIATED_WITH: { from: ['Person'], to: ['Org'] },
  PARTICIPATES_IN: { from: ['Org', 'Person'], to: ['Program'] },
  HAS_INDICATOR: { from: ['Org', 'Region', 'Zone', 'Program', 'Field'], to: ['Indicator'] },
  PUBLISHED: { from: ['Org'], to: ['Source'] },
  AUTHORED: { from: ['Person'], to: ['Source'] },
  REPORTS: { from: ['Org'], to: ['Indicator'] },
  QUOTED_IN: { from: ['Person'], to: ['Source'] },
};

/** True when a node of `kind` may stand at an end whose allowed kinds are `allowed`. */
export function kindAllowed(kind: NodeKind, allowed: KindSet): boolean {
  return allowed.includes('*') || allowed.includes(kind) || (allowed.includes('Org') && isOrgKind(kind));
}

/** The Neo4j labels of a node: its kind, plus `Organization` for organisations. */
export function labelsOf(kind: NodeKind): string[] {
  return isOrgKind(kind) ? [kind, ORG_LABEL] : [kind];
}

/** A whole graph as the loaders take it. */
export const GraphData = z.strictObject({
  nodes: z.array(Node),
  relationships: z.array(Relationship),
});
export type GraphData = z.infer<typeof GraphData>;

/**
 * The OpenAPI 3.1 document, generated from the contract's zod schemas with zod's own JSON Schema
 * conversion (JSON Schema 2020-12, which OpenAPI 3.1 uses), and a readable HTML page of it.
 */
import { z } from 'zod';
import {
  BetweenQuery,
  CofundingQuery,
  DatasetsResult,
  CypherRequest,
  CypherResult,
  Deal,
  Entity,
  EntityParams,
  FlowsQuery,
  FlowsResult,
  NeighborhoodQuery,
  OverviewQuery,
  PathsQuery,
  PathsResult,
  Problem,
  RelationshipPage,
  RelationshipsQuery,
  SearchQuery,
  SearchResult,
  SerializedGraph,
  Stats,
} from './schemas';
import { GroupParams, GroupsQuery, MembersPage, MembersQuery, OverviewGraph } from './overviewSchemas';

interface Route {
  method: 'get' | 'post';
  path: string;
  summary: string;
  query?: z.ZodObject;
  params?: z.ZodObject;
  body?: z.ZodType;
  response: z.ZodType;
  errors: number[];
}

type JsonSchema = Record<string, unknown>;
const inputSchema = (s: z.ZodType): JsonSchema => {
  const { $schema: _s, ...rest } = z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  return rest;
};
const outputSchema = (s: z.ZodType): JsonSchema => {
  const { $schema: _s, ...rest } = z.toJSONSchema(s, { io: 'output', unrepresentable: 'any' }) as JsonSchema;
  return rest;
};

/** One OpenAPI parameter per property of a query or path schema. */
function parameters(schema: z.ZodObject, where: 'query' | 'path'): JsonSchema[] {
  const json = inputSchema(schema) as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, prop]) => {
    const { description, ...rest } = prop;
    return {
      name,
      in: where,
      required: where === 'path' || (json.required ?? []).includes(name),
      ...(typeof description === 'string' ? { description } : {}),
      schema: rest,
    };
  });
}

const Health = z.object({ status: z.string(), backend: z.enum(['neo4j', 'embedded']) });

const ROUTES: Route[] = [
  { method: 'get', path: '/api/health', summary: 'The process is up', response: Health, errors: [] },
  { method: 'get', path: '/api/ready', summary: 'The store answers', response: Health, errors: [503] },
  {
    method: 'get',
    path: '/api/search',
    summary: 'Ranked search over names and aliases (English and Chinese)',
    query: SearchQuery,
    response: SearchResult,
    errors: [400],
  },
  {
    method: 'get',
    path: '/api/entities/{id}',
    summary: 'One entity with its properties, sources and stats',
    params: EntityParams,
    response: Entity,
    errors: [400, 404],
  },
  {
    method: 'get',
    path: '/api/entities/{id}/relationships',
    summary: 'The relationships of an entity, paged',
    params: EntityParams,
    query: RelationshipsQuery,
    response: RelationshipPage,
    errors: [400, 404],
  },
  {
    method: 'get',
    path: '/api/relationships',
    summary: 'The relationships from one entity to another of one type (the parts of a merged edge), paged',
    query: BetweenQuery,
    response: RelationshipPage,
    errors: [400, 404],
  },
  {
    method: 'get',
    path: '/api/datasets',
    summary: 'The data sets loaded (seed, imports): counts and sources',
    response: DatasetsResult,
    errors: [],
  },
  {
    method: 'get',
    path: '/api/entities/{id}/neighborhood',
    summary: 'The subgraph around an entity (graphology format)',
    params: EntityParams,
    query: NeighborhoodQuery,
    response: SerializedGraph,
    errors: [400, 404],
  },
  {
    method: 'get',
    path: '/api/paths',
    summary: 'Shortest paths between two entities, and alternatives',
    query: PathsQuery,
    response: PathsResult,
    errors: [400, 404],
  },
  {
    method: 'get',
    path: '/api/flows',
    summary: 'Follow the money downstream or upstream, with aggregates',
    query: FlowsQuery,
    response: FlowsResult,
    errors: [400, 404],
  },
  {
    method: 'get',
    path: '/api/graph',
    summary: 'An overview subgraph (graphology format); nodes carry the server layout (x, y) when it is ready',
    query: OverviewQuery,
    response: SerializedGraph,
    errors: [400],
  },
  {
    method: 'get',
    path: '/api/overview',
    summary: 'The graph aggregated into groups (community, kind, region, funder, programme) with their layout',
    query: GroupsQuery,
    response: OverviewGraph,
    errors: [400],
  },
  {
    method: 'get',
    path: '/api/overview/groups/{groupId}/members',
    summary: "A page of a group's members (best connected first) with their positions",
    query: MembersQuery,
    params: GroupParams,
    response: MembersPage,
    errors: [400, 404],
  },
  {
    method: 'get',
    path: '/api/cofunding',
    summary: 'Funders linked by the recipients they share',
    query: CofundingQuery,
    response: SerializedGraph,
    errors: [400],
  },
  {
    method: 'get',
    path: '/api/deals/{id}',
    summary: 'One deal (round, award, joint allocation): its stated total, caveat and participants',
    params: EntityParams,
    response: Deal,
    errors: [400, 404],
  },
  { method: 'get', path: '/api/stats', summary: 'Counts by kind and type, money totals', response: Stats, errors: [] },
  {
    method: 'post',
    path: '/api/cypher',
    summary: 'Read-only Cypher (Neo4j only)',
    body: CypherRequest,
    response: CypherResult,
    errors: [400, 401, 403, 408, 413, 422, 429, 501],
  },
];

let cached: object | undefined;

/** The OpenAPI 3.1 document of the API. */
export function openApiDocument(): object {
  if (cached) return cached;
  const problem = { $ref: '#/components/schemas/Problem' };
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of ROUTES) {
    const responses: Record<string, unknown> = {
      200: { description: 'OK', content: { 'application/json': { schema: outputSchema(r.response) } } },
    };
    for (const code of [...r.errors, 500, 503])
      responses[code] = {
        description: 'Problem details (RFC 9457)',
        content: { 'application/problem+json': { schema: problem } },
      };
    (paths[r.path] ??= {})[r.method] = {
      summary: r.summary,
      parameters: [...(r.params ? parameters(r.params, 'path') : []), ...(r.query ? parameters(r.query, 'query') : [])],
      ...(r.body
        ? { requestBody: { required: true, content: { 'application/json': { schema: inputSchema(r.body) } } } }
        : {}),
      responses,
    };
  }
  cached = {
    openapi: '3.1.0',
    info: {
      title: 'Innograph API',
      version: '0.1.0',
      description:
        'Who funds whom, how much, when and through which programme: a knowledge graph of an innovation ecosystem.',
    },
    servers: [{ url: '/' }],
    paths,
    components: { schemas: { Problem: outputSchema(Problem) } },
  };
  return cached;
}

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** A self-contained HTML page listing every endpoint with its parameters. */
export function docsPage(): string {
  const doc = openApiDocument() as {
    paths: Record<
      string,
      Record<
        string,
        {
          summary?: string;
          parameters?: { name: string; in: string; required?: boolean; description?: string; schema?: unknown }[];
          requestBody?: unknown;
        }
      >
    >;
  };
  const sections = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => {
      const params = (op.parameters ?? [])
        .map(
          (p) =>
            `<tr><td><code>${esc(p.name)}</code></td><td>${p.in}</td><td>${p.required ? 'yes' : ''}</td><td><code>${esc(JSON.stringify(p.schema ?? {}))}</code> ${esc(p.description ?? '')}</td></tr>`,
        )
        .join('');
      return `<section><h2><span class="m">${method.toUpperCase()}</span> <code>${esc(path)}</code></h2><p>${esc(op.summary ?? '')}</p>${
        params ? `<table><tr><th>name</th><th>in</th><th>required</th><th>schema</th></tr>${params}</table>` : ''
      }${op.requestBody ? '<p>Body: JSON, see the document.</p>' : ''}</section>`;
    }),
  );
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Innograph API</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:960px;margin:2rem auto;padding:0 1rem;color:#222}
code{font-size:13px}table{border-collapse:collapse;width:100%}td,th{border:1px solid #ddd;padding:4px 6px;text-align:left;vertical-align:top}
.m{background:#245;color:#fff;border-radius:4px;padding:0 6px;font-size:13px}section{margin:1.5rem 0}</style></head>
<body><h1>Innograph API</h1><p>The machine-readable document: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1). Errors are
<code>application/problem+json</code> (RFC 9457) with a stable <code>code</code>.</p>${sections.join('\n')}</body></html>`;
}

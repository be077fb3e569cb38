/**
 * The typed API client. Every call returns the contract's response type (server/api/schemas.ts) or
 * throws an ApiError built from the RFC 9457 problem+json the server sends, so that the UI can show
 * the title, the detail and the hint.
 */
import type { GroupsQuery, MembersPage, MembersQuery, OverviewGraph } from '../server/api/overviewSchemas';
import type {
  BetweenQuery,
  CofundingQuery,
  DatasetsResult,
  CypherRequest,
  CypherResult,
  Deal,
  Entity,
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
} from '../server/api/schemas';

/** An API failure: a problem+json from the server, a network failure (status 0) or a bad reply. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string;
  readonly hint: string | undefined;
  readonly problem: Problem | null;

  constructor(
    status: number,
    code: string,
    title: string,
    detail: string,
    hint?: string,
    problem: Problem | null = null,
  ) {
    super(`${title}: ${detail}`);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.title = title;
    this.detail = detail;
    this.hint = hint;
    this.problem = problem;
  }
}

export const isAbort = (e: unknown): boolean => e instanceof DOMException && e.name === 'AbortError';

type QueryValue = string | number | boolean | readonly string[] | undefined | null;

/** A query string from an object: arrays as comma lists, empty values left out. */
export function queryString(q: Record<string, QueryValue>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v)) {
      if (v.length > 0) p.set(k, v.join(','));
    } else p.set(k, String(v));
  }
  const s = p.toString().replaceAll('%2C', ',');
  return s ? `?${s}` : '';
}

type In<T> = { [K in keyof T]?: T[K] | undefined };

export interface Api {
  health(): Promise<{ status: string; backend: 'neo4j' | 'embedded' }>;
  search(q: In<SearchQuery> & { q: string }, signal?: AbortSignal): Promise<SearchResult>;
  entity(id: string, signal?: AbortSignal): Promise<Entity>;
  relationships(id: string, q?: In<RelationshipsQuery>, signal?: AbortSignal): Promise<RelationshipPage>;
  /** the relationships of one (merged) edge: GET /api/relationships */
  between(
    q: Omit<In<BetweenQuery>, 'type'> & { from: string; to: string; type: string },
    signal?: AbortSignal,
  ): Promise<RelationshipPage>;
  datasets(signal?: AbortSignal): Promise<DatasetsResult>;
  neighborhood(id: string, q?: In<NeighborhoodQuery>, signal?: AbortSignal): Promise<SerializedGraph>;
  paths(q: In<PathsQuery> & { from: string; to: string }, signal?: AbortSignal): Promise<PathsResult>;
  flows(q: In<FlowsQuery>, signal?: AbortSignal): Promise<FlowsResult>;
  graph(q?: In<OverviewQuery>, signal?: AbortSignal): Promise<SerializedGraph>;
  cofunding(q?: In<CofundingQuery>, signal?: AbortSignal): Promise<SerializedGraph>;
  stats(signal?: AbortSignal): Promise<Stats>;
  deal(id: string, signal?: AbortSignal): Promise<Deal>;
  cypher(req: In<CypherRequest> & { query: string }, signal?: AbortSignal): Promise<CypherResult>;
  overview(q?: In<GroupsQuery>, signal?: AbortSignal): Promise<OverviewGraph>;
  groupMembers(groupId: string, q?: In<MembersQuery>, signal?: AbortSignal): Promise<MembersPage>;
}

async function problemOf(res: Response): Promise<ApiError> {
  const text = await res.text().catch(() => '');
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  if (body && typeof body === 'object' && 'code' in body && 'detail' in body) {
    const p = body as Problem;
    return new ApiError(res.status, p.code, p.title || res.statusText, p.detail, p.hint, p);
  }
  return new ApiError(
    res.status,
    'HTTP_ERROR',
    res.statusText || `HTTP ${res.status}`,
    text.slice(0, 300) || 'the server gave no detail',
  );
}

/** Creates the client; `base` is the server's origin ("" for the page's own). */
export function createApi(base = '', fetchImpl: typeof fetch = (...a) => fetch(...a)): Api {
  async function call<T>(path: string, init: RequestInit = {}): Promise<T> {
    let res: Response;
    try {
      res = await fetchImpl(base + path, { ...init, headers: { accept: 'application/json', ...init.headers } });
    } catch (e) {
      if (isAbort(e)) throw e;
      throw new ApiError(
        0,
        'NETWORK',
        'Network error',
        `the server did not answer (${(e as Error).message})`,
        'check that the server is running and try again',
      );
    }
    if (!res.ok) throw await problemOf(res);
    try {
      return (await res.json()) as T;
    } catch (e) {
      if (isAbort(e)) throw e;
      throw new ApiError(res.status, 'BAD_REPLY', 'Unreadable reply', 'the server’s reply is not JSON');
    }
  }
  const get = <T>(path: string, q: Record<string, QueryValue> = {}, signal?: AbortSignal) =>
    call<T>(path + queryString(q), signal ? { signal } : {});
  const id = (s: string) => encodeURIComponent(s);
  return {
    health: () => get('/api/health'),
    search: (q, signal) => get('/api/search', q, signal),
    entity: (e, signal) => get(`/api/entities/${id(e)}`, {}, signal),
    relationships: (e, q = {}, signal) => get(`/api/entities/${id(e)}/relationships`, q, signal),
    between: (q, signal) => get('/api/relationships', q, signal),
    datasets: (signal) => get('/api/datasets', {}, signal),
    neighborhood: (e, q = {}, signal) => get(`/api/entities/${id(e)}/neighborhood`, q, signal),
    paths: (q, signal) => get('/api/paths', q, signal),
    flows: (q, signal) => get('/api/flows', q, signal),
    graph: (q = {}, signal) => get('/api/graph', q, signal),
    cofunding: (q = {}, signal) => get('/api/cofunding', q, signal),
    stats: (signal) => get('/api/stats', {}, signal),
    deal: (d, signal) => get(`/api/deals/${id(d)}`, {}, signal),
    overview: (q = {}, signal) => get('/api/overview', q, signal),
    groupMembers: (g, q = {}, signal) => get(`/api/overview/groups/${id(g)}/members`, q, signal),
    cypher: (req, signal) =>
      call('/api/cypher', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: req.query, params: req.params ?? {} }),
        ...(signal ? { signal } : {}),
      }),
  };
}

/**
 * The Neo4j store's search: candidates from the full-text indexes (search-names*.cypher with the
 * queries of lucene.ts), ranked by the shared rules (server/store/rank.ts) with the importance of the
 * matches that can reach the first `limit` (server/store/neo4j/weights.ts); "did you mean" (server/search/suggest.ts) when nothing matches.
 */
import type { SearchQuery, SearchResult } from '../../api/schemas';
import { AppError } from '../../errors';
import { isNodeKind, type NodeKind } from '../../model/model';
import type { CypherRunner } from '../../neo4j/run';
import { rankSuggestions, SUGGESTION_CANDIDATES, SUGGESTIONS } from '../../search/suggest';
import { finishRanking, importanceNeeded, prepareCandidate, scoreTexts } from '../rank';
import { luceneQuery, nearbyQuery } from './lucene';
import type { SearchWeights } from './weights';

/** Candidates each full-text index gives at most. */
export const SEARCH_CANDIDATES = 500;

interface Hit {
  eid: string;
  id: string;
  name: string;
  kind: NodeKind;
  aliases: string[];
  acronyms: string[];
  description: string;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : String(v));
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

function hitOf(r: Record<string, unknown>): Hit {
  const kind = str(r.kind);
  if (!isNodeKind(kind)) throw new AppError('INTERNAL', 500, `Neo4j holds a node of unknown kind "${kind}"`);
  return {
    eid: str(r.eid),
    id: str(r.id),
    name: str(r.name),
    kind,
    aliases: strings(r.aliases),
    acronyms: strings(r.acronyms),
    description: typeof r.description === 'string' ? r.description : '',
  };
}

const itemOf = ({ item, score }: { item: Hit; score: number }) => ({
  id: item.id,
  name: item.name,
  kind: item.kind,
  score,
  aliases: item.aliases,
  description: item.description,
});

/** The nodes the Lucene queries find: `entity_search` alone, or with the CJK index when the query has CJK. */
function candidates(
  runner: CypherRunner,
  queries: { standard: string; cjk: string | null },
  limit: number,
  kinds: NodeKind[] | null,
) {
  const params = { query: queries.standard, candidates: limit, kinds };
  return queries.cjk === null
    ? runner.read('search-names', params)
    : runner.read('search-names-cjk', { ...params, cjkQuery: queries.cjk });
}

/** `search` of the Neo4j store (SEMANTICS.md). */
export async function searchNeo4j(runner: CypherRunner, weights: SearchWeights, q: SearchQuery): Promise<SearchResult> {
  const kinds = q.kinds && q.kinds.length > 0 ? q.kinds : null;
  const queries = luceneQuery(q.q);
  if (queries === null) return { items: [], suggestions: [] };
  const rows = await candidates(runner, queries, SEARCH_CANDIDATES, kinds);
  const scored = scoreTexts(q.q, rows.map(hitOf).map(prepareCandidate));
  if (scored.length > 0) {
    const weighed = await weights.of(importanceNeeded(scored, q.limit));
    return { items: finishRanking(scored, (h) => weighed.get(h.eid), q.limit).map(itemOf), suggestions: [] };
  }
  const loose = nearbyQuery(q.q);
  if (loose === null) return { items: [], suggestions: [] };
  const near = (await candidates(runner, loose, SUGGESTION_CANDIDATES, kinds)).map(hitOf).map(prepareCandidate);
  const likely = new Set(rankSuggestions(q.q, near, () => 0).map((s) => s.item.eid));
  const kept = near.filter((c) => likely.has(c.item.eid));
  const weighed = await weights.of(kept.map((c) => c.item));
  const suggestions = rankSuggestions(q.q, kept, (h) => weighed.get(h.eid) ?? 0)
    .slice(0, Math.min(SUGGESTIONS, q.limit))
    .map(itemOf);
  return { items: [], suggestions };
}

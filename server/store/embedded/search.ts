/**
 * The embedded store's search: candidates from the MiniSearch index (searchIndex.ts), ranked by the
 * shared rules (server/store/rank.ts) with each match's importance (server/search/importance.ts)
 * computed from the graph and cached until the next write; "did you mean" when nothing matches.
 */
import type { MultiDirectedGraph } from 'graphology';
import type { SearchQuery, SearchResult } from '../../api/schemas';
import { importance } from '../../search/importance';
import { rankSuggestions, SUGGESTION_CANDIDATES, SUGGESTIONS } from '../../search/suggest';
import { isMoneyType, refOf, type StoredProps } from '../common';
import { finishRanking, importanceNeeded, prepareQuery, scoreTexts } from '../rank';
import type { SearchIndex } from './searchIndex';

type Graph = MultiDirectedGraph<StoredProps, StoredProps>;

/** Importance per node id, computed on demand; `clear()` on every write. */
export class ImportanceCache {
  private readonly cache = new Map<string, number>();

  constructor(private readonly graph: Graph) {}

  clear(): void {
    this.cache.clear();
  }

  of(id: string): number {
    const hit = this.cache.get(id);
    if (hit !== undefined) return hit;
    const g = this.graph;
    let money = 0;
    const add = (_k: string, attrs: StoredProps) => {
      if (isMoneyType(String(attrs.type)) && typeof attrs.amount === 'number') money += Math.abs(attrs.amount);
    };
    g.forEachOutEdge(id, add);
    g.forEachInEdge(id, add);
    const v = importance(String(g.getNodeAttribute(id, 'kind')), g.outDegree(id) + g.inDegree(id), money);
    this.cache.set(id, v);
    return v;
  }
}

/** `search` of the embedded store (SEMANTICS.md). */
export function searchGraph(graph: Graph, index: SearchIndex, weights: ImportanceCache, q: SearchQuery): SearchResult {
  const kinds = q.kinds && q.kinds.length > 0 ? new Set<string>(q.kinds) : undefined;
  const keep = (id: string) => graph.hasNode(id) && (!kinds || kinds.has(String(graph.getNodeAttribute(id, 'kind'))));
  const item = (id: string, score: number) => {
    const p = graph.getNodeAttributes(id);
    return {
      ...refOf(p),
      score,
      aliases: Array.isArray(p.aliases) ? p.aliases : [],
      description: typeof p.description === 'string' ? p.description : '',
    };
  };
  if (prepareQuery(q.q) === null) return { items: [], suggestions: [] };
  const scored = scoreTexts(
    q.q,
    index.candidates(q.q).filter((c) => keep(c.item.id)),
  );
  if (scored.length > 0) {
    const need = new Set(importanceNeeded(scored, q.limit).map((i) => i.id));
    const items = finishRanking(scored, (i) => (need.has(i.id) ? weights.of(i.id) : undefined), q.limit).map(
      ({ item: i, score }) => item(i.id, score),
    );
    return { items, suggestions: [] };
  }
  const near = index.nearby(q.q, SUGGESTION_CANDIDATES).filter((c) => keep(c.item.id));
  const suggestions = rankSuggestions(q.q, near, (i) => weights.of(i.id))
    .slice(0, Math.min(SUGGESTIONS, q.limit))
    .map(({ item: i, score }) => item(i.id, score));
  return { items: [], suggestions };
}

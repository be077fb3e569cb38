/**
 * Overview answers kept by the store (GraphStore readOverview / writeOverview; Neo4j keeps them, see
 * server/store/neo4j/overviewCache.ts) per data version and request parameters: what a restarted
 * server serves while it computes the overview again.
 */
import type { Logger } from 'pino';
import type { GroupsQuery, OverviewGraph } from '../api/overviewSchemas';
import { byString } from '../store/common';
import type { GraphStore } from '../store/store';

/** The key of a kept answer: the request's parameters but `labels` (applied when it is served). */
export function answerKey(q: GroupsQuery): string {
  return `${q.by}:${q.size}:${q.currency ?? ''}:${q.groups}:${[...(q.show ?? [])].sort(byString).join(',')}`;
}

/** Enough of an OverviewGraph's shape to serve a kept one (it was one when kept). */
function isOverviewGraph(v: unknown): v is OverviewGraph {
  if (!v || typeof v !== 'object') return false;
  const g = v as Partial<OverviewGraph>;
  return Array.isArray(g.nodes) && Array.isArray(g.edges) && !!g.attributes && typeof g.attributes === 'object';
}

export class KeptAnswers {
  /** answers handed to the store: version, key and node layout state */
  private readonly marks = new Set<string>();

  constructor(
    private readonly store: GraphStore,
    /** answers of graphs with more nodes than this are kept (smaller ones are quick to compute) */
    private readonly keepAbove: number,
    private readonly log?: Logger,
  ) {}

  /** The answer kept for `q` over data version `version`, as served to `q` (its labels; node layout pending). */
  async read(q: GroupsQuery, version: string): Promise<OverviewGraph | undefined> {
    if (!this.store.readOverview) return undefined;
    const kept = await this.store.readOverview(answerKey(q), version).catch((e: unknown) => {
      this.log?.warn({ err: e }, 'the kept overview could not be read');
      return undefined;
    });
    if (!isOverviewGraph(kept)) return undefined;
    return {
      ...kept,
      attributes: { ...kept.attributes, nodeLayout: kept.attributes.nodeLayout === 'off' ? 'off' : 'pending' },
      nodes: kept.nodes.map((n, i) => ({ ...n, attributes: { ...n.attributes, forceLabel: i < q.labels } })),
    };
  }

  /** Hands a computed answer to the store to keep (once per version, parameters and node layout state). */
  keep(q: GroupsQuery, version: string, answer: OverviewGraph): void {
    const write = this.store.writeOverview?.bind(this.store);
    const key = answerKey(q);
    const mark = `${version}|${key}|${answer.attributes.nodeLayout}`;
    if (!write || answer.attributes.totalNodes <= this.keepAbove || this.marks.has(mark)) return;
    this.marks.add(mark);
    void (async () => {
      // not when the data changed meanwhile: the answer would be kept under a version it does not show
      if ((await this.store.dataVersion()) !== version) return;
      await write(key, version, answer);
    })().catch((e: unknown) => {
      this.marks.delete(mark);
      this.log?.warn({ err: e }, 'the overview could not be kept');
    });
  }
}

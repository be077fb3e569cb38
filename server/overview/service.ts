/**
 * The overview service: groups (groups.ts, aggregate.ts) and server-side layouts (layout.ts) over a
 * store's projection, cached per data version (`store.dataVersion()`, cheap: counts and writes): the
 * projection, communities and groupings in memory, layouts in the store's layout cache (disk for the
 * embedded store, node properties for Neo4j) under a hash of the graph's structure, and computed
 * answers of large graphs kept by the store (kept.ts; Neo4j), so a restart on the same data serves the
 * overview at once and any change of nodes or relationships invalidates them. Layouts run in worker
 * threads; a request waits for one at most LAYOUT_WAIT_MS, then answers without positions
 * (`layout: 'pending'`).
 */
import type { Logger } from 'pino';
import type { SerializedGraph } from '../api/schemas';
import { GroupsQuery, type MembersPage, type MembersQuery, type OverviewGraph } from '../api/overviewSchemas';
import type { Config } from '../config';
import { NotFoundError, ValidationError } from '../errors';
import type { NodeKind } from '../model/model';
import { byString, isMoneyType } from '../store/common';
import type { GraphStore } from '../store/store';
import { buildOverview, degrees, mainCurrency, OTHER } from './aggregate';
import { assignGroups, HIDEABLE_KINDS, type Grouping } from './groups';
import { edgeArrays, layoutNodes, runInWorker } from './layout';
import { structureHash } from './hash';
import { each, pause } from './pause';
import { job, statusOf, within, type Job } from './jobs';
import { KeptAnswers } from './kept';
import type { LayoutPositions, Projection } from './types';

type Settings = Pick<
  Config,
  | 'OVERVIEW_HIDE_KINDS_ABOVE'
  | 'OVERVIEW_KEEP_ABOVE'
  | 'LAYOUT_MAX_NODES'
  | 'LAYOUT_ITERATIONS'
  | 'LAYOUT_MAX_MS'
  | 'LAYOUT_WAIT_MS'
>;

/** Everything derived from one version of the data. */
interface State {
  version: string;
  projection: Projection;
  hash: string;
  degree: Map<string, number>;
  kindOf: Map<string, NodeKind>;
  currencies: string[];
  /** the currency with the most money relationships (aggregate.ts mainCurrency) */
  mainCurrency: string | null;
  jobs: Map<string, Job<unknown>>;
}

type NodeLayoutJob = Job<Map<string, { x: number; y: number }> & { ms?: number }>;

type Built = Awaited<ReturnType<typeof buildOverview>> & { totalGroups: number; visible: Set<string> };

const round = (v: number) => Math.round(v * 100) / 100;

export class OverviewService {
  private state: Promise<State> | undefined;
  private stateVersion: string | undefined;
  /** the state of `state` once it is computed */
  private done: State | undefined;
  private readonly kept: KeptAnswers;

  constructor(
    private readonly store: GraphStore,
    private readonly settings: Settings,
    private readonly log?: Logger,
  ) {
    this.kept = new KeptAnswers(store, settings.OVERVIEW_KEEP_ABOVE, log);
  }

  /** The state of the current data version (the projection is fetched again when the version changed). */
  private async current(): Promise<State> {
    const version = await this.store.dataVersion();
    if (this.state && this.stateVersion === version) return this.state;
    this.stateVersion = version;
    const p = (async (): Promise<State> => {
      const projection = await this.store.projection();
      const currencies = new Set<string>();
      await each(projection.edges, (e) => {
        if (isMoneyType(e.type) && e.currency) currencies.add(e.currency);
      });
      const hash = await structureHash(projection);
      const degree = await degrees(projection);
      await pause();
      const mainCurrencyOf = mainCurrency(projection);
      await pause();
      return {
        version,
        projection,
        hash,
        degree,
        kindOf: new Map(projection.nodes.map((n) => [n.id, n.kind])),
        currencies: [...currencies].sort(byString),
        mainCurrency: mainCurrencyOf,
        jobs: new Map(),
      };
    })();
    this.state = p;
    p.then(
      (v) => {
        if (this.state === p) this.done = v;
      },
      () => {
        if (this.state === p) this.state = undefined;
      },
    );
    return p;
  }

  /**
   * At start-up: the default overview (its grouping and group layout, kept by the store when it can),
   * then the node layout. Resolves when the default overview is ready.
   */
  async warm(): Promise<void> {
    const q = GroupsQuery.parse({});
    const s = await this.current();
    const { built, currency, hidden } = await this.grouping(s, q);
    await this.groupLayout(s, groupKey(q, currency, hidden), built).promise.catch(() => undefined);
    await this.overview(q);
    // once the node layout is there, the default overview's group layout seeded from it (then kept)
    void this.nodeLayout(s)
      ?.promise.then(() => this.overview(q))
      .catch((e: unknown) => this.log?.warn({ err: e }, 'the seeded group layout could not be computed'));
  }

  private hidden(s: State, show: readonly string[] | undefined): NodeKind[] {
    if (s.projection.nodes.length <= this.settings.OVERVIEW_HIDE_KINDS_ABOVE) return [];
    return HIDEABLE_KINDS.filter((k) => !show?.includes(k));
  }

  private visible(s: State, hidden: NodeKind[]): Set<string> {
    const out = new Set<string>();
    for (const n of s.projection.nodes) if (!hidden.includes(n.kind)) out.add(n.id);
    return out;
  }

  /** Louvain communities of the visible nodes (in the worker). */
  private communities(s: State, hidden: NodeKind[], visible: Set<string>): Promise<Map<string, number>> {
    return job(s.jobs, `communities:${hidden.join(',')}`, async () => {
      const ids = [...visible];
      const r = await runInWorker({
        op: 'communities',
        n: ids.length,
        ...edgeArrays(ids, s.projection.edges),
        iterations: 0,
        maxMs: this.settings.LAYOUT_MAX_MS,
        seed: 42,
      });
      return new Map(ids.map((id, i) => [id, r.communities![i]!]));
    }).promise;
  }

  private nodeLayoutKey(): string {
    return `nodes-${this.settings.LAYOUT_MAX_NODES}-${this.settings.LAYOUT_ITERATIONS}`;
  }

  /** The layout of every node (up to LAYOUT_MAX_NODES, the best connected), from the cache or computed. */
  private nodeLayout(s: State): NodeLayoutJob | undefined {
    const cap = this.settings.LAYOUT_MAX_NODES;
    if (cap === 0) return undefined;
    const key = this.nodeLayoutKey();
    return job(s.jobs, key, async () => {
      const cached = await this.store.readLayout(key, s.hash);
      const laid =
        cached ??
        (await this.computeNodeLayout(s, key, cap).catch((e: unknown) => {
          this.log?.warn({ err: e, layout: key }, 'the server layout failed');
          throw e;
        }));
      const m = new Map(laid.ids.map((id, i) => [id, { x: laid.x[i]!, y: laid.y[i]! }])) as Map<
        string,
        { x: number; y: number }
      > & { ms?: number };
      m.ms = laid.ms;
      return m;
    });
  }

  private async computeNodeLayout(s: State, key: string, cap: number): Promise<LayoutPositions> {
    const t0 = performance.now();
    let ids = s.projection.nodes.map((n) => n.id);
    if (ids.length > cap)
      ids = ids.sort((a, b) => (s.degree.get(b) ?? 0) - (s.degree.get(a) ?? 0) || byString(a, b)).slice(0, cap);
    const r = await layoutNodes(ids, s.projection.edges, {
      iterations: this.settings.LAYOUT_ITERATIONS,
      maxMs: this.settings.LAYOUT_MAX_MS,
    });
    const ms = Math.round(performance.now() - t0);
    const laid: LayoutPositions = { ids, x: Array.from(r.x, round), y: Array.from(r.y, round), ms };
    this.log?.info(
      { layout: key, nodes: ids.length, edges: r.edges, iterations: r.iterations, layoutMs: ms, version: s.hash },
      'server layout computed',
    );
    try {
      await this.store.writeLayout(key, s.hash, laid);
    } catch (e) {
      this.log?.warn({ err: e, layout: key }, 'the layout could not be cached');
    }
    return laid;
  }

  /** The grouping of `q` over the current data (memoised per version and parameters). */
  private async grouping(
    s: State,
    q: Omit<GroupsQuery, 'labels'>,
  ): Promise<{ built: Built; currency: string | null; hidden: NodeKind[] }> {
    const hidden = this.hidden(s, q.show);
    const currency = q.currency ?? s.mainCurrency;
    const built = await job(s.jobs, `grouping:${groupKey(q, currency, hidden)}`, async () => {
      const visible = this.visible(s, hidden);
      const communities = q.by === 'community' ? await this.communities(s, hidden, visible) : undefined;
      const a = await assignGroups(s.projection, visible, q.by, communities);
      const totalGroups = new Set(a.groupOf.values()).size;
      const b = await buildOverview(
        s.projection,
        visible,
        a,
        {
          by: q.by,
          size: q.size,
          currency,
          limit: q.groups,
          labels: Number.MAX_SAFE_INTEGER,
          top: 5,
        },
        { degree: s.degree },
      );
      return { ...b, totalGroups, visible };
    }).promise;
    return { built, currency, hidden };
  }

  /**
   * Positions of the groups: FA2 over the group graph, started at its members' centroids in the node
   * layout when that is ready (then cached), else on a circle (kept until the node layout is ready).
   */
  private groupLayout(s: State, key: string, built: Built): Job<LayoutPositions> {
    // a peek: the node layout is started after the overview's (warm, overview), not competing with it
    const nodes = (s.jobs.get(this.nodeLayoutKey()) as NodeLayoutJob | undefined)?.value;
    return job(s.jobs, `layout:${key}:${nodes ? 'seeded' : 'circle'}`, async () => {
      const cacheKey = `groups-${key.replace(/[^A-Za-z0-9,-]+/g, '-')}`;
      const cached = nodes ? await this.store.readLayout(cacheKey, s.hash) : undefined;
      if (cached) return cached;
      const t0 = performance.now();
      const ids = built.nodes.map((n) => n.key);
      const index = new Map(ids.map((id, i) => [id, i]));
      const x = new Float64Array(ids.length);
      const y = new Float64Array(ids.length);
      ids.forEach((gid, i) => {
        let sx = 0;
        let sy = 0;
        let k = 0;
        for (const m of built.members.get(gid) ?? []) {
          const p = nodes?.get(m);
          if (p) {
            sx += p.x;
            sy += p.y;
            k++;
          }
        }
        const a = (i * 2 * Math.PI) / Math.max(1, ids.length);
        x[i] = k > 0 ? sx / k : Math.cos(a) * 100;
        y[i] = k > 0 ? sy / k : Math.sin(a) * 100;
      });
      const src: number[] = [];
      const dst: number[] = [];
      const w: number[] = [];
      for (const e of built.edges) {
        src.push(index.get(e.source)!);
        dst.push(index.get(e.target)!);
        w.push(Math.log1p(e.attributes.count));
      }
      const r = await runInWorker({
        op: 'layout',
        n: ids.length,
        src: Int32Array.from(src),
        dst: Int32Array.from(dst),
        w: Float64Array.from(w),
        x,
        y,
        iterations: 50,
        maxMs: this.settings.LAYOUT_MAX_MS,
        settings: { adjustSizes: false, barnesHutOptimize: false, scalingRatio: 20, gravity: 0.5 },
      });
      const ms = Math.round(performance.now() - t0);
      const laid: LayoutPositions = { ids, x: Array.from(r.x!, round), y: Array.from(r.y!, round), ms };
      this.log?.info({ layout: cacheKey, groups: ids.length, layoutMs: ms }, 'server layout computed');
      if (nodes) await this.store.writeLayout(cacheKey, s.hash, laid).catch(() => undefined);
      return laid;
    });
  }

  /**
   * GET /api/overview: computed from this data version's state when its grouping is done; before that,
   * the answer the store kept for this version (a restart on the same data), if any, while the state is
   * computed in the background. A computed answer with its group layout is handed to the store to keep.
   */
  async overview(q: GroupsQuery): Promise<OverviewGraph> {
    const version = await this.store.dataVersion();
    if (!this.groupingDone(version, q)) {
      const kept = await this.kept.read(q, version);
      if (kept) {
        this.current().catch((e: unknown) => this.log?.warn({ err: e }, 'the overview could not be computed'));
        return kept;
      }
    }
    const answer = await this.compute(q);
    if (answer.attributes.layout === 'ready') this.kept.keep(q, version, answer);
    return answer;
  }

  /** Whether the grouping of `q` over data version `version` is computed (in memory). */
  private groupingDone(version: string, q: GroupsQuery): boolean {
    const s = this.done;
    if (!s || s.version !== version) return false;
    const hidden = this.hidden(s, q.show);
    const currency = q.currency ?? s.mainCurrency;
    return s.jobs.get(`grouping:${groupKey(q, currency, hidden)}`)?.value !== undefined;
  }

  private async compute(q: GroupsQuery): Promise<OverviewGraph> {
    const s = await this.current();
    const { built, currency, hidden } = await this.grouping(s, q);
    const key = groupKey(q, currency, hidden);
    let lj = this.groupLayout(s, key, built);
    let laid = await within(lj, this.settings.LAYOUT_WAIT_MS);
    // the layout seeded from the node layout is being computed: the first one (on a circle) meanwhile
    const circle = s.jobs.get(`layout:${key}:circle`) as Job<LayoutPositions> | undefined;
    if (!laid && circle?.value) [lj, laid] = [circle, circle.value];
    const nj = this.nodeLayout(s);
    const pos = new Map(laid?.ids.map((id, i) => [id, { x: laid.x[i]!, y: laid.y[i]! }]) ?? []);
    return {
      options: { type: 'directed', multi: true, allowSelfLoops: false },
      attributes: {
        by: q.by,
        size: q.size,
        currency,
        currencies: s.currencies,
        nodes: built.visible.size,
        totalNodes: s.projection.nodes.length,
        hiddenKinds: hidden,
        totalGroups: built.totalGroups,
        layout: statusOf(lj),
        ...(laid ? { layoutMs: laid.ms } : {}),
        nodeLayout: nj ? statusOf(nj) : 'off',
        ...(nj?.value?.ms !== undefined ? { nodeLayoutMs: nj.value.ms } : {}),
      },
      nodes: built.nodes.map((n, i) => ({
        key: n.key,
        attributes: { ...n.attributes, forceLabel: i < q.labels, ...(pos.get(n.key) ?? {}) },
      })),
      edges: built.edges,
    };
  }

  /** GET /api/overview/groups/{groupId}/members: a page of a group's members, best connected first. */
  async members(groupId: string, q: MembersQuery): Promise<MembersPage> {
    const by = groupId.slice(0, groupId.indexOf(':')) as Grouping;
    const s = await this.current();
    const { built, currency, hidden } = await this.grouping(s, { ...q, by });
    const ids = built.members.get(groupId);
    if (!ids)
      throw new NotFoundError(`no group "${groupId}" in this grouping`, {
        where: groupId,
        hint: 'take a group id from /api/overview with the same size, currency, show and groups parameters',
      });
    const offset = decodeOffset(q.cursor);
    const sorted = [...ids].sort((a, b) => (s.degree.get(b) ?? 0) - (s.degree.get(a) ?? 0) || byString(a, b));
    const page = sorted.slice(offset, offset + q.limit);
    const nj = this.nodeLayout(s);
    const nodes = nj ? await within(nj, this.settings.LAYOUT_WAIT_MS) : undefined;
    // members are drawn around their group: translated by the group's move from their centroid
    const key = groupKey({ ...q, by }, currency, hidden);
    const groups = await within(this.groupLayout(s, key, built), this.settings.LAYOUT_WAIT_MS);
    let dx = 0;
    let dy = 0;
    const gi = groups?.ids.indexOf(groupId) ?? -1;
    if (groups && nodes && gi >= 0) {
      let sx = 0;
      let sy = 0;
      let k = 0;
      for (const m of ids) {
        const p = nodes.get(m);
        if (p) {
          sx += p.x;
          sy += p.y;
          k++;
        }
      }
      if (k > 0) {
        dx = groups.x[gi]! - sx / k;
        dy = groups.y[gi]! - sy / k;
      }
    }
    const inPage = new Set(page);
    const nameOf = new Map(s.projection.nodes.map((n) => [n.id, n.name]));
    const graphNodes = page.map((id, i) => {
      const p = nodes?.get(id);
      return {
        key: id,
        attributes: {
          name: nameOf.get(id)!,
          kind: s.kindOf.get(id)!,
          group: groupId,
          degree: s.degree.get(id) ?? 0,
          forceLabel: offset + i < 10,
          ...(p ? { x: round(p.x + dx), y: round(p.y + dy) } : {}),
        },
      };
    });
    const edges: MembersPage['graph']['edges'] = s.projection.edges
      .filter((e) => inPage.has(e.source) && inPage.has(e.target))
      .map((e) => {
        const { id, source, target, type, ...money } = e;
        return { key: id, source, target, attributes: { type, ...money } };
      })
      .sort((a, b) => byString(a.key, b.key));
    const next = offset + page.length;
    return {
      group: {
        id: groupId,
        label: built.nodes.find((n) => n.key === groupId)?.attributes.label ?? groupId,
        members: ids.length,
      },
      nextCursor: next < ids.length ? encodeOffset(next) : null,
      graph: {
        options: { type: 'directed', multi: true, allowSelfLoops: true },
        attributes: {
          truncated: next < ids.length,
          totalNodes: ids.length,
          layout: nj ? statusOf(nj) : 'off',
          ...(nodes?.ms !== undefined ? { layoutMs: nodes.ms } : {}),
        },
        nodes: graphNodes,
        edges,
      },
    };
  }

  /**
   * Adds the server layout's x, y to the nodes of a graph (GET /api/graph), waiting for it at most
   * LAYOUT_WAIT_MS; the graph's attributes say `layout` (ready, pending, failed, off) and `layoutMs`.
   */
  async withPositions(g: SerializedGraph): Promise<SerializedGraph> {
    const s = await this.current();
    const nj = this.nodeLayout(s);
    const nodes = nj ? await within(nj, this.settings.LAYOUT_WAIT_MS) : undefined;
    g.attributes.layout = nj ? statusOf(nj) : 'off';
    if (nodes?.ms !== undefined) g.attributes.layoutMs = nodes.ms;
    if (nodes)
      for (const n of g.nodes) {
        const p = nodes.get(n.key);
        if (p) Object.assign(n.attributes, p);
      }
    return g;
  }
}

/** The key of a grouping's jobs: its parameters, with the currency and hidden kinds resolved. */
function groupKey(q: Omit<GroupsQuery, 'labels'>, currency: string | null, hidden: NodeKind[]): string {
  return `${q.by}:${q.size}:${currency}:${q.groups}:${hidden.join(',')}`;
}

/** The group id of the "other" group of a grouping. */
export const otherGroup = (by: Grouping) => `${by}:${OTHER}`;

function encodeOffset(offset: number): string {
  return Buffer.from(JSON.stringify({ offset }), 'utf8').toString('base64url');
}

function decodeOffset(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (v && typeof v === 'object' && 'offset' in v && Number.isInteger(v.offset) && (v.offset as number) >= 0)
      return v.offset as number;
  } catch {
    /* fall through */
  }
  throw new ValidationError('cursor is not one this API gave out', {
    where: 'query parameter "cursor"',
    hint: 'pass the nextCursor of the previous page unchanged, or leave it out for the first page',
  });
}

/**
 * The Neo4j store's analytical answers: money flows followed from a root, the overview network,
 * co-funding and the graph's statistics (SEMANTICS.md), over the lookups of core.ts.
 */
import type {
  CofundingQuery,
  Flow,
  FlowsQuery,
  FlowsResult,
  NodeRef,
  OverviewQuery,
  SerializedGraph,
  Stats,
} from '../../api/schemas';
import { NODE_KINDS, type RelType } from '../../model/model';
import { labelFilter, type Row } from '../../neo4j/run';
import {
  buildCofunding,
  byString,
  compareFlows,
  edgeAttributes,
  emptySerializedGraph,
  flowOf,
  inYear,
  isMoneyType,
  isWithin,
  nodeAttributes,
  refOf,
} from '../common';
import { datasetFilter } from '../datasets';
import { aggregateMoney, dealIds, moneyTotals } from '../deals';
import { flowsPage, flowsTouching } from '../flowsPage';
import { Neo4jCore, num, rec, relTypeOf, str, type GraphNode } from './core';
import { readDealLookup } from './deals';
import { mergedUnless } from './views';

/** Flows, overview, co-funding and statistics of the Neo4j store. */
export abstract class Neo4jAnalysis extends Neo4jCore {
  async flows(q: FlowsQuery): Promise<FlowsResult> {
    let flows: Flow[] = [];
    const nodeProps = new Map<string, Record<string, unknown>>();
    const relInfo = new Map<string, { type: RelType; props: Record<string, unknown> }>();
    const ends = new Set<string>();
    const add = (hop: number, row: Row) => {
      if (row.fromEid !== undefined) ends.add(str(row.fromEid)).add(str(row.toEid));
      const type = relTypeOf(row.type);
      const props = rec(row.props);
      const source = rec(row.source);
      const target = rec(row.target);
      flows.push(flowOf(hop, type, props, source, target));
      nodeProps.set(str(source.id), source);
      nodeProps.set(str(target.id), target);
      relInfo.set(str(row.id), { type, props });
    };
    let root: NodeRef | null = null;
    if (q.from !== undefined) {
      const start = await this.node(q.from);
      root = refOf(start.props);
      const name = q.direction === 'down' ? 'money-step-down' : 'money-step-up';
      const reached = new Set([start.eid]);
      const seen = new Set<string>();
      let level = [start.eid];
      for (let hop = 1; hop <= q.depth && level.length > 0; hop++) {
        const next: string[] = [];
        const rows = (await this.runner.read(name, { eids: level })).sort((a, b) => byString(str(a.id), str(b.id)));
        for (const row of rows) {
          const rid = str(row.id);
          if (seen.has(rid) || !inYear(rec(row.props), q.year)) continue;
          seen.add(rid);
          add(hop, row);
          const w = str(row.toEid);
          if (!reached.has(w)) {
            reached.add(w);
            next.push(w);
          }
        }
        level = next;
      }
    } else {
      for (const row of await this.runner.read('money-all')) if (inYear(rec(row.props), q.year)) add(1, row);
    }
    flows.sort(compareFlows);
    if (q.region !== undefined) {
      const next = await this.locationLinks();
      const region = q.region;
      flows = flowsTouching(flows, (id) => isWithin(id, region, (n) => next.get(n) ?? []));
    }
    const { page, nextCursor } = flowsPage(flows, q);
    const pageNodes = new Set(page.flatMap((f) => [f.source.id, f.target.id]));
    const graph = emptySerializedGraph(false);
    graph.nodes = [...pageNodes]
      .sort(byString)
      .map((nid) => ({ key: nid, attributes: nodeAttributes(nodeProps.get(nid)!) }));
    graph.edges = page
      .map((f) => ({ f, info: relInfo.get(f.id)! }))
      .sort((a, b) => byString(a.f.id, b.f.id))
      .map(({ f, info }) => ({
        key: f.id,
        source: f.source.id,
        target: f.target.id,
        attributes: edgeAttributes(info.type, info.props),
      }));
    const region = flows.some((f) => f.amount !== null || f.deal !== undefined)
      ? await this.regionResolver(q.from !== undefined ? ends : undefined)
      : () => 'unknown';
    const deals = await readDealLookup(this.runner, dealIds(flows));
    return {
      root,
      direction: q.direction,
      flows: page,
      totalFlows: flows.length,
      nextCursor,
      totals: moneyTotals(flows, deals),
      byKind: aggregateMoney(flows, deals, (f) => ({ from: f.source.kind, to: f.target.kind })),
      byRegion: aggregateMoney(flows, deals, (f) => ({ from: region(f.source.id), to: region(f.target.id) })),
      graph,
    };
  }

  async overview(q: OverviewQuery): Promise<SerializedGraph> {
    const inSets = datasetFilter(q.datasets);
    const kinds = q.kinds && q.kinds.length > 0 ? [...new Set(q.kinds)] : undefined;
    // kind and data set only: the properties of the nodes kept are read once they are chosen
    // model kinds only (not, e.g., the overview's kept answers)
    let nodes = (await this.runner.read('overview-nodes', {}, { LABELS: labelFilter(kinds ?? NODE_KINDS) })).map(
      (r) => ({
        id: str(r.id),
        eid: str(r.eid),
        props: { kind: r.kind, dataset: r.dataset },
        degree: num(r.degree),
      }),
    );
    if (!kinds) nodes = nodes.filter((n) => n.props.kind !== 'Deal');
    if (q.datasets) nodes = nodes.filter((n) => inSets(n.props));
    if (q.region !== undefined) {
      const next = await this.locationLinks();
      const target = q.region;
      const candidates = new Map(nodes.map((n) => [n.id, n]));
      const inside = new Map(
        nodes.filter((n) => isWithin(n.id, target, (id) => next.get(id) ?? [])).map((n) => [n.id, n]),
      );
      // the funders of the region's nodes stay, wherever they are (money crossing into the region)
      if (inside.size > 0)
        for (const row of await this.runner.read('money-sources-of', {
          eids: [...inside.values()].map((n) => n.eid),
        })) {
          const f = candidates.get(str(row.id));
          if (f) inside.set(f.id, f);
        }
      nodes = [...inside.values()];
    }
    const totalNodes = nodes.length;
    let truncated = false;
    if (nodes.length > q.limit) {
      nodes.sort((a, b) => b.degree - a.degree || byString(a.id, b.id));
      nodes = nodes.slice(0, q.limit);
      truncated = true;
    }
    nodes.sort((a, b) => byString(a.id, b.id));
    const props = new Map<string, Record<string, unknown>>();
    for (const row of await this.runner.read('node-props', { eids: nodes.map((n) => n.eid) }))
      props.set(str(row.eid), rec(row.props));
    // (a node deleted meanwhile is left out)
    nodes = nodes.filter((n) => props.has(n.eid));
    const minAmount = q.minAmount;
    const g = emptySerializedGraph(truncated);
    g.attributes.totalNodes = totalNodes;
    g.nodes = nodes.map((n): GraphNode => ({ key: n.id, attributes: nodeAttributes(props.get(n.eid) ?? {}) }));
    g.edges = await this.edgesAmong(
      new Map(nodes.map((n) => [n.eid, n.id])),
      q.types,
      (type, props) =>
        minAmount === undefined || (isMoneyType(type) && typeof props.amount === 'number' && props.amount >= minAmount),
    );
    return mergedUnless(this.runner, g, q.merge);
  }

  async cofunding(q: CofundingQuery): Promise<SerializedGraph> {
    const kinds = q.kinds && q.kinds.length > 0 ? new Set<string>(q.kinds) : undefined;
    const inSets = datasetFilter(q.datasets);
    const rows = (await this.runner.read('money-all'))
      .filter((r) => inSets(rec(r.source)) && inSets(rec(r.target)))
      .sort((a, b) => byString(str(a.id), str(b.id)));
    const props = new Map<string, Record<string, unknown>>();
    /** funder → recipient → money of its relationships */
    const funded = new Map<string, Map<string, Record<string, unknown>[]>>();
    for (const row of rows) {
      const source = rec(row.source);
      const target = rec(row.target);
      const rp = rec(row.props);
      const s = str(source.id);
      const t = str(target.id);
      props.set(s, source);
      let m = funded.get(s);
      if (!m) funded.set(s, (m = new Map<string, Record<string, unknown>[]>()));
      const money = m.get(t) ?? [];
      money.push(rp);
      m.set(t, money);
    }
    const deals = await readDealLookup(this.runner, dealIds(rows.map((r) => rec(r.props))));
    return buildCofunding(
      funded,
      (f) => !kinds || kinds.has(str(props.get(f)!.kind)),
      q,
      (m) => m,
      (n, recipients) => ({ key: n, attributes: nodeAttributes(props.get(n)!, { recipients }) }),
      deals,
    );
  }

  /** The statistics, read now (the store keeps them per data version). */
  protected async readStats(): Promise<Stats> {
    const count = (rows: Row[], key: string): Record<string, number> =>
      Object.fromEntries(
        rows
          .filter((r) => typeof r[key] === 'string' && num(r.count) > 0)
          .map((r): [string, number] => [str(r[key]), num(r.count)])
          .sort(([a], [b]) => byString(a, b)),
      );
    const nodes = count(await this.runner.read('stats-nodes'), 'kind');
    const relationships = count(await this.runner.read('stats-rels'), 'type');
    const moneyRows = await this.runner.read('stats-money');
    const money = moneyTotals(moneyRows, await readDealLookup(this.runner, dealIds(moneyRows)));
    const sum = (o: Record<string, number>) => Object.values(o).reduce((s, n) => s + n, 0);
    return { nodes, relationships, totals: { nodes: sum(nodes), relationships: sum(relationships) }, money };
  }
}

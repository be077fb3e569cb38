/**
 * The Neo4j store's side of the overview (server/overview): the data version (node and relationship
 * counts plus this process's write counter), the projection, and the layout cache. The node layout is
 * kept on the nodes themselves (`layoutX`, `layoutY`, `layoutV` = the structure version, `layoutMs`),
 * written in batches; the group layouts (a few hundred points) are kept in this process's memory.
 */
import { NODE_KINDS, isNodeKind, isRelType, type NodeKind } from '../../model/model';
import { label, labelFilter, type CypherRunner } from '../../neo4j/run';
import { projEdge, type LayoutPositions, type Projection } from '../../overview/types';

const WRITE_BATCH = 10_000;
/** reading the whole graph takes longer than an ordinary query */
const PROJECTION_TIMEOUT_MS = 300_000;
const NODE_LAYOUT = /^nodes-/;

/** Node properties of the layout, left out wherever a node's properties are read or compared. */
const LAYOUT_PROPS = ['layoutX', 'layoutY', 'layoutV', 'layoutMs'];

/** A node's stored properties without the layout's. */
export function withoutLayout(props: Record<string, unknown>): Record<string, unknown> {
  if (!('layoutV' in props)) return props;
  const out = { ...props };
  for (const k of LAYOUT_PROPS) delete out[k];
  return out;
}

const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

export class Neo4jOverview {
  private readonly memory = new Map<string, { version: string; layout: LayoutPositions }>();
  /** node → kind, from the last projection: the label a layout write seeks each node by */
  private kinds = new Map<string, NodeKind>();

  constructor(private readonly runner: CypherRunner) {}

  async version(writes: number): Promise<string> {
    const [row] = await this.runner.read('overview-version');
    return `neo4j-${String(row?.nodes)}-${String(row?.relationships)}-${writes}`;
  }

  /** Nodes and relationships read side by side (two sessions): Neo4j's work on one overlaps decoding the other. */
  async projection(): Promise<Projection> {
    const p: Projection = { nodes: [], edges: [], deals: new Map() };
    const [nodes, rels] = await Promise.all([
      this.runner.read('overview-nodes-all', {}, { LABELS: labelFilter(NODE_KINDS) }, PROJECTION_TIMEOUT_MS),
      this.runner.read('overview-rels-all', {}, undefined, PROJECTION_TIMEOUT_MS),
    ]);
    for (const r of nodes) {
      const kind = str(r.kind);
      const id = str(r.id);
      if (!id || !kind || !isNodeKind(kind)) continue;
      if (kind === 'Deal') {
        const amount = num(r.amount);
        const currency = str(r.currency);
        p.deals.set(id, { ...(amount !== undefined ? { amount } : {}), ...(currency ? { currency } : {}) });
      } else p.nodes.push({ id, name: str(r.name) ?? id, kind });
    }
    this.kinds = new Map(p.nodes.map((n) => [n.id, n.kind]));
    for (const r of rels) {
      const type = str(r.type);
      if (!type || !isRelType(type)) continue;
      p.edges.push(projEdge(String(r.id), String(r.source), String(r.target), type, r));
    }
    return p;
  }

  async readLayout(key: string, version: string): Promise<LayoutPositions | undefined> {
    if (!NODE_LAYOUT.test(key)) {
      const m = this.memory.get(key);
      return m?.version === version ? m.layout : undefined;
    }
    const rows = await this.runner.read(
      'layout-read',
      { version },
      { LABELS: labelFilter(NODE_KINDS) },
      PROJECTION_TIMEOUT_MS,
    );
    if (rows.length === 0) return undefined;
    const out: LayoutPositions = { ids: [], x: [], y: [], ms: num(rows[0]?.ms) ?? 0 };
    for (const r of rows) {
      out.ids.push(String(r.id));
      out.x.push(num(r.x) ?? 0);
      out.y.push(num(r.y) ?? 0);
    }
    return out;
  }

  /** Node layouts are written to the nodes of the last projection, sought by kind label and id. */
  async writeLayout(key: string, version: string, layout: LayoutPositions): Promise<void> {
    if (!NODE_LAYOUT.test(key)) {
      this.memory.set(key, { version, layout });
      return;
    }
    const byKind = new Map<NodeKind, { id: string; x: number; y: number }[]>();
    layout.ids.forEach((id, i) => {
      const kind = this.kinds.get(id);
      if (!kind) return;
      const rows = byKind.get(kind) ?? [];
      rows.push({ id, x: layout.x[i]!, y: layout.y[i]! });
      byKind.set(kind, rows);
    });
    for (const [kind, rows] of byKind)
      for (let i = 0; i < rows.length; i += WRITE_BATCH)
        await this.runner.write(
          'layout-write',
          { rows: rows.slice(i, i + WRITE_BATCH), version, ms: layout.ms },
          { LABEL: label(kind) },
          PROJECTION_TIMEOUT_MS,
        );
  }
}

/** Exports of the view (PNG, GEXF, node positions) and the import of positions. */
import { parsePositions, positionsToJson, toGexf } from '../state/export';
import type { PngScale } from '../state/legend';
import { download, pickTextFile } from '../view/dom';
import { showInfo } from '../view/toast';
import type { AppCore } from './core';

export class Exporter {
  constructor(private readonly app: AppCore) {}

  /** The whole graph with its legend, at `scale` times the screen's pixels. */
  async exportPng(scale: PngScale = 1): Promise<void> {
    download(scale === 1 ? 'innograph.png' : `innograph@${scale}x.png`, await this.app.net.toPng(scale));
  }

  /** The visible nodes and relationships as GEXF, with positions, sizes and colours. */
  exportGexf(): void {
    const { net, s } = this.app;
    const g = net.graph;
    const v = s.visibility;
    const ds = s.activeDataset();
    const nodes = g
      .nodes()
      .filter((id) => !v || v.nodes.has(id))
      .map((id) => {
        const a = g.getNodeAttributes(id);
        return { id, label: a.label, kind: a.kind, x: a.x, y: a.y, size: a.size, color: a.color };
      });
    const edges = g
      .edges()
      .filter((id) => !v || v.edges.has(id))
      .map((id) => {
        const e = ds.edges.get(id)!;
        const num = (x: unknown) => (typeof x === 'number' ? x : null);
        return {
          id,
          source: e.source,
          target: e.target,
          type: e.type,
          amount: num(e.attrs.amount),
          currency: typeof e.attrs.currency === 'string' ? e.attrs.currency : null,
          year: num(e.attrs.year),
        };
      });
    download('innograph.gexf', toGexf(nodes, edges, `Innograph ${s.url.view} view`), 'application/gexf+xml');
  }

  exportPositions(): void {
    const { net, s } = this.app;
    download(`innograph-positions-${s.url.view}.json`, positionsToJson(net.positions()), 'application/json');
  }

  async importPositions(): Promise<void> {
    const net = this.app.net;
    const file = await pickTextFile('.json,application/json');
    if (!file) return;
    const r = parsePositions(file.text);
    if (!r.ok) throw new Error(`${file.name}: ${r.error}`);
    const n = net.applyPositions(r.positions);
    showInfo('Positions imported', `${n} of ${net.graph.order} nodes placed from ${file.name}.`);
  }
}

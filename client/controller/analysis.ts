/**
 * Paths, money flows and Cypher results in the network: each kept under its own owner in the network's
 * data set (client/state/dataset), drawn, framed and emphasised.
 */
import type { FlowsResult, PathsResult, SerializedGraph } from '../../server/api/schemas';
import { FLOW, PATH, mergeGraph, releaseOwner } from '../state/dataset';
import { plural } from '../state/format';
import { edgeOfRelationship, withoutMergedParts } from '../state/edges';
import { pathItems, pathsGraph } from '../state/paths';
import { NODE_KINDS, REL_TYPES } from '../state/vocab';
import { showInfo } from '../view/toast';
import type { AppCore } from './core';

export class AnalysisControl {
  constructor(private readonly app: AppCore) {}

  /**
   * Puts back the paths and the money trail a URL names (at start-up, and Back/Forward to an entry):
   * run again and shown in their panels, without switching view or drawing (the caller draws).
   */
  async reopen(
    u: { pathFrom: string | null; pathTo: string | null; flowFrom: string | null; flowDirection: 'down' | 'up' },
    run: { paths: boolean; flows: boolean } = { paths: true, flows: true },
  ): Promise<void> {
    const { ui } = this.app;
    if (run.paths && u.pathFrom && u.pathTo) {
      const r = await this.app.guard(this.findPaths(u.pathFrom, u.pathTo, 4, 0, false), 'Paths');
      if (r?.paths[0]) {
        const p = r.paths[0];
        ui.pathsPanel.setFrom(p.nodes[0]!);
        ui.pathsPanel.setTo(p.nodes[p.nodes.length - 1]!);
        ui.pathsPanel.show(r);
      }
    }
    if (run.flows && u.flowFrom) {
      const r = await this.app.guard(this.runFlows(u.flowFrom, u.flowDirection, 3, null, false), 'Money flows');
      if (r?.root) {
        ui.flowsPanel.setRoot(r.root);
        ui.flowsPanel.setDirection(r.direction);
        ui.flowsPanel.show(r);
      }
    }
  }

  /** Sets one end of the path finder (from the details panel) and runs it when both are set. */
  pathEnd(which: 'from' | 'to', id: string): void {
    const { s, ui, shell } = this.app;
    const name = ui.details.entity?.id === id ? ui.details.entity.name : (s.activeDataset().nodes.get(id)?.name ?? id);
    if (which === 'from') ui.pathsPanel.setFrom({ id, name });
    else ui.pathsPanel.setTo({ id, name });
    shell.showTab('paths');
    const ends = ui.pathsPanel.endpoints;
    if (ends.from && ends.to) void ui.pathsPanel.run();
  }

  /** Finds paths, draws them in the network (their nodes come into the view) and highlights them. */
  async findPaths(from: string, to: string, maxHops: number, k: number, show = true): Promise<PathsResult> {
    const { s, api, net, render, shell } = this.app;
    const hidden = s.url.filters.hiddenTypes.filter((t) => t !== 'CO_FUNDS');
    const types = hidden.length ? REL_TYPES.filter((t) => !hidden.includes(t)) : undefined;
    const r = await api.paths({ from, to, maxHops, k, ...(types ? { types } : {}) });
    const g = pathsGraph(r, edgeOfRelationship(s.network.dataset));
    s.paths = r;
    s.pathIndex = null;
    this.replaceOwned(PATH, g);
    if (show) {
      if (s.url.view !== 'network') await this.app.data.switchView('network');
      const added = render.applyData([]);
      if (s.url.tab !== 'paths') shell.showTab('paths');
      else render.refreshEmphasis();
      await net.layoutAdded(added);
      await net.fitNodes(pathItems(r.paths).nodes);
    }
    this.app.urlSync.saveUrl();
    return r;
  }

  /** Emphasises one path (null: all of them). */
  highlightPath(i: number | null): void {
    this.app.s.pathIndex = i;
    this.app.render.refreshEmphasis();
  }

  clearPaths(): void {
    const { s, render } = this.app;
    s.paths = null;
    s.pathIndex = null;
    this.replaceOwned(PATH, null);
    if (s.url.view === 'network') render.applyData([]);
  }

  async followMoney(id: string, direction: 'down' | 'up'): Promise<void> {
    const { ui, shell } = this.app;
    const name = ui.details.entity?.id === id ? ui.details.entity.name : id;
    ui.flowsPanel.setRoot({ id, name });
    ui.flowsPanel.setDirection(direction);
    shell.showTab('flows');
    await ui.flowsPanel.run();
  }

  async runFlows(
    from: string,
    direction: 'down' | 'up',
    depth: number,
    year: number | null,
    show = true,
  ): Promise<FlowsResult> {
    const { s, api, net, render } = this.app;
    const r = await api.flows({ from, direction, depth, ...(year !== null ? { year } : {}) });
    s.flows = r;
    this.replaceOwned(FLOW, withoutMergedParts(r.graph, edgeOfRelationship(s.network.dataset)));
    if (show) {
      if (s.url.view !== 'network') await this.app.data.switchView('network');
      const added = render.applyData([]);
      render.refreshEmphasis();
      await net.layoutAdded(added);
      await net.fitNodes(r.graph.nodes.map((n) => n.key));
    }
    this.app.urlSync.saveUrl();
    return r;
  }

  clearFlows(): void {
    const { s, render } = this.app;
    s.flows = null;
    this.replaceOwned(FLOW, null);
    if (s.url.view === 'network') render.applyData([]);
  }

  /** Replaces what an owner (path, money trail) keeps in the network data set. */
  private replaceOwned(owner: string, g: SerializedGraph | null): void {
    const { s } = this.app;
    let ds = releaseOwner(s.network.dataset, owner).dataset;
    if (g) ds = mergeGraph(ds, g, owner).dataset;
    s.network = { ...s.network, dataset: ds };
  }

  /** Adds a Cypher query's graph (its nodes of known kinds) to the network. */
  addCypherGraph(g: SerializedGraph): void {
    const { s, net, render } = this.app;
    const known = g.nodes.filter((n) => NODE_KINDS.includes(n.attributes.kind));
    const ds = mergeGraph(s.network.dataset, { ...g, nodes: known }, 'cypher');
    s.network = { ...s.network, dataset: ds.dataset };
    void this.app.guard(
      (async () => {
        if (s.url.view !== 'network') await this.app.data.switchView('network');
        render.applyData(ds.change.addedNodes);
        await net.layoutAdded(ds.change.addedNodes);
        showInfo(
          'Added to the network',
          `${plural(ds.change.addedNodes.length, 'new node')}, ${plural(ds.change.addedEdges.length, 'new relationship')}.`,
        );
      })(),
      'Add to network',
    );
  }
}

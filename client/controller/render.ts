/**
 * Render state: pushes the active data set into the network view (render graph, visibility through
 * filters, sizes and colours, emphasis of a path or money trail), keeps the sidebar, the status line
 * and the undo button current, and applies the sidebar's filter, appearance and layout controls.
 */
import { degrees, moneyMoved, moneyOf } from '../state/dataset';
import { computeVisibility, defaultFilters, playStep, withinIndex, yearBounds, type Filters } from '../state/filters';
import { describeOp, expandedRoots } from '../state/history';
import { groupSizes } from '../state/groups';
import { edgeOfRelationship } from '../state/edges';
import { pathItems } from '../state/paths';
import type { ColorBy, SizeBy } from '../state/url';
import { h, setChildren } from '../view/dom';
import { BETWEENNESS_MAX_NODES, betweennessCentrality, communities, pageRank } from '../view/metrics';
import type { AppCore } from './core';
import { MAX_VIEW_NODES } from './data';

export class RenderControl {
  constructor(private readonly app: AppCore) {}

  /** After the active data set changed: render graph, derived data, filters, appearance, panels. */
  applyData(added: string[]): string[] {
    const { s, net, ui } = this.app;
    const ds = s.activeDataset();
    const fresh = net.sync(ds);
    s.within = withinIndex(ds);
    s.bounds = yearBounds(ds);
    this.refreshVisibility();
    ui.flowsPanel.refreshYears();
    ui.details.refreshActions();
    this.updateUndo();
    this.app.urlSync.saveUrl();
    return added.length ? added : fresh;
  }

  refreshVisibility(): void {
    const { s, net } = this.app;
    s.visibility = computeVisibility(s.activeDataset(), s.filtersInUse(), s.within);
    net.setVisibility(s.visibility);
    this.refreshAppearance();
    this.refreshEmphasis();
    this.updateSidebar();
    this.updateStatus();
  }

  refreshAppearance(): void {
    const { s, net } = this.app;
    const ds = s.activeDataset();
    const v = s.visibility;
    const { sizeBy, colorBy } = s.url;
    const currency = s.filtersInUse().currency;
    const metrics: typeof s.metrics = {};
    s.metrics = metrics;
    let sizes: Map<string, number>;
    if (sizeBy === 'pagerank') sizes = metrics.pagerank = pageRank(net.graph, v?.nodes ?? null, v?.edges ?? null);
    else if (sizeBy === 'betweenness' && (v?.nodes.size ?? 0) <= BETWEENNESS_MAX_NODES)
      sizes = metrics.betweenness = betweennessCentrality(net.graph, v?.nodes ?? null, v?.edges ?? null);
    else if (sizeBy === 'degree' || sizeBy === 'betweenness') sizes = degrees(ds);
    else sizes = moneyMoved(ds, currency);
    // the overview sizes groups as the server did (members or money), members by degree
    if (s.url.view === 'groups') sizes = groupSizes(ds);
    if (colorBy === 'community') metrics.communities = communities(net.graph, v?.nodes ?? null, v?.edges ?? null);
    net.setAppearance(sizes, metrics.communities ?? null, (id) => {
      const e = ds.edges.get(id);
      return e ? moneyOf(e, currency) : null;
    });
  }

  /** Emphasises the chosen path (or all paths) on the Paths tab, the money trail on the Money tab. */
  refreshEmphasis(): void {
    const { s, net } = this.app;
    const tab = s.url.tab;
    if (tab === 'paths' && s.paths && s.paths.paths.length > 0) {
      const chosen = s.pathIndex === null ? s.paths.paths : [s.paths.paths[s.pathIndex]!].filter(Boolean);
      net.setEmphasis(pathItems(chosen, edgeOfRelationship(s.activeDataset())));
    } else if (tab === 'flows' && s.flows && s.flows.flows.length > 0) {
      const nodes = new Set<string>();
      const edges = new Set<string>();
      const drawn = edgeOfRelationship(s.activeDataset());
      for (const f of s.flows.flows) {
        nodes.add(f.source.id);
        nodes.add(f.target.id);
        edges.add(drawn.get(f.id) ?? f.id);
      }
      net.setEmphasis({ nodes, edges });
    } else net.setEmphasis(null);
  }

  updateSidebar(): void {
    const { s, ui } = this.app;
    const ds = s.activeDataset();
    const regions = [...ds.nodes.values()].filter((n) => n.kind === 'Region').map((n) => ({ id: n.id, name: n.name }));
    regions.sort((a, b) => a.name.localeCompare(b.name));
    const visibleNodes = s.visibility?.nodes.size ?? 0;
    const comm = s.metrics.communities;
    let sizes: number[] | null = null;
    if (comm) {
      sizes = [];
      for (const c of comm.values()) sizes[c] = (sizes[c] ?? 0) + 1;
      sizes = sizes.map((x) => x ?? 0);
    }
    const data = s.activeData();
    ui.sidebar.update({
      view: s.url.view,
      filters: s.url.filters,
      counts: s.visibility?.counts ?? null,
      bounds: s.bounds,
      regions,
      sizeBy: s.url.sizeBy,
      colorBy: s.url.colorBy,
      playing: s.playTimer !== null,
      layoutRunning: s.layoutRunning,
      communities: sizes,
      disabledSizes:
        visibleNodes > BETWEENNESS_MAX_NODES
          ? {
              betweenness: `Betweenness is too slow above ${BETWEENNESS_MAX_NODES.toLocaleString('en')} visible nodes: filter first.`,
            }
          : {},
      minShared: s.url.minShared,
      limit: s.url.limit,
      currency: s.filtersInUse().currency,
      currencies: s.currencies,
      overview: data?.truncated ? { shown: data.dataset.nodes.size, total: data.totalNodes } : null,
      expanded: s.url.view === 'network' ? expandedRoots(s.network.dataset, s.network.history).length : 0,
    });
    this.updateFocusBar();
  }

  /** The line over the stage: `text` (none hides it), a spinner, an action button. */
  setStatus(text: string, spinner: boolean, action?: HTMLElement): void {
    const status = this.app.shell.status;
    setChildren(
      status,
      spinner ? h('span', { class: 'spinner', 'aria-hidden': 'true' }) : null,
      text ? h('span', {}, text) : null,
      action ?? null,
    );
    status.hidden = !text;
  }

  updateStatus(): void {
    const { s, shell } = this.app;
    if (!s.isReady) return;
    const v = s.visibility;
    const ds = s.activeDataset();
    if (ds.nodes.size === 0)
      this.setStatus(
        s.url.view === 'cofunding'
          ? 'No funders share recipients at this threshold.'
          : s.url.view === 'network' && !s.url.base
            ? 'Nothing in focus: search for an entity, or load the best-connected nodes.'
            : 'The graph is empty: load data into the store (npm run seed).',
        false,
      );
    else if (v && v.nodes.size === 0)
      this.setStatus(
        'Every node is filtered out. ',
        false,
        h('button', { class: 'small', onclick: () => this.setFilters(defaultFilters()) }, 'Reset filters'),
      );
    else this.setStatus('', false);
    shell.stage.classList.toggle('is-busy', s.busy > 0);
  }

  updateUndo(): void {
    const { s, shell } = this.app;
    const { history, dataset } = s.network;
    const op = history.ops[history.ops.length - 1];
    shell.undoBtn.disabled = !op || s.url.view !== 'network';
    shell.undoBtn.title = op ? `Undo ${describeOp(op, (id) => dataset.nodes.get(id)?.name ?? id)}` : 'Nothing to undo';
  }

  updateViewButtons(): void {
    const { s, shell } = this.app;
    for (const [v, b] of Object.entries(shell.viewBtns)) b.setAttribute('aria-pressed', String(v === s.url.view));
    if (s.large && s.url.base)
      shell.viewBtns.network.title = `The ${Math.min(s.url.limit, MAX_VIEW_NODES).toLocaleString('en-US')} best-connected nodes`;
    this.updateUndo();
    this.updateFocusBar();
  }

  /** The focused view's bar: shown in the network view without its base. */
  updateFocusBar(): void {
    const { s, ui } = this.app;
    ui.focusBar.update({
      visible: s.url.view === 'network' && !s.url.base,
      nodes: s.network.dataset.nodes.size,
      limit: Math.min(s.url.limit, MAX_VIEW_NODES),
    });
  }

  // ---------------------------------------------------------------- the sidebar's controls

  setFilters(f: Filters): void {
    const { s } = this.app;
    const before = s.url.filters;
    s.url.filters = f;
    this.refreshVisibility();
    this.app.urlSync.saveUrl();
    const data = s.url.view === 'network' ? s.network : null;
    if (data?.truncated && (before.hiddenKinds.join() !== f.hiddenKinds.join() || before.region !== f.region))
      this.app.data.reloadBase();
  }

  /** Plays the years: one step of the year filter every 900 ms, until the last year or a second click. */
  togglePlay(): void {
    const { s } = this.app;
    if (s.playTimer !== null) {
      clearInterval(s.playTimer);
      s.playTimer = null;
      this.updateSidebar();
      return;
    }
    const tick = () => {
      const next = playStep(s.url.filters, s.bounds);
      if (!next) {
        if (s.playTimer !== null) clearInterval(s.playTimer);
        s.playTimer = null;
        this.updateSidebar();
        return;
      }
      this.setFilters(next);
    };
    s.playTimer = setInterval(tick, 900);
    tick();
  }

  setAppearance(sizeBy: SizeBy, colorBy: ColorBy): void {
    const { s } = this.app;
    s.url.sizeBy = sizeBy;
    s.url.colorBy = colorBy;
    this.refreshAppearance();
    this.updateSidebar();
    this.app.urlSync.saveUrl();
  }

  toggleLayout(): void {
    const net = this.app.net;
    if (net.layout.running) net.layout.stop();
    else void this.app.guard(net.runLayout(null), 'Layout');
  }

  async spread(): Promise<void> {
    await this.app.net.runLayout(1);
  }
}

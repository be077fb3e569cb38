/**
 * The data sets: loading the network's base (overview) and the co-funding view, switching views,
 * selecting, and the undoable expand/collapse of the network (client/state/history).
 */
import { BASE, emptyDataset, isExpanded, mergeGraph, releaseOwner } from '../state/dataset';
import { edgeLike } from '../state/edges';
import { focusState, planPick } from '../state/focus';
import { collapse, describeOp, emptyHistory, expand, undo, type Step } from '../state/history';
import { keepExpanded, pagingLabel, recordPage } from '../state/neighborPages';
import type { View } from '../state/url';
import { NODE_KINDS } from '../state/vocab';
import { debounce } from '../view/dom';
import { isGroupId } from '../state/groups';
import { placedByServer } from '../view/renderGraph';
import type { SearchItem } from '../view/search';
import { showInfo } from '../view/toast';
import type { AppCore } from './core';

/** The most nodes the base view loads; past it the API's overview (best-connected nodes) is shown.
 * Expansions, paths and money trails add to it (no cap: each brings at most EXPAND_LIMIT nodes). */
export const MAX_VIEW_NODES = 10_000;
/** The most neighbours one expansion brings. */
export const EXPAND_LIMIT = 300;

export class DataControl {
  constructor(private readonly app: AppCore) {}

  /** Fetches the base overview (every node up to MAX_VIEW_NODES, else the best-connected). */
  async loadBase(): Promise<void> {
    const { s, api } = this.app;
    const f = s.url.filters;
    const params = s.network.truncated
      ? {
          kinds: NODE_KINDS.filter((k) => !f.hiddenKinds.includes(k)),
          ...(f.region ? { region: f.region } : {}),
        }
      : {};
    const limit = Math.min(s.url.limit, MAX_VIEW_NODES);
    const datasets = s.url.datasets;
    let g = await api.graph({ limit, datasets, ...params });
    // first load too big: ask again without the kinds hidden by default
    if (g.attributes.truncated && !s.network.truncated && f.hiddenKinds.length > 0) {
      g = await api.graph({ limit, datasets, kinds: NODE_KINDS.filter((k) => !f.hiddenKinds.includes(k)) });
    }
    const released = releaseOwner(s.network.dataset, BASE).dataset;
    s.network = {
      ...s.network,
      dataset: mergeGraph(released, g, BASE).dataset,
      truncated: g.attributes.truncated,
      totalNodes: g.attributes.totalNodes ?? g.nodes.length,
    };
  }

  /** Reloads the overview after its filters changed (debounced). */
  readonly reloadBase = debounce(() => {
    const { net, render } = this.app;
    void this.app.guard(
      (async () => {
        await this.loadBase();
        render.applyData([]);
        await net.runLayout(net.autoIterations());
      })(),
      'Overview',
    );
  }, 600);

  async loadCofunding(): Promise<void> {
    const { s, api } = this.app;
    const g = await api.cofunding({ minShared: s.url.minShared, limit: MAX_VIEW_NODES, datasets: s.url.datasets });
    s.cofund = {
      dataset: mergeGraph(emptyDataset(), g, BASE).dataset,
      truncated: g.attributes.truncated,
      totalNodes: g.attributes.totalNodes ?? g.nodes.length,
    };
  }

  // ---------------------------------------------------------------- selection

  async select(id: string | null, opts: { focus?: boolean; keepTab?: boolean } = {}): Promise<void> {
    const { s, net, ui, shell } = this.app;
    s.url.selected = id;
    net.setSelected(id);
    this.app.urlSync.saveUrl();
    if (id && !opts.keepTab) shell.showTab('details');
    if (id && !opts.keepTab && matchMedia('(max-width: 900px)').matches) document.body.classList.add('show-panel');
    // a group of the overview shows its own details (Open group); another group id has none
    const shown = ui.details.show(id && isGroupId(id) && s.url.view !== 'groups' ? null : id);
    if (id && opts.focus) await net.focus(id);
    await shown;
  }

  /** Shows an edge of the view in the detail panel (its relationships, through GET /api/relationships). */
  async selectEdge(key: string): Promise<void> {
    const { s, ui, shell } = this.app;
    const ds = s.activeDataset();
    const e = ds.edges.get(key);
    if (!e || e.type === 'CO_FUNDS') return;
    const end = (id: string) => ({ id, name: ds.nodes.get(id)?.name ?? id });
    if (s.url.selected) await this.select(null);
    shell.showTab('details');
    await ui.details.showEdge(edgeLike(e), { from: end(e.source), to: end(e.target) });
  }

  /**
   * Selects an entity, bringing it into the view first when it is not there: into the network view
   * (expanded), or, on a large graph whose network base is not loaded, into a focused network view.
   */
  async bringAndSelect(id: string): Promise<void> {
    const { s } = this.app;
    const plan = planPick({
      view: s.url.view,
      inView: s.activeDataset().nodes.has(id),
      baseLoaded: s.baseLoad !== null,
      large: s.large,
    });
    if (plan === 'focus') return this.focusOn(id);
    // one navigation step (one history entry), also when it switches view
    await this.app.urlSync.step(async () => {
      if (plan === 'switch') await this.switchView('network');
      if (s.url.view === 'network' && !s.network.dataset.nodes.has(id)) await this.expand(id);
      await this.select(id, { focus: true });
    });
  }

  async chooseSearch(item: SearchItem): Promise<void> {
    this.app.ui.search.setValue(item.name);
    await this.bringAndSelect(item.id);
  }

  /**
   * The focused network view of `id` (one navigation step): the network without its base, holding
   * `id` and the first page of its neighbours, laid out here, `id` selected.
   */
  async focusOn(id: string): Promise<void> {
    const { s, net, render, urlSync } = this.app;
    await urlSync.step(async () => {
      net.layout.stop();
      s.savedPositions.set(s.url.view, net.positions());
      s.savedPositions.delete('network');
      s.url = focusState(s.url, id);
      s.network = { dataset: emptyDataset(), history: emptyHistory(), truncated: false, totalNodes: 0 };
      s.neighborPages = new Map();
      s.baseLoad = null;
      render.updateViewButtons();
      this.app.groups.updateBar();
      render.applyData([]);
      await this.loadNeighbors(id, 0, false);
      // laid out in the worker while the details load; centred again once laid out
      const laid = net.layoutAdded([...s.network.dataset.nodes.keys()]);
      await this.select(id, { focus: true });
      const framed = net.getCamera();
      void laid.then(() => {
        const now = net.getCamera();
        const still = now.x === framed.x && now.y === framed.y && now.ratio === framed.ratio;
        if (still && s.url.selected === id) void net.focus(id);
      });
    });
  }

  /**
   * Puts the network's base (the best-connected nodes) in or out of the network view: the explicit
   * action of a focused view, and Back/Forward across it. Expansions stay.
   */
  async setBase(on: boolean): Promise<void> {
    const { s, net, render } = this.app;
    if (on === s.url.base && (!on || s.baseLoad !== null || s.url.view !== 'network')) return;
    s.url.base = on;
    if (on) {
      if (s.url.view !== 'network') return; // loaded when the network view is shown
      s.network = { ...s.network, truncated: false };
      await (s.baseLoad = this.loadBase());
    } else {
      s.baseLoad = null;
      const released = releaseOwner(s.network.dataset, BASE).dataset;
      s.network = { ...s.network, dataset: released, truncated: false, totalNodes: released.nodes.size };
      if (s.url.view !== 'network') return;
    }
    const added = render.applyData([]);
    if (s.url.selected && !s.network.dataset.nodes.has(s.url.selected)) await this.select(null);
    if (on && added.length > 0) await this.layoutIfUnplaced();
    void net.fit();
  }

  // ---------------------------------------------------------------- expand, collapse, undo

  /** Loads a node's neighbours into the view (an undoable operation): the first page of them. */
  async expand(id: string, opts: { layout?: boolean } = {}): Promise<void> {
    await this.loadNeighbors(id, 0, opts.layout ?? true);
  }

  /** Loads the next page of an expanded node's neighbours (an undoable operation of its own). */
  async moreNeighbors(id: string): Promise<void> {
    const next = this.app.s.neighborPages.get(id)?.next;
    if (next === null || next === undefined) return showInfo('No more neighbours', 'Every neighbour is in the view.');
    await this.loadNeighbors(id, next, true);
  }

  private async loadNeighbors(id: string, offset: number, layout: boolean): Promise<void> {
    const { s, api } = this.app;
    if (s.url.view === 'groups' && isGroupId(id)) return this.app.groups.toggle(id);
    if (s.url.view !== 'network') {
      showInfo('Expanding works in the network view', 'Switch to “Network” to load neighbours.');
      return;
    }
    // EXPAND_LIMIT neighbours a page, plus the node itself
    const g = await api.neighborhood(id, {
      depth: 1,
      limit: EXPAND_LIMIT + 1,
      ...(offset > 0 ? { offset } : {}),
      datasets: s.url.datasets,
    });
    s.neighborPages = recordPage(s.neighborPages, id, offset, g);
    const step = expand(s.network.dataset, s.network.history, id, g);
    await this.applyStep(step, layout);
    const name = s.network.dataset.nodes.get(id)?.name ?? id;
    const label = pagingLabel(s.neighborPages.get(id));
    if (label) showInfo(`${label} of ${name}`, '“More neighbours” in its details loads the next ones.');
    else if (g.attributes.truncated && g.attributes.totalNeighbors === undefined)
      showInfo('Some neighbours left out', `Showing the first ${g.nodes.length - 1} neighbours of ${name}.`);
    else if (step.added.nodes.length === 0 && isExpanded(s.network.dataset, id))
      showInfo('Nothing new', 'Its neighbours are all in the view already.');
  }

  collapse(id: string): void {
    const { s } = this.app;
    const step = collapse(s.network.dataset, s.network.history, id);
    void this.applyStep(step, false);
  }

  undo(): void {
    const { s } = this.app;
    if (s.url.view !== 'network') return;
    const step = undo(s.network.dataset, s.network.history);
    if (!step.undone) return showInfo('Nothing to undo');
    void this.applyStep(step, false);
    showInfo(`Undone: ${describeOp(step.undone, (id) => s.network.dataset.nodes.get(id)?.name ?? id)}`);
  }

  private async applyStep(step: Step, layout: boolean): Promise<void> {
    const { s, net, render } = this.app;
    if (step.dataset === s.network.dataset) return;
    s.network = { ...s.network, dataset: step.dataset, history: step.history };
    s.neighborPages = keepExpanded(s.neighborPages, (id) => isExpanded(step.dataset, id));
    if (s.url.view !== 'network') return;
    render.applyData(step.added.nodes);
    if (s.url.selected && !s.network.dataset.nodes.has(s.url.selected)) await this.select(null);
    if (layout) await net.layoutAdded(step.added.nodes);
  }

  // ---------------------------------------------------------------- views and their data

  async switchView(v: View): Promise<void> {
    const { s, net, render } = this.app;
    if (v === s.url.view) return;
    net.layout.stop();
    s.savedPositions.set(s.url.view, net.positions());
    s.url.view = v;
    // back from the overview, a link names the network (else a large graph reopens on the overview)
    if (v === 'network' && s.groups) s.url.autoView = false;
    render.updateViewButtons();
    this.app.groups.updateBar();
    if (v === 'cofunding' && !s.cofund) await this.loadCofunding();
    if (v === 'groups' && !s.groups) await this.app.groups.load();
    // a focused network view (no base) shows its expansions only
    if (v === 'network' && s.url.base) await (s.baseLoad ??= this.loadBase());
    if (s.url.selected && !s.activeDataset().nodes.has(s.url.selected)) await this.select(null);
    render.applyData([]);
    const saved = s.savedPositions.get(v);
    if (saved) net.applyPositions(saved);
    else await this.layoutIfUnplaced();
    void net.fit();
  }

  /** Lays the view out, unless the server placed every node already (its x, y). */
  async layoutIfUnplaced(): Promise<void> {
    const { s, net } = this.app;
    if (!placedByServer(s.activeDataset())) await net.runLayout(net.autoIterations());
  }

  async setMinShared(n: number): Promise<void> {
    const { s, net, render } = this.app;
    s.url.minShared = n;
    this.app.urlSync.saveUrl();
    if (s.url.view !== 'cofunding') return;
    await this.loadCofunding();
    render.applyData([]);
    await net.runLayout(net.autoIterations());
  }

  async setLimit(n: number): Promise<void> {
    const { s, net, render } = this.app;
    s.url.limit = n;
    // the size of the base asked for: the base comes in (a focused view gets it)
    s.url.base = true;
    s.network = { ...s.network, truncated: false };
    await (s.baseLoad = this.loadBase());
    if (s.url.view === 'network') {
      const added = render.applyData([]);
      if (added.length) await net.runLayout(net.autoIterations());
    }
    this.app.urlSync.saveUrl();
  }

  /** Shows the chosen data sets only (empty: all): reloads the view. */
  async setDatasets(names: string[]): Promise<void> {
    const { s, net, render } = this.app;
    s.url.datasets = [...names].sort();
    s.network = { ...s.network, truncated: false };
    // the base is reloaded when it is there (else when the network view first needs it)
    if (s.baseLoad !== null) await (s.baseLoad = this.loadBase());
    if (s.url.view === 'cofunding') await this.loadCofunding();
    const added = render.applyData([]);
    if (added.length) await net.runLayout(net.autoIterations());
    this.app.urlSync.saveUrl();
  }
}

/**
 * The exploration client: wires the data set, its history and the filters (client/state) to the
 * network view (sigma), the sidebar, the panels (details, paths, money, Cypher), the search, the URL,
 * exports and keyboard shortcuts. State changes go through the pure functions of client/state; this
 * module fetches, applies them and tells the views.
 */
import type { FlowsResult, PathsResult, SerializedGraph } from '../server/api/schemas';
import { createApi, type Api } from './api';
import {
  BASE,
  FLOW,
  PATH,
  degrees,
  emptyDataset,
  isExpanded,
  mergeGraph,
  moneyMoved,
  moneyOf,
  releaseOwner,
  type Dataset,
} from './state/dataset';
import { toGexf, parsePositions, positionsToJson } from './state/export';
import {
  computeVisibility,
  defaultFilters,
  playStep,
  withinIndex,
  yearBounds,
  type Filters,
  withCurrency,
  type Visibility,
} from './state/filters';
import { plural } from './state/format';
import { currenciesByUse } from './state/money';
import {
  collapse,
  describeOp,
  emptyHistory,
  expand,
  expandedRoots,
  undo,
  type History,
  type Step,
} from './state/history';
import { pathItems, pathsGraph } from './state/paths';
import {
  decodeUrlState,
  encodeUrlState,
  type ColorBy,
  type PanelTab,
  type SizeBy,
  type UrlState,
  type View,
} from './state/url';
import { NODE_KINDS, REL_TYPES } from './state/vocab';
import { ConsolePanel } from './view/consolePanel';
import { DetailsPanel } from './view/details';
import { debounce, download, h, icon, pickTextFile, setChildren } from './view/dom';
import { FlowsPanel } from './view/flowsPanel';
import { BETWEENNESS_MAX_NODES, betweennessCentrality, communities, pageRank } from './view/metrics';
import { NetworkView } from './view/network';
import { PathsPanel } from './view/pathsPanel';
import { SearchBox, type SearchItem } from './view/search';
import { Sidebar } from './view/sidebar';
import { showError, showInfo } from './view/toast';

/** The most nodes the view loads; past it the API's overview (best-connected nodes) is shown. */
export const MAX_VIEW_NODES = 10_000;
/** The most neighbours one expansion brings. */
export const EXPAND_LIMIT = 300;

const TAB_LABELS: Record<PanelTab, string> = { details: 'Details', paths: 'Paths', flows: 'Money', console: 'Cypher' };

interface NetworkData {
  dataset: Dataset;
  history: History;
  truncated: boolean;
  totalNodes: number;
}

/** Read-only hooks for automation (end-to-end tests, the bench). */
export interface Automation {
  ready(): boolean;
  idle(): boolean;
  nodeOnScreen(id: string): { x: number; y: number } | null;
  counts(): Visibility['counts'] | null;
  selected(): string | null;
  hasNode(id: string): boolean;
  camera(): { x: number; y: number; ratio: number };
  layoutRunning(): boolean;
  /** the label-thinning and edge settings in force */
  renderSettings(): { labelDensity: number; labelRenderedSizeThreshold: number; hideEdgesOnMove: boolean };
}

export class App {
  readonly api: Api;
  private url: UrlState;
  private readonly net: NetworkView;
  private network: NetworkData = { dataset: emptyDataset(), history: emptyHistory(), truncated: false, totalNodes: 0 };
  private cofund: { dataset: Dataset; truncated: boolean; totalNodes: number } | null = null;
  private readonly savedPositions = new Map<View, Map<string, { x: number; y: number }>>();
  private visibility: Visibility | null = null;
  private within: (id: string, region: string) => boolean = (id, region) => id === region;
  private bounds: [number, number] | null = null;
  private metrics: {
    communities?: Map<string, number>;
    pagerank?: Map<string, number>;
    betweenness?: Map<string, number>;
  } = {};
  private paths: PathsResult | null = null;
  private pathIndex: number | null = null;
  private flows: FlowsResult | null = null;
  /** currencies of the store's money, most used first (from /api/stats); the first is the main one */
  private currencies: string[] = [];
  private playTimer: ReturnType<typeof setInterval> | null = null;
  private isReady = false;
  private busy = 0;
  private layoutRunning = false;

  private readonly sidebar: Sidebar;
  private readonly details: DetailsPanel;
  private readonly pathsPanel: PathsPanel;
  private readonly flowsPanel: FlowsPanel;
  private readonly consolePanel: ConsolePanel;
  private readonly search: SearchBox;
  private readonly status: HTMLElement;
  private readonly undoBtn: HTMLButtonElement;
  private readonly viewBtns: Record<View, HTMLButtonElement>;
  private readonly tabBtns = new Map<PanelTab, HTMLButtonElement>();
  private readonly tabPanels = new Map<PanelTab, HTMLElement>();
  private readonly stage: HTMLElement;

  constructor(
    private readonly root: HTMLElement,
    api: Api = createApi(),
  ) {
    this.api = api;
    this.url = decodeUrlState(location.search);
    this.search = new SearchBox(api, (it) => void this.guard(this.chooseSearch(it), 'Search'), {
      label: 'Search entities (English or Chinese)',
      placeholder: 'Search labs, funds, regions… 搜索',
    });
    this.sidebar = new Sidebar({
      setFilters: (f) => this.setFilters(f),
      resetFilters: () => this.setFilters(defaultFilters()),
      togglePlay: () => this.togglePlay(),
      setSizeBy: (s) => this.setAppearance(s, this.url.colorBy),
      setColorBy: (c) => this.setAppearance(this.url.sizeBy, c),
      toggleLayout: () => this.toggleLayout(),
      spread: () => void this.guard(this.spread(), 'Layout'),
      setMinShared: (n) => void this.guard(this.setMinShared(n), 'Co-funding'),
      setLimit: (n) => void this.guard(this.setLimit(n), 'Overview'),
    });
    this.details = new DetailsPanel(api, {
      select: (id) => void this.guard(this.bringAndSelect(id), 'Select'),
      expand: (id) => void this.guard(this.expand(id), 'Expand'),
      collapse: (id) => this.collapse(id),
      focus: (id) => void this.net.focus(id),
      followMoney: (id, dir) => void this.guard(this.followMoney(id, dir), 'Follow the money'),
      pathFrom: (id) => this.pathEnd('from', id),
      pathTo: (id) => this.pathEnd('to', id),
      isExpanded: (id) => isExpanded(this.network.dataset, id),
      inView: (id) => this.activeDataset().nodes.has(id),
      expandBlocked: () => (this.url.view === 'cofunding' ? 'Switch to the network view to expand' : null),
    });
    this.pathsPanel = new PathsPanel(api, {
      find: (from, to, maxHops, k) => this.findPaths(from, to, maxHops, k),
      highlight: (i) => {
        this.pathIndex = i;
        this.refreshEmphasis();
      },
      clear: () => this.clearPaths(),
      select: (id) => void this.guard(this.bringAndSelect(id), 'Select'),
    });
    this.flowsPanel = new FlowsPanel(api, {
      run: (from, dir, depth, year) => this.runFlows(from, dir, depth, year),
      clear: () => this.clearFlows(),
      select: (id) => void this.guard(this.bringAndSelect(id), 'Select'),
      yearBounds: () => yearBounds(this.network.dataset),
      currencies: () => ({ chosen: this.filtersInUse().currency, order: this.currencies }),
    });
    this.consolePanel = new ConsolePanel(api, { addToNetwork: (g) => this.addCypherGraph(g) });

    // ---------------------------------------------------------------- skeleton
    this.viewBtns = {
      network: h('button', { onclick: () => void this.guard(this.switchView('network'), 'View') }, 'Network'),
      cofunding: h(
        'button',
        {
          onclick: () => void this.guard(this.switchView('cofunding'), 'View'),
          title: 'Funders linked by the recipients they share',
        },
        'Co-funding',
      ),
    };
    this.undoBtn = h('button', { onclick: () => this.undo(), disabled: true, title: 'Nothing to undo' }, '↶ Undo');
    const exportMenu = h(
      'details',
      { class: 'menu' },
      h('summary', { role: 'button' }, 'Export'),
      h(
        'div',
        { class: 'menu-items', role: 'group', 'aria-label': 'Export and import' },
        h('button', { onclick: () => void this.guard(this.exportPng(), 'Export PNG') }, 'Picture (PNG)'),
        h('button', { onclick: () => this.exportGexf() }, 'Network (GEXF)'),
        h('button', { onclick: () => this.exportPositions() }, 'Node positions (JSON)'),
        h(
          'button',
          { onclick: () => void this.guard(this.importPositions(), 'Import positions') },
          'Import positions…',
        ),
      ),
    );
    exportMenu.addEventListener('click', (e) => {
      if ((e.target as HTMLElement).tagName === 'BUTTON') exportMenu.open = false;
    });
    const header = h(
      'header',
      { class: 'topbar' },
      h('h1', { class: 'brand' }, 'Innograph'),
      this.search.root,
      h(
        'div',
        { class: 'view-switch', role: 'group', 'aria-label': 'View' },
        this.viewBtns.network,
        this.viewBtns.cofunding,
      ),
      h(
        'div',
        { class: 'tools' },
        this.undoBtn,
        h('button', { onclick: () => void this.share(), title: 'Copy a link to this view' }, 'Share'),
        exportMenu,
        h(
          'button',
          { class: 'narrow-only', onclick: () => this.toggleDrawer('sidebar'), 'aria-controls': 'sidebar' },
          'Filters',
        ),
        h(
          'button',
          { class: 'narrow-only', onclick: () => this.toggleDrawer('panel'), 'aria-controls': 'panel' },
          'Panel',
        ),
      ),
    );
    const tabs = h('div', { class: 'tabs', role: 'tablist', 'aria-label': 'Panels' });
    const panels: Record<PanelTab, HTMLElement> = {
      details: this.details.root,
      paths: this.pathsPanel.root,
      flows: this.flowsPanel.root,
      console: this.consolePanel.root,
    };
    for (const t of Object.keys(TAB_LABELS) as PanelTab[]) {
      const btn = h(
        'button',
        { role: 'tab', id: `tab-${t}`, 'aria-controls': `tabpanel-${t}`, onclick: () => this.showTab(t) },
        TAB_LABELS[t],
      );
      btn.addEventListener('keydown', (e) => this.onTabKey(e, t));
      this.tabBtns.set(t, btn);
      tabs.append(btn);
      this.tabPanels.set(
        t,
        h(
          'div',
          { role: 'tabpanel', id: `tabpanel-${t}`, 'aria-labelledby': `tab-${t}`, class: 'tabpanel', tabindex: 0 },
          panels[t],
        ),
      );
    }
    const sigmaEl = h('div', {
      class: 'sigma-container',
      id: 'network',
      tabindex: 0,
      role: 'img',
      'aria-label': 'Network of the ecosystem. Keys: + and − zoom, 0 fits, / searches.',
    });
    this.status = h('div', { class: 'stage-status', role: 'status', 'aria-live': 'polite' });
    const ctl = (label: string, glyph: Node, fn: () => void) =>
      h('button', { 'aria-label': label, title: label, onclick: fn }, glyph);
    this.stage = h(
      'section',
      { class: 'stage', 'aria-label': 'Network' },
      sigmaEl,
      h(
        'div',
        { class: 'stage-controls', role: 'group', 'aria-label': 'Camera' },
        ctl('Zoom in', icon('plus'), () => void this.net.zoomIn()),
        ctl('Zoom out', icon('minus'), () => void this.net.zoomOut()),
        ctl('Fit the network', icon('fit'), () => void this.net.fit()),
        ctl('Full screen', icon('fullscreen'), () => this.fullscreen()),
      ),
      this.status,
    );
    setChildren(
      root,
      header,
      h(
        'main',
        { class: 'layout' },
        h('aside', { class: 'sidebar', id: 'sidebar', 'aria-label': 'Filters and legend' }, this.sidebar.root),
        this.stage,
        h('aside', { class: 'panel', id: 'panel', 'aria-label': 'Panels' }, tabs, ...this.tabPanels.values()),
      ),
    );
    performance.mark('innograph:sigma-start');
    this.net = new NetworkView(sigmaEl, {
      onClickNode: (id) => void this.guard(this.select(id), 'Select'),
      onDoubleClickNode: (id) =>
        void this.guard(
          isExpanded(this.network.dataset, id) ? Promise.resolve(this.collapse(id)) : this.expand(id),
          'Expand',
        ),
      onClickStage: () => void this.select(null),
      onCamera: (c) => {
        if (!this.isReady) return;
        this.url.camera = c;
        this.saveUrl();
      },
      onLayoutState: (r) => {
        this.layoutRunning = r;
        this.updateSidebar();
      },
    });
    performance.mark('innograph:sigma-created');
    sigmaEl.addEventListener('keydown', (e) => this.onStageKey(e));
    document.addEventListener('keydown', (e) => this.onGlobalKey(e));
    this.showTab(this.url.tab, false);
    this.updateViewButtons();
  }

  // ================================================================== start-up

  /** Loads the data for the URL's view and draws it. */
  async start(): Promise<void> {
    this.setStatus('Loading the network…', true);
    try {
      const [stats] = await Promise.all([this.api.stats().catch(() => null), this.loadBase()]);
      this.currencies = stats ? currenciesByUse(stats.money) : [];
      performance.mark('innograph:base-loaded');
      const u = this.url;
      for (const root of u.expanded) await this.guard(this.expand(root, { layout: false }), `Expand ${root}`);
      if (u.pathFrom && u.pathTo) {
        const r = await this.guard(this.findPaths(u.pathFrom, u.pathTo, 4, 0, false), 'Paths');
        if (r?.paths[0]) {
          const p = r.paths[0];
          this.pathsPanel.setFrom(p.nodes[0]!);
          this.pathsPanel.setTo(p.nodes[p.nodes.length - 1]!);
          this.pathsPanel.show(r);
        }
      }
      if (u.flowFrom) {
        const r = await this.guard(this.runFlows(u.flowFrom, u.flowDirection, 3, null, false), 'Money flows');
        if (r?.root) {
          this.flowsPanel.setRoot(r.root);
          this.flowsPanel.setDirection(r.direction);
          this.flowsPanel.show(r);
        }
      }
      if (u.view === 'cofunding') await this.loadCofunding();
      this.applyData([]);
      this.setStatus('Laying out…', true);
      performance.mark('innograph:first-render');
      const layout = this.net
        .runLayout(this.net.autoIterations())
        .then(() => performance.mark('innograph:layout-done'));
      // a small graph is laid out in a moment: wait, so that the camera and the selection find their
      // places; a big one goes on in the worker while the page is already usable
      if (this.net.graph.order <= 2000) await layout;
      if (u.camera) this.net.setCamera(u.camera);
      if (u.selected) {
        if (!this.activeDataset().nodes.has(u.selected) && u.view === 'network')
          await this.guard(this.expand(u.selected, { layout: true }), 'Select');
        await this.select(u.selected, { focus: !u.camera, keepTab: true });
      }
    } catch (e) {
      showError(e, 'Could not load the network');
      this.setStatus('The network could not be loaded. Is the server running? Reload the page to try again.', false);
    } finally {
      this.isReady = true;
      document.body.dataset.ready = 'true';
      this.updateStatus();
      this.saveUrl();
    }
  }

  /** Fetches the base overview (every node up to MAX_VIEW_NODES, else the best-connected). */
  private async loadBase(): Promise<void> {
    const f = this.url.filters;
    const params = this.network.truncated
      ? {
          kinds: NODE_KINDS.filter((k) => !f.hiddenKinds.includes(k)),
          ...(f.region ? { region: f.region } : {}),
        }
      : {};
    const limit = Math.min(this.url.limit, MAX_VIEW_NODES);
    let g = await this.api.graph({ limit, ...params });
    // first load too big: ask again without the kinds hidden by default
    if (g.attributes.truncated && !this.network.truncated && f.hiddenKinds.length > 0) {
      g = await this.api.graph({ limit, kinds: NODE_KINDS.filter((k) => !f.hiddenKinds.includes(k)) });
    }
    const released = releaseOwner(this.network.dataset, BASE).dataset;
    this.network = {
      ...this.network,
      dataset: mergeGraph(released, g, BASE).dataset,
      truncated: g.attributes.truncated,
      totalNodes: g.attributes.totalNodes ?? g.nodes.length,
    };
  }

  private readonly reloadBase = debounce(() => {
    void this.guard(
      (async () => {
        await this.loadBase();
        this.applyData([]);
        await this.net.runLayout(this.net.autoIterations());
      })(),
      'Overview',
    );
  }, 600);

  private async loadCofunding(): Promise<void> {
    const g = await this.api.cofunding({ minShared: this.url.minShared, limit: MAX_VIEW_NODES });
    this.cofund = {
      dataset: mergeGraph(emptyDataset(), g, BASE).dataset,
      truncated: g.attributes.truncated,
      totalNodes: g.attributes.totalNodes ?? g.nodes.length,
    };
  }

  // ================================================================== data → views

  private activeDataset(): Dataset {
    return this.url.view === 'cofunding' ? (this.cofund?.dataset ?? emptyDataset()) : this.network.dataset;
  }

  /** After the active data set changed: render graph, derived data, filters, appearance, panels. */
  private applyData(added: string[]): string[] {
    const ds = this.activeDataset();
    const fresh = this.net.sync(ds);
    this.within = withinIndex(ds);
    this.bounds = yearBounds(ds);
    this.refreshVisibility();
    this.flowsPanel.refreshYears();
    this.details.refreshActions();
    this.updateUndo();
    this.saveUrl();
    return added.length ? added : fresh;
  }

  private refreshVisibility(): void {
    this.visibility = computeVisibility(this.activeDataset(), this.filtersInUse(), this.within);
    this.net.setVisibility(this.visibility);
    this.refreshAppearance();
    this.refreshEmphasis();
    this.updateSidebar();
    this.updateStatus();
  }

  private refreshAppearance(): void {
    const ds = this.activeDataset();
    const v = this.visibility;
    const { sizeBy, colorBy } = this.url;
    const currency = this.filtersInUse().currency;
    this.metrics = {};
    let sizes: Map<string, number>;
    if (sizeBy === 'pagerank')
      sizes = this.metrics.pagerank = pageRank(this.net.graph, v?.nodes ?? null, v?.edges ?? null);
    else if (sizeBy === 'betweenness' && (v?.nodes.size ?? 0) <= BETWEENNESS_MAX_NODES)
      sizes = this.metrics.betweenness = betweennessCentrality(this.net.graph, v?.nodes ?? null, v?.edges ?? null);
    else if (sizeBy === 'degree' || sizeBy === 'betweenness') sizes = degrees(ds);
    else sizes = moneyMoved(ds, currency);
    if (colorBy === 'community')
      this.metrics.communities = communities(this.net.graph, v?.nodes ?? null, v?.edges ?? null);
    this.net.setAppearance(sizes, this.metrics.communities ?? null, (id) => {
      const e = ds.edges.get(id);
      return e ? moneyOf(e, currency) : null;
    });
  }

  private refreshEmphasis(): void {
    const tab = this.url.tab;
    if (tab === 'paths' && this.paths && this.paths.paths.length > 0) {
      const chosen = this.pathIndex === null ? this.paths.paths : [this.paths.paths[this.pathIndex]!].filter(Boolean);
      this.net.setEmphasis(pathItems(chosen));
    } else if (tab === 'flows' && this.flows && this.flows.flows.length > 0) {
      const nodes = new Set<string>();
      const edges = new Set<string>();
      for (const f of this.flows.flows) {
        nodes.add(f.source.id);
        nodes.add(f.target.id);
        edges.add(f.id);
      }
      this.net.setEmphasis({ nodes, edges });
    } else this.net.setEmphasis(null);
  }

  /** The filters with the currency resolved (the chosen one, else the data set's main one). */
  private filtersInUse(): Filters {
    return withCurrency(this.url.filters, this.currencies[0] ?? null);
  }

  private updateSidebar(): void {
    const ds = this.activeDataset();
    const regions = [...ds.nodes.values()].filter((n) => n.kind === 'Region').map((n) => ({ id: n.id, name: n.name }));
    regions.sort((a, b) => a.name.localeCompare(b.name));
    const visibleNodes = this.visibility?.nodes.size ?? 0;
    const comm = this.metrics.communities;
    let sizes: number[] | null = null;
    if (comm) {
      sizes = [];
      for (const c of comm.values()) sizes[c] = (sizes[c] ?? 0) + 1;
      sizes = sizes.map((x) => x ?? 0);
    }
    const data = this.url.view === 'cofunding' ? this.cofund : this.network;
    this.sidebar.update({
      view: this.url.view,
      filters: this.url.filters,
      counts: this.visibility?.counts ?? null,
      bounds: this.bounds,
      regions,
      sizeBy: this.url.sizeBy,
      colorBy: this.url.colorBy,
      playing: this.playTimer !== null,
      layoutRunning: this.layoutRunning,
      communities: sizes,
      disabledSizes:
        visibleNodes > BETWEENNESS_MAX_NODES
          ? {
              betweenness: `Betweenness is too slow above ${BETWEENNESS_MAX_NODES.toLocaleString('en')} visible nodes: filter first.`,
            }
          : {},
      minShared: this.url.minShared,
      limit: this.url.limit,
      currency: this.filtersInUse().currency,
      currencies: this.currencies,
      overview: data?.truncated ? { shown: data.dataset.nodes.size, total: data.totalNodes } : null,
    });
  }

  private setStatus(text: string, spinner: boolean, action?: HTMLElement): void {
    setChildren(
      this.status,
      spinner ? h('span', { class: 'spinner', 'aria-hidden': 'true' }) : null,
      text ? h('span', {}, text) : null,
      action ?? null,
    );
    this.status.hidden = !text;
  }

  private updateStatus(): void {
    if (!this.isReady) return;
    const v = this.visibility;
    const ds = this.activeDataset();
    if (ds.nodes.size === 0)
      this.setStatus(
        this.url.view === 'cofunding'
          ? 'No funders share recipients at this threshold.'
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
    this.stage.classList.toggle('is-busy', this.busy > 0);
  }

  private updateUndo(): void {
    const op = this.network.history.ops[this.network.history.ops.length - 1];
    this.undoBtn.disabled = !op || this.url.view !== 'network';
    this.undoBtn.title = op
      ? `Undo ${describeOp(op, (id) => this.network.dataset.nodes.get(id)?.name ?? id)}`
      : 'Nothing to undo';
  }

  private saveUrl(): void {
    if (!this.isReady) return;
    const ends = this.pathsPanel.endpoints;
    this.url.expanded = expandedRoots(this.network.dataset, this.network.history);
    this.url.pathFrom = this.paths ? ends.from : null;
    this.url.pathTo = this.paths ? ends.to : null;
    this.url.flowFrom = this.flows ? (this.flows.root?.id ?? null) : null;
    this.url.flowDirection = this.flows?.direction ?? 'down';
    const q = encodeUrlState(this.url);
    const next = `${location.pathname}${q ? `?${q}` : ''}`;
    if (next !== `${location.pathname}${location.search}`) history.replaceState(null, '', next);
  }

  // ================================================================== actions

  /** Runs an action, showing its error to the user (never swallowed). */
  private async guard<T>(p: Promise<T>, context: string): Promise<T | undefined> {
    this.busy++;
    this.updateStatus();
    try {
      return await p;
    } catch (e) {
      showError(e, context);
      return undefined;
    } finally {
      this.busy--;
      this.updateStatus();
    }
  }

  async select(id: string | null, opts: { focus?: boolean; keepTab?: boolean } = {}): Promise<void> {
    this.url.selected = id;
    this.net.setSelected(id);
    this.saveUrl();
    if (id && !opts.keepTab) this.showTab('details');
    if (id && !opts.keepTab && matchMedia('(max-width: 900px)').matches) document.body.classList.add('show-panel');
    const shown = this.details.show(id);
    if (id && opts.focus) await this.net.focus(id);
    await shown;
  }

  /** Selects an entity, bringing it into the view first when it is not there. */
  private async bringAndSelect(id: string): Promise<void> {
    if (this.url.view === 'network' && !this.network.dataset.nodes.has(id)) await this.expand(id);
    await this.select(id, { focus: true });
  }

  private async chooseSearch(item: SearchItem): Promise<void> {
    if (this.url.view === 'cofunding' && !this.cofund?.dataset.nodes.has(item.id)) await this.switchView('network');
    this.search.setValue(item.name);
    await this.bringAndSelect(item.id);
  }

  /** Loads a node's neighbours into the view (an undoable operation). */
  async expand(id: string, opts: { layout?: boolean } = {}): Promise<void> {
    if (this.url.view !== 'network') {
      showInfo('Expanding works in the network view', 'Switch to “Network” to load neighbours.');
      return;
    }
    const room = MAX_VIEW_NODES - this.network.dataset.nodes.size;
    if (room <= 1 && this.network.dataset.nodes.has(id)) {
      showError(
        new Error(
          `the view holds ${MAX_VIEW_NODES.toLocaleString('en')} nodes, its limit: collapse, undo or filter first`,
        ),
        'Cannot expand',
      );
      return;
    }
    const g = await this.api.neighborhood(id, { depth: 1, limit: Math.max(1, Math.min(EXPAND_LIMIT, room)) });
    const step = expand(this.network.dataset, this.network.history, id, g);
    await this.applyStep(step, opts.layout ?? true);
    if (g.attributes.truncated)
      showInfo(
        'Some neighbours left out',
        `Showing the first ${g.nodes.length - 1} neighbours of ${g.nodes.length > 0 ? (this.network.dataset.nodes.get(id)?.name ?? id) : id}.`,
      );
    else if (step.added.nodes.length === 0 && isExpanded(this.network.dataset, id))
      showInfo('Nothing new', 'Its neighbours are all in the view already.');
  }

  collapse(id: string): void {
    const step = collapse(this.network.dataset, this.network.history, id);
    void this.applyStep(step, false);
  }

  undo(): void {
    if (this.url.view !== 'network') return;
    const step = undo(this.network.dataset, this.network.history);
    if (!step.undone) return showInfo('Nothing to undo');
    void this.applyStep(step, false);
    showInfo(`Undone: ${describeOp(step.undone, (id) => this.network.dataset.nodes.get(id)?.name ?? id)}`);
  }

  private async applyStep(step: Step, layout: boolean): Promise<void> {
    if (step.dataset === this.network.dataset) return;
    this.network = { ...this.network, dataset: step.dataset, history: step.history };
    if (this.url.view !== 'network') return;
    this.applyData(step.added.nodes);
    if (this.url.selected && !this.network.dataset.nodes.has(this.url.selected)) await this.select(null);
    if (layout && step.added.nodes.length > 0 && this.net.graph.order <= 3000) await this.net.runLayout(150);
  }

  private setFilters(f: Filters): void {
    const before = this.url.filters;
    this.url.filters = f;
    this.refreshVisibility();
    this.saveUrl();
    const data = this.url.view === 'network' ? this.network : null;
    if (data?.truncated && (before.hiddenKinds.join() !== f.hiddenKinds.join() || before.region !== f.region))
      this.reloadBase();
  }

  private togglePlay(): void {
    if (this.playTimer !== null) {
      clearInterval(this.playTimer);
      this.playTimer = null;
      this.updateSidebar();
      return;
    }
    const tick = () => {
      const next = playStep(this.url.filters, this.bounds);
      if (!next) {
        if (this.playTimer !== null) clearInterval(this.playTimer);
        this.playTimer = null;
        this.updateSidebar();
        return;
      }
      this.setFilters(next);
    };
    this.playTimer = setInterval(tick, 900);
    tick();
  }

  private setAppearance(sizeBy: SizeBy, colorBy: ColorBy): void {
    this.url.sizeBy = sizeBy;
    this.url.colorBy = colorBy;
    this.refreshAppearance();
    this.updateSidebar();
    this.saveUrl();
  }

  private toggleLayout(): void {
    if (this.net.layout.running) this.net.layout.stop();
    else void this.guard(this.net.runLayout(null), 'Layout');
  }

  private async spread(): Promise<void> {
    await this.net.runLayout(1);
  }

  private async switchView(v: View): Promise<void> {
    if (v === this.url.view) return;
    this.net.layout.stop();
    this.savedPositions.set(this.url.view, this.net.positions());
    this.url.view = v;
    this.updateViewButtons();
    if (v === 'cofunding' && !this.cofund) await this.loadCofunding();
    if (this.url.selected && !this.activeDataset().nodes.has(this.url.selected)) await this.select(null);
    this.applyData([]);
    const saved = this.savedPositions.get(v);
    if (saved) this.net.applyPositions(saved);
    else await this.net.runLayout(this.net.autoIterations());
    void this.net.fit();
  }

  private async setMinShared(n: number): Promise<void> {
    this.url.minShared = n;
    this.saveUrl();
    if (this.url.view !== 'cofunding') return;
    await this.loadCofunding();
    this.applyData([]);
    await this.net.runLayout(this.net.autoIterations());
  }

  private async setLimit(n: number): Promise<void> {
    this.url.limit = n;
    this.network = { ...this.network, truncated: false };
    await this.loadBase();
    if (this.url.view === 'network') {
      const added = this.applyData([]);
      if (added.length) await this.net.runLayout(this.net.autoIterations());
    }
    this.saveUrl();
  }

  private updateViewButtons(): void {
    for (const [v, b] of Object.entries(this.viewBtns)) b.setAttribute('aria-pressed', String(v === this.url.view));
    this.updateUndo();
  }

  // ---------------------------------------------------------------- paths and money

  private pathEnd(which: 'from' | 'to', id: string): void {
    const name =
      this.details.entity?.id === id ? this.details.entity.name : (this.activeDataset().nodes.get(id)?.name ?? id);
    if (which === 'from') this.pathsPanel.setFrom({ id, name });
    else this.pathsPanel.setTo({ id, name });
    this.showTab('paths');
    const ends = this.pathsPanel.endpoints;
    if (ends.from && ends.to) void this.pathsPanel.run();
  }

  /** Finds paths, draws them in the network (their nodes come into the view) and highlights them. */
  private async findPaths(from: string, to: string, maxHops: number, k: number, show = true): Promise<PathsResult> {
    const hidden = this.url.filters.hiddenTypes.filter((t) => t !== 'CO_FUNDS');
    const types = hidden.length ? REL_TYPES.filter((t) => !hidden.includes(t)) : undefined;
    const r = await this.api.paths({ from, to, maxHops, k, ...(types ? { types } : {}) });
    const g = pathsGraph(r);
    this.paths = r;
    this.pathIndex = null;
    this.replaceOwned(PATH, g);
    if (show) {
      if (this.url.view !== 'network') await this.switchView('network');
      const added = this.applyData([]);
      if (this.url.tab !== 'paths') this.showTab('paths');
      else this.refreshEmphasis();
      if (added.length && this.net.graph.order <= 3000) await this.net.runLayout(150);
      await this.net.fitNodes(pathItems(r.paths).nodes);
    }
    this.saveUrl();
    return r;
  }

  private clearPaths(): void {
    this.paths = null;
    this.pathIndex = null;
    this.replaceOwned(PATH, null);
    if (this.url.view === 'network') this.applyData([]);
  }

  private async followMoney(id: string, direction: 'down' | 'up'): Promise<void> {
    const name = this.details.entity?.id === id ? this.details.entity.name : id;
    this.flowsPanel.setRoot({ id, name });
    this.flowsPanel.setDirection(direction);
    this.showTab('flows');
    await this.flowsPanel.run();
  }

  private async runFlows(
    from: string,
    direction: 'down' | 'up',
    depth: number,
    year: number | null,
    show = true,
  ): Promise<FlowsResult> {
    const r = await this.api.flows({ from, direction, depth, ...(year !== null ? { year } : {}) });
    this.flows = r;
    this.replaceOwned(FLOW, r.graph);
    if (show) {
      if (this.url.view !== 'network') await this.switchView('network');
      const added = this.applyData([]);
      this.refreshEmphasis();
      if (added.length && this.net.graph.order <= 3000) await this.net.runLayout(150);
      await this.net.fitNodes(r.graph.nodes.map((n) => n.key));
    }
    this.saveUrl();
    return r;
  }

  private clearFlows(): void {
    this.flows = null;
    this.replaceOwned(FLOW, null);
    if (this.url.view === 'network') this.applyData([]);
  }

  /** Replaces what an owner (path, money trail) keeps in the network data set. */
  private replaceOwned(owner: string, g: SerializedGraph | null): void {
    let ds = releaseOwner(this.network.dataset, owner).dataset;
    if (g) ds = mergeGraph(ds, g, owner).dataset;
    this.network = { ...this.network, dataset: ds };
  }

  private addCypherGraph(g: SerializedGraph): void {
    const known = g.nodes.filter((n) => NODE_KINDS.includes(n.attributes.kind));
    const ds = mergeGraph(this.network.dataset, { ...g, nodes: known }, 'cypher');
    this.network = { ...this.network, dataset: ds.dataset };
    void this.guard(
      (async () => {
        if (this.url.view !== 'network') await this.switchView('network');
        this.applyData(ds.change.addedNodes);
        if (ds.change.addedNodes.length) await this.net.runLayout(150);
        showInfo(
          'Added to the network',
          `${plural(ds.change.addedNodes.length, 'new node')}, ${plural(ds.change.addedEdges.length, 'new relationship')}.`,
        );
      })(),
      'Add to network',
    );
  }

  // ---------------------------------------------------------------- panels, keyboard, screen

  showTab(t: PanelTab, save = true): void {
    this.url.tab = t;
    for (const [k, b] of this.tabBtns) {
      b.setAttribute('aria-selected', String(k === t));
      b.tabIndex = k === t ? 0 : -1;
    }
    for (const [k, p] of this.tabPanels) p.hidden = k !== t;
    if (t === 'console') void this.consolePanel.checkBackend();
    this.refreshEmphasis();
    if (save) this.saveUrl();
  }

  private onTabKey(e: KeyboardEvent, t: PanelTab): void {
    const order = [...this.tabBtns.keys()];
    const i = order.indexOf(t);
    let j = -1;
    if (e.key === 'ArrowRight') j = (i + 1) % order.length;
    else if (e.key === 'ArrowLeft') j = (i - 1 + order.length) % order.length;
    else if (e.key === 'Home') j = 0;
    else if (e.key === 'End') j = order.length - 1;
    if (j < 0) return;
    e.preventDefault();
    const next = order[j]!;
    this.showTab(next);
    this.tabBtns.get(next)!.focus();
  }

  private toggleDrawer(which: 'sidebar' | 'panel'): void {
    const cls = `show-${which}`;
    const open = !document.body.classList.contains(cls);
    document.body.classList.remove('show-sidebar', 'show-panel');
    document.body.classList.toggle(cls, open);
  }

  private onStageKey(e: KeyboardEvent): void {
    if (e.key === '+' || e.key === '=') void this.net.zoomIn();
    else if (e.key === '-' || e.key === '_') void this.net.zoomOut();
    else if (e.key === '0') void this.net.fit();
    else return;
    e.preventDefault();
  }

  private onGlobalKey(e: KeyboardEvent): void {
    const t = e.target as HTMLElement;
    const typing = t.closest('input, textarea, select, [contenteditable]') !== null;
    if (e.key === 'Escape') {
      if (document.body.classList.contains('show-sidebar') || document.body.classList.contains('show-panel')) {
        document.body.classList.remove('show-sidebar', 'show-panel');
        e.preventDefault();
      } else if (!typing && this.url.selected) void this.select(null);
      return;
    }
    if (typing) return;
    if (e.key === '/' && !e.ctrlKey && !e.metaKey) {
      e.preventDefault();
      this.search.input.focus();
      this.search.input.select();
    } else if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'z') {
      e.preventDefault();
      this.undo();
    }
  }

  private fullscreen(): void {
    if (document.fullscreenElement) void document.exitFullscreen();
    else this.stage.requestFullscreen().catch((e: unknown) => showError(e, 'Full screen'));
  }

  private async share(): Promise<void> {
    this.saveUrl();
    try {
      await navigator.clipboard.writeText(location.href);
      showInfo('Link copied', 'It reopens this view: selection, filters, expansions and camera.');
    } catch {
      showInfo('Link to this view', location.href);
    }
  }

  // ---------------------------------------------------------------- export

  private async exportPng(): Promise<void> {
    download('innograph.png', await this.net.toPng());
  }

  private exportGexf(): void {
    const g = this.net.graph;
    const v = this.visibility;
    const ds = this.activeDataset();
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
    download('innograph.gexf', toGexf(nodes, edges, `Innograph ${this.url.view} view`), 'application/gexf+xml');
  }

  private exportPositions(): void {
    download(`innograph-positions-${this.url.view}.json`, positionsToJson(this.net.positions()), 'application/json');
  }

  private async importPositions(): Promise<void> {
    const file = await pickTextFile('.json,application/json');
    if (!file) return;
    const r = parsePositions(file.text);
    if (!r.ok) throw new Error(`${file.name}: ${r.error}`);
    const n = this.net.applyPositions(r.positions);
    showInfo('Positions imported', `${n} of ${this.net.graph.order} nodes placed from ${file.name}.`);
  }

  // ---------------------------------------------------------------- automation

  automation(): Automation {
    return {
      ready: () => this.isReady,
      idle: () => this.isReady && this.busy === 0 && !this.net.layout.running,
      nodeOnScreen: (id) => this.net.nodeOnScreen(id),
      counts: () => this.visibility?.counts ?? null,
      selected: () => this.url.selected,
      hasNode: (id) => this.activeDataset().nodes.has(id),
      camera: () => this.net.getCamera(),
      layoutRunning: () => this.net.layout.running,
      renderSettings: () => {
        const st = this.net.sigma.getSettings();
        return {
          labelDensity: st.labelDensity,
          labelRenderedSizeThreshold: st.labelRenderedSizeThreshold,
          hideEdgesOnMove: st.hideEdgesOnMove,
        };
      },
    };
  }
}

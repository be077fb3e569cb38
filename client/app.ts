/**
 * The exploration client: builds the panels, the page's shell, the network view (sigma) and the
 * controllers of client/controller (data sets, render state, paths and money, URL, exports), starts
 * from the URL's state and offers read-only hooks for automation. State changes go through the pure
 * functions of client/state; the controllers fetch, apply them and tell the views.
 */
import { createApi, type Api } from './api';
import { AnalysisControl } from './controller/analysis';
import type { AppCore, Panels } from './controller/core';
import { DataControl } from './controller/data';
import { Exporter } from './controller/exports';
import { RenderControl } from './controller/render';
import { Session } from './controller/session';
import { Shell } from './controller/shell';
import { UrlSync } from './controller/urlSync';
import { isExpanded } from './state/dataset';
import { edgeLike, edgeSummary } from './state/edges';
import { defaultFilters, yearBounds, type Visibility } from './state/filters';
import { currenciesByUse } from './state/money';
import { pagingLabel } from './state/neighborPages';
import { decodeUrlState } from './state/url';
import { ConsolePanel } from './view/consolePanel';
import { DatasetPicker } from './view/datasetPicker';
import { DetailsPanel } from './view/details';
import { bindEdgeEvents } from './view/edgeEvents';
import { FlowsPanel } from './view/flowsPanel';
import { NetworkView } from './view/network';
import { PathsPanel } from './view/pathsPanel';
import { SearchBox } from './view/search';
import { Sidebar } from './view/sidebar';
import { showError } from './view/toast';
import { GroupsControl } from './controller/groups';
import { groupInfo, OVERVIEW_ABOVE } from './state/groups';
import { GroupsBar } from './view/groupsBar';
import { FocusBar } from './view/focusBar';
import { startState } from './state/focus';

export { EXPAND_LIMIT, MAX_VIEW_NODES } from './controller/data';

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
  /** how the node is shown now: hidden by a filter, dimmed, bright, or selected (null: not drawn) */
  nodeState(id: string): 'hidden' | 'dim' | 'bright' | 'selected' | null;
  /** how many labels a hover, selection or emphasis forces on */
  forcedLabels(): number;
  /** whether a drag pinned the node */
  pinned(id: string): boolean;
  /** the node the pointer hovers (its neighbourhood highlighted), or null */
  hovered(): string | null;
  /** the node's position in graph coordinates (a layout's or a drag's), null when not in the view */
  nodePosition(id: string): { x: number; y: number } | null;
  /** a point of the canvas (CSS pixels from its top left) in graph coordinates */
  toGraph(p: { x: number; y: number }): { x: number; y: number };
  /** the side of its node a label is drawn on (left near the canvas' right edge) */
  labelSide(id: string): 'left' | 'right';
  /** the label-thinning and edge settings in force */
  renderSettings(): { labelDensity: number; labelRenderedSizeThreshold: number; hideEdgesOnMove: boolean };
}

export class App implements AppCore {
  readonly api: Api;
  readonly s: Session;
  readonly ui: Panels;
  readonly shell: Shell;
  readonly net: NetworkView;
  readonly data: DataControl;
  readonly groups: GroupsControl;
  readonly render: RenderControl;
  readonly analysis: AnalysisControl;
  readonly urlSync: UrlSync;
  readonly exporter: Exporter;
  /** the data sets loaded, to pick from (sidebar) */
  readonly datasetPicker = new DatasetPicker((chosen) => void this.guard(this.data.setDatasets(chosen), 'Data sets'));

  constructor(root: HTMLElement, api: Api = createApi()) {
    this.api = api;
    this.s = new Session(decodeUrlState(location.search));
    const s = this.s;
    this.data = new DataControl(this);
    this.groups = new GroupsControl(this);
    this.render = new RenderControl(this);
    this.analysis = new AnalysisControl(this);
    this.urlSync = new UrlSync(this);
    this.exporter = new Exporter(this);
    const { data, render, analysis } = this;
    this.ui = {
      search: new SearchBox(api, (it) => void this.guard(data.chooseSearch(it), 'Search'), {
        label: 'Search entities (English or Chinese)',
        placeholder: 'Search labs, funds, regions… 搜索',
      }),
      sidebar: new Sidebar({
        setFilters: (f) => render.setFilters(f),
        resetFilters: () => render.setFilters(defaultFilters()),
        togglePlay: () => render.togglePlay(),
        setSizeBy: (x) => render.setAppearance(x, s.url.colorBy),
        setColorBy: (c) => render.setAppearance(s.url.sizeBy, c),
        toggleLayout: () => render.toggleLayout(),
        spread: () => void this.guard(render.spread(), 'Layout'),
        setMinShared: (n) => void this.guard(data.setMinShared(n), 'Co-funding'),
        setLimit: (n) => void this.guard(data.setLimit(n), 'Overview'),
      }),
      details: new DetailsPanel(api, {
        select: (id) => void this.guard(data.bringAndSelect(id), 'Select'),
        expand: (id) => void this.guard(data.expand(id), 'Expand'),
        collapse: (id) => data.collapse(id),
        focus: (id) => void this.net.focus(id),
        followMoney: (id, dir) => void this.guard(analysis.followMoney(id, dir), 'Follow the money'),
        pathFrom: (id) => analysis.pathEnd('from', id),
        pathTo: (id) => analysis.pathEnd('to', id),
        isExpanded: (id) => isExpanded(s.network.dataset, id),
        paging: (id) => pagingLabel(s.neighborPages.get(id)),
        more: (id) => void this.guard(data.moreNeighbors(id), 'More neighbours'),
        inView: (id) => s.activeDataset().nodes.has(id),
        expandBlocked: () => (s.url.view === 'cofunding' ? 'Switch to the network view to expand' : null),
        group: (id) => (s.url.view === 'groups' && s.groups ? groupInfo(s.groups.dataset, id) : null),
        toggleGroup: (id) => void this.guard(this.groups.toggle(id), 'Overview'),
      }),
      pathsPanel: new PathsPanel(api, {
        find: (from, to, maxHops, k) => analysis.findPaths(from, to, maxHops, k),
        highlight: (i) => analysis.highlightPath(i),
        clear: () => analysis.clearPaths(),
        select: (id) => void this.guard(data.bringAndSelect(id), 'Select'),
      }),
      flowsPanel: new FlowsPanel(api, {
        run: (from, dir, depth, year) => analysis.runFlows(from, dir, depth, year),
        clear: () => analysis.clearFlows(),
        select: (id) => void this.guard(data.bringAndSelect(id), 'Select'),
        yearBounds: () => yearBounds(s.network.dataset),
        currencies: () => ({ chosen: s.filtersInUse().currency, order: s.currencies }),
      }),
      consolePanel: new ConsolePanel(api, { addToNetwork: (g) => analysis.addCypherGraph(g) }),
      groupsBar: new GroupsBar({
        setGrouping: (by) => void this.guard(this.groups.setGrouping(by), 'Overview'),
        setSize: (size) => void this.guard(this.groups.setSize(size), 'Overview'),
        setShow: (show) => void this.guard(this.groups.setShow(show), 'Overview'),
      }),
      focusBar: new FocusBar({ loadBase: () => void this.guard(data.setBase(true), 'Best-connected nodes') }),
    };
    this.ui.sidebar.root.prepend(this.datasetPicker.root);
    this.shell = new Shell(root, this);
    performance.mark('innograph:sigma-start');
    this.net = new NetworkView(this.shell.sigmaEl, {
      onClickNode: (id) => void this.guard(data.select(id), 'Select'),
      onDoubleClickNode: (id) =>
        void this.guard(
          s.url.view === 'groups'
            ? this.groups.toggle(id)
            : isExpanded(s.network.dataset, id)
              ? Promise.resolve(data.collapse(id))
              : data.expand(id),
          'Expand',
        ),
      onClickStage: () => void data.select(null),
      onCamera: (c) => {
        if (!s.isReady) return;
        s.url.camera = c;
        this.urlSync.saveUrl();
      },
      onLayoutState: (r) => {
        s.layoutRunning = r;
        render.updateSidebar();
      },
    });
    bindEdgeEvents(this.net.sigma, {
      summary: (key) => {
        const e = s.activeDataset().edges.get(key);
        return e ? edgeSummary(edgeLike(e)) : null;
      },
      onClick: (key) => void this.guard(data.selectEdge(key), 'Edge'),
    });
    performance.mark('innograph:sigma-created');
    this.shell.bindKeys();
    this.shell.showTab(s.url.tab, false);
    render.updateViewButtons();
  }

  /** Loads the data for the URL's view and draws it. */
  async start(): Promise<void> {
    const { s, api, net, data, render, analysis } = this;
    render.setStatus('Loading the network…', true);
    try {
      const [stats, sets] = await Promise.all([api.stats().catch(() => null), api.datasets().catch(() => null)]);
      if (sets) this.datasetPicker.set(sets.datasets, s.url.datasets);
      s.currencies = stats ? currenciesByUse(stats.money) : [];
      s.large = (stats?.totals.nodes ?? 0) > OVERVIEW_ABOVE;
      // a large graph opens on its overview, unless the link names the network view; a link selecting
      // an entity opens on its focused view (unless it opens groups, whose members it may select)
      const u = (s.url = startState(s.url, s.large, () => s.url.openGroups.length > 0));
      render.updateViewButtons();
      // a large graph's overview or focused view does without the base (the best-connected nodes)
      if (u.base && !(s.large && u.view === 'groups')) s.baseLoad = data.loadBase();
      if (u.view === 'groups') {
        await this.groups.load();
        // the network's data comes meanwhile; what needs it waits for it
        if (u.expanded.length > 0 || u.pathFrom || u.flowFrom) await s.baseLoad;
      } else await s.baseLoad;
      performance.mark('innograph:base-loaded');
      for (const root of u.expanded) await this.guard(data.expand(root, { layout: false }), `Expand ${root}`);
      await analysis.reopen(u);
      if (u.view === 'cofunding') await data.loadCofunding();
      render.applyData([]);
      render.setStatus('Laying out…', true);
      performance.mark('innograph:first-render');
      // nodes placed by the server's layout (attributes x, y of /api/graph) are drawn as they are
      const layout = data.layoutIfUnplaced().then(() => performance.mark('innograph:layout-done'));
      // a small graph is laid out in a moment: wait, so that the camera and the selection find their
      // places; a big one goes on in the worker while the page is already usable
      if (net.graph.order <= 2000) await layout;
      if (u.camera) net.setCamera(u.camera);
      if (u.selected) {
        if (!s.activeDataset().nodes.has(u.selected) && u.view === 'network')
          await this.guard(data.expand(u.selected, { layout: true }), 'Select');
        await data.select(u.selected, { focus: !u.camera, keepTab: true });
        if (!u.camera && net.layout.running) this.recentreWhenLaidOut(u.selected, layout);
      }
    } catch (e) {
      showError(e, 'Could not load the network');
      render.setStatus('The network could not be loaded. Is the server running? Reload the page to try again.', false);
    } finally {
      s.isReady = true;
      document.body.dataset.ready = 'true';
      // the overview runs no layout: the worker is ready for the first expansion
      if (s.url.view === 'groups') setTimeout(() => this.net.layout.warm(), 0);
      render.updateStatus();
      this.urlSync.saveUrl();
      this.urlSync.listen();
    }
  }

  /**
   * A selection from the URL was centred while the layout still moved it: centre it again once the
   * layout is done (at once: sigma 4.0.4's camera animation did not run then), unless the user moved
   * the camera or selected something else meanwhile.
   */
  private recentreWhenLaidOut(id: string, layout: Promise<unknown>): void {
    const { net, s } = this;
    const framed = net.getCamera();
    void layout.then(() => {
      const now = net.getCamera();
      const moved =
        Math.abs(now.x - framed.x) > 1e-6 ||
        Math.abs(now.y - framed.y) > 1e-6 ||
        Math.abs(now.ratio - framed.ratio) > 1e-6;
      if (!moved && s.url.selected === id) net.centreOn(id);
    });
  }

  /** Runs an action, showing its error to the user (never swallowed). */
  async guard<T>(p: Promise<T>, context: string): Promise<T | undefined> {
    this.s.busy++;
    this.render.updateStatus();
    try {
      return await p;
    } catch (e) {
      showError(e, context);
      return undefined;
    } finally {
      this.s.busy--;
      this.render.updateStatus();
    }
  }

  /** Read-only hooks for automation. */
  automation(): Automation {
    const { s, net } = this;
    return {
      ready: () => s.isReady,
      idle: () => s.isReady && s.busy === 0 && !net.layout.running,
      nodeOnScreen: (id) => net.nodeOnScreen(id),
      counts: () => s.visibility?.counts ?? null,
      selected: () => s.url.selected,
      hasNode: (id) => s.activeDataset().nodes.has(id),
      camera: () => net.getCamera(),
      layoutRunning: () => net.layout.running,
      nodeState: (id) => net.nodeState(id),
      forcedLabels: () => net.forcedLabels(),
      pinned: (id) => net.isPinned(id),
      hovered: () => net.hovered(),
      nodePosition: (id) => net.nodePosition(id),
      toGraph: (p) => net.toGraph(p),
      labelSide: (id) => net.labelSide(id),
      renderSettings: () => {
        const st = net.sigma.getSettings();
        return {
          labelDensity: st.labelDensity,
          labelRenderedSizeThreshold: st.labelRenderedSizeThreshold,
          hideEdgesOnMove: st.hideEdgesOnMove,
        };
      },
    };
  }
}

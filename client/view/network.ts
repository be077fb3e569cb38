/**
 * The network view: a sigma v4 renderer over a render graph that mirrors the data set (positions,
 * colours and sizes are render attributes; the data stay in the data set). Filters hide items and
 * hover/selection/path/trail highlighting dims the rest, all through sigma's reducers; nothing is
 * removed from the graph for them.
 */
import Sigma, { DEFAULT_STYLES } from 'sigma';
import { extremityArrow, layerFill, layerPlain, pathCurved, pathLine, pathLoop, sdfCircle } from 'sigma/rendering';
import type { CameraState } from 'sigma/types';
import { LayoutController } from '../layout/controller';
import type { Dataset } from '../state/dataset';
import type { Visibility } from '../state/filters';
import type { Camera } from '../state/url';
import { legendOf, type PngScale } from '../state/legend';
import { COMMUNITY_COLORS, KIND_COLORS, isNodeKind } from '../state/vocab';
import { LABEL_FONT_FAMILY } from './labelFont';
import { wholeGraphPng } from './pngExport';
import {
  edgeWidth,
  emptyRenderGraph,
  sizeScale,
  syncRenderGraph,
  type EdgeAttrs,
  type Emphasis,
  type NodeAttrs,
  type RenderGraph,
} from './renderGraph';
import { DIM_NODE, Highlighter } from './highlight';
import { LabelSides } from './labelSide';
import { replaceGraph } from './sigmaGraph';
import { sizeSettings } from './renderSettings';
import { bindNodeDrag, releaseFraming } from './nodeDrag';

/** Segments of a curved edge (parallel relationships) and of a self-loop: see the edge primitives. */
export const CURVE_SEGMENTS = 6;
export const LOOP_SEGMENTS = 8;

/** Up to this many nodes, an expansion re-runs the layout of the whole graph; past it, of the new nodes only. */
export const FULL_LAYOUT_MAX = 3000;

export interface NetworkEvents {
  onClickNode?(id: string): void;
  onDoubleClickNode?(id: string): void;
  onClickStage?(): void;
  onCamera?(c: Camera): void;
  onLayoutState?(running: boolean): void;
  onLayoutDone?(info: { iterations: number; ms: number; reason: string }): void;
  onRender?(): void;
  /** a node was dragged and dropped (it is pinned there) */
  onNodeDropped?(id: string): void;
}

export class NetworkView {
  private _graph: RenderGraph;
  readonly sigma: Sigma<NodeAttrs, EdgeAttrs>;
  readonly layout: LayoutController;
  /** the reducers: filters, hover, selection, emphasis */
  private readonly hl = new Highlighter(() => this._graph);
  /** labels near the right edge drawn on their node's left (kept inside the canvas) */
  private readonly labels: LabelSides;
  private labelTimer: ReturnType<typeof setTimeout> | undefined;
  private large = false;
  private refreshFrame = 0;
  /** the visible counts (for the export's legend) */
  private counts: Visibility['counts'] | null = null;

  constructor(
    readonly container: HTMLElement,
    private readonly events: NetworkEvents = {},
  ) {
    this._graph = emptyRenderGraph();
    this.labels = new LabelSides(
      // (undefined while sigma's constructor runs the reducers a first time)
      () => this.sigma,
      () => this._graph,
      `13px ${LABEL_FONT_FAMILY}`,
    );
    this.sigma = new Sigma<NodeAttrs, EdgeAttrs>(this._graph, container, {
      primitives: {
        nodes: {
          shapes: [sdfCircle()],
          layers: [layerFill()],
          label: {
            font: { family: LABEL_FONT_FAMILY, size: 13 },
            color: '#1d2733',
          },
        },
        edges: {
          // one program draws every path, each edge with as many segments as the most segmented path:
          // sigma's default 16 made each frame of a 2,500-edge view (301 nodes) take 650 ms in
          // SwiftShader (straight edges alone: 290 ms); 6 and 8 are smooth enough for these arcs
          paths: [pathLine(), pathCurved({ segments: CURVE_SEGMENTS }), pathLoop({ segments: LOOP_SEGMENTS })],
          extremities: [extremityArrow()],
          layers: [layerPlain()],
        },
      },
      styles: {
        nodes: {
          ...DEFAULT_STYLES.nodes,
          color: { attribute: 'color', defaultValue: '#888' },
          size: { attribute: 'size', defaultValue: 5 },
          label: { attribute: 'label' },
          labelBackgroundColor: 'rgba(255,255,255,0.75)',
          labelBackgroundPadding: 2,
        },
        edges: {
          ...DEFAULT_STYLES.edges,
          color: { attribute: 'color', defaultValue: '#ccc' },
          size: { attribute: 'size', defaultValue: 1 },
          path: 'straight',
          parallelPath: 'curved',
          selfLoopPath: 'loop',
          head: { attribute: 'head', defaultValue: 'arrow' },
        },
      },
      settings: {
        itemSizesReference: 'screen',
        zoomToSizeRatioFunction: (r) => Math.sqrt(r),
        labelDensity: 0.6,
        labelGridCellSize: 100,
        labelRenderedSizeThreshold: 5,
        minCameraRatio: 0.02,
        maxCameraRatio: 20,
        enableCameraRotation: false,
        enableCameraMouseRotation: false,
        stagePadding: 40,
        // nodes can be dragged (sigma's own drag: the camera stays still meanwhile); see bindEvents
        enableNodeDrag: true,
      },
      nodeReducer: (key, data) => {
        const r = this.hl.reduceNode(key, data);
        return this.labels.isLeft(key) ? { ...r, labelPosition: 'left' } : r;
      },
      edgeReducer: (key, data, attrs) => this.hl.reduceEdge(key, data, attrs),
    });
    this.layout = new LayoutController({
      onState: (r) => events.onLayoutState?.(r),
      onDone: (info) => {
        this.placeLabels();
        events.onLayoutDone?.(info);
      },
    });
    this.bindEvents();
  }

  /** The render graph (replaced by bulk syncs: do not keep it). */
  get graph(): RenderGraph {
    return this._graph;
  }

  private bindEvents(): void {
    const s = this.sigma;
    s.on('enterNode', ({ node }) => this.setHovered(node));
    s.on('leaveNode', () => this.setHovered(null));
    s.on('clickNode', ({ node }) => this.events.onClickNode?.(node));
    s.on('doubleClickNode', (e) => {
      e.preventSigmaDefault();
      this.events.onDoubleClickNode?.(e.node);
    });
    s.on('clickStage', () => this.events.onClickStage?.());
    // a dragged node is pinned: no layout moves it, from the first move (a running one included)
    bindNodeDrag(s, () => this._graph, {
      onMove: (node) => this.pinWhereItIs(node),
      onDrop: (node) => this.events.onNodeDropped?.(node),
    });
    s.on('afterRender', () => this.events.onRender?.());
    let t: ReturnType<typeof setTimeout> | undefined;
    s.on('resize', () => this.placeLabels());
    s.getCamera().on('updated', (c: CameraState) => {
      this.placeLabels();
      clearTimeout(t);
      t = setTimeout(() => this.events.onCamera?.({ x: c.x, y: c.y, ratio: c.ratio }), 250);
    });
  }

  /** Lets sigma frame the graph's extent again (held since a drag). */
  private releaseFraming(): void {
    releaseFraming(this.sigma);
  }

  private pinWhereItIs(node: string): void {
    if (!this._graph.hasNode(node)) return;
    const a = this._graph.getNodeAttributes(node);
    this.layout.pin(node, a.x, a.y);
  }

  /** Whether a drag pinned the node (no layout moves it). */
  isPinned(id: string): boolean {
    return this.layout.isPinned(id);
  }

  private setHovered(node: string | null): void {
    if (this.hl.setHovered(node)) this.requestRefresh();
  }

  /**
   * Re-applies the reducers once, at the next frame, however many reducer inputs changed before it
   * (each of sigma's full refreshes re-evaluates every node and edge at once).
   */
  /** Applies a pending refresh now (sigma's framing then matches what is drawn next). */
  private flushRefresh(): void {
    if (this.refreshFrame) cancelAnimationFrame(this.refreshFrame);
    this.refreshFrame = 0;
    // with indexation: positions may have changed since the last (a layout that just ended), and the
    // framing that converts them must be the one of the next frame
    this.sigma.refresh();
  }

  private requestRefresh(): void {
    if (this.refreshFrame) return;
    this.refreshFrame = requestAnimationFrame(() => {
      this.refreshFrame = 0;
      this.sigma.refresh({ skipIndexation: true });
    });
  }

  // ------------------------------------------------------------------ data

  /**
   * Makes the render graph mirror the data set (see syncRenderGraph); a big change is handed to sigma
   * in one piece. Returns the ids of the new nodes.
   */
  sync(ds: Dataset): string[] {
    const { graph: g, added, bulk } = syncRenderGraph(this._graph, ds);
    const { large, ...settings } = sizeSettings(g.order, g.size);
    this.large = large;
    const current = this.sigma.getSettings();
    // settings first: changing them refreshes sigma, cheaper before a big graph is handed over
    if (Object.entries(settings).some(([k, v]) => current[k as keyof typeof settings] !== v))
      this.sigma.setSettings(settings);
    if (bulk) {
      this._graph = g;
      replaceGraph(this.sigma, g);
    }
    if (bulk || added.length > 0) this.releaseFraming();
    this.hl.invalidate();
    this.placeLabels();
    return added;
  }

  /** Puts the labels that would leave the canvas on their node's left, once the camera rests (300 ms). */
  private placeLabels(): void {
    clearTimeout(this.labelTimer);
    this.labelTimer = setTimeout(() => {
      // the reducers run again (as for a hover) only when a side changed
      if (this.labels.update().length > 0) this.requestRefresh();
    }, 300);
  }

  /** The side of its node sigma draws a label on (from its display data). */
  labelSide(id: string): 'left' | 'right' {
    return this.sigma.getNodeDisplayData(id)?.labelPosition === 'left' ? 'left' : 'right';
  }

  /**
   * Sets every node's size from per-node values (money moved, degree, a centrality) and its colour
   * (its kind's, or its community's from `communities`), in one pass.
   */
  /** Node sizes and colours; edge widths by `money` (an edge's amount in the chosen currency, else null). */
  setAppearance(
    values: ReadonlyMap<string, number>,
    communities: ReadonlyMap<string, number> | null,
    money: (edgeId: string) => number | null,
  ): void {
    const size = sizeScale(values, this.large ? 2.5 : 4, this.large ? 12 : 17);
    this.hl.edgeSize = (id) => edgeWidth(money(id));
    this.graph.updateEachNodeAttributes((id, a) => {
      a.size = size(id);
      const c = communities?.get(id);
      a.color =
        c !== undefined
          ? COMMUNITY_COLORS[c % COMMUNITY_COLORS.length]!
          : isNodeKind(a.kind)
            ? KIND_COLORS[a.kind]
            : '#888';
      return a;
    });
    this.hl.invalidate();
    // (no attribute hints: sigma then re-indexes, which also covers nodes added since the last render)
  }

  setVisibility(v: Visibility | null): void {
    this.counts = v?.counts ?? null;
    this.hl.visibleNodes = v?.nodes ?? null;
    this.hl.visibleEdges = v?.edges ?? null;
    this.requestRefresh();
  }

  setSelected(id: string | null): void {
    if (this.hl.setSelected(id)) this.requestRefresh();
  }

  setEmphasis(e: Emphasis | null): void {
    const next = e && (e.nodes.size > 0 || e.edges.size > 0) ? e : null;
    if (next === null && this.hl.emphasis === null) return;
    this.hl.emphasis = next;
    this.requestRefresh();
  }

  // ------------------------------------------------------------------ layout

  /** Graph units per screen pixel at the current framing (to size noverlap's discs). */
  private unitsPerPixel(): number {
    const { width } = this.sigma.getDimensions();
    let lo = Infinity;
    let hi = -Infinity;
    this.graph.forEachNode((_id, a) => {
      lo = Math.min(lo, a.x);
      hi = Math.max(hi, a.x);
    });
    return hi > lo && width > 0 ? (hi - lo) / Math.max(200, width - 80) : 1;
  }

  /**
   * Runs the layout: `iterations` of ForceAtlas2 (null = until stopped), then noverlap; with `only`,
   * just those nodes move (among their neighbours, which stay still).
   */
  runLayout(iterations: number | null, only?: readonly string[]): Promise<void> {
    this.releaseFraming();
    return this.layout.run(this.graph, {
      iterations,
      noverlap: true,
      sizeScale: this.unitsPerPixel(),
      ...(only ? { only } : {}),
    });
  }

  /** Lays out nodes just added: the whole graph when small, else only them around their anchors. */
  layoutAdded(added: readonly string[]): Promise<void> {
    if (added.length === 0) return Promise.resolve();
    return this.graph.order <= FULL_LAYOUT_MAX ? this.runLayout(150) : this.runLayout(150, added);
  }

  /** Iterations for a first layout of this graph: fewer as it grows, the worker keeps the page live. */
  autoIterations(): number {
    const n = this.graph.order;
    return n <= 300 ? 800 : n <= 2000 ? 400 : n <= 10000 ? 200 : 100;
  }

  positions(): Map<string, { x: number; y: number }> {
    const m = new Map<string, { x: number; y: number }>();
    this.graph.forEachNode((id, a) => m.set(id, { x: a.x, y: a.y }));
    return m;
  }

  /** Applies positions to the nodes that have one; returns how many were placed. */
  applyPositions(p: ReadonlyMap<string, { x: number; y: number }>): number {
    this.layout.stop();
    this.releaseFraming();
    let n = 0;
    this.graph.updateEachNodeAttributes(
      (id, a) => {
        const q = p.get(id);
        if (q) {
          a.x = q.x;
          a.y = q.y;
          n++;
        }
        return a;
      },
      { attributes: ['x', 'y'] },
    );
    return n;
  }

  // ------------------------------------------------------------------ camera

  getCamera(): Camera {
    const c = this.sigma.getCamera().getState();
    return { x: c.x, y: c.y, ratio: c.ratio };
  }

  setCamera(c: Camera): void {
    this.sigma.getCamera().setState({ x: c.x, y: c.y, ratio: c.ratio, angle: 0 });
  }

  zoomIn(): Promise<void> {
    return this.sigma.getCamera().zoomIn({ duration: 200 });
  }

  zoomOut(): Promise<void> {
    return this.sigma.getCamera().zoomOut({ duration: 200 });
  }

  fit(): Promise<void> {
    this.releaseFraming();
    return this.sigma.getCamera().reset({ duration: 300 });
  }

  /** Moves the camera to a node (zooming in when far out). */
  focus(id: string, ratio?: number): Promise<void> {
    if (!this.graph.hasNode(id)) return Promise.resolve();
    this.flushRefresh();
    // display data hold graph or framed coordinates depending on when sigma last processed: use the
    // render graph's own (graph) coordinates, with the framing of what is drawn now
    const a = this.graph.getNodeAttributes(id);
    const p = this.sigma.graphToFramedGraph({ x: a.x, y: a.y });
    const cam = this.sigma.getCamera();
    return cam.animate({ x: p.x, y: p.y, ratio: ratio ?? Math.min(cam.ratio, 0.5) }, { duration: 400 });
  }

  /** Puts a node in the middle of the view at once, keeping the zoom. */
  centreOn(id: string): void {
    if (!this.graph.hasNode(id)) return;
    this.flushRefresh();
    const a = this.graph.getNodeAttributes(id);
    const p = this.sigma.graphToFramedGraph({ x: a.x, y: a.y });
    const cam = this.sigma.getCamera();
    cam.setState({ ...cam.getState(), x: p.x, y: p.y });
  }

  /** Frames a set of nodes (a path, a money trail) with some margin. */
  fitNodes(ids: Iterable<string>): Promise<void> {
    this.flushRefresh();
    let x0 = Infinity;
    let x1 = -Infinity;
    let y0 = Infinity;
    let y1 = -Infinity;
    for (const id of ids) {
      if (!this.graph.hasNode(id)) continue;
      const a = this.graph.getNodeAttributes(id);
      const p = this.sigma.graphToFramedGraph({ x: a.x, y: a.y });
      x0 = Math.min(x0, p.x);
      x1 = Math.max(x1, p.x);
      y0 = Math.min(y0, p.y);
      y1 = Math.max(y1, p.y);
    }
    if (x0 > x1) return Promise.resolve();
    const ratio = Math.min(1.2, Math.max(0.15, Math.max(x1 - x0, y1 - y0) * 1.35));
    return this.sigma.getCamera().animate({ x: (x0 + x1) / 2, y: (y0 + y1) / 2, ratio }, { duration: 400 });
  }

  /** How the reducers show a node now (for automation): hidden, dimmed, bright, or the selected one. */
  nodeState(id: string): 'hidden' | 'dim' | 'bright' | 'selected' | null {
    const d = this.sigma.getNodeDisplayData(id);
    if (!d || !this.graph.hasNode(id)) return null;
    if (d.visibility === 'hidden') return 'hidden';
    if (d.highlighted) return 'selected';
    return d.color === DIM_NODE ? 'dim' : 'bright';
  }

  /** How many nodes have their label forced on (by a hover, a selection or an emphasis). */
  forcedLabels(): number {
    let n = 0;
    this.graph.forEachNode((id) => {
      const d = this.sigma.getNodeDisplayData(id);
      if (d && d.visibility !== 'hidden' && d.labelVisibility === 'visible') n++;
    });
    return n;
  }

  /** The node the pointer is over (its hover highlights), or null. */
  hovered(): string | null {
    return this.hl.hoveredId;
  }

  /** The node's position in the render graph (graph coordinates: what a layout or a drag sets). */
  nodePosition(id: string): { x: number; y: number } | null {
    if (!this.graph.hasNode(id)) return null;
    const a = this.graph.getNodeAttributes(id);
    return { x: a.x, y: a.y };
  }

  /** A point of the container (CSS pixels from its top left) in graph coordinates. */
  toGraph(p: { x: number; y: number }): { x: number; y: number } {
    return this.sigma.viewportToGraph(p);
  }

  /** The node's position on screen (CSS pixels from the container's top left), if drawn. */
  nodeOnScreen(id: string): { x: number; y: number } | null {
    const d = this.sigma.getNodeDisplayData(id);
    if (!d || d.visibility === 'hidden' || !this.graph.hasNode(id)) return null;
    const a = this.graph.getNodeAttributes(id);
    return this.sigma.graphToViewport({ x: a.x, y: a.y });
  }

  // ------------------------------------------------------------------ export

  /** The picture as a PNG (white background), read from the WebGL canvas right after a render. */
  /** The whole graph (not the viewport) as a PNG with its legend, at `scale` times the screen's pixels. */
  toPng(scale: PngScale = 1, title = 'Innograph'): Promise<Blob> {
    const counts = this.counts ?? {
      nodes: { visible: 0, total: 0 },
      edges: { visible: 0, total: 0 },
      kinds: {},
      types: {},
    };
    return wholeGraphPng(this.sigma, scale, legendOf(title, counts));
  }

  kill(): void {
    this.layout.kill();
    this.sigma.kill();
  }
}

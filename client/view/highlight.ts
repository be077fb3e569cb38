/**
 * sigma's node and edge reducers for the network view: filters hide items; a hovered node, else a path
 * or money trail (emphasis), else the selection highlights its part of the graph and dims the rest.
 * A focus (hover or selection) keeps the node, its neighbours and the relationships to them bright and
 * forces on the labels of its biggest neighbours only (client/state/highlight.ts). Nothing here changes
 * the graph.
 */
import type { EdgeDisplayData, NodeDisplayData } from 'sigma/types';
import { focusOf, touchesFocus, type Focus } from '../state/highlight';
import type { EdgeAttrs, Emphasis, RenderGraph } from './renderGraph';

export const DIM_NODE = '#e3e6ea';
const DIM_EDGE = '#eef0f2';
const DIMMED: Partial<NodeDisplayData> = { color: DIM_NODE, labelVisibility: 'hidden', zIndex: 0 };
const SELECTED: Partial<NodeDisplayData> = {
  zIndex: 3,
  labelVisibility: 'visible',
  highlighted: true,
  backdropVisibility: 'visible',
};

export class Highlighter {
  visibleNodes: ReadonlySet<string> | null = null;
  visibleEdges: ReadonlySet<string> | null = null;
  emphasis: Emphasis | null = null;
  /** edge width by the money in the chosen currency (setAppearance) */
  edgeSize: ((edgeId: string) => number) | null = null;
  private hover: Focus | null = null;
  private selected: string | null = null;
  /** the selection's focus, computed when first needed after a change of the graph or the sizes */
  private selection: Focus | null = null;

  constructor(private readonly graph: () => RenderGraph) {}

  get selectedId(): string | null {
    return this.selected;
  }

  /** The node whose hover highlights now, or null. */
  get hoveredId(): string | null {
    return this.hover?.id ?? null;
  }

  /** The hovered node (null: none); returns whether anything changed. */
  setHovered(id: string | null): boolean {
    if ((this.hover?.id ?? null) === id) return false;
    this.hover = id !== null && this.graph().hasNode(id) ? this.focusOn(id) : null;
    return true;
  }

  /** The selected node (null: none); returns whether anything changed. */
  setSelected(id: string | null): boolean {
    if (id === this.selected) return false;
    this.selected = id;
    this.selection = null;
    return true;
  }

  /** The graph or the sizes changed: neighbourhoods and label choices are computed again. */
  invalidate(): void {
    this.selection = null;
    if (this.hover) this.hover = this.graph().hasNode(this.hover.id) ? this.focusOn(this.hover.id) : null;
  }

  private focusOn(id: string): Focus {
    const g = this.graph();
    return focusOf(id, g.neighbors(id), (n) => g.getNodeAttribute(n, 'size'));
  }

  private selectionFocus(): Focus | null {
    const id = this.selected;
    if (id === null || !this.graph().hasNode(id)) return null;
    return (this.selection ??= this.focusOn(id));
  }

  /** The focus that highlights now: the hover, else the selection unless a path or trail is shown. */
  private focus(): Focus | null {
    return this.hover ?? (this.emphasis ? null : this.selectionFocus());
  }

  reduceNode(key: string, data: NodeDisplayData): Partial<NodeDisplayData> {
    if (this.visibleNodes && !this.visibleNodes.has(key)) return { visibility: 'hidden' };
    if (key === this.selected) return SELECTED;
    const f = this.focus();
    if (f) {
      if (!f.nodes.has(key)) return DIMMED;
      if (key === f.id) return { zIndex: 3, labelVisibility: 'visible' };
      return f.labelled.has(key) ? { zIndex: 2, labelVisibility: 'visible' } : { zIndex: 2 };
    }
    const em = this.emphasis;
    if (em) return em.nodes.has(key) ? { zIndex: 2, labelVisibility: 'visible' } : DIMMED;
    return data.zIndex ? {} : { zIndex: 1 };
  }

  reduceEdge(key: string, data: EdgeDisplayData, attrs: EdgeAttrs): Partial<EdgeDisplayData> {
    if (this.visibleEdges && !this.visibleEdges.has(key)) return { visibility: 'hidden' };
    const size = this.edgeSize ? this.edgeSize(key) : attrs.size;
    const f = this.focus();
    if (f) {
      const [s, t] = this.graph().extremities(key);
      return touchesFocus(f, s, t) ? { zIndex: 2, size } : { color: DIM_EDGE, zIndex: 0, size };
    }
    const em = this.emphasis;
    if (em) {
      if (!em.edges.has(key)) return { color: DIM_EDGE, zIndex: 0, size };
      return { zIndex: 2, size: Math.max(data.size, size) + 1.5 };
    }
    return { size };
  }
}

/**
 * Labels kept inside the canvas: sigma draws a node's label on its right, so near the right edge of
 * the network (next to the right panel) the label ran off the canvas. A label that would is drawn on
 * the node's left instead. `labelSide` is the geometry; `LabelSides` applies it to the nodes near the
 * right edge after the camera or the positions change.
 */
import type Sigma from 'sigma';
import type { EdgeAttrs, NodeAttrs, RenderGraph } from './renderGraph';

/** Gap between a node's disc and its label, and the margin kept from the canvas edge (pixels). */
export const LABEL_GAP = 4;
export const EDGE_MARGIN = 6;

/**
 * Which side of its node (at viewport `x`, radius `size`) a label `width` pixels wide is drawn on in a
 * canvas `viewportWidth` wide: the right, unless it would cross the right edge; then the left, when
 * there is more room there.
 */
export function labelSide(x: number, size: number, width: number, viewportWidth: number): 'right' | 'left' {
  const rightEnd = x + size + LABEL_GAP + width;
  if (rightEnd <= viewportWidth - EDGE_MARGIN) return 'right';
  const roomRight = viewportWidth - EDGE_MARGIN - (x + size + LABEL_GAP);
  const roomLeft = x - size - LABEL_GAP - EDGE_MARGIN;
  return roomLeft > roomRight ? 'left' : 'right';
}

/** The nodes whose label goes on the left, kept current for sigma's node reducer. */
export class LabelSides {
  private left = new Set<string>();
  private readonly widths = new Map<string, number>();
  private readonly ctx: CanvasRenderingContext2D | null;

  constructor(
    private readonly sigma: () => Sigma<NodeAttrs, EdgeAttrs> | undefined,
    private readonly graph: () => RenderGraph,
    font: string,
  ) {
    this.ctx = document.createElement('canvas').getContext('2d');
    if (this.ctx) this.ctx.font = font;
  }

  isLeft(id: string): boolean {
    return this.left.has(id);
  }

  private width(label: string): number {
    let w = this.widths.get(label);
    if (w === undefined) {
      w = this.ctx ? this.ctx.measureText(label).width : label.length * 7;
      if (this.widths.size > 50_000) this.widths.clear();
      this.widths.set(label, w);
    }
    return w;
  }

  /** Recomputes the sides; returns the nodes whose side changed (to refresh). */
  update(): string[] {
    const sigma = this.sigma();
    if (!sigma) return [];
    const g = this.graph();
    const { width } = sigma.getDimensions();
    const next = new Set<string>();
    g.forEachNode((id, a) => {
      if (!a.label) return;
      const p = sigma.graphToViewport({ x: a.x, y: a.y });
      // far from the right edge: on the right, without measuring
      if (p.x + 600 < width) return;
      const size = sigma.getNodeDisplayData(id)?.size ?? a.size;
      if (labelSide(p.x, size, this.width(a.label), width) === 'left') next.add(id);
    });
    const changed: string[] = [];
    for (const id of next) if (!this.left.has(id)) changed.push(id);
    for (const id of this.left) if (!next.has(id) && g.hasNode(id)) changed.push(id);
    this.left = next;
    return changed;
  }
}

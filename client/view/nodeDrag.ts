/**
 * Dragging nodes with the mouse (sigma 4's own drag, `enableNodeDrag`): the camera stays still while a
 * node is dragged, the node stays under the pointer at the offset it was grabbed at, and the framing
 * is held so that the rest of the picture does not rescale when the node leaves the graph's extent.
 */
import type Sigma from 'sigma';
import type { EdgeAttrs, NodeAttrs, RenderGraph } from './renderGraph';

export interface NodeDragHandlers {
  /** the node moved (and at the drop, before `onDrop`) */
  onMove(node: string): void;
  onDrop(node: string): void;
}

/**
 * Binds the drag handlers. sigma moves a node by the pointer's way since its first move, not since
 * the press, so the node would trail the pointer by that first step: it is put back at its offset
 * from the pointer at the press on each move.
 */
export function bindNodeDrag(
  s: Sigma<NodeAttrs, EdgeAttrs>,
  graph: () => RenderGraph,
  handlers: NodeDragHandlers,
): void {
  let grab: { node: string; dx: number; dy: number; bbox: ReturnType<Sigma['getBBox']> } | null = null;
  s.on('downNode', ({ node, event }) => {
    const g = graph();
    const a = g.hasNode(node) ? g.getNodeAttributes(node) : null;
    const p = s.viewportToGraph(event);
    // the extent framed now (a settings change empties it until sigma processes the graph again)
    const { x, y } = s.getBBox();
    grab = a ? { node, dx: a.x - p.x, dy: a.y - p.y, bbox: { x: [x[0], x[1]], y: [y[0], y[1]] } } : null;
  });
  s.on('nodeDragStart', ({ node }) => {
    if (grab?.node === node && !s.getCustomBBox()) s.setCustomBBox(grab.bbox);
    s.setSetting('enableCameraPanning', false);
  });
  s.on('nodeDrag', ({ node, event }) => {
    const g = graph();
    if (grab?.node === node && g.hasNode(node)) {
      const p = s.viewportToGraph(event);
      g.mergeNodeAttributes(node, { x: p.x + grab.dx, y: p.y + grab.dy });
    }
    handlers.onMove(node);
  });
  s.on('nodeDragEnd', ({ node }) => {
    grab = null;
    s.setSetting('enableCameraPanning', true);
    handlers.onMove(node);
    handlers.onDrop(node);
  });
}

/** Lets sigma frame the graph's extent again (held since a drag): after a layout, a data change, a fit. */
export function releaseFraming(s: Sigma<NodeAttrs, EdgeAttrs>): void {
  if (s.getCustomBBox()) s.setCustomBBox(null);
}

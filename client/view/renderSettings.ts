/**
 * The sigma settings that depend on the size of the graph drawn (pure): a large render graph thins
 * its labels and hides its edges while the camera moves; a view of a few hundred nodes (the focused
 * view of an entity, an expansion) keeps everything drawn while the user pans.
 */

/** Past this many nodes drawn, the render graph counts as large. */
export const LARGE_VIEW_NODES = 2000;
/** Past this many edges drawn, the render graph counts as large (whatever its nodes). */
export const LARGE_VIEW_EDGES = 8000;

export interface SizeSettings {
  /** whether the graph counts as large (also smaller node sizes, see NetworkView.setAppearance) */
  large: boolean;
  labelRenderedSizeThreshold: number;
  labelDensity: number;
  /** edges are not drawn while the camera moves (pan, zoom, its animations) */
  hideEdgesOnMove: boolean;
}

/** The size-dependent settings for a render graph of `nodes` nodes and `edges` edges. */
export function sizeSettings(nodes: number, edges: number): SizeSettings {
  const large = nodes > LARGE_VIEW_NODES || edges > LARGE_VIEW_EDGES;
  return {
    large,
    labelRenderedSizeThreshold: large ? 9 : 5,
    labelDensity: large ? 0.3 : 0.6,
    hideEdgesOnMove: large,
  };
}

/**
 * What a focus (the hovered or the selected node) highlights: the node, its neighbours and the
 * relationships between it and them stay bright, the rest dims; of the neighbours, only the biggest
 * FOCUS_LABEL_CAP get their labels forced on (a hub's hundreds of labels would be a black blob).
 */

/** The most neighbour labels a hover or a selection forces on (the biggest nodes first). */
export const FOCUS_LABEL_CAP = 25;

export interface Focus {
  id: string;
  /** the node and its neighbours */
  nodes: ReadonlySet<string>;
  /** the node and its biggest neighbours, labelled whatever the label thinning says */
  labelled: ReadonlySet<string>;
}

/** The focus on `id`: its neighbours, and which of them to label (by size, then id). */
export function focusOf(
  id: string,
  neighbours: Iterable<string>,
  sizeOf: (id: string) => number,
  cap = FOCUS_LABEL_CAP,
): Focus {
  const nodes = new Set<string>([id]);
  for (const n of neighbours) nodes.add(n);
  const others = [...nodes].filter((n) => n !== id);
  let top = others;
  if (others.length > cap) {
    const size = new Map(others.map((n) => [n, sizeOf(n)]));
    top = others.sort((a, b) => size.get(b)! - size.get(a)! || (a < b ? -1 : a > b ? 1 : 0)).slice(0, Math.max(0, cap));
  }
  return { id, nodes, labelled: new Set([id, ...top]) };
}

/** Whether an edge between `source` and `target` touches the focus (it stays bright). */
export function touchesFocus(focus: Focus, source: string, target: string): boolean {
  return source === focus.id || target === focus.id;
}

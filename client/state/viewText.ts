/**
 * Texts of the view's state for the sidebar: the counts ("10,000 nodes of 10,000 · …", numbers through
 * client/state/format.ts) and the overview notice, which goes once the user has expanded the view.
 */
import type { Visibility } from './filters';
import { groupThousands, plural } from './format';

/** "1,234 nodes of 10,000 · 56 relationships of 47,738". */
export function countsText(counts: Pick<Visibility['counts'], 'nodes' | 'edges'>): string {
  return `${plural(counts.nodes.visible, 'node')} of ${groupThousands(counts.nodes.total)} · ${plural(counts.edges.visible, 'relationship')} of ${groupThousands(counts.edges.total)}`;
}

/**
 * The notice that the view is an overview of the best-connected nodes, or null: none when the view is
 * complete, nor once the user has expanded it (it then holds more than the overview).
 */
export function overviewNotice(overview: { shown: number; total: number } | null, expanded: number): string | null {
  if (!overview || expanded > 0) return null;
  return `Overview: the ${groupThousands(overview.shown)} best-connected of ${groupThousands(overview.total)} nodes. Filter by kind or region, or search, to see others.`;
}

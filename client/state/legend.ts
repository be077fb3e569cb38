/**
 * The legend of an exported picture: the kinds of the nodes drawn, with their colours and counts (most
 * first), and a line of totals; and the sizes an export may be made at.
 */
import type { Visibility } from './filters';
import { groupThousands, plural } from './format';
import { KIND_COLORS, KIND_LABELS, isNodeKind } from './vocab';

/** Resolutions of the PNG export: times the screen's pixels. */
export const PNG_SCALES = [1, 2, 4] as const;
export type PngScale = (typeof PNG_SCALES)[number];

export interface LegendEntry {
  label: string;
  color: string;
  count: number;
}

export interface Legend {
  title: string;
  entries: LegendEntry[];
  /** "1,234 nodes · 5,678 relationships" */
  totals: string;
}

/** The legend of what is visible: kinds with visible nodes, most first (ties by label). */
export function legendOf(title: string, counts: Visibility['counts']): Legend {
  const entries = Object.entries(counts.kinds)
    .filter(([, c]) => c.visible > 0)
    .map(([kind, c]) => ({
      label: isNodeKind(kind) ? KIND_LABELS[kind] : kind,
      color: isNodeKind(kind) ? KIND_COLORS[kind] : '#888888',
      count: c.visible,
    }))
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
  return {
    title,
    entries,
    totals: `${plural(counts.nodes.visible, 'node')} · ${plural(counts.edges.visible, 'relationship')}`,
  };
}

/** The text of one legend line: "Enterprise 1,234". */
export const legendLine = (e: LegendEntry): string => `${e.label} ${groupThousands(e.count)}`;

/** Pixel size of an export of a `width`×`height` (CSS px) view at `scale` on a screen of `dpr`. */
export function exportSize(width: number, height: number, scale: PngScale, dpr: number): { w: number; h: number } {
  const r = Math.max(1, dpr) * scale;
  return { w: Math.round(width * r), h: Math.round(height * r) };
}

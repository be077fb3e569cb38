/**
 * Figures (Indicator nodes) in the lookups, the same in both stores: the figures of an entity (its
 * outgoing HAS_INDICATOR), the figures it reported (its outgoing REPORTS), and the value attributes an
 * Indicator node carries in graph payloads. See SEMANTICS.md.
 */
import type { Figure } from '../api/schemas';
import { sourcesOf } from './common';

/** The Indicator fields that say what a figure is: carried by graph payloads and `Figure`. */
export const FIGURE_FIELDS = [
  'metric',
  'value',
  'valueText',
  'unit',
  'currency',
  'qualifier',
  'year',
  'periodStart',
  'periodEnd',
  'periodLabel',
  'asOf',
  'baseYear',
  'baseLabel',
] as const;

/** The value attributes of an Indicator node's stored properties (absent fields left out). */
export function figureAttributes(props: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of FIGURE_FIELDS) if (props[k] !== undefined && props[k] !== null) out[k] = props[k];
  return out;
}

/** A Figure from an Indicator node's stored properties. */
export function figureOf(props: Record<string, unknown>): Figure {
  return {
    id: String(props.id),
    name: String(props.name),
    description: typeof props.description === 'string' ? props.description : '',
    ...(figureAttributes(props) as Omit<Figure, 'id' | 'name' | 'description' | 'sources'>),
    sources: sourcesOf(props),
  };
}

const periodKey = (f: Figure): number => f.year ?? f.periodEnd ?? f.periodStart ?? 0;

/** Figure order: metric, then year (or period end), then id. */
export function compareFigures(a: Figure, b: Figure): number {
  if (a.metric !== b.metric) return a.metric < b.metric ? -1 : 1;
  if (periodKey(a) !== periodKey(b)) return periodKey(a) - periodKey(b);
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * The figures and reported figures of an entity from its outgoing relationships (type and the end
 * node's stored properties): HAS_INDICATOR → `figures`, REPORTS → `reportedFigures`; ends that are not
 * Indicator nodes are left out; each figure once.
 */
export function entityFigures(links: Iterable<{ type: string; end: Record<string, unknown> }>): {
  figures: Figure[];
  reportedFigures: Figure[];
} {
  const of = (type: string, list: { type: string; end: Record<string, unknown> }[]) => {
    const byId = new Map<string, Figure>();
    for (const l of list)
      if (l.type === type && l.end.kind === 'Indicator' && !byId.has(String(l.end.id)))
        byId.set(String(l.end.id), figureOf(l.end));
    return [...byId.values()].sort(compareFigures);
  };
  const all = [...links];
  return { figures: of('HAS_INDICATOR', all), reportedFigures: of('REPORTS', all) };
}

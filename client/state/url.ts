/**
 * The URL holds the view: selection, filters, sizes and colours, expansions, path and money-trail
 * endpoints, the open panel and the camera, so that a link reopens the same view. `encodeUrlState`
 * writes only what differs from the defaults; `decodeUrlState` accepts anything and keeps what is valid.
 */
import { defaultFilters, type Filters } from './filters';
import { GROUP_SIZES, GROUPINGS, isGroupId, type Grouping, type GroupSize } from './groups';
import { DEFAULT_HIDDEN_KINDS, NODE_KINDS, REL_TYPES, type EdgeType } from './vocab';

export type View = 'network' | 'cofunding' | 'groups';
export type SizeBy = 'money' | 'degree' | 'pagerank' | 'betweenness';
export type ColorBy = 'kind' | 'community';
export type PanelTab = 'details' | 'paths' | 'flows' | 'console';

export const SIZE_BY: readonly SizeBy[] = ['money', 'degree', 'pagerank', 'betweenness'];
export const COLOR_BY: readonly ColorBy[] = ['kind', 'community'];
export const PANEL_TABS: readonly PanelTab[] = ['details', 'paths', 'flows', 'console'];

export interface Camera {
  x: number;
  y: number;
  ratio: number;
}

export interface UrlState {
  view: View;
  selected: string | null;
  filters: Filters;
  sizeBy: SizeBy;
  colorBy: ColorBy;
  expanded: string[];
  pathFrom: string | null;
  pathTo: string | null;
  flowFrom: string | null;
  /** the money trail's direction: down (where the money goes) or up (where it comes from) */
  flowDirection: 'down' | 'up';
  tab: PanelTab;
  camera: Camera | null;
  /** co-funding view: minimum shared recipients */
  minShared: number;
  /** the most nodes the base view loads (past it, the API's overview of the best-connected) */
  limit: number;
  /** the link does not name the network view: for a large graph the client opens the overview instead */
  autoView: boolean;
  /** overview (groups) view: grouping, what sizes a group, the groups opened, hidden kinds brought back */
  groupBy: Grouping;
  groupSize: GroupSize;
  openGroups: string[];
  groupShow: boolean;
  /** the data sets shown (GET /api/datasets names); empty: all of them */
  datasets: string[];
  /** the network view holds its base (the best-connected nodes); false: a focused view (expansions only) */
  base: boolean;
}

/** Choices of the base view's size; the largest is the default. */
export const VIEW_LIMITS: readonly number[] = [30, 100, 500, 1000, 5000, 10_000];
export const DEFAULT_LIMIT = 10_000;

export const defaultUrlState = (): UrlState => ({
  view: 'network',
  selected: null,
  filters: defaultFilters(),
  sizeBy: 'money',
  colorBy: 'kind',
  expanded: [],
  pathFrom: null,
  pathTo: null,
  flowFrom: null,
  flowDirection: 'down',
  tab: 'details',
  camera: null,
  minShared: 1,
  limit: DEFAULT_LIMIT,
  autoView: true,
  groupBy: 'community',
  groupSize: 'members',
  openGroups: [],
  groupShow: false,
  datasets: [],
  base: true,
});

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const slug = (v: string | null): string | null => (v && v.length <= 120 && SLUG.test(v) ? v : null);
const list = (v: string | null): string[] => (v ? v.split(',').filter(Boolean) : []);
const oneOf = <T extends string>(values: readonly T[], v: string | null, fallback: T): T =>
  v !== null && (values as readonly string[]).includes(v) ? (v as T) : fallback;
const round = (n: number, digits = 4): string => String(Number(n.toFixed(digits)));

/** The query string (without "?") for a state; defaults are left out. */
export function encodeUrlState(s: UrlState): string {
  const p = new URLSearchParams();
  const d = defaultUrlState();
  if (s.view !== d.view || !s.autoView) p.set('view', s.view);
  if (s.selected) p.set('sel', s.selected);
  const f = s.filters;
  if (f.hiddenKinds.join(',') !== DEFAULT_HIDDEN_KINDS.join(',')) p.set('hide', f.hiddenKinds.join(','));
  if (f.hiddenTypes.length > 0) p.set('htypes', f.hiddenTypes.join(','));
  if (f.years) p.set('years', `${f.years[0]}-${f.years[1]}`);
  if (f.minAmount > 0) p.set('min', String(f.minAmount));
  if (f.currency) p.set('cur', f.currency);
  if (f.region) p.set('region', f.region);
  if (s.sizeBy !== d.sizeBy) p.set('size', s.sizeBy);
  if (s.colorBy !== d.colorBy) p.set('color', s.colorBy);
  if (s.expanded.length > 0) p.set('exp', s.expanded.join(','));
  if (s.pathFrom) p.set('from', s.pathFrom);
  if (s.pathTo) p.set('to', s.pathTo);
  if (s.flowFrom) p.set('flow', s.flowFrom);
  if (s.flowDirection !== d.flowDirection) p.set('flowdir', s.flowDirection);
  if (s.tab !== d.tab) p.set('tab', s.tab);
  if (s.minShared !== d.minShared) p.set('shared', String(s.minShared));
  if (s.limit !== d.limit) p.set('limit', String(s.limit));
  if (s.groupBy !== d.groupBy) p.set('by', s.groupBy);
  if (s.groupSize !== d.groupSize) p.set('gsize', s.groupSize);
  if (s.openGroups.length > 0) p.set('open', s.openGroups.join(','));
  if (s.groupShow) p.set('gshow', '1');
  if (s.datasets.length > 0) p.set('ds', s.datasets.join(','));
  if (!s.base) p.set('base', '0');
  if (s.camera) p.set('cam', `${round(s.camera.x)},${round(s.camera.y)},${round(s.camera.ratio)}`);
  // URLSearchParams encodes commas and colons; they are safe in a query and easier to read as they are.
  return p.toString().replaceAll('%2C', ',').replaceAll('%3A', ':');
}

/** Reads a query string (with or without "?"); invalid parts fall back to the defaults. */
export function decodeUrlState(search: string): UrlState {
  const p = new URLSearchParams(search.startsWith('?') ? search.slice(1) : search);
  const s = defaultUrlState();
  s.view = oneOf<View>(['network', 'cofunding', 'groups'], p.get('view'), 'network');
  s.autoView = s.view !== 'network' || p.get('view') !== 'network';
  s.groupBy = oneOf(GROUPINGS, p.get('by'), 'community');
  s.groupSize = oneOf(GROUP_SIZES, p.get('gsize'), 'members');
  s.openGroups = [...new Set(list(p.get('open')).filter(isGroupId))].slice(0, 50);
  s.groupShow = p.get('gshow') === '1';
  // an entity's slug, or a group of the overview (selected there: its details, Open group)
  const sel = p.get('sel');
  s.selected = slug(sel) ?? (sel && sel.length <= 120 && isGroupId(sel) ? sel : null);
  if (p.has('hide')) s.filters.hiddenKinds = NODE_KINDS.filter((k) => list(p.get('hide')).includes(k));
  const allTypes: readonly EdgeType[] = [...REL_TYPES, 'CO_FUNDS'];
  s.filters.hiddenTypes = allTypes.filter((t) => list(p.get('htypes')).includes(t));
  const years = /^(\d{4})-(\d{4})$/.exec(p.get('years') ?? '');
  if (years) {
    const a = Number(years[1]);
    const b = Number(years[2]);
    s.filters.years = a <= b ? [a, b] : [b, a];
  }
  const min = Number(p.get('min'));
  if (Number.isFinite(min) && min > 0) s.filters.minAmount = min;
  const cur = p.get('cur');
  if (cur && /^[A-Z]{3}$/.test(cur)) s.filters.currency = cur;
  s.filters.region = slug(p.get('region'));
  s.sizeBy = oneOf(SIZE_BY, p.get('size'), 'money');
  s.colorBy = oneOf(COLOR_BY, p.get('color'), 'kind');
  s.expanded = [
    ...new Set(
      list(p.get('exp'))
        .map(slug)
        .filter((x): x is string => x !== null),
    ),
  ].slice(0, 50);
  s.pathFrom = slug(p.get('from'));
  s.pathTo = slug(p.get('to'));
  s.flowFrom = slug(p.get('flow'));
  s.flowDirection = oneOf(['down', 'up'], p.get('flowdir'), 'down');
  s.tab = oneOf(PANEL_TABS, p.get('tab'), 'details');
  const shared = Number(p.get('shared'));
  if (Number.isInteger(shared) && shared >= 1 && shared <= 1000) s.minShared = shared;
  const limit = Number(p.get('limit'));
  if (Number.isInteger(limit) && limit >= 1 && limit <= DEFAULT_LIMIT) s.limit = limit;
  s.datasets = [
    ...new Set(
      list(p.get('ds'))
        .map(slug)
        .filter((x): x is string => x !== null),
    ),
  ]
    .sort()
    .slice(0, 50);
  s.base = p.get('base') !== '0';
  const cam = (p.get('cam') ?? '').split(',').map(Number);
  if (cam.length === 3 && cam.every(Number.isFinite) && cam[2]! > 0)
    s.camera = { x: cam[0]!, y: cam[1]!, ratio: cam[2]! };
  return s;
}

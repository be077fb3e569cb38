/**
 * The sidebar: counts, filters (kinds and relationship types — which are also the colour legend —,
 * a year range that can play through the years, a minimum amount, a region), appearance (size and
 * colour) and the layout's start/stop. Built once and updated in place, so that dragging a slider or
 * tabbing through checkboxes is never interrupted.
 */
import {
  setCurrency,
  setKindVisible,
  setMinAmount,
  setRegion,
  setTypeVisible,
  setYears,
  type Filters,
  type Visibility,
} from '../state/filters';
import { formatMoneyEn } from '../state/format';
import { VIEW_LIMITS, type ColorBy, type SizeBy, type View } from '../state/url';
import { countsText, overviewNotice } from '../state/viewText';
import {
  COMMUNITY_COLORS,
  KIND_COLORS,
  KIND_LABELS,
  NODE_KINDS,
  REL_TYPES,
  TYPE_COLORS,
  typeLabel,
  type EdgeType,
  type NodeKind,
} from '../state/vocab';
import { h, setChildren } from './dom';

export interface SidebarContext {
  view: View;
  filters: Filters;
  counts: Visibility['counts'] | null;
  bounds: [number, number] | null;
  regions: { id: string; name: string }[];
  sizeBy: SizeBy;
  colorBy: ColorBy;
  playing: boolean;
  layoutRunning: boolean;
  communities: number[] | null;
  /** why a size option is unavailable */
  disabledSizes: Partial<Record<SizeBy, string>>;
  minShared: number;
  limit: number;
  overview: { shown: number; total: number } | null;
  /** expansions in the view (the overview notice goes after the first) */
  expanded?: number;
  /** the currency of the amount filter and of sizes by money (resolved), or null without money */
  currency: string | null;
  /** the data's currencies, most used first (the first is the main one) */
  currencies: string[];
}

export interface SidebarActions {
  setFilters(f: Filters): void;
  resetFilters(): void;
  togglePlay(): void;
  setSizeBy(s: SizeBy): void;
  setColorBy(c: ColorBy): void;
  toggleLayout(): void;
  spread(): void;
  setMinShared(n: number): void;
  setLimit(n: number): void;
}

const AMOUNTS = [0, 1e6, 1e7, 1e8, 1e9, 1e10];
const SIZE_LABELS: Record<SizeBy, string> = {
  money: 'money moved',
  degree: 'degree',
  pagerank: 'PageRank',
  betweenness: 'betweenness',
};

export class Sidebar {
  readonly root: HTMLElement;
  private ctx: SidebarContext | null = null;
  private readonly countsEl = h('p', { class: 'counts', role: 'status', 'aria-live': 'polite' });
  private readonly kindRows = new Map<NodeKind, { row: HTMLElement; box: HTMLInputElement; count: HTMLElement }>();
  private readonly typeRows = new Map<EdgeType, { row: HTMLElement; box: HTMLInputElement; count: HTMLElement }>();
  private readonly yearFrom = h('input', { type: 'range', 'aria-label': 'First year' });
  private readonly yearTo = h('input', { type: 'range', 'aria-label': 'Last year' });
  private readonly yearLabel = h('output', { class: 'year-label' });
  private readonly playBtn = h('button', { class: 'small', 'aria-label': 'Play through the years' }, '▶ Play');
  private readonly allYearsBtn = h('button', { class: 'small' }, 'All years');
  private readonly amount = h('select', { 'aria-label': 'Minimum amount of money relationships' });
  private readonly region = h('select', { 'aria-label': 'Region' });
  private readonly currencySel = h('select', { 'aria-label': 'Currency of amounts' });
  private currenciesKey = '';
  private readonly sizeRadios = new Map<SizeBy, HTMLInputElement>();
  private readonly colorRadios = new Map<ColorBy, HTMLInputElement>();
  private readonly communityLegend = h('div', { class: 'community-legend' });
  private readonly layoutBtn = h('button', { class: 'small' }, 'Start layout');
  private readonly sharedSel = h('select', { 'aria-label': 'Minimum shared recipients' });
  private readonly sharedField: HTMLElement;
  private readonly limitSel = h('select', { id: 'view-limit', 'aria-label': 'Most nodes to load' });
  private readonly sizeNote = h('p', { class: 'muted small' });
  private readonly overviewNote = h('p', { class: 'notice small', hidden: true });
  private regionsKey = '';

  constructor(private readonly actions: SidebarActions) {
    const f = () => this.ctx!.filters;
    for (const k of NODE_KINDS) {
      const box = h('input', { type: 'checkbox', 'data-key': `kind-${k}`, 'aria-label': `Show ${KIND_LABELS[k]}` });
      box.addEventListener('change', () => actions.setFilters(setKindVisible(f(), k, box.checked)));
      const count = h('span', { class: 'count' });
      const row = h(
        'label',
        { class: 'legend-row', 'data-kind': k },
        box,
        h('span', { class: 'swatch', style: `background:${KIND_COLORS[k]}`, 'aria-hidden': 'true' }),
        h('span', { class: 'legend-name' }, KIND_LABELS[k]),
        count,
      );
      this.kindRows.set(k, { row, box, count });
    }
    for (const t of [...REL_TYPES, 'CO_FUNDS'] as EdgeType[]) {
      const box = h('input', {
        type: 'checkbox',
        'data-key': `type-${t}`,
        'aria-label': `Show ${typeLabel(t)} relationships`,
      });
      box.addEventListener('change', () => actions.setFilters(setTypeVisible(f(), t, box.checked)));
      const count = h('span', { class: 'count' });
      const row = h(
        'label',
        { class: 'legend-row', 'data-type': t },
        box,
        h('span', { class: 'line-swatch', style: `background:${TYPE_COLORS[t]}`, 'aria-hidden': 'true' }),
        h('span', { class: 'legend-name' }, typeLabel(t)),
        count,
      );
      this.typeRows.set(t, { row, box, count });
    }
    const onYears = () => {
      const c = this.ctx!;
      let a = Number(this.yearFrom.value);
      let b = Number(this.yearTo.value);
      if (a > b) [a, b] = [b, a];
      actions.setFilters(setYears(c.filters, [a, b], c.bounds));
    };
    this.yearFrom.addEventListener('input', onYears);
    this.yearTo.addEventListener('input', onYears);
    this.playBtn.addEventListener('click', () => actions.togglePlay());
    this.allYearsBtn.addEventListener('click', () => actions.setFilters(setYears(f(), null, null)));
    this.amount.addEventListener('change', () => actions.setFilters(setMinAmount(f(), Number(this.amount.value))));
    this.currencySel.addEventListener('change', () => actions.setFilters(setCurrency(f(), this.currencySel.value)));
    this.region.addEventListener('change', () => actions.setFilters(setRegion(f(), this.region.value || null)));
    const sizeGroup = h('div', { role: 'radiogroup', 'aria-label': 'Node size by', class: 'radios' });
    for (const s of Object.keys(SIZE_LABELS) as SizeBy[]) {
      const r = h('input', { type: 'radio', name: 'size-by', value: s });
      r.addEventListener('change', () => r.checked && actions.setSizeBy(s));
      this.sizeRadios.set(s, r);
      sizeGroup.append(h('label', {}, r, ` ${SIZE_LABELS[s]}`));
    }
    const colorGroup = h('div', { role: 'radiogroup', 'aria-label': 'Node colour by', class: 'radios' });
    for (const [c, label] of [
      ['kind', 'kind'],
      ['community', 'community (Louvain)'],
    ] as [ColorBy, string][]) {
      const r = h('input', { type: 'radio', name: 'color-by', value: c });
      r.addEventListener('change', () => r.checked && actions.setColorBy(c));
      this.colorRadios.set(c, r);
      colorGroup.append(h('label', {}, r, ` ${label}`));
    }
    this.layoutBtn.addEventListener('click', () => actions.toggleLayout());
    for (const n of [1, 2, 3, 4, 5])
      this.sharedSel.append(h('option', { value: String(n) }, `≥ ${n} shared recipient${n > 1 ? 's' : ''}`));
    this.sharedSel.addEventListener('change', () => actions.setMinShared(Number(this.sharedSel.value)));
    this.sharedField = h('div', { class: 'field' }, h('h3', {}, 'Co-funding'), this.sharedSel);
    for (const n of VIEW_LIMITS)
      this.limitSel.append(h('option', { value: String(n) }, `up to ${n.toLocaleString('en')} nodes`));
    this.limitSel.addEventListener('change', () => actions.setLimit(Number(this.limitSel.value)));
    this.root = h(
      'div',
      { class: 'sidebar-inner' },
      this.countsEl,
      this.overviewNote,
      this.sharedField,
      h(
        'section',
        { 'aria-labelledby': 'kinds-h' },
        h(
          'div',
          { class: 'section-head' },
          h('h3', { id: 'kinds-h' }, 'Kinds'),
          h('button', { class: 'link small', onclick: () => actions.resetFilters() }, 'Reset filters'),
        ),
        h('div', { class: 'legend' }, ...[...this.kindRows.values()].map((r) => r.row)),
      ),
      h(
        'section',
        { 'aria-labelledby': 'types-h' },
        h('h3', { id: 'types-h' }, 'Relationships'),
        h('div', { class: 'legend' }, ...[...this.typeRows.values()].map((r) => r.row)),
      ),
      h(
        'section',
        { 'aria-labelledby': 'years-h' },
        h('h3', { id: 'years-h' }, 'Years ', this.yearLabel),
        h('div', { class: 'year-range' }, this.yearFrom, this.yearTo),
        h('div', { class: 'row' }, this.playBtn, this.allYearsBtn),
      ),
      h(
        'section',
        {},
        h('h3', {}, h('label', { for: 'min-amount' }, 'Minimum amount')),
        h('div', { class: 'row' }, this.amount, this.currencySel),
        h(
          'p',
          { class: 'muted small' },
          'Amounts and sizes by money in this currency; no conversion (with a minimum, other currencies are hidden).',
        ),
      ),
      h('section', {}, h('h3', {}, h('label', { for: 'region' }, 'Region')), this.region),
      h(
        'section',
        {},
        h('h3', {}, 'Node size'),
        sizeGroup,
        this.sizeNote,
        h('h3', {}, 'Node colour'),
        colorGroup,
        this.communityLegend,
      ),
      h('section', {}, h('h3', {}, h('label', { for: 'view-limit' }, 'Load')), this.limitSel),
      h(
        'section',
        {},
        h('h3', {}, 'Layout'),
        h(
          'div',
          { class: 'row' },
          this.layoutBtn,
          h(
            'button',
            { class: 'small', onclick: () => actions.spread(), title: 'Push overlapping nodes apart (noverlap)' },
            'Spread apart',
          ),
        ),
      ),
    );
    this.amount.id = 'min-amount';
    this.region.id = 'region';
  }

  update(c: SidebarContext): void {
    this.ctx = c;
    const f = c.filters;
    const counts = c.counts;
    this.countsEl.textContent = counts ? countsText(counts) : 'Loading…';
    const notice = overviewNotice(c.overview, c.expanded ?? 0);
    this.overviewNote.hidden = notice === null;
    this.overviewNote.textContent = notice ?? '';
    this.sharedField.hidden = c.view !== 'cofunding';
    this.sharedSel.value = String(c.minShared);
    if (![...this.limitSel.options].some((o) => o.value === String(c.limit)))
      this.limitSel.append(h('option', { value: String(c.limit) }, `up to ${c.limit.toLocaleString('en')} nodes`));
    this.limitSel.value = String(c.limit);
    for (const [k, r] of this.kindRows) {
      r.box.checked = !f.hiddenKinds.includes(k);
      const n = counts?.kinds[k];
      r.count.textContent = n ? (n.visible === n.total ? String(n.total) : `${n.visible}/${n.total}`) : '0';
      r.row.classList.toggle('absent', !n);
    }
    for (const [t, r] of this.typeRows) {
      r.box.checked = !f.hiddenTypes.includes(t);
      const n = counts?.types[t];
      r.count.textContent = n ? (n.visible === n.total ? String(n.total) : `${n.visible}/${n.total}`) : '0';
      r.row.classList.toggle('absent', !n);
      r.row.hidden = c.view === 'network' ? t === 'CO_FUNDS' : t !== 'CO_FUNDS';
    }
    const b = c.bounds;
    for (const el of [this.yearFrom, this.yearTo, this.playBtn, this.allYearsBtn]) el.disabled = !b;
    if (b) {
      for (const el of [this.yearFrom, this.yearTo]) {
        el.min = String(b[0]);
        el.max = String(b[1]);
        el.step = '1';
      }
      const [a, z] = f.years ?? b;
      if (document.activeElement !== this.yearFrom) this.yearFrom.value = String(a);
      if (document.activeElement !== this.yearTo) this.yearTo.value = String(z);
      this.yearLabel.textContent = f.years ? `${a}–${z}` : `all (${b[0]}–${b[1]})`;
    } else this.yearLabel.textContent = '(no dated relationships)';
    this.playBtn.textContent = c.playing ? '■ Stop' : '▶ Play';
    this.playBtn.setAttribute('aria-pressed', String(c.playing));
    const amounts = AMOUNTS.includes(f.minAmount) ? AMOUNTS : [...AMOUNTS, f.minAmount].sort((x, y) => x - y);
    setChildren(
      this.amount,
      ...amounts.map((a) =>
        h(
          'option',
          { value: String(a), selected: a === f.minAmount },
          a === 0 ? 'any amount' : `≥ ${formatMoneyEn(a, c.currency)}`,
        ),
      ),
    );
    const curKey = `${c.currencies.join()}|${c.currency ?? ''}`;
    if (curKey !== this.currenciesKey) {
      this.currenciesKey = curKey;
      const list = c.currency && !c.currencies.includes(c.currency) ? [...c.currencies, c.currency] : c.currencies;
      setChildren(
        this.currencySel,
        ...list.map((cur, i) =>
          h('option', { value: cur, selected: cur === c.currency }, i === 0 ? `${cur} (main)` : cur),
        ),
      );
    }
    this.currencySel.disabled = c.currencies.length < 2;
    const key = c.regions.map((r) => r.id).join() + '|' + (f.region ?? '');
    if (key !== this.regionsKey) {
      this.regionsKey = key;
      const list =
        f.region && !c.regions.some((r) => r.id === f.region)
          ? [...c.regions, { id: f.region, name: f.region }]
          : c.regions;
      setChildren(
        this.region,
        h('option', { value: '' }, 'all regions'),
        ...list.map((r) => h('option', { value: r.id, selected: r.id === f.region }, r.name)),
      );
    }
    for (const [s, r] of this.sizeRadios) {
      r.checked = s === c.sizeBy;
      r.disabled = Boolean(c.disabledSizes[s]);
      r.parentElement!.title = c.disabledSizes[s] ?? '';
    }
    this.sizeNote.textContent = Object.values(c.disabledSizes).join(' ');
    for (const [k, r] of this.colorRadios) r.checked = k === c.colorBy;
    if (c.colorBy === 'community' && c.communities) {
      setChildren(
        this.communityLegend,
        ...c.communities
          .slice(0, 10)
          .map((n, i) =>
            h(
              'span',
              { class: 'community' },
              h('span', { class: 'swatch', style: `background:${COMMUNITY_COLORS[i % COMMUNITY_COLORS.length]}` }),
              ` ${n}`,
            ),
          ),
        c.communities.length > 10 ? h('span', { class: 'muted' }, ` +${c.communities.length - 10} more`) : null,
      );
      this.communityLegend.hidden = false;
    } else this.communityLegend.hidden = true;
    this.layoutBtn.textContent = c.layoutRunning ? '■ Stop layout' : '▶ Start layout';
    this.layoutBtn.setAttribute('aria-pressed', String(c.layoutRunning));
  }
}

/**
 * Follow the money: from a funder, the downstream (or upstream) flows over several hops, as a ranked
 * table and a Sankey diagram; the app draws them in the network too.
 */
import type { Flow, FlowsResult } from '../../server/api/schemas';
import type { Api } from '../api';
import { formatMoney, formatMoneyEn, formatMoneyZh } from '../state/format';
import { rankFlows, sankeyLayout } from '../state/flows';
import { KIND_COLORS, isNodeKind, typeLabel } from '../state/vocab';
import { empty, h, loading, s, setChildren } from './dom';
import { SearchBox } from './search';
import { dataTable } from './table';
import { errorBlock } from './toast';

export interface FlowsActions {
  run(from: string, direction: 'down' | 'up', depth: number, year: number | null): Promise<FlowsResult>;
  clear(): void;
  select(id: string): void;
  yearBounds(): [number, number] | null;
}

export class FlowsPanel {
  readonly root: HTMLElement;
  private rootRef: { id: string; name: string } | null = null;
  private readonly box: SearchBox;
  private readonly direction: HTMLSelectElement;
  private readonly depth: HTMLSelectElement;
  private readonly year: HTMLSelectElement;
  private readonly results: HTMLElement;

  constructor(
    api: Api,
    private readonly actions: FlowsActions,
  ) {
    this.box = new SearchBox(api, (it) => this.setRoot(it), {
      label: 'Funder',
      placeholder: 'Funder…',
      className: 'picker',
    });
    this.direction = h(
      'select',
      { 'aria-label': 'Direction' },
      h('option', { value: 'down' }, 'downstream (where it goes)'),
      h('option', { value: 'up' }, 'upstream (where it comes from)'),
    );
    this.depth = h(
      'select',
      { 'aria-label': 'Hops' },
      ...[1, 2, 3, 4, 5, 6].map((n) =>
        h('option', { value: String(n), selected: n === 3 }, `${n} hop${n > 1 ? 's' : ''}`),
      ),
    );
    this.year = h('select', { 'aria-label': 'Year' }, h('option', { value: '' }, 'all years'));
    this.results = h('div', { class: 'flow-results', 'aria-live': 'polite' });
    this.root = h(
      'div',
      { class: 'flows' },
      h('h2', {}, 'Follow the money'),
      h('div', { class: 'field' }, h('label', { for: this.box.input.id }, 'From'), this.box.root),
      h(
        'div',
        { class: 'row' },
        this.direction,
        this.depth,
        this.year,
        h('button', { class: 'primary', onclick: () => void this.run() }, 'Follow'),
        h('button', { onclick: () => this.clear() }, 'Clear'),
      ),
      this.results,
    );
    setChildren(this.results, empty('Pick a funder (or use “Follow the money” on a selected one).'));
  }

  get rootId(): string | null {
    return this.rootRef?.id ?? null;
  }

  setRoot(it: { id: string; name: string }): void {
    this.rootRef = { id: it.id, name: it.name };
    this.box.setValue(it.name);
  }

  /** Refreshes the year choices from the data. */
  refreshYears(): void {
    const b = this.actions.yearBounds();
    const current = this.year.value;
    const years = b ? Array.from({ length: b[1] - b[0] + 1 }, (_, i) => b[0] + i) : [];
    setChildren(
      this.year,
      h('option', { value: '' }, 'all years'),
      ...years.map((y) => h('option', { value: String(y), selected: String(y) === current }, String(y))),
    );
  }

  clear(): void {
    this.rootRef = null;
    this.box.setValue('');
    setChildren(this.results, empty('Pick a funder.'));
    this.actions.clear();
  }

  async run(): Promise<void> {
    if (!this.rootRef) {
      setChildren(this.results, errorBlock(new Error('choose a funder from the suggestions first'), 'Cannot follow'));
      return;
    }
    setChildren(this.results, loading('money flows'));
    try {
      const dir = this.direction.value === 'up' ? 'up' : 'down';
      const r = await this.actions.run(
        this.rootRef.id,
        dir,
        Number(this.depth.value),
        this.year.value ? Number(this.year.value) : null,
      );
      this.show(r);
    } catch (e) {
      setChildren(this.results, errorBlock(e, 'Could not follow the money'));
    }
  }

  show(r: FlowsResult): void {
    if (r.flows.length === 0) {
      setChildren(
        this.results,
        empty(
          `No ${r.direction === 'down' ? 'outgoing' : 'incoming'} money recorded${this.year.value ? ` for ${this.year.value}` : ''}.`,
        ),
      );
      return;
    }
    const ranked = rankFlows(r.flows);
    const link = (ref: { id: string; name: string }) =>
      h('button', { class: 'link', onclick: () => this.actions.select(ref.id) }, ref.name);
    setChildren(
      this.results,
      h(
        'p',
        { class: 'summary' },
        `${r.flows.length} flow${r.flows.length === 1 ? '' : 's'} over ${Math.max(...r.flows.map((f) => f.hop))} hop(s). `,
        r.totals.length
          ? `Stated total: ${r.totals.map((t) => formatMoney(t.amount, t.currency)).join('; ')}.`
          : 'No amounts stated.',
      ),
      this.sankey(r),
      dataTable<Flow>(
        'Flows by amount',
        [
          { title: '#', cell: (f) => String(ranked.indexOf(f) + 1), className: 'narrow' },
          { title: 'Hop', cell: (f) => String(f.hop), className: 'narrow' },
          { title: 'From', cell: (f) => link(f.source), csv: (f) => f.source.name },
          {
            title: 'To',
            cell: (f) =>
              h(
                'span',
                {},
                link(f.target),
                h(
                  'span',
                  { class: 'sub' },
                  [typeLabel(f.type), (f.instrument ?? '').replaceAll('_', ' ')].filter(Boolean).join(' · '),
                ),
              ),
            csv: (f) => f.target.name,
          },
          { title: 'Type', cell: (f) => f.type, hidden: true },
          {
            title: 'Amount',
            cell: (f) =>
              f.amount === null
                ? h('span', { class: 'muted' }, f.amountText ?? 'not stated')
                : h(
                    'span',
                    { class: 'money', title: f.amountText ?? '' },
                    h('span', { class: 'en' }, formatMoneyEn(f.amount, f.currency)),
                    h('span', { class: 'zh' }, formatMoneyZh(f.amount, f.currency)),
                  ),
            csv: (f) => f.amount ?? '',
            className: 'num',
          },
          { title: 'Currency', cell: (f) => f.currency ?? '', hidden: true },
          { title: 'When', cell: (f) => (f.year !== null ? String(f.year) : (f.periodLabel ?? '')), hidden: true },
          { title: 'Instrument', cell: (f) => f.instrument ?? '', hidden: true },
        ],
        ranked,
        `flows-${r.root?.id ?? 'all'}.csv`,
      ),
    );
  }

  private sankey(r: FlowsResult): HTMLElement | null {
    const width = 340;
    const left = 112; // room for the first column's labels
    const right = 110; // and the last column's
    const height = Math.min(320, 60 + 26 * new Set(r.flows.map((f) => f.target.id)).size);
    const lay = sankeyLayout(r.flows, r.root?.id ?? null, r.direction, width - left - right, height);
    if (lay.links.length === 0) return null;
    const last = Math.max(...lay.nodes.map((n) => n.column));
    const short = (t: string, n: number) => (t.length > n ? `${t.slice(0, n - 1)}…` : t);
    const svg = s('svg', {
      viewBox: `${-left} -4 ${width + 8} ${height + 8}`,
      class: 'sankey',
      role: 'img',
      'aria-label': 'Sankey diagram of the money flows',
    });
    for (const l of lay.links)
      svg.append(
        s(
          'path',
          { d: l.d, class: 'sankey-link', 'stroke-width': l.thickness.toFixed(1) },
          s('title', {}, `${formatMoneyEn(l.amount, l.currency)}`),
        ),
      );
    for (const n of lay.nodes) {
      const color = isNodeKind(n.kind) ? KIND_COLORS[n.kind] : '#888';
      const g = s('g', {}, s('title', {}, `${n.name}: ${formatMoneyEn(n.value, 'CNY')}`));
      g.append(
        s('rect', { x: n.x.toFixed(1), y: n.y.toFixed(1), width: n.width, height: n.height.toFixed(1), fill: color }),
      );
      const first = n.column === 0 && last > 0;
      g.append(
        s(
          'text',
          {
            x: (first ? n.x - 4 : n.x + n.width + 4).toFixed(1),
            y: (n.y + n.height / 2 + 4).toFixed(1),
            'text-anchor': first ? 'end' : 'start',
            class: 'sankey-label',
          },
          short(n.name, first ? 18 : n.column === last ? 19 : 16),
        ),
      );
      svg.append(g);
    }
    return h(
      'figure',
      { class: 'sankey-wrap' },
      svg,
      h('figcaption', { class: 'muted' }, 'Bands as wide as the amounts (flows with a stated amount).'),
    );
  }
}

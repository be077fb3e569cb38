/**
 * Follow the money: from an entity, the downstream (where it goes) or upstream (where it comes from)
 * flows over several hops, as a Sankey diagram of one currency (full width on demand), totals per
 * funder and a sortable table of the flows, largest first; the app draws them in the network too.
 */
import type { Flow, FlowsResult } from '../../server/api/schemas';
import type { Api } from '../api';
import { formatMoney, formatPeriod, shortPeriod } from '../state/format';
import { flowCurrencies, flowsIn, funderTotals, pickCurrency, rankFlows, type FunderTotal } from '../state/flows';
import { amountKey } from '../state/sort';
import { typeLabel } from '../state/vocab';
import { empty, h, loading, setChildren } from './dom';
import { moneyCell, statedCsv, totalsText } from './figures';
import { openSankeyDialog, sankeySvg } from './sankey';
import { SearchBox } from './search';
import { dataTable } from './table';
import { errorBlock } from './toast';

export interface FlowsActions {
  run(from: string, direction: 'down' | 'up', depth: number, year: number | null): Promise<FlowsResult>;
  clear(): void;
  select(id: string): void;
  yearBounds(): [number, number] | null;
  /** the currency chosen for amounts (the data set's main one by default) and the currencies by use */
  currencies(): { chosen: string | null; order: string[] };
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
      label: 'Funder or recipient',
      placeholder: 'Funder or recipient…',
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
    setChildren(
      this.results,
      empty(
        'Pick a funder or a recipient (or use “Follow the money” on a selected one): downstream shows where its money goes, upstream where it comes from.',
      ),
    );
  }

  get rootId(): string | null {
    return this.rootRef?.id ?? null;
  }

  setRoot(it: { id: string; name: string }): void {
    this.rootRef = { id: it.id, name: it.name };
    this.box.setValue(it.name);
  }

  /** Sets the direction: down (where the money goes) or up (where it comes from). */
  setDirection(direction: 'down' | 'up'): void {
    this.direction.value = direction;
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
    setChildren(this.results, empty('Pick a funder or a recipient.'));
    this.actions.clear();
  }

  async run(): Promise<void> {
    if (!this.rootRef) {
      setChildren(this.results, errorBlock(new Error('choose an entity from the suggestions first'), 'Cannot follow'));
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
    const { chosen, order } = this.actions.currencies();
    const ranked = rankFlows(r.flows, order);
    const rankOf = new Map(ranked.map((f, i) => [f.id, i + 1]));
    // the relationships' full properties (qualifier, period) come with the flows' graph
    const attrs = new Map(r.graph.edges.map((e) => [e.key, e.attributes as Record<string, unknown>]));
    const props = (f: Flow): Record<string, unknown> => ({ ...f, ...attrs.get(f.id) });
    const link = (ref: { id: string; name: string }) =>
      h('button', { class: 'link', onclick: () => this.actions.select(ref.id) }, ref.name);
    const hops = Math.max(...r.flows.map((f) => f.hop));
    setChildren(
      this.results,
      h(
        'p',
        { class: 'summary' },
        `${r.flows.length} flow${r.flows.length === 1 ? '' : 's'} over ${hops} hop${hops === 1 ? '' : 's'} ${r.direction === 'down' ? 'from' : 'into'} ${r.root?.name ?? 'the graph'}. `,
        r.totals.length ? `Stated total: ${totalsText(r.totals)}.` : 'No amounts stated.',
        r.nextCursor !== null
          ? ` Showing the first ${r.flows.length.toLocaleString('en')} of ${r.totalFlows.toLocaleString('en')} flows (nearest hops first, then largest); the totals cover all of them.`
          : '',
      ),
      this.sankey(r, chosen),
      this.byFunder(r, order),
      dataTable<Flow>(
        'Flows by amount',
        [
          { title: '#', cell: (f) => String(rankOf.get(f.id)), className: 'narrow', sort: (f) => rankOf.get(f.id)! },
          { title: 'Hop', cell: (f) => String(f.hop), className: 'narrow', sort: (f) => f.hop, hidden: hops === 1 },
          { title: 'From', cell: (f) => link(f.source), csv: (f) => f.source.name, sort: (f) => f.source.name },
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
            sort: (f) => f.target.name,
          },
          { title: 'Type', cell: (f) => f.type, hidden: true },
          {
            title: 'Amount',
            cell: (f) => moneyCell(props(f)),
            csv: (f) => f.amount ?? '',
            className: 'num',
            sort: (f) => amountKey(f.amount, f.currency, order),
          },
          { title: 'Currency', cell: (f) => f.currency ?? '', hidden: true },
          { title: 'As stated', cell: (f) => statedCsv(props(f)), hidden: true },
          {
            title: 'When',
            cell: (f) => h('span', { title: formatPeriod(props(f)) }, shortPeriod(props(f)) || formatPeriod(props(f))),
            csv: (f) => formatPeriod(props(f)),
            sort: (f) => f.year,
          },
          { title: 'Instrument', cell: (f) => f.instrument ?? '', hidden: true },
        ],
        r.flows,
        `flows-${r.root?.id ?? 'all'}-${r.direction}.csv`,
        { sortBy: { title: 'Amount', dir: 'desc' } },
      ),
    );
  }

  /** Totals per funder and currency, largest first. */
  private byFunder(r: FlowsResult, order: string[]): HTMLElement | null {
    const rows = funderTotals(r.flows, order);
    if (rows.length === 0) return null;
    return dataTable<FunderTotal>(
      'Money by funder',
      [
        {
          title: 'Funder',
          cell: (t) => h('button', { class: 'link', onclick: () => this.actions.select(t.funder.id) }, t.funder.name),
          csv: (t) => t.funder.name,
          sort: (t) => t.funder.name,
        },
        {
          title: 'Total',
          cell: (t) => formatMoney(t.amount, t.currency),
          csv: (t) => t.amount,
          className: 'num',
          sort: (t) => amountKey(t.amount, t.currency, order),
        },
        { title: 'Currency', cell: (t) => t.currency, hidden: true },
        { title: 'Flows', cell: (t) => String(t.count), className: 'narrow', sort: (t) => t.count },
        { title: 'Recipients', cell: (t) => String(t.recipients), className: 'narrow', sort: (t) => t.recipients },
      ],
      rows,
      `flows-${r.root?.id ?? 'all'}-by-funder.csv`,
      { sortBy: { title: 'Total', dir: 'desc' } },
    );
  }

  /** The Sankey diagram of one currency (a choice when the flows have several), and a full-width view. */
  private sankey(r: FlowsResult, preferred: string | null): HTMLElement | null {
    const currencies = flowCurrencies(r.flows);
    let currency = pickCurrency(r.flows, preferred);
    if (!currency) return null;
    const wrap = h('figure', { class: 'sankey-wrap' });
    const draw = (width: number, full: boolean) =>
      sankeySvg(flowsIn(r.flows, currency!), r.root?.id ?? null, r.direction, currency!, {
        width,
        nameChars: full ? 40 : 18,
        labelMin: full ? 9 : 14,
      });
    const title = () =>
      `Money ${r.direction === 'down' ? 'from' : 'into'} ${r.root?.name ?? 'the graph'} (${currency})`;
    const pick =
      currencies.length > 1
        ? h(
            'select',
            { 'aria-label': 'Currency of the diagram' },
            ...currencies.map((c) => h('option', { value: c, selected: c === currency }, c)),
          )
        : null;
    const render = () => {
      const svg = draw(360, false);
      setChildren(
        wrap,
        h(
          'div',
          { class: 'row' },
          pick,
          h('button', { class: 'small', onclick: () => openSankeyDialog(title(), (w) => draw(w, true)) }, 'Full width'),
        ),
        svg ?? empty(`No amounts in ${currency} to draw.`),
        h(
          'figcaption',
          { class: 'muted' },
          `Bands as wide as the amounts, in ${currency} only (no conversion)${currencies.length > 1 ? `; other currencies: ${currencies.filter((c) => c !== currency).join(', ')}` : ''}.`,
        ),
      );
    };
    pick?.addEventListener('change', () => {
      currency = pick.value;
      render();
    });
    render();
    return wrap;
  }
}

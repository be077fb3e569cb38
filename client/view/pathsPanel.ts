/** The path finder: two entities, the shortest paths between them, listed step by step. */
import type { PathsResult } from '../../server/api/schemas';
import type { Api } from '../api';
import { formatPeriod } from '../state/format';
import { moneyInline } from './figures';
import { hopText, pathSteps, pathText } from '../state/paths';
import { typeLabel } from '../state/vocab';
import { kindBadge } from './details';
import { empty, h, loading, setChildren } from './dom';
import { SearchBox } from './search';
import { dataTable } from './table';
import { errorBlock } from './toast';

export interface PathsActions {
  /** finds paths (the app fetches and draws them) */
  find(from: string, to: string, maxHops: number, k: number): Promise<PathsResult>;
  /** highlight one path (index) or all (null) */
  highlight(index: number | null): void;
  clear(): void;
  select(id: string): void;
}

export class PathsPanel {
  readonly root: HTMLElement;
  private from: { id: string; name: string } | null = null;
  private to: { id: string; name: string } | null = null;
  private readonly fromBox: SearchBox;
  private readonly toBox: SearchBox;
  private readonly hops: HTMLSelectElement;
  private readonly more: HTMLSelectElement;
  private readonly results: HTMLElement;
  private readonly findBtn: HTMLButtonElement;

  constructor(
    api: Api,
    private readonly actions: PathsActions,
  ) {
    this.fromBox = new SearchBox(api, (it) => this.setFrom(it), {
      label: 'Path from',
      placeholder: 'From…',
      className: 'picker',
    });
    this.toBox = new SearchBox(api, (it) => this.setTo(it), {
      label: 'Path to',
      placeholder: 'To…',
      className: 'picker',
    });
    this.hops = h(
      'select',
      { 'aria-label': 'Longest path (hops)' },
      ...[1, 2, 3, 4, 5, 6].map((n) => h('option', { value: String(n), selected: n === 4 }, `≤ ${n} hops`)),
    );
    this.more = h(
      'select',
      { 'aria-label': 'Longer paths to add' },
      ...[0, 1, 2, 3, 5].map((n) => h('option', { value: String(n) }, n === 0 ? 'shortest only' : `+ ${n} longer`)),
    );
    this.findBtn = h('button', { class: 'primary', onclick: () => void this.run() }, 'Find paths');
    this.results = h('div', { class: 'path-results', 'aria-live': 'polite' });
    this.root = h(
      'div',
      { class: 'paths' },
      h('h2', {}, 'Path finder'),
      h('p', { class: 'muted' }, 'Shortest connections between two entities, in any direction.'),
      h('div', { class: 'field' }, h('label', { for: this.fromBox.input.id }, 'From'), this.fromBox.root),
      h('div', { class: 'field' }, h('label', { for: this.toBox.input.id }, 'To'), this.toBox.root),
      h(
        'div',
        { class: 'row' },
        h('button', { onclick: () => this.swap(), title: 'Swap from and to', 'aria-label': 'Swap from and to' }, '⇅'),
        this.hops,
        this.more,
        this.findBtn,
        h('button', { onclick: () => this.clear() }, 'Clear'),
      ),
      this.results,
    );
    setChildren(this.results, empty('Pick two entities (or use “Path from” / “Path to” on a selected one).'));
  }

  get endpoints(): { from: string | null; to: string | null } {
    return { from: this.from?.id ?? null, to: this.to?.id ?? null };
  }

  setFrom(it: { id: string; name: string }): void {
    this.from = { id: it.id, name: it.name };
    this.fromBox.setValue(it.name);
  }

  setTo(it: { id: string; name: string }): void {
    this.to = { id: it.id, name: it.name };
    this.toBox.setValue(it.name);
  }

  private swap(): void {
    const [f, t] = [this.from, this.to];
    this.from = t;
    this.to = f;
    this.fromBox.setValue(t?.name ?? '');
    this.toBox.setValue(f?.name ?? '');
  }

  clear(): void {
    this.from = null;
    this.to = null;
    this.fromBox.setValue('');
    this.toBox.setValue('');
    setChildren(this.results, empty('Pick two entities.'));
    this.actions.clear();
  }

  /** Finds and lists the paths between the chosen entities. */
  async run(): Promise<void> {
    if (!this.from || !this.to) {
      setChildren(this.results, errorBlock(new Error('choose both ends from the suggestions first'), 'Cannot search'));
      return;
    }
    setChildren(this.results, loading('paths'));
    this.findBtn.disabled = true;
    try {
      const r = await this.actions.find(this.from.id, this.to.id, Number(this.hops.value), Number(this.more.value));
      this.show(r);
    } catch (e) {
      setChildren(this.results, errorBlock(e, 'Path search failed'));
    } finally {
      this.findBtn.disabled = false;
    }
  }

  /** Lists paths: a summary, each path as numbered steps, a CSV of all steps. */
  show(r: PathsResult): void {
    if (r.paths.length === 0) {
      setChildren(this.results, empty(`No path of at most ${this.hops.value} hops between them.`));
      return;
    }
    const shortest = r.paths[0]!.relationships.length;
    const rows = r.paths.flatMap((p, i) => pathSteps(p).map((s, j) => ({ path: i + 1, step: j + 1, s })));
    setChildren(
      this.results,
      h(
        'p',
        { class: 'summary' },
        `${r.paths.length} path${r.paths.length === 1 ? '' : 's'}; the shortest has ${shortest} step${shortest === 1 ? '' : 's'}. `,
        h('button', { class: 'link', onclick: () => this.actions.highlight(null) }, 'Show all'),
      ),
      h(
        'ol',
        { class: 'path-list' },
        ...r.paths.map((p, i) =>
          h(
            'li',
            { class: 'path' },
            h(
              'button',
              { class: 'path-title link', onclick: () => this.actions.highlight(i), title: 'Highlight this path' },
              `Path ${i + 1} · ${p.relationships.length} step${p.relationships.length === 1 ? '' : 's'}`,
            ),
            h('p', { class: 'visually-hidden' }, pathText(p)),
            h(
              'ol',
              { class: 'steps' },
              ...pathSteps(p).map((s) => {
                const amount = moneyInline(s.properties);
                const when = formatPeriod(s.properties);
                const parallel = hopText(s.hop);
                return h(
                  'li',
                  { class: 'step' },
                  h('button', { class: 'link', onclick: () => this.actions.select(s.from.id) }, s.from.name),
                  ' ',
                  h(
                    'span',
                    { class: `rel ${s.forward ? 'fwd' : 'back'}` },
                    s.forward ? `—${typeLabel(s.type)}→` : `←${typeLabel(s.type)}—`,
                  ),
                  ' ',
                  h('button', { class: 'link', onclick: () => this.actions.select(s.to.id) }, s.to.name),
                  ' ',
                  kindBadge(s.to.kind),
                  parallel === null && amount !== null ? h('span', { class: 'amount' }, ` ${amount}`) : null,
                  parallel === null && when ? h('span', { class: 'muted' }, ` · ${when}`) : null,
                  parallel !== null && s.hop
                    ? h(
                        'details',
                        { class: 'parallel' },
                        h('summary', {}, parallel),
                        h(
                          'ul',
                          {},
                          ...s.hop.relationships.map((r) =>
                            h(
                              'li',
                              {},
                              typeLabel(r.type),
                              moneyInline(r.properties) !== null ? ` ${moneyInline(r.properties)}` : '',
                              formatPeriod(r.properties) ? ` · ${formatPeriod(r.properties)}` : '',
                            ),
                          ),
                        ),
                      )
                    : null,
                );
              }),
            ),
          ),
        ),
      ),
      dataTable(
        'Path steps',
        [
          { title: 'Path', cell: (x) => String(x.path) },
          { title: 'Step', cell: (x) => String(x.step) },
          { title: 'From', cell: (x) => x.s.from.name },
          { title: 'Relationship', cell: (x) => x.s.type },
          { title: 'Direction', cell: (x) => (x.s.forward ? 'forward' : 'backward') },
          { title: 'To', cell: (x) => x.s.to.name },
          {
            title: 'Amount',
            cell: (x) => (typeof x.s.properties.amount === 'number' ? String(x.s.properties.amount) : ''),
          },
        ],
        rows,
        'paths.csv',
        { csvOnly: true },
      ),
    );
  }
}

/**
 * Search with autocomplete (English and Chinese names and aliases, through /api/search): an ARIA
 * combobox driven from the keyboard (↑ ↓ Home End Enter Escape) or the mouse. When nothing matches,
 * the API's nearest names are offered under "Did you mean", chosen like results.
 */
import type { Api } from '../api';
import { isAbort } from '../api';
import type { SearchResult } from '../../server/api/schemas';
import { enterChoice, moveActive } from '../state/listbox';
import { KIND_COLORS, KIND_LABELS, isNodeKind } from '../state/vocab';
import { debounce, h, setChildren } from './dom';
import { describeError } from './toast';

export type SearchItem = SearchResult['items'][number];

let counter = 0;

export class SearchBox {
  readonly root: HTMLElement;
  readonly input: HTMLInputElement;
  private readonly list: HTMLUListElement;
  private readonly status: HTMLElement;
  private items: SearchItem[] = [];
  private active = -1;
  private controller: AbortController | null = null;
  private readonly id = `search-${++counter}`;

  constructor(
    private readonly api: Api,
    private readonly onChoose: (item: SearchItem) => void,
    opts: { label: string; placeholder?: string; className?: string } = { label: 'Search' },
  ) {
    this.input = h('input', {
      type: 'search',
      id: `${this.id}-input`,
      class: 'search-input',
      placeholder: opts.placeholder ?? 'Search…',
      autocomplete: 'off',
      spellcheck: false,
      role: 'combobox',
      'aria-autocomplete': 'list',
      'aria-expanded': 'false',
      'aria-controls': `${this.id}-list`,
      'aria-label': opts.label,
    });
    this.list = h('ul', {
      id: `${this.id}-list`,
      class: 'search-list',
      role: 'listbox',
      'aria-label': `${opts.label}: results`,
      hidden: true,
    });
    this.status = h('div', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite' });
    this.root = h('div', { class: `search ${opts.className ?? ''}` }, this.input, this.list, this.status);
    const run = debounce(() => void this.query(), 150);
    this.input.addEventListener('input', () => {
      if (this.input.value.trim() === '') this.close();
      else run();
    });
    this.input.addEventListener('keydown', (e) => this.onKey(e));
    this.input.addEventListener('blur', () => setTimeout(() => this.close(), 150));
    this.input.addEventListener('focus', () => {
      if (this.items.length > 0 && this.input.value.trim()) this.open();
    });
  }

  private async query(): Promise<void> {
    const q = this.input.value.trim();
    if (!q) return;
    this.controller?.abort();
    const c = new AbortController();
    this.controller = c;
    try {
      const r = await this.api.search({ q, limit: 12 }, c.signal);
      if (c.signal.aborted) return;
      this.render(r.items, r.suggestions);
    } catch (e) {
      if (isAbort(e)) return;
      const d = describeError(e);
      setChildren(
        this.list,
        h('li', { class: 'search-error', role: 'option', 'aria-disabled': 'true' }, `${d.title}: ${d.detail}`),
      );
      this.items = [];
      this.open();
    }
  }

  private render(items: SearchItem[], suggestions: SearchItem[] = []): void {
    const suggesting = items.length === 0 && suggestions.length > 0;
    const shown = suggesting ? suggestions : items;
    this.items = shown;
    this.active = -1;
    const options = shown.map((it, i) => {
      const zh = it.aliases.find((a) => /[\u3400-\u9fff]/.test(a));
      const color = isNodeKind(it.kind) ? KIND_COLORS[it.kind] : '#888';
      const li = h(
        'li',
        {
          id: `${this.id}-opt-${i}`,
          role: 'option',
          class: suggesting ? 'search-option search-suggestion' : 'search-option',
          'aria-selected': i === this.active ? 'true' : 'false',
          'data-id': it.id,
        },
        h('span', { class: 'swatch', style: `background:${color}`, 'aria-hidden': 'true' }),
        h('span', { class: 'search-name' }, it.name, zh ? h('span', { class: 'zh' }, ` ${zh}`) : null),
        h('span', { class: 'search-kind' }, isNodeKind(it.kind) ? KIND_LABELS[it.kind] : it.kind),
      );
      li.addEventListener('mousedown', (e) => {
        e.preventDefault();
        this.choose(i);
      });
      return li;
    });
    if (items.length === 0 && !suggesting)
      setChildren(this.list, h('li', { class: 'search-empty', role: 'option', 'aria-disabled': 'true' }, 'No match'));
    else if (suggesting)
      setChildren(
        this.list,
        h('li', { class: 'search-empty', role: 'presentation' }, 'No match. Did you mean:'),
        ...options,
      );
    else setChildren(this.list, ...options);
    this.status.textContent =
      items.length > 0
        ? `${items.length} results`
        : suggesting
          ? `No match; ${suggestions.length} suggestions: did you mean ${suggestions[0]!.name}?`
          : 'No match';
    this.open();
    this.highlight();
  }

  private open(): void {
    this.list.hidden = false;
    this.input.setAttribute('aria-expanded', 'true');
  }

  close(): void {
    this.list.hidden = true;
    this.input.setAttribute('aria-expanded', 'false');
    this.input.removeAttribute('aria-activedescendant');
  }

  private highlight(): void {
    this.list
      .querySelectorAll('[role=option][data-id]')
      .forEach((el, i) => el.setAttribute('aria-selected', String(i === this.active)));
    if (this.active >= 0) {
      const id = `${this.id}-opt-${this.active}`;
      this.input.setAttribute('aria-activedescendant', id);
      document.getElementById(id)?.scrollIntoView({ block: 'nearest' });
    } else this.input.removeAttribute('aria-activedescendant');
  }

  private onKey(e: KeyboardEvent): void {
    const n = this.items.length;
    switch (e.key) {
      case 'ArrowDown':
        e.preventDefault();
        if (this.list.hidden) this.open();
        this.active = moveActive(this.active, n, e.key);
        this.highlight();
        break;
      case 'ArrowUp':
        e.preventDefault();
        this.active = moveActive(this.active, n, e.key);
        this.highlight();
        break;
      case 'Home':
      case 'End':
        if (!this.list.hidden && n) {
          e.preventDefault();
          this.active = moveActive(this.active, n, e.key);
          this.highlight();
        }
        break;
      case 'Enter': {
        const i = this.list.hidden ? null : enterChoice(this.active, n);
        if (i !== null) {
          e.preventDefault();
          this.choose(i);
        }
        break;
      }
      case 'Escape':
        if (!this.list.hidden) {
          e.preventDefault();
          e.stopPropagation();
          this.close();
        } else if (this.input.value) {
          e.preventDefault();
          e.stopPropagation();
          this.input.value = '';
        }
        break;
    }
  }

  private choose(i: number): void {
    const item = this.items[i];
    if (!item) return;
    this.close();
    this.onChoose(item);
  }

  /** Shows a chosen entity's name in the box (path pickers). */
  setValue(text: string): void {
    this.input.value = text;
  }
}

/**
 * The detail panel of the selected entity: kind, aliases, description, money in and out (amounts for
 * people, with their source quotes), indicators over time as small charts, properties, source quotes,
 * neighbours; and the actions on it (expand/collapse, focus, follow the money, paths).
 */
import type { Deal, Entity, RelationshipItem } from '../../server/api/schemas';
import { isAbort, type Api } from '../api';
import { displayValue, formatPeriod, shortPeriod } from '../state/format';
import { indicatorSeries } from '../state/indicators';
import { KIND_COLORS, KIND_LABELS, isMoneyType, isNodeKind, typeLabel } from '../state/vocab';
import { seriesBlock } from './charts';
import { dealsSection, loadDeals } from './deals';
import { renderEdge, type EdgeEnds } from './edgeDetails';
import type { EdgeLike } from '../state/edges';
import { empty, h, loading, setChildren } from './dom';
import { moneyCell, statedCsv, totalsText } from './figures';
import { dataTable, type Column } from './table';
import { errorBlock } from './toast';
import type { GroupInfo } from '../state/groups';
import { groupDetails } from './groupDetails';

export interface DetailsActions {
  select(id: string): void;
  expand(id: string): void;
  collapse(id: string): void;
  focus(id: string): void;
  followMoney(id: string, direction: 'down' | 'up'): void;
  pathFrom(id: string): void;
  pathTo(id: string): void;
  isExpanded(id: string): boolean;
  /** "300 of 1,204 neighbours" while more of its neighbours can be loaded, else null */
  paging(id: string): string | null;
  /** loads the next page of its neighbours */
  more(id: string): void;
  inView(id: string): boolean;
  /** why expanding is not possible now (e.g. in the co-funding view), or null */
  expandBlocked(): string | null;
  /** the overview's group `id` (null: not a group of the view) */
  group(id: string): GroupInfo | null;
  /** opens the group in place, or closes it */
  toggleGroup(id: string): void;
}

const MAX_RELATIONSHIPS = 2000;
const MAX_INDICATORS = 40;

export function kindBadge(kind: string): HTMLElement {
  const color = isNodeKind(kind) ? KIND_COLORS[kind] : '#888';
  return h('span', { class: 'badge', style: `--badge:${color}` }, isNodeKind(kind) ? KIND_LABELS[kind] : kind);
}

async function allRelationships(
  api: Api,
  id: string,
  signal: AbortSignal,
): Promise<{ items: RelationshipItem[]; more: boolean }> {
  const items: RelationshipItem[] = [];
  let cursor: string | undefined;
  do {
    const page = await api.relationships(id, { limit: 500, ...(cursor ? { cursor } : {}) }, signal);
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && items.length < MAX_RELATIONSHIPS);
  return { items, more: cursor !== undefined };
}

export class DetailsPanel {
  readonly root: HTMLElement;
  private controller: AbortController | null = null;
  private current: { entity: Entity; rels: RelationshipItem[] } | null = null;
  private actionsEl: HTMLElement | null = null;
  /** the group shown (a group of the overview), else null */
  private groupId: string | null = null;

  constructor(
    private readonly api: Api,
    private readonly actions: DetailsActions,
  ) {
    this.root = h('div', { class: 'details' });
    this.showEmpty();
  }

  get entity(): Entity | null {
    return this.current?.entity ?? null;
  }

  private showEmpty(): void {
    setChildren(this.root, empty('Select an entity in the network, or search for one (press / to search).'));
  }

  /** Loads and shows an entity, or a group of the overview (null: the empty state). */
  async show(id: string | null): Promise<void> {
    this.controller?.abort();
    this.current = null;
    this.groupId = null;
    if (!id) return this.showEmpty();
    if (this.showGroup(id)) return;
    const c = new AbortController();
    this.controller = c;
    setChildren(this.root, loading('the entity'));
    try {
      const [entity, rels] = await Promise.all([
        this.api.entity(id, c.signal),
        allRelationships(this.api, id, c.signal),
      ]);
      const indicatorIds = rels.items
        .filter((r) => r.type === 'HAS_INDICATOR' && r.direction === 'out')
        .slice(0, MAX_INDICATORS)
        .map((r) => r.other.id);
      const indicators = await Promise.all(indicatorIds.map((i) => this.api.entity(i, c.signal).catch(() => null)));
      const deals = await loadDeals(this.api, rels.items, c.signal);
      if (c.signal.aborted) return;
      this.current = { entity, rels: rels.items };
      this.render(
        entity,
        rels.items,
        rels.more,
        indicators.filter((x): x is Entity => x !== null),
        deals,
      );
    } catch (e) {
      if (isAbort(e) || c.signal.aborted) return;
      setChildren(this.root, errorBlock(e, 'Could not load the entity'));
    }
  }

  /** Shows an edge (a relationship, or merged parallel ones) with its relationships and their quotes. */
  async showEdge(edge: EdgeLike, ends: EdgeEnds): Promise<void> {
    this.controller?.abort();
    this.current = null;
    this.groupId = null;
    const c = new AbortController();
    this.controller = c;
    await renderEdge(this.api, this.root, edge, ends, (id) => this.actions.select(id), c.signal);
  }

  /** Shows group `id` of the overview; false when it is none. */
  private showGroup(id: string): boolean {
    const g = this.actions.group(id);
    if (!g) return false;
    this.groupId = id;
    setChildren(this.root, groupDetails(g, this.actions));
    return true;
  }

  /** Re-renders the action buttons (after expand/collapse, or a group opened or closed). */
  refreshActions(): void {
    if (this.groupId && !this.showGroup(this.groupId)) this.show(null).catch(() => undefined);
    if (!this.current || !this.actionsEl) return;
    const fresh = this.actionBar(this.current.entity, this.current.rels);
    this.actionsEl.replaceWith(fresh);
    this.actionsEl = fresh;
  }

  private actionBar(entity: Entity, rels: RelationshipItem[]): HTMLElement {
    const a = this.actions;
    const expanded = a.isExpanded(entity.id);
    const blocked = a.expandBlocked();
    const paging = expanded ? a.paging(entity.id) : null;
    const fundsOut = rels.some((r) => isMoneyType(r.type) && r.direction === 'out');
    const fundedBy = rels.some((r) => isMoneyType(r.type) && r.direction === 'in');
    return h(
      'div',
      { class: 'actions', role: 'group', 'aria-label': 'Actions on this entity' },
      expanded
        ? h(
            'button',
            { onclick: () => a.collapse(entity.id), title: 'Take out the neighbours that expanding brought in' },
            'Collapse',
          )
        : h(
            'button',
            {
              onclick: () => a.expand(entity.id),
              disabled: blocked !== null,
              title: blocked ?? 'Load its neighbours into the view',
            },
            'Expand',
          ),
      paging
        ? h(
            'span',
            { class: 'paging' },
            `${paging} — `,
            h('button', { class: 'small', onclick: () => a.more(entity.id), title: 'Load the next page' }, 'more'),
          )
        : null,
      h(
        'button',
        { onclick: () => a.focus(entity.id), disabled: !a.inView(entity.id), title: 'Move the camera to it' },
        'Focus',
      ),
      h(
        'button',
        {
          onclick: () => a.followMoney(entity.id, 'down'),
          disabled: !fundsOut,
          title: fundsOut ? 'Downstream money flows: where its money goes' : 'It funds nothing recorded',
        },
        'Follow the money',
      ),
      h(
        'button',
        {
          onclick: () => a.followMoney(entity.id, 'up'),
          disabled: !fundedBy,
          title: fundedBy ? 'Upstream money flows: where its money comes from' : 'No money into it recorded',
        },
        'Money sources',
      ),
      h('button', { onclick: () => a.pathFrom(entity.id), title: 'Use as the start of a path' }, 'Path from'),
      h('button', { onclick: () => a.pathTo(entity.id), title: 'Use as the end of a path' }, 'Path to'),
    );
  }

  private render(
    entity: Entity,
    rels: RelationshipItem[],
    more: boolean,
    indicators: Entity[],
    deals: Deal[] = [],
  ): void {
    const a = this.actions;
    const link = (ref: { id: string; name: string }) =>
      h(
        'button',
        {
          class: 'link',
          onclick: () => a.select(ref.id),
          title: a.inView(ref.id) ? 'Select' : 'Select (brings it into the view)',
        },
        ref.name,
      );
    const quote = (r: RelationshipItem) =>
      r.sources.length
        ? h(
            'div',
            { class: 'quotes' },
            ...r.sources.map((s) => h('q', { class: 'quote', title: `Source: ${s.source}` }, s.quote)),
          )
        : null;
    const money = rels.filter((r) => isMoneyType(r.type));
    const moneyCols = (dir: 'in' | 'out'): Column<RelationshipItem>[] => [
      {
        title: dir === 'in' ? 'From' : 'To',
        cell: (r) =>
          h(
            'span',
            {},
            link(r.other),
            h(
              'span',
              { class: 'sub' },
              [typeLabel(r.type), displayValue(r.properties.instrument).replaceAll('_', ' ')]
                .filter(Boolean)
                .join(' · '),
            ),
          ),
        csv: (r) => r.other.name,
      },
      {
        title: 'Amount',
        className: 'num',
        cell: (r) => moneyCell(r.properties),
        csv: (r) => r.properties.amount ?? '',
      },
      {
        title: 'When',
        cell: (r) =>
          h('span', { title: formatPeriod(r.properties) }, shortPeriod(r.properties) || formatPeriod(r.properties)),
        csv: (r) => formatPeriod(r.properties),
      },
      { title: 'Type', cell: (r) => r.type, hidden: true },
      { title: 'Currency', cell: (r) => displayValue(r.properties.currency), hidden: true },
      { title: 'As stated', cell: (r) => statedCsv(r.properties), hidden: true },
      { title: 'Instrument', cell: (r) => displayValue(r.properties.instrument), hidden: true },
      { title: 'Source quote', cell: (r) => r.sources.map((s) => s.quote).join(' | '), hidden: true },
    ];
    const moneySection = (dir: 'in' | 'out') => {
      const rows = money.filter((r) => r.direction === dir);
      if (rows.length === 0) return null;
      const totals = entity.stats.money[dir];
      return h(
        'section',
        { class: `money-${dir}`, 'aria-label': dir === 'in' ? 'Money in' : 'Money out' },
        h('h3', {}, dir === 'in' ? 'Money in' : 'Money out', ' ', h('span', { class: 'count' }, String(rows.length))),
        totals.length ? h('p', { class: 'totals' }, 'Total stated: ', totalsText(totals)) : null,
        dataTable(dir === 'in' ? 'Money in' : 'Money out', moneyCols(dir), rows, `${entity.id}-money-${dir}.csv`, {
          detail: quote,
        }),
      );
    };
    const series = indicatorSeries(indicators);
    const props = Object.entries(entity.properties);
    const groups = new Map<string, RelationshipItem[]>();
    for (const r of rels) {
      const k = `${r.direction === 'out' ? '→' : '←'} ${typeLabel(r.type)}`;
      groups.set(k, [...(groups.get(k) ?? []), r]);
    }
    this.actionsEl = this.actionBar(entity, rels);
    const zh = entity.aliases.filter((x) => /[\u3400-\u9fff]/.test(x));
    setChildren(
      this.root,
      h(
        'header',
        { class: 'details-head' },
        h('h2', { id: 'details-title' }, entity.name),
        h('div', { class: 'details-meta' }, kindBadge(entity.kind), h('code', {}, entity.id)),
        entity.aliases.length
          ? h(
              'p',
              { class: 'aliases' },
              h('span', { class: 'label' }, 'Also: '),
              ...entity.aliases.map((al, i) =>
                h(
                  'span',
                  { class: zh.includes(al) ? 'alias zh' : 'alias' },
                  al,
                  i < entity.aliases.length - 1 ? ' · ' : '',
                ),
              ),
            )
          : null,
      ),
      this.actionsEl,
      entity.description ? h('p', { class: 'description' }, entity.description) : null,
      moneySection('in'),
      moneySection('out'),
      dealsSection(deals, entity.id, link),
      series.length
        ? h(
            'section',
            { class: 'indicators', 'aria-label': 'Indicators' },
            h('h3', {}, 'Indicators'),
            ...series.map((s) => seriesBlock(s, (id) => a.select(id))),
          )
        : null,
      props.length
        ? h(
            'section',
            { 'aria-label': 'Properties' },
            h('h3', {}, 'Properties'),
            h(
              'dl',
              { class: 'props' },
              ...props.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, displayValue(v).replaceAll('_', ' '))]),
            ),
          )
        : null,
      entity.sources.length
        ? h(
            'section',
            { class: 'sources', 'aria-label': 'Sources' },
            h('h3', {}, 'Sources'),
            ...entity.sources.map((s) =>
              h('blockquote', {}, h('p', {}, s.quote), h('footer', {}, '— ', h('code', {}, s.source))),
            ),
          )
        : null,
      h(
        'section',
        { class: 'neighbours', 'aria-label': 'Neighbours' },
        h('h3', {}, 'Neighbours ', h('span', { class: 'count' }, `${rels.length}${more ? '+' : ''}`)),
        rels.length === 0 ? empty('No relationships.') : null,
        ...[...groups.entries()].map(([k, list]) =>
          h(
            'details',
            { open: list.length <= 12 },
            h('summary', {}, `${k} (${list.length})`),
            h(
              'ul',
              { class: 'neighbour-list' },
              ...list.map((r) =>
                h(
                  'li',
                  {},
                  h('span', {
                    class: 'swatch',
                    style: `background:${isNodeKind(r.other.kind) ? KIND_COLORS[r.other.kind] : '#888'}`,
                    'aria-hidden': 'true',
                  }),
                  link(r.other),
                  a.inView(r.other.id) ? null : h('span', { class: 'muted' }, ' (not in view)'),
                ),
              ),
            ),
          ),
        ),
      ),
    );
  }
}

/**
 * The deal section of the detail panel: for the money relationships of the selected entity that belong
 * to a deal (a round, an award, a joint allocation), the deal's stated total as stated, its caveat and
 * its participants (co-funders and co-investors), fetched from /api/deals/:id.
 */
import type { Deal, RelationshipItem } from '../../server/api/schemas';
import type { Api } from '../api';
import { formatMoney, formatPeriod } from '../state/format';
import { h } from './dom';

/** At most this many deals are fetched for one entity. */
const MAX_DEALS = 20;

const DEAL_TYPE_LABELS: Record<string, string> = {
  round: 'investment round',
  award: 'award',
  joint_allocation: 'joint allocation',
  other: 'deal',
};

/** The distinct deal ids of an entity's money relationships, in relationship order. */
export function dealIdsOf(rels: RelationshipItem[]): string[] {
  const ids: string[] = [];
  for (const r of rels) {
    const d = r.properties.deal;
    if ((r.type === 'FUNDS' || r.type === 'INVESTS_IN') && typeof d === 'string' && !ids.includes(d)) ids.push(d);
  }
  return ids.slice(0, MAX_DEALS);
}

/** Fetches the deals of an entity's money relationships (a deal that fails to load is left out). */
export async function loadDeals(api: Api, rels: RelationshipItem[], signal: AbortSignal): Promise<Deal[]> {
  const deals = await Promise.all(dealIdsOf(rels).map((id) => api.deal(id, signal).catch(() => null)));
  return deals.filter((d): d is Deal => d !== null);
}

/** The stated total of a deal: the text as stated, its qualifier, and the normalised amount as a reading aid. */
function statedTotal(d: Deal): string {
  const stated = d.amountText ?? (typeof d.amount === 'number' ? formatMoney(d.amount, d.currency) : 'not stated');
  const q = d.amountQualifier && d.amountQualifier !== 'exact' ? ` (${d.amountQualifier.replaceAll('_', ' ')})` : '';
  const aid = d.amountText && typeof d.amount === 'number' ? ` · ${formatMoney(d.amount, d.currency)}` : '';
  return `${stated}${q}${aid}`;
}

/** A participant's part: its own amount or share when stated, else "share not stated". */
function partOf(p: Deal['participants'][number]): string {
  if (p.amountText) return p.amountText;
  if (typeof p.amount === 'number') return formatMoney(p.amount, p.currency);
  if (typeof p.share === 'number') return `${Math.round(p.share * 1000) / 10}% of the total`;
  return 'share not stated';
}

/**
 * The deals section (null when there are none): per deal its name, type, stated total, period, caveat
 * and participants, the selected entity's own participation marked; `link` renders a selectable name.
 */
export function dealsSection(
  deals: Deal[],
  entityId: string,
  link: (ref: { id: string; name: string }) => HTMLElement,
): HTMLElement | null {
  if (deals.length === 0) return null;
  return h(
    'section',
    { class: 'deals', 'aria-label': 'Deals' },
    h('h3', {}, 'Deals ', h('span', { class: 'count' }, String(deals.length))),
    ...deals.map((d) => {
      const period = formatPeriod(d);
      const others = d.participants.filter((p) => p.from.id !== entityId && p.to.id !== entityId);
      return h(
        'article',
        { class: 'deal', 'data-deal': d.id },
        h('h4', {}, d.name, ' ', h('span', { class: 'sub' }, DEAL_TYPE_LABELS[d.dealType ?? 'other'] ?? 'deal')),
        h(
          'p',
          { class: 'deal-total' },
          h('span', { class: 'label' }, 'Stated total: '),
          statedTotal(d),
          period ? ` · ${period}` : '',
        ),
        d.caveat
          ? h('p', { class: 'caveat', role: 'note' }, h('span', { class: 'label' }, 'Caveat: '), d.caveat)
          : null,
        h(
          'p',
          { class: 'label' },
          others.length > 0
            ? `Participants (${d.participants.length}; ${others.length} besides this one):`
            : `Participants (${d.participants.length}):`,
        ),
        h(
          'ul',
          { class: 'deal-participants' },
          ...d.participants.map((p) =>
            h(
              'li',
              { class: p.from.id === entityId || p.to.id === entityId ? 'self' : 'co' },
              link(p.from),
              ' → ',
              link(p.to),
              h('span', { class: 'sub' }, ` ${partOf(p)}`),
            ),
          ),
        ),
      );
    }),
  );
}

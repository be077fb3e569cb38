/**
 * An edge in the detail panel: its two ends, the one-line summary (count, total, years) and its
 * relationships, a page at a time from GET /api/relationships, each with its amount, period, the
 * fields that tell it apart (title, award number, instrument, programme) and its provenance quotes.
 */
import type { RelationshipItem } from '../../server/api/schemas';
import { isAbort, type Api } from '../api';
import { edgeSummary, isMerged, partsQuery, relationshipCount, type EdgeLike } from '../state/edges';
import { displayValue, formatPeriod, plural } from '../state/format';
import { typeLabel } from '../state/vocab';
import { h, loading, setChildren } from './dom';
import { moneyCell } from './figures';
import { errorBlock } from './toast';

const PAGE = 50;
/** fields shown for each relationship, when present, besides money and period */
const FIELDS = ['title', 'externalId', 'instrument', 'program', 'mode', 'role', 'deal', 'share'] as const;

export interface EdgeEnds {
  from: { id: string; name: string };
  to: { id: string; name: string };
}

/** One relationship of the edge: money, period, distinguishing fields and quotes. */
function relationshipRow(r: RelationshipItem): HTMLElement {
  const p = r.properties;
  const fields = FIELDS.filter((k) => p[k] !== undefined).map((k) =>
    h('span', { class: 'field' }, h('span', { class: 'muted' }, `${k}: `), displayValue(p[k]).replaceAll('_', ' ')),
  );
  return h(
    'li',
    { class: 'edge-part', 'data-id': r.id },
    h(
      'div',
      { class: 'edge-part-head' },
      p.amount !== undefined || p.amountText !== undefined ? moneyCell(p) : null,
      h('span', { class: 'sub' }, formatPeriod(p)),
      h('code', { class: 'muted' }, r.id),
    ),
    fields.length ? h('div', { class: 'edge-part-fields' }, ...fields) : null,
    r.sources.length
      ? h(
          'div',
          { class: 'quotes' },
          ...r.sources.map((s) => h('q', { class: 'quote', title: `Source: ${s.source}` }, s.quote)),
        )
      : null,
  );
}

/**
 * Renders the edge into `root` and loads its first page of relationships (more on demand); `select`
 * selects an end. Stops when `signal` aborts (another selection).
 */
export async function renderEdge(
  api: Api,
  root: HTMLElement,
  edge: EdgeLike,
  ends: EdgeEnds,
  select: (id: string) => void,
  signal: AbortSignal,
): Promise<void> {
  const total = relationshipCount(edge.attrs);
  const list = h('ol', { class: 'edge-parts' });
  const status = h('p', { class: 'muted' });
  const more = h('button', { class: 'more', type: 'button', hidden: true }, 'More');
  const end = (n: { id: string; name: string }) => h('button', { class: 'link', onclick: () => select(n.id) }, n.name);
  setChildren(
    root,
    h(
      'section',
      { class: 'edge-details', 'aria-label': 'Edge' },
      h('header', {}, h('h2', {}, end(ends.from), ` —${typeLabel(edge.type)}→ `, end(ends.to))),
      h('p', { class: 'edge-summary' }, edgeSummary(edge)),
      isMerged(edge.attrs)
        ? h('p', { class: 'muted' }, `${plural(total, 'relationship')} between these two, merged into one edge.`)
        : null,
      list,
      status,
      more,
    ),
  );
  let cursor: string | undefined;
  let shown = 0;
  const load = async () => {
    more.hidden = true;
    const wait = loading('the relationships');
    status.replaceChildren(wait);
    try {
      const page = await api.between({ ...partsQuery(edge), limit: PAGE, ...(cursor ? { cursor } : {}) }, signal);
      if (signal.aborted) return;
      list.append(...page.items.map(relationshipRow));
      shown += page.items.length;
      cursor = page.nextCursor ?? undefined;
      status.textContent = `${shown} of ${plural(total, 'relationship')}`;
      more.hidden = cursor === undefined;
    } catch (e) {
      if (isAbort(e) || signal.aborted) return;
      status.replaceChildren(errorBlock(e, 'Could not load the relationships'));
    }
  };
  more.addEventListener('click', () => void load());
  await load();
}

/**
 * The Sankey diagram of money flows in one currency (inline SVG): bands as wide as the amounts, each
 * node and each wide enough band labelled with its amount (formatted by state/format.ts); drawn in the
 * Money panel and, full width, in a dialog.
 */
import type { Flow } from '../../server/api/schemas';
import { sankeyLayout } from '../state/flows';
import { formatMoneyEn } from '../state/format';
import { KIND_COLORS, isNodeKind } from '../state/vocab';
import { h, s } from './dom';

export interface SankeyOptions {
  /** drawing width in px (labels included) */
  width: number;
  /** most characters of a node's name */
  nameChars: number;
  /** bands at least this thick get their amount written on them */
  labelMin: number;
}

const short = (t: string, n: number) => (t.length > n ? `${t.slice(0, n - 1)}…` : t);

/** The diagram of `flows` (all in `currency`), or null when none has an amount. */
export function sankeySvg(
  flows: readonly Flow[],
  rootId: string | null,
  direction: 'down' | 'up',
  currency: string,
  o: SankeyOptions,
): SVGSVGElement | null {
  const side = Math.round(o.nameChars * 6.2 + 8); // room for the labels of the first and last columns
  const rows = Math.max(...[0, ...countPerColumn(flows, direction)]);
  const height = Math.min(o.width > 600 ? 900 : 340, Math.max(80, 40 + 34 * rows));
  const lay = sankeyLayout(flows, rootId, direction, o.width - 2 * side, height);
  if (lay.links.length === 0) return null;
  const last = Math.max(...lay.nodes.map((n) => n.column));
  const money = (n: number) => formatMoneyEn(n, currency);
  const svg = s('svg', {
    viewBox: `${-side} -4 ${o.width} ${height + 8}`,
    class: 'sankey',
    role: 'img',
    'aria-label': `Sankey diagram of the money flows in ${currency}`,
    'data-currency': currency,
  });
  for (const l of lay.links) {
    svg.append(
      s(
        'path',
        { d: l.d, class: 'sankey-link', 'stroke-width': l.thickness.toFixed(1) },
        s('title', {}, money(l.amount)),
      ),
    );
  }
  for (const l of lay.links)
    if (l.thickness >= o.labelMin)
      svg.append(
        s('text', { x: l.mid.x, y: l.mid.y + 3, 'text-anchor': 'middle', class: 'sankey-amount' }, money(l.amount)),
      );
  for (const n of lay.nodes) {
    const color = isNodeKind(n.kind) ? KIND_COLORS[n.kind] : '#888';
    const g = s('g', { class: 'sankey-node' }, s('title', {}, `${n.name}: ${money(n.value)}`));
    g.append(
      s('rect', { x: n.x.toFixed(1), y: n.y.toFixed(1), width: n.width, height: n.height.toFixed(1), fill: color }),
    );
    const first = n.column === 0 && last > 0;
    const x = (first ? n.x - 4 : n.x + n.width + 4).toFixed(1);
    const y = n.y + n.height / 2;
    const anchor = first ? 'end' : 'start';
    // small nodes among many keep their name and amount in the tooltip only, not to overprint
    const crowded = n.height < 9 && lay.nodes.length > 30;
    if (!crowded)
      g.append(
        s(
          'text',
          { x, y: (y - 1).toFixed(1), 'text-anchor': anchor, class: 'sankey-label' },
          short(n.name, o.nameChars),
        ),
      );
    if (n.id === rootId || n.height >= 20)
      g.append(s('text', { x, y: (y + 9).toFixed(1), 'text-anchor': anchor, class: 'sankey-amount' }, money(n.value)));
    svg.append(g);
  }
  return svg;
}

/** How many distinct ends each hop has (to size the height). */
function countPerColumn(flows: readonly Flow[], direction: 'down' | 'up'): number[] {
  const by = new Map<number, Set<string>>();
  for (const f of flows) {
    if (f.amount === null) continue;
    const far = direction === 'down' ? f.target.id : f.source.id;
    const set = by.get(f.hop) ?? new Set<string>();
    set.add(far);
    by.set(f.hop, set);
  }
  return [...by.values()].map((x) => x.size);
}

/** Opens the diagram full width in a modal dialog (closed with Esc or its button). */
export function openSankeyDialog(title: string, draw: (width: number) => SVGSVGElement | null): void {
  const width = Math.max(600, window.innerWidth - 64);
  const dialog = h(
    'dialog',
    { class: 'sankey-dialog', 'aria-label': title },
    h(
      'div',
      { class: 'section-head' },
      h('h2', {}, title),
      h('button', { class: 'small', onclick: () => dialog.close() }, 'Close'),
    ),
    draw(width),
  );
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
}

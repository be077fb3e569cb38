/**
 * Follow the money: the downstream (or upstream) flows from an entity ranked by amount, totals per
 * funder and currency, and a Sankey layout of the flows of one currency (columns by hop, bands as wide
 * as the amounts). Money is never summed across currencies.
 */
import type { Flow } from '../../server/api/schemas';
import { currenciesByUse, totalsByCurrency } from './money';

/**
 * Flows by amount, largest first within a currency (currencies in `order`, then by use; never compared
 * across); those without an amount last, then by hop and id.
 */
export function rankFlows(flows: readonly Flow[], order: readonly string[] = []): Flow[] {
  const known = [...order, ...flowCurrencies(flows).filter((c) => !order.includes(c))];
  const rank = (f: Flow) => (f.amount === null || !f.currency ? Infinity : known.indexOf(f.currency));
  return [...flows].sort((a, b) => {
    const ra = rank(a);
    const rb = rank(b);
    if (ra !== rb) return ra - rb;
    if (ra !== Infinity && a.amount !== b.amount) return b.amount! - a.amount!;
    return a.hop - b.hop || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  });
}

export interface SankeyNode {
  id: string;
  name: string;
  kind: string;
  column: number;
  x: number;
  y: number;
  width: number;
  height: number;
  value: number;
}

export interface SankeyLink {
  id: string;
  source: string;
  target: string;
  amount: number;
  currency: string | null;
  /** SVG path of the band's centre line */
  d: string;
  thickness: number;
  /** the middle of the band, where its amount is written */
  mid: { x: number; y: number };
}

export interface SankeyLayout {
  width: number;
  height: number;
  nodes: SankeyNode[];
  links: SankeyLink[];
}

/**
 * Lays flows out as a Sankey diagram of `width`×`height`. Only flows with an amount are drawn; a flow
 * that would go backwards (a cycle) is left out of the drawing (it stays in the table). Give it the
 * flows of one currency (`flowsIn`): bands of different currencies are not comparable.
 */
export function sankeyLayout(
  flows: readonly Flow[],
  rootId: string | null,
  direction: 'down' | 'up',
  width: number,
  height: number,
): SankeyLayout {
  const withAmount = flows.filter((f) => f.amount !== null && f.amount > 0);
  // column = distance from the root along the money, the root in column 0
  const column = new Map<string, number>();
  if (rootId) column.set(rootId, 0);
  for (const f of [...withAmount].sort((a, b) => a.hop - b.hop)) {
    const [near, far] = direction === 'down' ? [f.source, f.target] : [f.target, f.source];
    if (!column.has(near.id)) column.set(near.id, f.hop - 1);
    if (!column.has(far.id)) column.set(far.id, f.hop);
  }
  const maxCol = Math.max(0, ...column.values());
  // draw left to right in the direction money moves
  const colOf = (id: string): number => {
    const c = column.get(id) ?? 0;
    return direction === 'down' ? c : maxCol - c;
  };
  const drawn = withAmount.filter((f) => colOf(f.source.id) < colOf(f.target.id));
  const inSum = new Map<string, number>();
  const outSum = new Map<string, number>();
  const refs = new Map<string, { id: string; name: string; kind: string }>();
  for (const f of drawn) {
    outSum.set(f.source.id, (outSum.get(f.source.id) ?? 0) + f.amount!);
    inSum.set(f.target.id, (inSum.get(f.target.id) ?? 0) + f.amount!);
    refs.set(f.source.id, f.source);
    refs.set(f.target.id, f.target);
  }
  const columns: string[][] = Array.from({ length: maxCol + 1 }, () => []);
  const value = (id: string): number => Math.max(inSum.get(id) ?? 0, outSum.get(id) ?? 0);
  for (const id of refs.keys()) columns[colOf(id)]!.push(id);
  for (const col of columns) col.sort((a, b) => value(b) - value(a) || (a < b ? -1 : 1));
  const nodeWidth = 12;
  const pad = 10;
  const used = columns.filter((c) => c.length > 0);
  let k = Infinity;
  for (const col of used) {
    const total = col.reduce((s, id) => s + value(id), 0);
    if (total > 0) k = Math.min(k, (height - pad * (col.length - 1)) / total);
  }
  if (!Number.isFinite(k)) k = 0;
  const colX = (c: number): number => (maxCol === 0 ? 0 : (c / maxCol) * (width - nodeWidth));
  const nodes: SankeyNode[] = [];
  const byId = new Map<string, SankeyNode>();
  for (let c = 0; c < columns.length; c++) {
    let y = 0;
    for (const id of columns[c]!) {
      const ref = refs.get(id)!;
      const h = Math.max(2, value(id) * k);
      const node: SankeyNode = { ...ref, column: c, x: colX(c), y, width: nodeWidth, height: h, value: value(id) };
      nodes.push(node);
      byId.set(id, node);
      y += h + pad;
    }
  }
  const outOffset = new Map<string, number>();
  const inOffset = new Map<string, number>();
  const links: SankeyLink[] = [];
  const sorted = [...drawn].sort((a, b) => b.amount! - a.amount! || (a.id < b.id ? -1 : 1));
  for (const f of sorted) {
    const s = byId.get(f.source.id)!;
    const t = byId.get(f.target.id)!;
    const thickness = Math.max(1, f.amount! * k);
    const so = outOffset.get(s.id) ?? 0;
    const to = inOffset.get(t.id) ?? 0;
    outOffset.set(s.id, so + thickness);
    inOffset.set(t.id, to + thickness);
    const x0 = s.x + s.width;
    const x1 = t.x;
    const y0 = s.y + so + thickness / 2;
    const y1 = t.y + to + thickness / 2;
    const mx = (x0 + x1) / 2;
    const r = (n: number) => +n.toFixed(1);
    links.push({
      id: f.id,
      source: s.id,
      target: t.id,
      amount: f.amount!,
      currency: f.currency,
      thickness,
      d: `M${r(x0)},${r(y0)} C${r(mx)},${r(y0)} ${r(mx)},${r(y1)} ${r(x1)},${r(y1)}`,
      mid: { x: r(mx), y: r((y0 + y1) / 2) },
    });
  }
  return { width, height, nodes, links };
}

/** The currencies of the flows, most flows first. */
export function flowCurrencies(flows: readonly Flow[]): string[] {
  return currenciesByUse(totalsByCurrency(flows));
}

/** The flows in one currency. */
export const flowsIn = (flows: readonly Flow[], currency: string): Flow[] =>
  flows.filter((f) => f.currency === currency);

/** The currency to draw: the preferred one when the flows have money in it, else their most used one. */
export function pickCurrency(flows: readonly Flow[], preferred: string | null): string | null {
  const list = flowCurrencies(flows);
  return preferred && list.includes(preferred) ? preferred : (list[0] ?? null);
}

export interface FunderTotal {
  funder: Flow['source'];
  currency: string;
  amount: number;
  /** money relationships with an amount in this currency */
  count: number;
  recipients: number;
}

/**
 * Money per funder (the source of each flow) and currency: largest first within a currency, the
 * currencies in `order` (the main one first). Flows without an amount are not counted.
 */
export function funderTotals(flows: readonly Flow[], order: readonly string[] = []): FunderTotal[] {
  const by = new Map<string, FunderTotal & { to: Set<string> }>();
  for (const f of flows) {
    if (f.amount === null || !f.currency) continue;
    const k = `${f.source.id}\u0000${f.currency}`;
    const t = by.get(k) ?? {
      funder: f.source,
      currency: f.currency,
      amount: 0,
      count: 0,
      recipients: 0,
      to: new Set(),
    };
    t.amount += f.amount;
    t.count++;
    t.to.add(f.target.id);
    by.set(k, t);
  }
  const known = [...order, ...flowCurrencies(flows).filter((c) => !order.includes(c))];
  return [...by.values()]
    .map(({ to, ...t }) => ({ ...t, recipients: to.size }))
    .sort(
      (a, b) =>
        known.indexOf(a.currency) - known.indexOf(b.currency) ||
        b.amount - a.amount ||
        (a.funder.id < b.funder.id ? -1 : 1),
    );
}

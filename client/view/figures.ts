/**
 * Figures on screen, all through state/format.ts: a money cell (normalised amount with its qualifier,
 * the amount as stated and, for CNY, the Chinese units), and per-currency totals.
 */
import { describeFigure, formatMoney, statedAddsNothing } from '../state/format';
import { h } from './dom';

/** The amount of a money relationship's properties (amount, currency, amountText, amountQualifier). */
export function moneyCell(p: Readonly<Record<string, unknown>>): HTMLElement {
  const f = describeFigure(p);
  if (!f) {
    const stated =
      typeof p.amountText === 'string'
        ? p.amountText
        : typeof p.deal === 'string'
          ? 'part of a deal (see Deals)'
          : 'not stated';
    return h('span', { class: 'muted' }, stated);
  }
  const second = [statedAddsNothing(f) ? null : `“${f.raw}”`, f.aid].filter(Boolean).join(' · ');
  return h(
    'span',
    { class: 'money', title: f.whenFull ? `${f.stated}, ${f.whenFull}` : f.stated },
    h('span', { class: 'en' }, f.normalised),
    second ? h('span', { class: 'stated' }, second) : null,
  );
}

/** The amount as stated, with its qualifier (for CSV columns next to the exact amount). */
export function statedCsv(p: Readonly<Record<string, unknown>>): string {
  const f = describeFigure(p);
  if (!f) return typeof p.amountText === 'string' ? p.amountText : '';
  return f.stated;
}

/** "¥1.01 billion (10.1亿元) over 2; $4.1 billion over 3": totals kept apart per currency. */
export function totalsText(totals: readonly { currency: string; amount: number; count: number }[]): string {
  return totals.map((t) => `${formatMoney(t.amount, t.currency)} over ${t.count}`).join('; ');
}

/** A money relationship in one line: "about ¥10 million (1000万元)", or null without an amount. */
export function moneyInline(p: Readonly<Record<string, unknown>>): string | null {
  const f = describeFigure(p);
  return f ? `${f.normalised}${f.aid ? ` (${f.aid})` : ''}` : null;
}

/**
 * Deals in totals, the same in both stores (SEMANTICS.md "Deals"). A money relationship may belong to
 * a deal (its `deal` property: the id of a Deal node holding the deal's stated total). A set of money
 * relationships is turned into counting units, each counted once:
 * - a relationship without a deal is one unit, with its own amount;
 * - the relationships of one deal, when the set holds every participant of the deal and the deal states
 *   its total (amount and currency), are ONE unit with the deal's total;
 * - otherwise each of the deal's relationships in the set is a unit with its attributed amount: its own
 *   amount when stated, else its `share` of the deal's total when both are stated, else none.
 */
import type { Deal, DealParticipant, FlowAggregate, MoneyTotal } from '../api/schemas';
import { byString, refOf, sourcesOf } from './common';

/** What totals need of a deal: its stated total and how many money relationships belong to it. */
export interface DealInfo {
  amount?: number;
  currency?: string;
  participants: number;
}
export type DealLookup = (id: string) => DealInfo | undefined;

/** The money fields of a relationship that totals read. */
export interface MoneyItem {
  amount?: unknown;
  currency?: unknown;
  deal?: unknown;
  share?: unknown;
  [field: string]: unknown;
}

/** One counted thing: an amount (or none) and the relationships it stands for. */
export interface MoneyUnit<T> {
  amount: number | null;
  currency: string | null;
  items: T[];
}

/** DealInfo from a Deal node's stored properties and its number of participants. */
export function dealInfo(props: Record<string, unknown>, participants: number): DealInfo {
  return {
    ...(typeof props.amount === 'number' ? { amount: props.amount } : {}),
    ...(typeof props.currency === 'string' ? { currency: props.currency } : {}),
    participants,
  };
}

/** The amount a relationship stands for on its own: stated, else its share of the deal's stated total. */
export function attributedAmount(
  item: MoneyItem,
  deal: DealInfo | undefined,
): { amount: number; currency: string } | undefined {
  if (typeof item.amount === 'number' && typeof item.currency === 'string')
    return { amount: item.amount, currency: item.currency };
  if (typeof item.share === 'number' && deal?.amount !== undefined && deal.currency !== undefined)
    return { amount: item.share * deal.amount, currency: deal.currency };
  return undefined;
}

/** The ids of the deals a set of relationships belongs to, sorted. */
export function dealIds(items: Iterable<MoneyItem>): string[] {
  const ids = new Set<string>();
  for (const it of items) if (typeof it.deal === 'string') ids.add(it.deal);
  return [...ids].sort(byString);
}

/** The counting units of a set of money relationships (see the header). */
export function moneyUnits<T extends MoneyItem>(items: Iterable<T>, deals: DealLookup): MoneyUnit<T>[] {
  const units: MoneyUnit<T>[] = [];
  const byDeal = new Map<string, T[]>();
  const one = (it: T, deal: DealInfo | undefined) => {
    const a = attributedAmount(it, deal);
    units.push({ amount: a?.amount ?? null, currency: a?.currency ?? null, items: [it] });
  };
  for (const it of items) {
    if (typeof it.deal !== 'string') one(it, undefined);
    else {
      const list = byDeal.get(it.deal);
      if (list) list.push(it);
      else byDeal.set(it.deal, [it]);
    }
  }
  for (const [id, list] of byDeal) {
    const deal = deals(id);
    if (deal?.amount !== undefined && deal.currency !== undefined && list.length >= deal.participants)
      units.push({ amount: deal.amount, currency: deal.currency, items: list });
    else for (const it of list) one(it, deal);
  }
  return units;
}

/** Per-currency totals of a set of money relationships, each deal once; sorted by currency code. */
export function moneyTotals(items: Iterable<MoneyItem>, deals: DealLookup): MoneyTotal[] {
  const acc = new Map<string, MoneyTotal>();
  for (const u of moneyUnits(items, deals)) {
    if (u.amount === null || u.currency === null) continue;
    const t = acc.get(u.currency) ?? { currency: u.currency, amount: 0, count: 0 };
    t.amount += u.amount;
    t.count += 1;
    acc.set(u.currency, t);
  }
  return [...acc.values()].sort((a, b) => byString(a.currency, b.currency));
}

/** The key of a unit: its relationships' common key, or "mixed" when they differ. */
const MIXED = 'mixed';

/**
 * Money aggregated by a key of each relationship's ends (kinds, regions), per `{from, to, currency}`,
 * each deal once (a deal whose participants' keys differ goes under "mixed"); sorted by amount
 * descending, then from, to, currency.
 */
export function aggregateMoney<T extends MoneyItem>(
  items: Iterable<T>,
  deals: DealLookup,
  keyOf: (item: T) => { from: string; to: string },
): FlowAggregate[] {
  const acc = new Map<string, FlowAggregate>();
  for (const u of moneyUnits(items, deals)) {
    if (u.amount === null || u.currency === null) continue;
    const keys = u.items.map(keyOf);
    const from = keys.every((k) => k.from === keys[0]!.from) ? keys[0]!.from : MIXED;
    const to = keys.every((k) => k.to === keys[0]!.to) ? keys[0]!.to : MIXED;
    const k = JSON.stringify([from, to, u.currency]);
    const a = acc.get(k) ?? { from, to, currency: u.currency, amount: 0, count: 0 };
    a.amount += u.amount;
    a.count += 1;
    acc.set(k, a);
  }
  return [...acc.values()].sort(
    (a, b) =>
      b.amount - a.amount || byString(a.from, b.from) || byString(a.to, b.to) || byString(a.currency, b.currency),
  );
}

/** A participant of a deal from a money relationship's stored properties and its two ends. */
export function dealParticipant(
  type: string,
  props: Record<string, unknown>,
  from: Record<string, unknown>,
  to: Record<string, unknown>,
): DealParticipant {
  return {
    relationshipId: String(props.id),
    type: type as DealParticipant['type'],
    from: refOf(from),
    to: refOf(to),
    ...(typeof props.amount === 'number' ? { amount: props.amount } : {}),
    ...(typeof props.currency === 'string' ? { currency: props.currency } : {}),
    ...(typeof props.amountText === 'string' ? { amountText: props.amountText } : {}),
    ...(typeof props.share === 'number' ? { share: props.share } : {}),
  };
}

const DEAL_FIELDS = [
  'dealType',
  'amount',
  'currency',
  'amountText',
  'amountQualifier',
  'year',
  'periodStart',
  'periodEnd',
  'periodLabel',
  'caveat',
] as const;

/** The Deal answer from a Deal node's stored properties and its participants (sorted by relationship id). */
export function buildDeal(props: Record<string, unknown>, participants: DealParticipant[]): Deal {
  const fields: Record<string, unknown> = {};
  for (const k of DEAL_FIELDS) if (props[k] !== undefined && props[k] !== null) fields[k] = props[k];
  return {
    id: String(props.id),
    name: String(props.name),
    kind: 'Deal',
    ...(fields as Partial<Deal>),
    description: typeof props.description === 'string' ? props.description : '',
    sources: sourcesOf(props),
    participants: [...participants].sort((a, b) => byString(a.relationshipId, b.relationshipId)),
  };
}

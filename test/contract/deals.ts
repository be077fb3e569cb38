/**
 * Contract checks of deals (SEMANTICS.md "Deals"), with a plain reference of the counting rule used by
 * the contract suite's money expectations: a deal is counted once (its stated total) when every one of
 * its money relationships is in the set, otherwise each relationship counts its own amount, or its
 * share of the deal's stated total.
 */
import { expect, it } from 'vitest';
import { Deal as DealSchema, FlowsQuery, type MoneyTotal } from '../../server/api/schemas';
import type { GraphData, Node, Relationship } from '../../server/model/model';
import type { GraphStore } from '../../server/store/store';

const MONEY = new Set(['FUNDS', 'INVESTS_IN']);
const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

interface Money {
  amount?: number;
  currency?: string;
  deal?: string;
  share?: number;
}
const moneyOf = (r: Relationship): Money => r as Money;

/** One counted thing of a set of money relationships. */
export interface RefUnit {
  amount: number | null;
  currency: string | null;
  rels: Relationship[];
}

/** The reference counting units of `rels` (money relationships of `seed`). */
export function refUnits(seed: GraphData, rels: Relationship[]): RefUnit[] {
  const dealNode = (id: string) => seed.nodes.find((n) => n.id === id && n.kind === 'Deal') as Money | undefined;
  const members = (id: string) => seed.relationships.filter((r) => MONEY.has(r.type) && moneyOf(r).deal === id);
  const own = (r: Relationship): RefUnit => {
    const m = moneyOf(r);
    const d = m.deal !== undefined ? dealNode(m.deal) : undefined;
    if (m.amount !== undefined && m.currency !== undefined)
      return { amount: m.amount, currency: m.currency, rels: [r] };
    if (m.share !== undefined && d?.amount !== undefined && d.currency !== undefined)
      return { amount: m.share * d.amount, currency: d.currency, rels: [r] };
    return { amount: null, currency: null, rels: [r] };
  };
  const units: RefUnit[] = [];
  const dealsSeen = new Set<string>();
  for (const r of rels) {
    const deal = moneyOf(r).deal;
    if (deal === undefined) {
      units.push(own(r));
      continue;
    }
    if (dealsSeen.has(deal)) continue;
    dealsSeen.add(deal);
    const inSet = rels.filter((x) => moneyOf(x).deal === deal);
    const d = dealNode(deal);
    const all = members(deal).every((m) => inSet.some((x) => x.id === m.id));
    if (all && d?.amount !== undefined && d.currency !== undefined)
      units.push({ amount: d.amount, currency: d.currency, rels: inSet });
    else units.push(...inSet.map(own));
  }
  return units;
}

/** Reference per-currency totals of money relationships, each deal once. */
export function refMoney(seed: GraphData, rels: Relationship[]): MoneyTotal[] {
  const m = new Map<string, MoneyTotal>();
  for (const u of refUnits(seed, rels)) {
    if (u.amount === null || u.currency === null) continue;
    const t = m.get(u.currency) ?? { currency: u.currency, amount: 0, count: 0 };
    t.amount += u.amount;
    t.count++;
    m.set(u.currency, t);
  }
  return [...m.values()].sort((a, b) => cmp(a.currency, b.currency));
}

/** Registers the deal checks; `store()` gives the seeded store of the enclosing suite. */
export function dealContracts(store: () => GraphStore, seed: GraphData): void {
  const deals = seed.nodes.filter((n): n is Extract<Node, { kind: 'Deal' }> => n.kind === 'Deal');
  const byId = new Map(seed.nodes.map((n) => [n.id, n]));
  const ref = (id: string) => ({ id, name: byId.get(id)!.name, kind: byId.get(id)!.kind });

  it('answers every deal with its stated total, caveat and participants', async () => {
    expect(deals.length).toBeGreaterThan(0);
    for (const d of deals) {
      const got = DealSchema.parse(await store().deal(d.id));
      const participants = seed.relationships
        .filter((r) => MONEY.has(r.type) && moneyOf(r).deal === d.id)
        .sort((a, b) => cmp(a.id, b.id))
        .map((r) => {
          const m = r as Money & { amountText?: string };
          return {
            relationshipId: r.id,
            type: r.type,
            from: ref(r.source),
            to: ref(r.target),
            ...(m.amount !== undefined ? { amount: m.amount } : {}),
            ...(m.currency !== undefined ? { currency: m.currency } : {}),
            ...(m.amountText !== undefined ? { amountText: m.amountText } : {}),
            ...(m.share !== undefined ? { share: m.share } : {}),
          };
        });
      const { aliases: _a, dataset: _d, sources, description, ...fields } = d;
      expect(got).toEqual({ ...fields, description, sources, participants });
    }
  });

  it('the Jinfeng billion is one joint deal of the city and the districts, with its caveat', async () => {
    const d = await store().deal('jinfeng-laboratory-city-district-investment-14th-fyp');
    expect(d).toMatchObject({
      dealType: 'joint_allocation',
      amount: 1e9,
      currency: 'CNY',
      amountText: '1 billion yuan',
    });
    expect(d.caveat).toMatch(/together/);
    expect(d.participants.map((p) => p.from.id).sort(cmp)).toEqual([
      'chongqing-district-governments',
      'chongqing-municipal-government',
    ]);
    // counted once for the laboratory, not at all for either funder alone (no share is stated)
    const lab = await store().entity('jinfeng-laboratory');
    expect(lab.stats.money.in).toEqual([{ currency: 'CNY', amount: 1e9, count: 1 }]);
    const city = await store().entity('chongqing-municipal-government');
    expect(city.stats.money.out.find((t) => t.currency === 'CNY')?.amount ?? 0).toBeLessThan(1e9);
    const up = await store().flows(FlowsQuery.parse({ from: 'jinfeng-laboratory', direction: 'up', depth: 1 }));
    expect(up.totals).toEqual([{ currency: 'CNY', amount: 1e9, count: 1 }]);
    expect(up.flows.filter((f) => f.deal === d.id)).toHaveLength(2);
  });

  it('stats count each deal once', async () => {
    const money = seed.relationships.filter((r) => MONEY.has(r.type));
    expect((await store().stats()).money).toEqual(refMoney(seed, money));
  });

  it('throws NOT_FOUND for an id that is not a deal', async () => {
    await expect(store().deal('jinfeng-laboratory')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(store().deal('no-such-deal-anywhere')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
}

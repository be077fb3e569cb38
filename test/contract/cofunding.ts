/**
 * Contract checks of co-funding (SEMANTICS.md "cofunding"): funders joined by the recipients they
 * share, with amounts and deals, against a naive count over the seed. Registered inside
 * runContractSuite.
 */
import { expect, it } from 'vitest';
import { CofundingQuery, SerializedGraph as SerializedGraphSchema, type MoneyTotal } from '../../server/api/schemas';
import type { GraphStore } from '../../server/store/store';
import { refMoney } from './deals';
import { cmp, graphKeys, sorted, type Reference } from './reference';

/** Registers the checks; `store()` gives the seeded store of the enclosing suite. */
export function cofundingContracts(store: () => GraphStore, ref: Reference): void {
  const cofunding = async (q: Record<string, unknown>) =>
    SerializedGraphSchema.parse(await store().cofunding(CofundingQuery.parse(q)));

  /** The expected co-funding links, naively. */
  const expected = (kinds: string[] | undefined, minShared: number) => {
    const money = ref.moneyRels();
    const targets = new Map<string, Set<string>>();
    for (const r of money) {
      if (!targets.has(r.source)) targets.set(r.source, new Set());
      targets.get(r.source)!.add(r.target);
    }
    const funders = sorted(targets.keys()).filter((f) => !kinds || kinds.includes(ref.node(f).kind));
    const links = new Map<
      string,
      { source: string; target: string; recipients: string[]; amounts: MoneyTotal[]; deals: string[] }
    >();
    for (let i = 0; i < funders.length; i++)
      for (let j = i + 1; j < funders.length; j++) {
        const a = funders[i]!;
        const b = funders[j]!;
        const shared = sorted([...targets.get(a)!].filter((t) => targets.get(b)!.has(t)));
        if (shared.length < minShared) continue;
        const toShared = (f: string) => money.filter((r) => r.source === f && shared.includes(r.target));
        const amounts = refMoney(ref.seed, [...toShared(a), ...toShared(b)]);
        const dealsOf = (f: string) =>
          new Set(toShared(f).flatMap((r) => ('deal' in r && r.deal !== undefined ? [r.deal] : [])));
        const deals = sorted([...dealsOf(a)].filter((d) => dealsOf(b).has(d)));
        links.set(`cofund:${a}:${b}`, { source: a, target: b, recipients: shared, amounts, deals });
      }
    return { links, targets };
  };

  for (const [label, q, kinds, minShared] of [
    ['all funders', {}, undefined, 1],
    [
      'government funders sharing two recipients',
      { kinds: 'GovernmentBody,Fund', minShared: 2 },
      ['GovernmentBody', 'Fund'],
      2,
    ],
  ] as const) {
    it(`links ${label}`, async () => {
      const { links, targets } = expected(kinds ? [...kinds] : undefined, minShared);
      const g = await cofunding(q);
      const nodes = sorted(new Set([...links.values()].flatMap((l) => [l.source, l.target])));
      expect(graphKeys(g)).toEqual({ nodes, edges: sorted(links.keys()) });
      for (const e of g.edges) {
        const l = links.get(e.key)!;
        expect(e).toEqual({
          key: e.key,
          source: l.source,
          target: l.target,
          attributes: {
            type: 'CO_FUNDS',
            shared: l.recipients.length,
            recipients: l.recipients,
            amounts: l.amounts,
            deals: l.deals,
          },
        });
      }
      for (const n of g.nodes)
        expect(n.attributes).toMatchObject({
          name: ref.node(n.key).name,
          kind: ref.node(n.key).kind,
          recipients: targets.get(n.key)!.size,
        });
      expect(g.attributes.truncated).toBe(false);
    });
  }

  it('caps the funders at limit, most shared first', async () => {
    const { links } = expected(undefined, 1);
    const score = new Map<string, number>();
    for (const l of links.values())
      for (const f of [l.source, l.target]) score.set(f, (score.get(f) ?? 0) + l.recipients.length);
    const order = [...score.keys()].sort((a, b) => score.get(b)! - score.get(a)! || cmp(a, b));
    const g = await cofunding({ limit: 1 });
    const kept = new Set(order.slice(0, 1));
    expect(graphKeys(g)).toEqual({
      nodes: sorted(kept),
      edges: sorted([...links.entries()].filter(([, l]) => kept.has(l.source) && kept.has(l.target)).map(([k]) => k)),
    });
    expect(g.attributes).toMatchObject({ truncated: order.length > 1, totalNodes: order.length });
  });
}

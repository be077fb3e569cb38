/**
 * Contract checks of money flows followed from a root (SEMANTICS.md "flows"): the money relationships
 * reached hop by hop, their totals and the flow graph, against a naive walk of the seed. Registered
 * inside runContractSuite.
 */
import { expect, it } from 'vitest';
import { FlowsQuery, FlowsResult as FlowsResultSchema } from '../../server/api/schemas';
import type { GraphData, Relationship } from '../../server/model/model';
import type { GraphStore } from '../../server/store/store';
import { refMoney, refUnits } from './deals';
import { MONEY, cmp, expectCode, graphKeys, sorted, totals, type Reference } from './reference';

/** Registers the checks; `store()` gives the seeded store of the enclosing suite. */
export function flowWalkContracts(store: () => GraphStore, ref: Reference, seed: GraphData): void {
  const flows = async (q: Record<string, unknown>) => FlowsResultSchema.parse(await store().flows(FlowsQuery.parse(q)));
  const money = ref.moneyRels();
  const fundsOut = (id: string) => ref.rels.filter((r) => r.type === 'FUNDS' && r.source === id).length;
  const funder = [...seed.nodes].sort((a, b) => fundsOut(b.id) - fundsOut(a.id) || cmp(a.id, b.id))[0]!;

  /** Money relationships reached from `root` breadth-first, each once, with the hop that reached it. */
  const walk = (root: string, down: boolean, depth: number): Map<string, number> => {
    const hops = new Map<string, number>();
    const seen = new Set([root]);
    let level = [root];
    for (let hop = 1; hop <= depth && level.length > 0; hop++) {
      const next: string[] = [];
      for (const u of level)
        for (const r of money.filter((m) => (down ? m.source : m.target) === u)) {
          if (hops.has(r.id)) continue;
          hops.set(r.id, hop);
          const w = down ? r.target : r.source;
          if (!seen.has(w)) {
            seen.add(w);
            next.push(w);
          }
        }
      level = next;
    }
    return hops;
  };

  const checkResult = (res: Awaited<ReturnType<typeof flows>>) => {
    const f = res.flows;
    for (let i = 1; i < f.length; i++) {
      const a = f[i - 1]!;
      const b = f[i]!;
      const order =
        a.hop !== b.hop
          ? a.hop - b.hop
          : a.amount !== b.amount
            ? a.amount === null
              ? 1
              : b.amount === null
                ? -1
                : b.amount - a.amount
            : cmp(a.id, b.id);
      expect(order, `${a.id} before ${b.id}`).toBeLessThan(0);
    }
    for (const x of f) {
      const r = ref.relById.get(x.id)!;
      expect(MONEY.has(r.type)).toBe(true);
      const m = r as Relationship & { amount?: number; currency?: string; year?: number; instrument?: string };
      expect(x).toMatchObject({
        type: r.type,
        source: { id: r.source, kind: ref.node(r.source).kind },
        target: { id: r.target, kind: ref.node(r.target).kind },
        amount: m.amount ?? null,
        currency: m.currency ?? null,
        year: m.year ?? null,
        instrument: m.instrument ?? null,
      });
    }
    const rels = f.map((x) => ref.relById.get(x.id)!);
    const expectedTotals = refMoney(seed, rels);
    expect(res.totals).toEqual(expectedTotals);
    const units = refUnits(seed, rels).filter((u) => u.amount !== null);
    for (const agg of [res.byKind, res.byRegion]) {
      expect(
        totals(agg.map((a) => ({ currency: a.currency, amount: a.amount }))).map((t) => [t.currency, t.amount]),
      ).toEqual(expectedTotals.map((t) => [t.currency, t.amount]));
      expect(agg.reduce((s, a) => s + a.count, 0)).toBe(units.length);
      for (let i = 1; i < agg.length; i++) expect(agg[i - 1]!.amount).toBeGreaterThanOrEqual(agg[i]!.amount);
    }
    /** a unit's key: its relationships' common key, else "mixed" */
    const common = (keys: string[]) => (keys.every((k) => k === keys[0]) ? keys[0]! : 'mixed');
    const aggOf = (from: (r: Relationship) => string, to: (r: Relationship) => string) => {
      const m = new Map<string, number>();
      for (const u of units) {
        const k = JSON.stringify([common(u.rels.map(from)), common(u.rels.map(to)), u.currency]);
        m.set(k, (m.get(k) ?? 0) + u.amount!);
      }
      return m;
    };
    expect(new Map(res.byRegion.map((a) => [JSON.stringify([a.from, a.to, a.currency]), a.amount]))).toEqual(
      aggOf(
        (r) => ref.regionOf(r.source),
        (r) => ref.regionOf(r.target),
      ),
    );
    expect(new Map(res.byKind.map((a) => [JSON.stringify([a.from, a.to, a.currency]), a.amount]))).toEqual(
      aggOf(
        (r) => ref.node(r.source).kind,
        (r) => ref.node(r.target).kind,
      ),
    );
    expect(graphKeys(res.graph)).toEqual({
      nodes: sorted(new Set(f.flatMap((x) => [x.source.id, x.target.id]))),
      edges: sorted(f.map((x) => x.id)),
    });
  };

  it('follows money down from the biggest funder', async () => {
    expect(fundsOut(funder.id)).toBeGreaterThan(0);
    for (const depth of [1, 3]) {
      const res = await flows({ from: funder.id, direction: 'down', depth });
      expect(res.root).toEqual({ id: funder.id, name: funder.name, kind: funder.kind });
      expect(res.direction).toBe('down');
      const expected = walk(funder.id, true, depth);
      expect(new Map(res.flows.map((x) => [x.id, x.hop]))).toEqual(expected);
      for (const r of ref.rels.filter((x) => x.type === 'FUNDS' && x.source === funder.id))
        expect(res.flows.find((x) => x.id === r.id)?.hop).toBe(1);
      checkResult(res);
    }
  });

  it('follows money up to a recipient', async () => {
    const recipient = money.find((r) => r.source === funder.id)!.target;
    const res = await flows({ from: recipient, direction: 'up', depth: 2 });
    expect(new Map(res.flows.map((x) => [x.id, x.hop]))).toEqual(walk(recipient, false, 2));
    checkResult(res);
  });

  it('without a root, lists every money relationship at hop 1', async () => {
    const res = await flows({});
    expect(res.root).toBeNull();
    expect(sorted(res.flows.map((x) => x.id))).toEqual(sorted(money.map((r) => r.id)));
    for (const x of res.flows) expect(x.hop).toBe(1);
    expect(res.totals).toEqual(refMoney(seed, money));
    checkResult(res);
  });

  it('keeps the money of a year (its year, or a period that contains it)', async () => {
    const inYear = (r: Relationship, y: number) => {
      const m = r as { year?: number; periodStart?: number; periodEnd?: number };
      if (m.year !== undefined) return m.year === y;
      return m.periodStart !== undefined && m.periodEnd !== undefined && m.periodStart <= y && y <= m.periodEnd;
    };
    const years = money.flatMap((r) => {
      const m = r as { year?: number; periodStart?: number };
      return [m.year, m.periodStart].filter((y): y is number => y !== undefined);
    });
    const year = years.length > 0 ? Math.max(...years) : 2024;
    const res = await flows({ year });
    expect(sorted(res.flows.map((x) => x.id))).toEqual(sorted(money.filter((r) => inYear(r, year)).map((r) => r.id)));
    checkResult(res);
    const rooted = await flows({ from: funder.id, year });
    for (const x of rooted.flows) expect(inYear(ref.relById.get(x.id)!, year)).toBe(true);
    checkResult(rooted);
  });

  it('throws NOT_FOUND for an unknown root', async () => {
    await expectCode(store().flows(FlowsQuery.parse({ from: 'no-such-entity-anywhere' })), 'NOT_FOUND');
  });
}

/**
 * What the contract suite's expectations are computed from: a naive in-test model of the seed graph
 * (Reference) and small helpers shared by the suite's modules.
 */
import { expect } from 'vitest';
import type { MoneyTotal, SerializedGraph } from '../../server/api/schemas';
import type { ErrorCode } from '../../server/errors';
import type { GraphData, Node, Relationship } from '../../server/model/model';

export const MONEY = new Set(['FUNDS', 'INVESTS_IN']);
export const NODE_CORE = ['id', 'name', 'kind', 'aliases', 'description', 'sources'];
export const REL_CORE = ['id', 'type', 'source', 'target', 'sources'];

export const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
export const sorted = (xs: Iterable<string>): string[] => [...xs].sort(cmp);

export function omit(record: object, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([k, v]) => !keys.includes(k) && v !== undefined));
}

/** Per-currency totals, computed the plain way. */
export function totals(rels: Iterable<{ amount?: number | null; currency?: string | null }>): MoneyTotal[] {
  const m = new Map<string, MoneyTotal>();
  for (const r of rels) {
    if (typeof r.amount !== 'number' || typeof r.currency !== 'string') continue;
    const t = m.get(r.currency) ?? { currency: r.currency, amount: 0, count: 0 };
    t.amount += r.amount;
    t.count++;
    m.set(r.currency, t);
  }
  return [...m.values()].sort((a, b) => cmp(a.currency, b.currency));
}

export function countBy<T>(items: T[], key: (t: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const it of items) out[key(it)] = (out[key(it)] ?? 0) + 1;
  return out;
}

export async function expectCode(p: Promise<unknown>, code: ErrorCode): Promise<void> {
  await expect(p).rejects.toMatchObject({ code });
}

export const normalise = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** A naive in-test model of the seed graph that the expectations are computed from. */
export class Reference {
  readonly byId: Map<string, Node>;
  readonly rels: Relationship[];
  readonly relById: Map<string, Relationship>;
  readonly incident = new Map<string, Relationship[]>();

  constructor(readonly seed: GraphData) {
    this.byId = new Map(seed.nodes.map((n) => [n.id, n]));
    this.rels = seed.relationships;
    this.relById = new Map(this.rels.map((r) => [r.id, r]));
    for (const n of seed.nodes) this.incident.set(n.id, []);
    for (const r of this.rels) {
      this.incident.get(r.source)!.push(r);
      if (r.target !== r.source) this.incident.get(r.target)!.push(r);
    }
  }

  node(id: string): Node {
    const n = this.byId.get(id);
    if (!n) throw new Error(`test set-up: no seed node ${id}`);
    return n;
  }

  degree(id: string): number {
    return this.incident.get(id)?.length ?? 0;
  }

  /** Undirected hop distances from `root` along relationships of `types`, up to `max` hops. */
  distances(root: string, max: number, types?: string[]): Map<string, number> {
    const dist = new Map([[root, 0]]);
    let level = [root];
    for (let d = 1; d <= max && level.length > 0; d++) {
      const next: string[] = [];
      for (const n of level)
        for (const r of this.incident.get(n) ?? []) {
          if (types && !types.includes(r.type)) continue;
          const o = r.source === n ? r.target : r.source;
          if (!dist.has(o)) {
            dist.set(o, d);
            next.push(o);
          }
        }
      level = next;
    }
    return dist;
  }

  /** Every simple undirected path from `from` to `to` of at most `max` relationships (capped). */
  simplePaths(from: string, to: string, max: number, cap = 20_000): { nodes: string[]; rels: string[] }[] {
    const out: { nodes: string[]; rels: string[] }[] = [];
    const nodes = [from];
    const rels: string[] = [];
    const toTarget = this.distances(to, max);
    const visit = (u: string) => {
      if (out.length >= cap) return;
      if (u === to) {
        out.push({ nodes: [...nodes], rels: [...rels] });
        return;
      }
      if (rels.length === max) return;
      for (const r of this.incident.get(u) ?? []) {
        const o = r.source === u ? r.target : r.source;
        if (nodes.includes(o) || (toTarget.get(o) ?? Infinity) > max - rels.length - 1) continue;
        nodes.push(o);
        rels.push(r.id);
        visit(o);
        nodes.pop();
        rels.pop();
      }
    };
    visit(from);
    return out;
  }

  /** Every node reached from `id` by outgoing LOCATED_IN/PART_OF, up to 6 hops (its containers). */
  containers(id: string): Set<string> {
    const seen = new Set<string>();
    let level = [id];
    for (let hop = 1; hop <= 6 && level.length > 0; hop++) {
      const next: string[] = [];
      for (const n of level)
        for (const r of this.incident.get(n) ?? [])
          if (r.source === n && (r.type === 'LOCATED_IN' || r.type === 'PART_OF') && !seen.has(r.target)) {
            seen.add(r.target);
            next.push(r.target);
          }
      level = next;
    }
    return seen;
  }

  /** Nearest Region by outgoing LOCATED_IN/PART_OF, 1..3 hops, ties by id; "unknown" otherwise. */
  regionOf(id: string): string {
    const seen = new Set([id]);
    let level = [id];
    for (let hop = 1; hop <= 3 && level.length > 0; hop++) {
      const next: string[] = [];
      const found: string[] = [];
      for (const n of level)
        for (const r of this.incident.get(n) ?? [])
          if (r.source === n && (r.type === 'LOCATED_IN' || r.type === 'PART_OF')) {
            if (this.byId.get(r.target)?.kind === 'Region') found.push(r.target);
            if (!seen.has(r.target)) {
              seen.add(r.target);
              next.push(r.target);
            }
          }
      if (found.length > 0) return sorted(found)[0]!;
      level = next;
    }
    return 'unknown';
  }

  moneyRels(): Relationship[] {
    return this.rels.filter((r) => MONEY.has(r.type));
  }

  amountOf(r: Relationship): { amount?: number; currency?: string } {
    return 'amount' in r ? { amount: r.amount, currency: r.currency } : {};
  }
}

export function graphKeys(g: SerializedGraph): { nodes: string[]; edges: string[] } {
  return { nodes: sorted(g.nodes.map((n) => n.key)), edges: sorted(g.edges.map((e) => e.key)) };
}

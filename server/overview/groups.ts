/**
 * Grouping of the overview: which group each visible node belongs to, by kind, region, main funder,
 * programme or community (communities come from Louvain, computed in the worker and passed in).
 * Pure functions over a Projection; group ids are `<by>:<key>`.
 */
import { byString, regionOf, REGION_REL_TYPES, UNKNOWN_REGION } from '../store/common';
import { isMoneyType } from '../store/common';
import type { NodeKind } from '../model/model';
import { each } from './pause';
import type { ProjEdge, Projection } from './types';

export const GROUPINGS = ['community', 'kind', 'region', 'funder', 'programme'] as const;
export type Grouping = (typeof GROUPINGS)[number];

/** The kinds left out of the overview of a large graph unless asked for. */
export const HIDEABLE_KINDS = ['Person', 'Program', 'Indicator'] as const satisfies readonly NodeKind[];

/** The key of the group of nodes that have none (no region, no funder, no programme). */
export const NONE = 'none';

/** node → group key (without the `<by>:` prefix), and a readable label per group key. */
export interface Assignment {
  groupOf: Map<string, string>;
  labelOf: Map<string, string>;
}

const REGION_TYPES = new Set<string>(REGION_REL_TYPES);

/** Adjacency of the projection's LOCATED_IN / PART_OF links, for regionOf. */
async function locationLinks(
  p: Projection,
  kindOf: Map<string, string>,
): Promise<(id: string) => { id: string; kind: string }[]> {
  const next = new Map<string, { id: string; kind: string }[]>();
  await each(p.edges, (e) => {
    if (REGION_TYPES.has(e.type)) {
      const list = next.get(e.source) ?? [];
      list.push({ id: e.target, kind: kindOf.get(e.target) ?? '' });
      next.set(e.source, list);
    }
  });
  return (id) => next.get(id) ?? [];
}

/** The key with the highest score, ties by key. */
function best(scores: Map<string, number> | undefined): string | undefined {
  let out: string | undefined;
  let top = -Infinity;
  for (const [k, s] of scores ?? [])
    if (s > top || (s === top && out !== undefined && byString(k, out) < 0)) {
      out = k;
      top = s;
    }
  return out;
}

function bump(m: Map<string, Map<string, number>>, node: string, key: string, by: number): void {
  let s = m.get(node);
  if (!s) m.set(node, (s = new Map<string, number>()));
  s.set(key, (s.get(key) ?? 0) + by);
}

/**
 * Assigns every visible node to a group. `communities` (node → community number) is needed for
 * `community` only. Rules (README "Overview"):
 * - kind: its kind;
 * - region: the Region reached by LOCATED_IN / PART_OF (regionOf, as the flows' byRegion), else `none`;
 * - funder: its main funder, the one with the most money relationships into it (ties: more money in
 *   any currency, then id); a node nobody funds but that funds others leads its own group; else `none`;
 * - programme: the programme named most by the money it receives or gives (`program` of FUNDS and
 *   INVESTS_IN), else a Program it PARTICIPATES_IN or that FUNDS it; a Program node is its own group;
 *   else `none`;
 * - community: its Louvain community, groups numbered by size (0 = largest).
 */
export async function assignGroups(
  p: Projection,
  visible: Set<string>,
  by: Grouping,
  communities?: Map<string, number>,
): Promise<Assignment> {
  const nameOf = new Map(p.nodes.map((n) => [n.id, n.name]));
  const kindOf = new Map(p.nodes.map((n) => [n.id, n.kind as string]));
  const groupOf = new Map<string, string>();
  const labelOf = new Map<string, string>();
  const put = (id: string, key: string, label: string) => {
    groupOf.set(id, key);
    if (!labelOf.has(key)) labelOf.set(key, label);
  };
  if (by === 'kind') {
    await each(visible, (id) => put(id, kindOf.get(id)!, kindOf.get(id)!));
  } else if (by === 'region') {
    const next = await locationLinks(p, kindOf);
    await each(visible, (id) => {
      const r = regionOf(id, next);
      if (r === UNKNOWN_REGION) put(id, NONE, 'No region');
      else put(id, r, nameOf.get(r) ?? r);
    });
  } else if (by === 'funder') {
    const score = new Map<string, Map<string, number>>();
    const funds = new Set<string>();
    await each(p.edges, (e) => {
      if (isMoneyType(e.type) && e.source !== e.target) {
        bump(score, e.target, e.source, 1 + Math.min(0.999, Math.log10(1 + Math.abs(e.amount ?? 0)) / 1e3));
        funds.add(e.source);
      }
    });
    await each(visible, (id) => {
      const main = best(score.get(id)) ?? (funds.has(id) ? id : undefined);
      if (main === undefined) put(id, NONE, 'No funder');
      else put(id, main, nameOf.get(main) ?? main);
    });
  } else if (by === 'programme') {
    const score = new Map<string, Map<string, number>>();
    const add = (e: ProjEdge) => {
      if (isMoneyType(e.type) && e.program !== undefined) {
        bump(score, e.target, e.program, 2);
        bump(score, e.source, e.program, 1);
      } else if (e.type === 'PARTICIPATES_IN' && kindOf.get(e.target) === 'Program') bump(score, e.source, e.target, 1);
      else if (isMoneyType(e.type) && kindOf.get(e.source) === 'Program') bump(score, e.target, e.source, 1);
    };
    await each(p.edges, add);
    await each(visible, (id) => {
      const prog = kindOf.get(id) === 'Program' ? id : best(score.get(id));
      if (prog === undefined) put(id, NONE, 'No programme');
      else put(id, prog, nameOf.get(prog) ?? prog);
    });
  } else {
    const members = new Map<number, string[]>();
    for (const id of visible) {
      const c = communities?.get(id) ?? -1;
      const list = members.get(c) ?? [];
      list.push(id);
      members.set(c, list);
    }
    const first = (ids: string[]) => ids.reduce((m, id) => (byString(id, m) < 0 ? id : m));
    const order = [...members.entries()]
      .map(([c, ids]) => ({ c, ids, first: first(ids) }))
      .sort((a, b) => b.ids.length - a.ids.length || byString(a.first, b.first) || a.c - b.c)
      .map(({ c, ids }): [number, string[]] => [c, ids]);
    order.forEach(([, ids], i) => {
      for (const id of ids) put(id, String(i), `Community ${i + 1}`);
    });
  }
  return { groupOf, labelOf };
}

/**
 * The overview view's data: the groups of /api/overview as a data set (super-nodes at the server's
 * positions, aggregated edges), groups opened in place (their members, owned by `group:<id>`) and
 * closed again, and the sizes drawn. Pure functions over client/state/dataset.
 */
import type { MembersPage, OverviewGraph } from '../../server/api/overviewSchemas';
import type { SerializedGraph } from '../../server/api/schemas';
import { emptyDataset, mergeGraph, releaseOwner, type Dataset } from './dataset';
import type { EdgeType } from './vocab';

export const GROUPINGS = ['community', 'kind', 'region', 'funder', 'programme'] as const;
export type Grouping = (typeof GROUPINGS)[number];
export type GroupSize = 'members' | 'money';
export const GROUP_SIZES: readonly GroupSize[] = ['members', 'money'];

/** A graph of more nodes than this opens on the overview (unless the link names a view). */
export const OVERVIEW_ABOVE = 15_000;
/** Members brought by opening a group (the best connected). */
export const OPEN_LIMIT = 200;

export const GROUPS_OWNER = 'groups';
export const groupOwner = (groupId: string): string => `group:${groupId}`;
const GROUP_ID = new RegExp(`^(${GROUPINGS.join('|')}):[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$`);
export const isGroupId = (id: string): boolean => GROUP_ID.test(id);

/** The edge type an aggregated edge is drawn as (its colour and width), by family. */
const FAMILY_TYPE: Record<string, EdgeType> = {
  money: 'FUNDS',
  collaboration: 'COLLABORATES_WITH',
  structure: 'PART_OF',
  other: 'AFFILIATED_WITH',
};

/** The kind a group is drawn as: the kind most of its members have. */
function mainKind(kinds: Record<string, number>): string {
  let best = 'Field';
  let n = -1;
  for (const [k, c] of Object.entries(kinds)) if (c > n || (c === n && k < best)) [best, n] = [k, c];
  return best;
}

/** The overview's groups as a data set: each group a node (kind = its main kind), each aggregate an edge. */
export function groupsDataset(g: OverviewGraph): Dataset {
  const serialized: SerializedGraph = {
    options: { type: 'directed', multi: true, allowSelfLoops: true },
    attributes: { truncated: false },
    nodes: g.nodes.map((n) => ({
      key: n.key,
      attributes: {
        ...n.attributes,
        name: n.attributes.label,
        kind: mainKind(n.attributes.kinds) as SerializedGraph['nodes'][number]['attributes']['kind'],
        group: true,
      },
    })),
    edges: g.edges.map((e) => ({
      key: e.key,
      source: e.source,
      target: e.target,
      attributes: {
        type: FAMILY_TYPE[e.attributes.family] ?? 'AFFILIATED_WITH',
        family: e.attributes.family,
        count: e.attributes.count,
        ...(e.attributes.currency ? { currency: e.attributes.currency, amount: e.attributes.total } : {}),
      },
    })),
  };
  return mergeGraph(emptyDataset(), serialized, GROUPS_OWNER).dataset;
}

/** Opens a group in place: its members (a page of them) join the data set, owned by `group:<id>`. */
export function openGroup(ds: Dataset, groupId: string, page: MembersPage): { dataset: Dataset; added: string[] } {
  const r = mergeGraph(ds, page.graph, groupOwner(groupId));
  return { dataset: r.dataset, added: r.change.addedNodes };
}

/** Closes an opened group: its members leave (those another open group also holds stay). */
export function closeGroup(ds: Dataset, groupId: string): Dataset {
  return releaseOwner(ds, groupOwner(groupId)).dataset;
}

export const isOpen = (ds: Dataset, groupId: string): boolean => {
  const owner = groupOwner(groupId);
  for (const n of ds.nodes.values()) if (n.owners.includes(owner)) return true;
  return false;
};

/**
 * Sizes for the overview: a group by the server's `size` (members or money), a member by its degree,
 * both scaled to the largest.
 */
export function groupSizes(ds: Dataset): Map<string, number> {
  const out = new Map<string, number>();
  let top = 0;
  for (const n of ds.nodes.values()) if (n.attrs.group === true) top = Math.max(top, num(n.attrs.size));
  let topDegree = 0;
  for (const n of ds.nodes.values()) if (n.attrs.group !== true) topDegree = Math.max(topDegree, num(n.attrs.degree));
  for (const n of ds.nodes.values())
    out.set(
      n.id,
      n.attrs.group === true
        ? num(n.attrs.size)
        : // members stay smaller than the groups: at most a tenth of the largest group
          (top / 10) * (topDegree > 0 ? num(n.attrs.degree) / topDegree : 0),
    );
  return out;
}

const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

/** What the detail panel shows of a group of the overview. */
export interface GroupInfo {
  id: string;
  label: string;
  members: number;
  /** members by kind, most first */
  kinds: [string, number][];
  /** its best connected members */
  top: { id: string; name: string; kind: string }[];
  /** its members are in the view */
  open: boolean;
}

/** The detail panel's view of group `id` of the overview's data set (null: no such group). */
export function groupInfo(ds: Dataset, id: string): GroupInfo | null {
  const n = ds.nodes.get(id);
  if (!n || n.attrs.group !== true) return null;
  const kinds = Object.entries((n.attrs.kinds ?? {}) as Record<string, number>).filter(([, c]) => c > 0);
  kinds.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const top = Array.isArray(n.attrs.top) ? (n.attrs.top as GroupInfo['top']) : [];
  return { id, label: n.name, members: num(n.attrs.members), kinds, top, open: isOpen(ds, id) };
}

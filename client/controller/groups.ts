/**
 * The overview (groups) view: loads /api/overview for the URL's grouping, opens a group in place (its
 * best connected members, at the server's positions around it) and closes it, and changes the
 * grouping, the size and the hidden kinds. The data set and its changes are client/state/groups.
 */
import {
  closeGroup,
  groupsDataset,
  isOpen,
  OPEN_LIMIT,
  openGroup,
  type Grouping,
  type GroupSize,
} from '../state/groups';
import { serverPosition } from '../view/renderGraph';
import { showInfo } from '../view/toast';
import type { AppCore } from './core';

const HIDEABLE = ['Person', 'Program', 'Indicator'] as const;

export class GroupsControl {
  constructor(private readonly app: AppCore) {}

  private params() {
    const { s } = this.app;
    const currency = s.filtersInUse().currency;
    return {
      size: s.url.groupSize,
      ...(currency ? { currency } : {}),
      ...(s.url.groupShow ? { show: [...HIDEABLE] } : {}),
    };
  }

  /** Fetches the groups, then the members of the groups the URL opens. */
  async load(): Promise<void> {
    const { s, api } = this.app;
    const g = await api.overview({ by: s.url.groupBy, ...this.params() });
    let dataset = groupsDataset(g);
    const opened: string[] = [];
    for (const id of s.url.openGroups) {
      if (!dataset.nodes.has(id)) continue;
      const page = await api.groupMembers(id, { ...this.params(), limit: OPEN_LIMIT });
      dataset = openGroup(dataset, id, page).dataset;
      opened.push(id);
    }
    s.url.openGroups = opened;
    s.groups = { dataset, truncated: false, totalNodes: g.attributes.totalNodes, meta: g.attributes };
    this.updateBar();
  }

  /** Opens a group in place, or closes it when open. */
  async toggle(id: string): Promise<void> {
    const { s, api, render, net } = this.app;
    const data = s.groups;
    if (!data || !data.dataset.nodes.has(id)) return;
    if (isOpen(data.dataset, id)) {
      s.groups = { ...data, dataset: closeGroup(data.dataset, id) };
      s.url.openGroups = s.url.openGroups.filter((g) => g !== id);
      render.applyData([]);
      return;
    }
    const page = await api.groupMembers(id, { ...this.params(), limit: OPEN_LIMIT });
    const r = openGroup(data.dataset, id, page);
    s.groups = { ...data, dataset: r.dataset };
    s.url.openGroups = [...s.url.openGroups, id];
    render.applyData(r.added);
    if (page.nextCursor)
      showInfo(
        'The best connected members',
        `Showing ${page.graph.nodes.length.toLocaleString('en-US')} of ${page.group.members.toLocaleString('en-US')} members of ${page.group.label}.`,
      );
    // members the server has not placed (its layout still running) are laid out here
    const unplaced = r.added.filter((n) => !serverPosition(r.dataset.nodes.get(n)!.attrs));
    if (unplaced.length > 0) await net.layoutAdded(unplaced);
  }

  private async reload(): Promise<void> {
    const { s, render, net } = this.app;
    s.url.openGroups = [];
    await this.load();
    if (s.url.view !== 'groups') return;
    if (s.url.selected && !s.activeDataset().nodes.has(s.url.selected)) await this.app.data.select(null);
    render.applyData([]);
    await this.app.data.layoutIfUnplaced();
    void net.fit();
  }

  setGrouping(by: Grouping): Promise<void> {
    this.app.s.url.groupBy = by;
    return this.reload();
  }

  setSize(size: GroupSize): Promise<void> {
    this.app.s.url.groupSize = size;
    return this.reload();
  }

  setShow(show: boolean): Promise<void> {
    this.app.s.url.groupShow = show;
    return this.reload();
  }

  updateBar(): void {
    const { s, ui } = this.app;
    const meta = s.groups?.meta;
    ui.groupsBar.update({
      visible: s.url.view === 'groups',
      by: s.url.groupBy,
      size: s.url.groupSize,
      show: s.url.groupShow,
      hiddenKinds: meta?.hiddenKinds ?? [],
      groups: s.groups ? [...s.groups.dataset.nodes.values()].filter((n) => n.attrs.group === true).length : 0,
      nodes: meta?.nodes ?? 0,
    });
  }
}

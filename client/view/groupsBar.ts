/**
 * The overview's controls, shown in the top bar in the overview (groups) view: how nodes are grouped,
 * what sizes a group, and whether people, programmes and indicators come back; with a line saying what
 * is shown.
 */
import { GROUP_SIZES, GROUPINGS, type Grouping, type GroupSize } from '../state/groups';
import { h } from './dom';

export interface GroupsBarActions {
  setGrouping(by: Grouping): void;
  setSize(size: GroupSize): void;
  setShow(show: boolean): void;
}

const LABELS: Record<Grouping, string> = {
  community: 'Community',
  kind: 'Kind',
  region: 'Region',
  funder: 'Main funder',
  programme: 'Programme',
};

export class GroupsBar {
  readonly root: HTMLElement;
  private readonly by: HTMLSelectElement;
  private readonly size: HTMLSelectElement;
  private readonly show: HTMLInputElement;
  private readonly showLabel: HTMLElement;
  private readonly note: HTMLElement;

  constructor(actions: GroupsBarActions) {
    this.by = h(
      'select',
      { 'aria-label': 'Group by', onchange: () => actions.setGrouping(this.by.value as Grouping) },
      ...GROUPINGS.map((g) => h('option', { value: g }, LABELS[g])),
    );
    this.size = h(
      'select',
      { 'aria-label': 'Size groups by', onchange: () => actions.setSize(this.size.value as GroupSize) },
      ...GROUP_SIZES.map((s) => h('option', { value: s }, s === 'members' ? 'Members' : 'Money')),
    );
    this.show = h('input', { type: 'checkbox', onchange: () => actions.setShow(this.show.checked) });
    this.showLabel = h('label', { class: 'groups-show' }, this.show, ' People, programmes, indicators');
    this.note = h('span', { class: 'groups-note', role: 'status' });
    this.root = h(
      'div',
      { class: 'groups-bar', role: 'group', 'aria-label': 'Overview', hidden: true },
      h('label', {}, 'Group by ', this.by),
      h('label', {}, 'Size ', this.size),
      this.showLabel,
      this.note,
    );
  }

  update(o: {
    visible: boolean;
    by: Grouping;
    size: GroupSize;
    show: boolean;
    /** kinds the server left out (none: the checkbox is not offered) */
    hiddenKinds: string[];
    groups: number;
    nodes: number;
  }): void {
    this.root.hidden = !o.visible;
    this.by.value = o.by;
    this.size.value = o.size;
    this.show.checked = o.show;
    this.showLabel.hidden = !o.show && o.hiddenKinds.length === 0;
    this.note.textContent = `${o.groups.toLocaleString('en-US')} groups of ${o.nodes.toLocaleString('en-US')} nodes · double-click a group to open or close it`;
  }
}

/**
 * The detail panel of a group selected in the overview: its size, its kinds, its best connected
 * members, and the button that opens it in place (its members drawn around it) or closes it.
 */
import type { GroupInfo } from '../state/groups';
import { KIND_LABELS, isNodeKind } from '../state/vocab';
import { h } from './dom';

export interface GroupActions {
  /** opens the group in place, or closes it when open (what a double-click on it does) */
  toggleGroup(id: string): void;
  select(id: string): void;
}

const kindLabel = (k: string): string => (isNodeKind(k) ? KIND_LABELS[k] : k);

/** The panel's content for group `g`. */
export function groupDetails(g: GroupInfo, a: GroupActions): HTMLElement {
  const n = (x: number) => x.toLocaleString('en-US');
  return h(
    'div',
    { class: 'group-details' },
    h(
      'div',
      { class: 'details-head' },
      h('h2', {}, g.label),
      h('div', { class: 'details-meta' }, h('span', { class: 'badge' }, 'Group'), ` ${n(g.members)} members`),
    ),
    h(
      'div',
      { class: 'actions', role: 'group', 'aria-label': 'Actions on this group' },
      h(
        'button',
        {
          onclick: () => a.toggleGroup(g.id),
          title: g.open ? 'Take its members out of the view' : 'Draw its best connected members around it',
        },
        g.open ? 'Close group' : 'Open group',
      ),
    ),
    g.kinds.length
      ? h('p', { class: 'group-kinds' }, g.kinds.map(([k, c]) => `${n(c)} ${kindLabel(k)}`).join(' · '))
      : null,
    g.top.length
      ? h(
          'section',
          { 'aria-label': 'Best connected members' },
          h('h3', {}, 'Best connected members'),
          h(
            'ul',
            { class: 'neighbour-list' },
            ...g.top.map((m) =>
              h(
                'li',
                {},
                h('button', { class: 'link', onclick: () => a.select(m.id) }, m.name),
                ` ${kindLabel(m.kind)}`,
              ),
            ),
          ),
        )
      : null,
  );
}

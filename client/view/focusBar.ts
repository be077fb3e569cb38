/**
 * The focused network view's bar, shown in the top bar when the network view holds an entity and its
 * neighbours without the network's base: what is shown, and the explicit action that loads the
 * best-connected nodes (never loaded as a side effect on a large graph).
 */
import { h } from './dom';

export interface FocusBarActions {
  loadBase(): void;
}

export class FocusBar {
  readonly root: HTMLElement;
  private readonly note: HTMLElement;
  private readonly loadBtn: HTMLButtonElement;

  constructor(actions: FocusBarActions) {
    this.note = h('span', { class: 'focus-note', role: 'status' });
    this.loadBtn = h('button', { class: 'small', onclick: () => actions.loadBase() }, 'Best-connected');
    this.root = h(
      'div',
      { class: 'focus-bar', role: 'group', 'aria-label': 'Focused view', hidden: true },
      this.note,
      this.loadBtn,
    );
  }

  /** `nodes`: in the view; `limit`: the base's size the button loads. */
  update(o: { visible: boolean; nodes: number; limit: number }): void {
    this.root.hidden = !o.visible;
    if (!o.visible) return;
    const n = o.limit.toLocaleString('en-US');
    this.note.textContent = `Focused view: ${o.nodes.toLocaleString('en-US')} nodes · double-click to expand`;
    this.loadBtn.textContent = `Load the ${n} best-connected`;
    this.loadBtn.title = `Adds the ${n} best-connected nodes of the graph to this view (slow on a large graph)`;
  }
}

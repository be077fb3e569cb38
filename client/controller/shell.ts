/**
 * The page's shell: top bar (search, view switch, undo, share, export menu, drawer buttons), the stage
 * around the network's canvas, the panel tabs; tab switching, the drawers of narrow screens, full
 * screen and the keyboard shortcuts.
 */
import type { PanelTab, View } from '../state/url';
import { h, icon, setChildren } from '../view/dom';
import { showError } from '../view/toast';
import type { AppCore } from './core';

const TAB_LABELS: Record<PanelTab, string> = { details: 'Details', paths: 'Paths', flows: 'Money', console: 'Cypher' };

export class Shell {
  /** the element sigma draws into */
  readonly sigmaEl: HTMLElement;
  readonly status: HTMLElement;
  readonly stage: HTMLElement;
  readonly undoBtn: HTMLButtonElement;
  readonly viewBtns: Record<View, HTMLButtonElement>;
  private readonly tabBtns = new Map<PanelTab, HTMLButtonElement>();
  private readonly tabPanels = new Map<PanelTab, HTMLElement>();

  /** Builds the page into `root`; `app.net` is used by handlers only (it is created on `sigmaEl`). */
  constructor(
    root: HTMLElement,
    private readonly app: AppCore,
  ) {
    const { ui } = app;
    this.viewBtns = {
      network: h('button', { onclick: () => void app.guard(app.data.switchView('network'), 'View') }, 'Network'),
      cofunding: h(
        'button',
        {
          onclick: () => void app.guard(app.data.switchView('cofunding'), 'View'),
          title: 'Funders linked by the recipients they share',
        },
        'Co-funding',
      ),
      groups: h(
        'button',
        {
          onclick: () => void app.guard(app.data.switchView('groups'), 'View'),
          title: 'The graph aggregated into groups: open one to see its members',
        },
        'Overview',
      ),
    };
    this.undoBtn = h('button', { onclick: () => app.data.undo(), disabled: true, title: 'Nothing to undo' }, '↶ Undo');
    const exportMenu = h(
      'details',
      { class: 'menu' },
      h('summary', { role: 'button' }, 'Export'),
      h(
        'div',
        { class: 'menu-items', role: 'group', 'aria-label': 'Export and import' },
        h('button', { onclick: () => void app.guard(app.exporter.exportPng(1), 'Export PNG') }, 'Picture (PNG)'),
        h('button', { onclick: () => void app.guard(app.exporter.exportPng(2), 'Export PNG') }, 'Picture (PNG, 2×)'),
        h('button', { onclick: () => void app.guard(app.exporter.exportPng(4), 'Export PNG') }, 'Picture (PNG, 4×)'),
        h('button', { onclick: () => app.exporter.exportGexf() }, 'Network (GEXF)'),
        h('button', { onclick: () => app.exporter.exportPositions() }, 'Node positions (JSON)'),
        h(
          'button',
          { onclick: () => void app.guard(app.exporter.importPositions(), 'Import positions') },
          'Import positions…',
        ),
      ),
    );
    exportMenu.addEventListener('click', (e) => {
      if ((e.target as HTMLElement).tagName === 'BUTTON') exportMenu.open = false;
    });
    const header = h(
      'header',
      { class: 'topbar' },
      h('h1', { class: 'brand' }, 'Innograph'),
      ui.search.root,
      h(
        'div',
        { class: 'view-switch', role: 'group', 'aria-label': 'View' },
        this.viewBtns.groups,
        this.viewBtns.network,
        this.viewBtns.cofunding,
      ),
      ui.groupsBar.root,
      ui.focusBar.root,
      h(
        'div',
        { class: 'tools' },
        this.undoBtn,
        h('button', { onclick: () => void app.urlSync.share(), title: 'Copy a link to this view' }, 'Share'),
        exportMenu,
        h(
          'button',
          { class: 'narrow-only', onclick: () => this.toggleDrawer('sidebar'), 'aria-controls': 'sidebar' },
          'Filters',
        ),
        h(
          'button',
          { class: 'narrow-only', onclick: () => this.toggleDrawer('panel'), 'aria-controls': 'panel' },
          'Panel',
        ),
      ),
    );
    const tabs = h('div', { class: 'tabs', role: 'tablist', 'aria-label': 'Panels' });
    const panels: Record<PanelTab, HTMLElement> = {
      details: ui.details.root,
      paths: ui.pathsPanel.root,
      flows: ui.flowsPanel.root,
      console: ui.consolePanel.root,
    };
    for (const t of Object.keys(TAB_LABELS) as PanelTab[]) {
      const btn = h(
        'button',
        { role: 'tab', id: `tab-${t}`, 'aria-controls': `tabpanel-${t}`, onclick: () => this.showTab(t) },
        TAB_LABELS[t],
      );
      btn.addEventListener('keydown', (e) => this.onTabKey(e, t));
      this.tabBtns.set(t, btn);
      tabs.append(btn);
      this.tabPanels.set(
        t,
        h(
          'div',
          { role: 'tabpanel', id: `tabpanel-${t}`, 'aria-labelledby': `tab-${t}`, class: 'tabpanel', tabindex: 0 },
          panels[t],
        ),
      );
    }
    this.sigmaEl = h('div', {
      class: 'sigma-container',
      id: 'network',
      tabindex: 0,
      role: 'img',
      'aria-label': 'Network of the ecosystem. Keys: + and − zoom, 0 fits, / searches.',
    });
    this.status = h('div', { class: 'stage-status', role: 'status', 'aria-live': 'polite' });
    const ctl = (label: string, glyph: Node, fn: () => void) =>
      h('button', { 'aria-label': label, title: label, onclick: fn }, glyph);
    this.stage = h(
      'section',
      { class: 'stage', 'aria-label': 'Network' },
      this.sigmaEl,
      h(
        'div',
        { class: 'stage-controls', role: 'group', 'aria-label': 'Camera' },
        ctl('Zoom in', icon('plus'), () => void app.net.zoomIn()),
        ctl('Zoom out', icon('minus'), () => void app.net.zoomOut()),
        ctl('Fit the network', icon('fit'), () => void app.net.fit()),
        ctl('Full screen', icon('fullscreen'), () => this.fullscreen()),
      ),
      this.status,
    );
    setChildren(
      root,
      header,
      h(
        'main',
        { class: 'layout' },
        h('aside', { class: 'sidebar', id: 'sidebar', 'aria-label': 'Filters and legend' }, ui.sidebar.root),
        this.stage,
        h('aside', { class: 'panel', id: 'panel', 'aria-label': 'Panels' }, tabs, ...this.tabPanels.values()),
      ),
    );
  }

  /** Listens to the keyboard (the stage's keys, then the page's). Call once the network view exists. */
  bindKeys(): void {
    this.sigmaEl.addEventListener('keydown', (e) => this.onStageKey(e));
    document.addEventListener('keydown', (e) => this.onGlobalKey(e));
  }

  showTab(t: PanelTab, save = true): void {
    const app = this.app;
    app.s.url.tab = t;
    for (const [k, b] of this.tabBtns) {
      b.setAttribute('aria-selected', String(k === t));
      b.tabIndex = k === t ? 0 : -1;
    }
    for (const [k, p] of this.tabPanels) p.hidden = k !== t;
    if (t === 'console') void app.ui.consolePanel.checkBackend();
    app.render.refreshEmphasis();
    if (save) app.urlSync.saveUrl();
  }

  private onTabKey(e: KeyboardEvent, t: PanelTab): void {
    const order = [...this.tabBtns.keys()];
    const i = order.indexOf(t);
    let j = -1;
    if (e.key === 'ArrowRight') j = (i + 1) % order.length;
    else if (e.key === 'ArrowLeft') j = (i - 1 + order.length) % order.length;
    else if (e.key === 'Home') j = 0;
    else if (e.key === 'End') j = order.length - 1;
    if (j < 0) return;
    e.preventDefault();
    const next = order[j]!;
    this.showTab(next);
    this.tabBtns.get(next)!.focus();
  }

  private toggleDrawer(which: 'sidebar' | 'panel'): void {
    const cls = `show-${which}`;
    const open = !document.body.classList.contains(cls);
    document.body.classList.remove('show-sidebar', 'show-panel');
    document.body.classList.toggle(cls, open);
  }

  private onStageKey(e: KeyboardEvent): void {
    const net = this.app.net;
    if (e.key === '+' || e.key === '=') void net.zoomIn();
    else if (e.key === '-' || e.key === '_') void net.zoomOut();
    else if (e.key === '0') void net.fit();
    else return;
    e.preventDefault();
  }

  private onGlobalKey(e: KeyboardEvent): void {
    const app = this.app;
    const t = e.target as HTMLElement;
    const typing = t.closest('input, textarea, select, [contenteditable]') !== null;
    if (e.key === 'Escape') {
      if (document.body.classList.contains('show-sidebar') || document.body.classList.contains('show-panel')) {
        document.body.classList.remove('show-sidebar', 'show-panel');
        e.preventDefault();
      } else if (!typing && app.s.url.selected) void app.data.select(null);
      return;
    }
    if (typing) return;
    if (e.key === '/' && !e.ctrlKey && !e.metaKey) {
      e.preventDefault();
      app.ui.search.input.focus();
      app.ui.search.input.select();
    } else if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'z') {
      e.preventDefault();
      app.data.undo();
    }
  }

  private fullscreen(): void {
    if (document.fullscreenElement) void document.exitFullscreen();
    else this.stage.requestFullscreen().catch((e: unknown) => showError(e, 'Full screen'));
  }
}

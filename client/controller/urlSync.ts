/**
 * The URL as the view's state: written after every change (expansions, path and money ends, selection,
 * filters, camera), a navigation step as a new history entry (Back and Forward step through views,
 * `restore` puts the view of the entry back, with its open groups, without paths or money trail it
 * lacks), and the share link.
 */
import { expandedRoots } from '../state/history';
import { analysesLeft, analysesToRun, groupsToToggle } from '../state/navigation';
import { encodeUrlState, type UrlState } from '../state/url';
import { showInfo } from '../view/toast';
import { onBackForward, writeUrl } from '../view/urlHistory';
import type { AppCore } from './core';

export class UrlSync {
  /** true while the start-up's first write or a Back/Forward restore runs: replace, never push */
  private replacing = true;
  /** while a compound step runs: its changes are written once, at its end */
  private stepping = 0;

  constructor(private readonly app: AppCore) {}

  /** After the start-up: from now on navigation steps push history entries; Back/Forward restore. */
  listen(): void {
    this.replacing = false;
    onBackForward((target) => void this.app.guard(this.restore(target), 'Back'));
  }

  /** Puts back the view of a history entry: the view, its expansions and the selection. */
  async restore(target: UrlState): Promise<void> {
    const { s, data } = this.app;
    this.replacing = true;
    try {
      // leave the network view first; the base before coming to it (so that it loads it or not)
      if (target.view !== 'network' && target.view !== s.url.view) await data.switchView(target.view);
      if (target.base !== s.url.base) await data.setBase(target.base);
      if (target.view !== s.url.view) await data.switchView(target.view);
      // the overview's open groups (a group opened or closed is a step of its own)
      if (target.view === 'groups' && s.groups)
        for (const g of groupsToToggle(s.url.openGroups, target.openGroups)) await this.app.groups.toggle(g);
      // an entry without paths (or money trail) shows none: they would be written back into its URL
      const left = analysesLeft(target, { paths: s.paths !== null, flows: s.flows !== null });
      // (the panels too: they list what the view shows)
      if (left.paths) this.app.ui.pathsPanel.clear();
      if (left.flows) this.app.ui.flowsPanel.clear();
      // and one with paths (or a money trail) other than those shown runs them again (a Forward)
      const ends = this.app.ui.pathsPanel.endpoints;
      const run = analysesToRun(target, {
        paths: s.paths && ends.from && ends.to ? { from: ends.from, to: ends.to } : null,
        flows: s.flows?.root ? { root: s.flows.root.id, direction: s.flows.direction } : null,
      });
      const roots = expandedRoots(s.network.dataset, s.network.history);
      for (const r of roots) if (!target.expanded.includes(r)) data.collapse(r);
      // laid out when shown (a Forward to a focused view brings its nodes back)
      for (const r of target.expanded)
        if (!roots.includes(r)) await data.expand(r, { layout: target.view === 'network' });
      if (run.paths || run.flows) {
        await this.app.analysis.reopen(target, run);
        this.app.render.applyData([]);
      }
      if (target.selected !== s.url.selected)
        await (target.selected ? data.bringAndSelect(target.selected) : data.select(null));
    } finally {
      // the entry gone back to is rewritten, never pushed: a push would drop the entries ahead of it
      this.saveUrl();
      this.replacing = false;
    }
  }

  /** Runs `fn`, a compound change (e.g. switch view, expand, select), as one navigation step. */
  async step<T>(fn: () => Promise<T>): Promise<T> {
    this.stepping++;
    try {
      return await fn();
    } finally {
      this.stepping--;
      this.saveUrl();
    }
  }

  /** Writes the session's state into the address bar (once the start-up is done). */
  saveUrl(): void {
    const { s, ui } = this.app;
    if (!s.isReady || this.stepping > 0) return;
    const ends = ui.pathsPanel.endpoints;
    const url = s.url;
    url.expanded = expandedRoots(s.network.dataset, s.network.history);
    url.pathFrom = s.paths ? ends.from : null;
    url.pathTo = s.paths ? ends.to : null;
    url.flowFrom = s.flows ? (s.flows.root?.id ?? null) : null;
    url.flowDirection = s.flows?.direction ?? 'down';
    writeUrl(encodeUrlState(url), { replace: this.replacing });
  }

  /** Copies a link to this view (or shows it when the clipboard is not available). */
  async share(): Promise<void> {
    this.saveUrl();
    try {
      await navigator.clipboard.writeText(location.href);
      showInfo('Link copied', 'It reopens this view: selection, filters, expansions and camera.');
    } catch {
      showInfo('Link to this view', location.href);
    }
  }
}

/**
 * The URL as the view's state: written after every change (expansions, path and money ends, selection,
 * filters, camera), and the share link.
 */
import { expandedRoots } from '../state/history';
import { encodeUrlState } from '../state/url';
import { showInfo } from '../view/toast';
import type { AppCore } from './core';

export class UrlSync {
  constructor(private readonly app: AppCore) {}

  /** Writes the session's state into the address bar (once the start-up is done). */
  saveUrl(): void {
    const { s, ui } = this.app;
    if (!s.isReady) return;
    const ends = ui.pathsPanel.endpoints;
    const url = s.url;
    url.expanded = expandedRoots(s.network.dataset, s.network.history);
    url.pathFrom = s.paths ? ends.from : null;
    url.pathTo = s.paths ? ends.to : null;
    url.flowFrom = s.flows ? (s.flows.root?.id ?? null) : null;
    url.flowDirection = s.flows?.direction ?? 'down';
    const q = encodeUrlState(url);
    const next = `${location.pathname}${q ? `?${q}` : ''}`;
    if (next !== `${location.pathname}${location.search}`) history.replaceState(null, '', next);
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

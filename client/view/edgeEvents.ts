/**
 * Edges that can be hovered and clicked (sigma 4 edge events): hovering shows a tooltip with the
 * edge's summary (count, total, years: client/state/edges.ts), clicking hands the edge to the app
 * (which shows it in the detail panel).
 */
import type { Attributes } from 'graphology-types';
import type Sigma from 'sigma';
import { h } from './dom';

export interface EdgeEventHandlers {
  /** the tooltip's text for an edge, or null for none */
  summary(edge: string): string | null;
  onClick(edge: string): void;
}

/** Turns sigma's edge events on and binds them; the tooltip lives next to the sigma container. */
export function bindEdgeEvents<N extends Attributes, E extends Attributes>(
  sigma: Sigma<N, E>,
  handlers: EdgeEventHandlers,
): HTMLElement {
  const container = sigma.getContainer();
  const host = container.parentElement ?? container;
  const tip = h('div', { class: 'edge-tip', role: 'tooltip', hidden: true });
  host.append(tip);
  sigma.setSetting('enableEdgeEvents', true);
  const place = (x: number, y: number) => {
    const maxX = Math.max(0, host.clientWidth - tip.offsetWidth - 8);
    tip.style.left = `${Math.min(maxX, Math.max(0, x + 12))}px`;
    tip.style.top = `${Math.max(0, y + 12)}px`;
  };
  sigma.on('enterEdge', ({ edge, event }) => {
    const text = handlers.summary(edge);
    container.style.cursor = 'pointer';
    if (!text) return;
    tip.textContent = text;
    tip.hidden = false;
    tip.dataset.edge = edge;
    place(event.x, event.y);
  });
  sigma.on('leaveEdge', () => {
    tip.hidden = true;
    delete tip.dataset.edge;
    container.style.cursor = '';
  });
  sigma.on('clickEdge', ({ edge }) => {
    tip.hidden = true;
    handlers.onClick(edge);
  });
  return tip;
}

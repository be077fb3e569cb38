/**
 * Writes the URL state into the browser's history: a navigation step (client/state/navigation.ts)
 * pushes an entry, so Back and Forward step through views; minor changes replace the current one.
 * `onBackForward` hands the state of the entry the user went back or forward to.
 */
import { historyStep } from '../state/navigation';
import { decodeUrlState, type UrlState } from '../state/url';

/** Records the query `query` (without "?"); `replace` forces a replacement (e.g. the first write at start). */
export function writeUrl(query: string, opts: { replace?: boolean } = {}): void {
  const step = historyStep(location.search, query);
  if (step === 'none') return;
  const url = `${location.pathname}${query ? `?${query}` : ''}${location.hash}`;
  if (step === 'push' && !opts.replace) history.pushState(null, '', url);
  else history.replaceState(null, '', url);
}

/** Calls `restore` with the URL state whenever the user goes back or forward; returns the unsubscribe. */
export function onBackForward(restore: (state: UrlState) => void): () => void {
  const listener = () => restore(decodeUrlState(location.search));
  window.addEventListener('popstate', listener);
  return () => window.removeEventListener('popstate', listener);
}

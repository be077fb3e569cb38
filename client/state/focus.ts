/**
 * The focused network view of a large graph: an entity picked outside the view (a search result, a
 * `?sel=` link, a path end) is shown with the first page of its neighbours, laid out by the client,
 * instead of loading the network's base (the best-connected nodes). Loading the base stays an
 * explicit action. Pure functions over the URL state.
 */
import type { UrlState, View } from './url';

/**
 * What picking an entity does: `select` it where it is, `expand` it into the network view, `switch`
 * to the network view (its base) and bring it in there, or `focus`: a focused network view of it.
 */
export type PickPlan = 'select' | 'expand' | 'switch' | 'focus';

export interface PickContext {
  view: View;
  /** the view shown holds the entity */
  inView: boolean;
  /** the network's base is loaded (or loading) */
  baseLoaded: boolean;
  /** the graph is large (it opens on the overview) */
  large: boolean;
}

/** How to show an entity picked by the user (see PickPlan). */
export function planPick(c: PickContext): PickPlan {
  if (c.inView) return 'select';
  if (c.view === 'network') return 'expand';
  return c.large && !c.baseLoaded ? 'focus' : 'switch';
}

/** The URL state of the focused view of `id`: the network without its base, `id` expanded and selected. */
export function focusState(url: UrlState, id: string): UrlState {
  return {
    ...url,
    view: 'network',
    autoView: false,
    base: false,
    selected: id,
    expanded: [id],
    camera: null,
    pathFrom: null,
    pathTo: null,
    flowFrom: null,
  };
}

/**
 * Where a link opens (pure): a large graph's link that names no view opens on the overview; when it
 * selects an entity the overview does not hold, on the focused view of that entity (with the link's
 * expansions, panel and camera) instead.
 */
export function startState(url: UrlState, large: boolean, inOverview: (id: string) => boolean): UrlState {
  if (!url.autoView || url.view !== 'network' || !large) return url;
  const sel = url.selected;
  if (!sel || inOverview(sel)) return { ...url, view: 'groups', autoView: false };
  return {
    ...url,
    view: 'network',
    autoView: false,
    base: false,
    expanded: [...new Set([sel, ...url.expanded])],
  };
}

/**
 * Browser history for the URL state: a navigation step (a selection, an expansion or collapse, a view
 * switch, paths, a money trail, opening a group) gets its own history entry, so Back and Forward step
 * through views; anything else (camera, filters, tabs, sizes) replaces the current entry.
 */

/** Query parameters whose change is a navigation step (see client/state/url.ts for their meaning). */
export const NAVIGATION_PARAMS: readonly string[] = [
  'view',
  'sel',
  'exp',
  'from',
  'to',
  'flow',
  'flowdir',
  'open',
  'base',
];

export type HistoryStep = 'push' | 'replace' | 'none';

/** How to record going from the query `before` to `after` (each with or without "?"). */
export function historyStep(before: string, after: string): HistoryStep {
  const a = new URLSearchParams(before.startsWith('?') ? before.slice(1) : before);
  const b = new URLSearchParams(after.startsWith('?') ? after.slice(1) : after);
  if (NAVIGATION_PARAMS.some((k) => a.get(k) !== b.get(k))) return 'push';
  return a.toString() === b.toString() ? 'none' : 'replace';
}

/** The groups to open or close (toggle) to go from the open groups `current` to `target`. */
export function groupsToToggle(current: readonly string[], target: readonly string[]): string[] {
  return [...current.filter((g) => !target.includes(g)), ...target.filter((g) => !current.includes(g))];
}

/**
 * What going Back or Forward to `target` takes off the view: the paths or the money trail shown now
 * when the entry has none (its URL names no path ends, no money trail root).
 */
export function analysesLeft(
  target: { pathFrom: string | null; pathTo: string | null; flowFrom: string | null },
  shown: { paths: boolean; flows: boolean },
): { paths: boolean; flows: boolean } {
  return { paths: shown.paths && !(target.pathFrom && target.pathTo), flows: shown.flows && !target.flowFrom };
}

/**
 * What going Back or Forward to `target` has to run again: its paths when the entry names path ends
 * other than those shown, its money trail when it names another root or direction.
 */
export function analysesToRun(
  target: { pathFrom: string | null; pathTo: string | null; flowFrom: string | null; flowDirection: 'down' | 'up' },
  shown: { paths: { from: string; to: string } | null; flows: { root: string; direction: 'down' | 'up' } | null },
): { paths: boolean; flows: boolean } {
  const paths =
    target.pathFrom !== null &&
    target.pathTo !== null &&
    (shown.paths?.from !== target.pathFrom || shown.paths.to !== target.pathTo);
  const flows =
    target.flowFrom !== null &&
    (shown.flows?.root !== target.flowFrom || shown.flows.direction !== target.flowDirection);
  return { paths, flows };
}

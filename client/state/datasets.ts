/**
 * The data-set choice (sidebar picker, URL `ds`): which loaded data sets the view shows. An empty
 * choice means all of them; the functions here keep it canonical (sorted, only known names, empty
 * when every one is chosen).
 */

/** The names shown: the choice, or every data set when the choice is empty. */
export function shownDatasets(all: readonly string[], chosen: readonly string[]): Set<string> {
  const known = chosen.filter((n) => all.includes(n));
  return new Set(known.length > 0 ? known : all);
}

/** The choice after a data set's box is (un)ticked: every one or none shown means all (empty). */
export function toggleDataset(all: readonly string[], chosen: readonly string[], name: string, on: boolean): string[] {
  const shown = shownDatasets(all, chosen);
  if (on) shown.add(name);
  else shown.delete(name);
  if (shown.size === 0 || all.every((n) => shown.has(n))) return [];
  return [...shown].sort();
}

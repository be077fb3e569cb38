/**
 * "Did you mean": when a query matches nothing, the names nearest to it (SEMANTICS.md, search). Both
 * stores fetch loose candidates (any query word, as a prefix or with up to 2 typos) and rank them
 * here: each query word scores its best likeness to a word of a name, alias or acronym (1 the same
 * word, 0.7 a prefix either way, 1 − typos/length within 2 typos; a CJK word 1 as a substring, 0.5
 * sharing a character pair); a text scores the mean over the query's words, a candidate its best text;
 * at least 0.5 to be suggested. Order: likeness, then importance, then name and id.
 */
import { byString } from '../store/common';
import { editDistance, type PreparedCandidate, type PreparedText } from '../store/rank';
import { isCjk, nearbyWords } from './names';

/** At most this many suggestions. */
export const SUGGESTIONS = 5;
/** Loose candidates each store looks at. */
export const SUGGESTION_CANDIDATES = 200;
const MIN_LIKENESS = 0.5;

const pairs = (w: string): string[] => {
  const c = [...w];
  return c.length < 2 ? c : c.slice(1).map((x, i) => c[i]! + x);
};

function wordLikeness(q: string, text: PreparedText): number {
  if (isCjk(q)) {
    if (text.cjk.some((t) => t.includes(q))) return 1;
    return pairs(q).some((p) => text.cjk.some((t) => t.includes(p))) ? 0.5 : 0;
  }
  let best = 0;
  const n = [...q].length;
  for (const x of text.raw) {
    if (isCjk(x)) continue;
    if (x === q) return 1;
    if (n >= 3 && (x.startsWith(q) || (q.startsWith(x) && [...x].length >= 3))) best = Math.max(best, 0.7);
    const max = Math.min(2, n - 1);
    if (max > 0) {
      const d = editDistance(q, x, max);
      if (d <= max) best = Math.max(best, 1 - d / Math.max(n, [...x].length));
    }
  }
  return best;
}

/** Ranks loose candidates as suggestions, best first, with a score of 100 × likeness + importance. */
export function rankSuggestions<T extends { id: string; name: string }>(
  query: string,
  candidates: Iterable<PreparedCandidate<T>>,
  importance: (item: T) => number,
): { item: T; score: number }[] {
  const words = nearbyWords(query);
  if (words.length === 0) return [];
  const out: { item: T; likeness: number; score: number }[] = [];
  for (const c of candidates) {
    let likeness = 0;
    for (const t of [...c.texts, ...c.acronyms]) {
      const mean = words.reduce((s, w) => s + wordLikeness(w, t), 0) / words.length;
      if (mean > likeness) likeness = mean;
    }
    if (likeness < MIN_LIKENESS) continue;
    const l = Math.round(likeness * 1000) / 1000;
    out.push({ item: c.item, likeness: l, score: Math.round((100 * l + importance(c.item)) * 1000) / 1000 });
  }
  return out
    .sort(
      (a, b) =>
        b.likeness - a.likeness ||
        b.score - a.score ||
        byString(a.item.name, b.item.name) ||
        byString(a.item.id, b.item.id),
    )
    .map(({ item, score }) => ({ item, score }));
}

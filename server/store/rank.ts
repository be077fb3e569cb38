/**
 * The search ranking rules of SEMANTICS.md, written once as pure functions that both stores apply to
 * the candidates their index returns (the Neo4j full-text indexes, the embedded MiniSearch index).
 * Names are read by server/search/names.ts (canonical words, stop words, legal prefixes and forms).
 * A candidate's score is that of its best match: a tier (exact name, canonical name, acronym, all
 * words, words spread over several names, words of an acronym, typos) plus, within the tier, a bonus
 * for the name over an alias, for the query's words in order at the start of the name, for the share
 * of the name the query covers, and the entity's importance in the graph (server/search/importance.ts).
 */
import type { NodeKind } from '../model/model';
import { isCjk, nameWords, textTokens, type NameWord } from '../search/names';
import { byString } from './common';

export { normalizeText, isCjk, textTokens } from '../search/names';

/** What a search candidate must carry to be ranked. */
export interface RankCandidate {
  id: string;
  name: string;
  kind: NodeKind;
  aliases: string[];
  acronyms?: string[];
  description: string;
}

/** Base score of each match tier; a tier's bonuses add at most 180, so tiers ≥ 200 apart never mix. */
export const TIER = {
  exact: 1000,
  canonical: 800,
  acronym: 600,
  words: 400,
  spread: 380,
  acronymWords: 250,
  fuzzy: 200,
  none: 0,
} as const;

/** Bonus points within a tier. */
export const BONUS = { name: 10, prefix: 15, coverage: 40, importance: 100 } as const;

/** Largest edit distance a query word may be off by: 1 for words of 4+ characters, 2 for 8+. */
export function allowedTypos(word: string): number {
  const n = [...word].length;
  return n >= 8 ? 2 : n >= 4 ? 1 : 0;
}

const SURROGATE = /[\uD800-\uDFFF]/;
/** the two words' code points, reused between calls (grown when short) */
const codes: [Int32Array, Int32Array] = [new Int32Array(64), new Int32Array(64)];
let rows = [new Int32Array(65), new Int32Array(65), new Int32Array(65)];

/** Puts the code points of `text` into `codes[which]`; returns how many. */
function loadCodes(text: string, which: 0 | 1): number {
  const astral = SURROGATE.test(text);
  const n = astral ? [...text].length : text.length;
  if (n > codes[which].length) codes[which] = new Int32Array(n * 2);
  const out = codes[which];
  if (!astral) for (let i = 0; i < n; i++) out[i] = text.charCodeAt(i);
  else {
    let i = 0;
    for (const c of text) out[i++] = c.codePointAt(0)!;
  }
  return n;
}

/**
 * Optimal string alignment distance (Levenshtein plus adjacent transposition, as Lucene's fuzzy query
 * counts it), or `max + 1` as soon as it must exceed `max`. Search calls it for most candidate words:
 * it reuses its buffers rather than allocating.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > 2 * max + 2) return max + 1; // even counting surrogate pairs
  const m = loadCodes(a, 0);
  const n = loadCodes(b, 1);
  const [s, t] = codes;
  if (Math.abs(m - n) > max) return max + 1;
  if (n + 1 > rows[0]!.length) rows = [0, 1, 2].map(() => new Int32Array(2 * (n + 1)));
  let [prev2, prev, cur] = rows as [Int32Array, Int32Array, Int32Array];
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= m; i++) {
    cur[0] = i;
    let rowMin = i;
    const si = s[i - 1]!;
    for (let j = 1; j <= n; j++) {
      const tj = t[j - 1]!;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (si === tj ? 0 : 1));
      if (i > 1 && j > 1 && si === t[j - 2] && s[i - 2] === tj) v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const spare = prev2;
    prev2 = prev;
    prev = cur;
    cur = spare;
  }
  return prev[n]!;
}

/** The words a match must contain: the query's core words (normalised, deduplicated by raw form). */
export function queryWords(query: string): NameWord[] {
  const seen = new Set<string>();
  return nameWords(query).filter((w) => w.core && !seen.has(w.raw) && (seen.add(w.raw), true));
}

/**
 * The word every match must contain, by which both stores' indexes look candidates up: the longest
 * CJK word if there is one; else the longest word of 4 to 7 characters (selective, and fuzzy at one
 * edit, which an index answers faster than two); else the longest word. First on ties.
 */
export function requiredWord(tokens: readonly string[]): string | undefined {
  const len = (t: string) => [...t].length;
  const longest = (pool: readonly string[]) => {
    let best: string | undefined;
    for (const t of pool) if (best === undefined || len(t) > len(best)) best = t;
    return best;
  };
  const cjk = tokens.filter(isCjk);
  if (cjk.length > 0) return longest(cjk);
  return longest(tokens.filter((t) => allowedTypos(t) === 1)) ?? longest(tokens);
}

/** A name, alias or acronym as the ranking reads it. */
export interface PreparedText {
  raw: string[];
  canon: string[];
  cjk: string[];
  /** its words without CJK (those that may match as a prefix or with typos) */
  latin: string[];
  rawJoined: string;
  coreJoined: string;
  /** its core words, in order */
  core: NameWord[];
  /** characters of its core words */
  length: number;
}

/** A candidate with its name (first), aliases and acronyms prepared once, e.g. when it is indexed. */
export interface PreparedCandidate<T extends { id: string; name: string }> {
  item: T;
  texts: PreparedText[];
  acronyms: PreparedText[];
}

/** Prepares a name, alias or acronym for ranking. */
export function prepareText(text: string): PreparedText {
  const words = nameWords(text);
  const raw = words.map((w) => w.raw);
  const core = words.filter((w) => w.core).map((w) => w.canon);
  return {
    raw,
    canon: words.map((w) => w.canon),
    cjk: raw.filter(isCjk),
    latin: raw.filter((w) => !isCjk(w)),
    rawJoined: raw.join(' '),
    coreJoined: core.join(' '),
    core: words.filter((w) => w.core),
    length: [...core.join('')].length,
  };
}

/** Prepares a candidate's name, aliases and acronyms for ranking. */
export function prepareCandidate<T extends { id: string; name: string; aliases: string[]; acronyms?: string[] }>(
  item: T,
): PreparedCandidate<T> {
  return {
    item,
    texts: [item.name, ...item.aliases].map(prepareText),
    acronyms: (item.acronyms ?? []).map(prepareText),
  };
}

/** Longest CJK query word tried as a shortened form (longer ones match as substrings only). */
export const MAX_SHORTENED = 12;

/**
 * True when a CJK query word is a shortened form of a CJK run: it cuts into pieces of 2+ characters
 * found in the run in order ("山东财政" in "山东省财政厅": 山东 … 财政). For each cut point, the
 * earliest end in the run at which the word up to there is matched (the earliest end never loses).
 */
export function isShortenedForm(word: string, run: string): boolean {
  const q = [...word];
  if (q.length < 4 || q.length > MAX_SHORTENED || run.length < word.length) return false;
  const end: number[] = Array.from({ length: q.length + 1 }, () => Infinity);
  end[0] = 0;
  for (let i = 0; i < q.length; i++) {
    if (end[i] === Infinity) continue;
    for (let len = 2; i + len <= q.length; len++) {
      if (q.length - i - len === 1) continue;
      const piece = q.slice(i, i + len).join('');
      const at = run.indexOf(piece, end[i]);
      if (at < 0) break;
      end[i + len] = Math.min(end[i + len]!, at + piece.length);
    }
  }
  return end[q.length] !== Infinity;
}

const EXACT = 2;
const FUZZY = 1;
const NONE = 0;

/** A query word as matching reads it: whether it is CJK and how many typos it may have, worked out once. */
export interface QueryWord extends NameWord {
  cjk: boolean;
  typos: number;
}

/** How one query word matches one text: 2 as written (or a prefix, for the last word), 1 with typos, 0 not. */
function wordMatch(
  q: QueryWord,
  last: boolean,
  text: Pick<PreparedText, 'canon' | 'raw' | 'cjk' | 'latin'>,
  typos: boolean,
): number {
  if (q.cjk) {
    for (const t of text.cjk) if (t.includes(q.raw)) return EXACT;
    if (typos) for (const t of text.cjk) if (isShortenedForm(q.raw, t)) return FUZZY;
    return NONE;
  }
  if (text.canon.includes(q.canon) || text.raw.includes(q.raw)) return EXACT;
  if (last) for (const x of text.latin) if (x.startsWith(q.raw)) return EXACT;
  if (!typos || q.typos === 0) return NONE;
  for (const x of text.latin) if (editDistance(q.raw, x, q.typos) <= q.typos) return FUZZY;
  return NONE;
}

/** True when the text's first core words are the query's words, in order (the last may be a prefix, any with typos). */
function startsWith(q: PreparedQuery, t: PreparedText): boolean {
  if (t.core.length < q.words.length) return false;
  const last = q.words.length - 1;
  return q.words.every((w, k) => {
    const x = t.core[k]!;
    const cjk = isCjk(x.raw);
    return (
      wordMatch(
        w,
        k === last,
        { raw: [x.raw], canon: [x.canon], cjk: cjk ? [x.raw] : [], latin: cjk ? [] : [x.raw] },
        true,
      ) !== NONE
    );
  });
}

/** The parsed query, computed once per search. */
export interface PreparedQuery {
  words: QueryWord[];
  rawJoined: string;
  coreJoined: string;
  length: number;
}

/** Prepares a query for ranking; null when it has no word to search for. */
export function prepareQuery(query: string): PreparedQuery | null {
  const words = queryWords(query).map((w) => ({ ...w, cjk: isCjk(w.raw), typos: allowedTypos(w.raw) }));
  if (words.length === 0) return null;
  const core = words.map((w) => w.canon);
  return {
    words,
    rawJoined: textTokens(query).join(' '),
    coreJoined: core.join(' '),
    length: [...core.join('')].length,
  };
}

/** The text score (tier and bonuses, without importance) of a prepared candidate, 0 when it does not match. */
export function textScore(q: PreparedQuery, c: PreparedCandidate<{ id: string; name: string }>): number {
  const last = q.words.length - 1;
  const coverage = (t: PreparedText) => BONUS.coverage * Math.min(1, q.length / Math.max(1, t.length));
  let best = 0;
  const per = q.words.map(() => NONE);
  c.texts.forEach((t, i) => {
    let all = EXACT;
    q.words.forEach((w, k) => {
      const m = wordMatch(w, k === last, t, true);
      if (m > per[k]!) per[k] = m;
      if (m < all) all = m;
    });
    if (all === NONE) return;
    let score: number;
    if (t.rawJoined === q.rawJoined) score = TIER.exact;
    else if (t.coreJoined === q.coreJoined) score = TIER.canonical;
    else {
      score = all === FUZZY ? TIER.fuzzy : TIER.words;
      if (startsWith(q, t)) score += BONUS.prefix;
    }
    score += (i === 0 ? BONUS.name : 0) + coverage(t);
    if (score > best) best = score;
  });
  if (best === 0 && q.words.length > 1 && per.every((m) => m !== NONE)) {
    const length = c.texts.reduce((n, t) => Math.max(n, t.length), 0);
    best = (per.includes(FUZZY) ? TIER.fuzzy : TIER.spread) + BONUS.coverage * Math.min(1, q.length / length);
  }
  for (const a of c.acronyms) {
    let score = 0;
    if (a.rawJoined === q.rawJoined || a.coreJoined === q.coreJoined) score = TIER.acronym;
    else if (q.words.every((w, k) => wordMatch(w, k === last, a, false) === EXACT)) score = TIER.acronymWords;
    if (score > 0) score += coverage(a);
    if (score > best) best = score;
  }
  return best;
}

const round = (n: number) => Math.round(n * 1000) / 1000;

/** A matching candidate and its text score. */
export interface Scored<T> {
  item: T;
  text: number;
}

/** The candidates that match the query, with their text scores, best first (no importance yet). */
export function scoreTexts<T extends { id: string; name: string }>(
  query: string,
  candidates: Iterable<PreparedCandidate<T>>,
): Scored<T>[] {
  const q = prepareQuery(query);
  if (!q) return [];
  const out: Scored<T>[] = [];
  for (const c of candidates) {
    const text = textScore(q, c);
    if (text > 0) out.push({ item: c.item, text });
  }
  return out.sort((a, b) => b.text - a.text);
}

/**
 * The matches whose importance can change the first `limit`: those within BONUS.importance of the
 * `limit`-th text score (any other stays below the first `limit` whatever its importance).
 */
export function importanceNeeded<T>(scored: readonly Scored<T>[], limit: number): T[] {
  if (scored.length <= limit) return scored.map((s) => s.item);
  const floor = scored[limit - 1]!.text - BONUS.importance;
  return scored.filter((s) => s.text >= floor).map((s) => s.item);
}

/** Adds importance (0..100; 0 for items not given) and orders: score, then name, then id; the first `limit`. */
export function finishRanking<T extends { id: string; name: string }>(
  scored: readonly Scored<T>[],
  importance: (item: T) => number | undefined,
  limit = Infinity,
): { item: T; score: number }[] {
  return scored
    .map(({ item, text }) => ({
      item,
      score: round(text + Math.min(BONUS.importance, Math.max(0, importance(item) ?? 0))),
    }))
    .sort((a, b) => b.score - a.score || byString(a.item.name, b.item.name) || byString(a.item.id, b.item.id))
    .slice(0, limit);
}

/** Ranks prepared candidates against a query, dropping those that do not match; `importance` is asked of matches only. */
export function rankPrepared<T extends { id: string; name: string }>(
  query: string,
  candidates: Iterable<PreparedCandidate<T>>,
  importance: (item: T) => number = () => 0,
): { item: T; score: number }[] {
  return finishRanking(scoreTexts(query, candidates), importance);
}

/** `rankPrepared` over plain candidates (each prepared here). */
export function rankMatches<T extends RankCandidate>(
  query: string,
  candidates: Iterable<T>,
  importance?: (item: T) => number,
): { item: T; score: number }[] {
  return rankPrepared(query, [...candidates].map(prepareCandidate), importance);
}

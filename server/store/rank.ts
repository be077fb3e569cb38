/**
 * The search ranking rules of SEMANTICS.md, written once as a pure function that both stores apply to
 * the candidates their index returns (the Neo4j full-text index, the embedded MiniSearch index).
 * Text is compared after `normalizeText` (NFKD, marks removed, lower case) and split by `textTokens`
 * into Latin words and runs of CJK characters. A candidate's score is that of its best name or alias:
 * 100 × tier (exact 4, prefix 3, all words 2, fuzzy 1) + 10 for the name + 40 × (query length / text
 * length, at most 1), rounded to 3 decimals.
 */
import type { NodeKind } from '../model/model';
import { byString } from './common';

/** What a search candidate must carry to be ranked. */
export interface RankCandidate {
  id: string;
  name: string;
  kind: NodeKind;
  aliases: string[];
  description: string;
}

/** Match tiers, best first; the score is built on them. */
export const TIER = { exact: 4, prefix: 3, words: 2, fuzzy: 1, none: 0 } as const;

const CJK = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}';
const CJK_RE = new RegExp(`[${CJK}]`, 'u');
const TOKEN_RE = new RegExp(`[${CJK}]+|(?:(?![${CJK}])[\\p{L}\\p{N}])+`, 'gu');

/** NFKD, combining marks removed, lower case ("Jïnfeng" → "jinfeng", full-width → ASCII). */
export function normalizeText(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/** True when the text holds a Chinese, Japanese or Korean character. */
export const isCjk = (text: string): boolean => CJK_RE.test(text);

/** The normalised tokens of a text: Latin (and other alphabetic) words, and whole runs of CJK characters. */
export function textTokens(text: string): string[] {
  return normalizeText(text).match(TOKEN_RE) ?? [];
}

/** Largest edit distance a query word may be off by: 1 for words of 4+ characters, 2 for 8+. */
export function allowedTypos(word: string): number {
  const n = [...word].length;
  return n >= 8 ? 2 : n >= 4 ? 1 : 0;
}

/**
 * Optimal string alignment distance (Levenshtein plus adjacent transposition, as Lucene's fuzzy query
 * counts it), or `max + 1` as soon as it must exceed `max`.
 */
export function editDistance(a: string, b: string, max: number): number {
  const s = [...a];
  const t = [...b];
  if (Math.abs(s.length - t.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[t.length]!;
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

/** A name or alias as the ranking reads it: its tokens, joined by spaces, and its length in characters. */
export interface PreparedText {
  tokens: string[];
  joined: string;
  length: number;
}

/** A candidate with its name (first) and aliases tokenised once, e.g. when it is indexed. */
export interface PreparedCandidate<T extends { id: string; name: string }> {
  item: T;
  texts: PreparedText[];
}

/** Tokenises a name or alias for ranking. */
export function prepareText(text: string): PreparedText {
  const tokens = textTokens(text);
  const joined = tokens.join(' ');
  return { tokens, joined, length: [...tokens.join('')].length };
}

/** Tokenises a candidate's name and aliases for ranking. */
export function prepareCandidate<T extends { id: string; name: string; aliases: string[] }>(
  item: T,
): PreparedCandidate<T> {
  return { item, texts: [item.name, ...item.aliases].map(prepareText) };
}

/** The tier at which a query (already tokenised) matches one name or alias. */
function matchTier(q: string[], qJoined: string, text: PreparedText): number {
  const w = text.tokens;
  if (q.length === 0 || w.length === 0) return TIER.none;
  const wJoined = text.joined;
  if (qJoined === wJoined) return TIER.exact;
  if (wJoined.startsWith(qJoined)) return TIER.prefix;
  const last = q.length - 1;
  let tier: number = TIER.words;
  for (let i = 0; i < q.length; i++) {
    const t = q[i]!;
    if (isCjk(t)) {
      if (!wJoined.includes(t)) return TIER.none;
      continue;
    }
    if (w.includes(t) || (i === last && w.some((x) => x.startsWith(t)))) continue;
    const max = allowedTypos(t);
    if (max > 0 && w.some((x) => editDistance(t, x, max) <= max)) tier = TIER.fuzzy;
    else return TIER.none;
  }
  return tier;
}

/**
 * Ranks candidates against a query, dropping those that do not match. Best first: exact name/alias,
 * then prefix, then all words in any order, then fuzzy; within a tier, names before aliases and the
 * text closest in length to the query; ties by name, then id.
 */
export function rankMatches<T extends RankCandidate>(
  query: string,
  candidates: Iterable<T>,
): { item: T; score: number }[] {
  return rankPrepared(query, [...candidates].map(prepareCandidate));
}

/** `rankMatches` over candidates tokenised beforehand with `prepareCandidate`. */
export function rankPrepared<T extends { id: string; name: string }>(
  query: string,
  candidates: Iterable<PreparedCandidate<T>>,
): { item: T; score: number }[] {
  const q = textTokens(query);
  if (q.length === 0) return [];
  const qJoined = q.join(' ');
  const qLen = [...q.join('')].length;
  const out: { item: T; score: number }[] = [];
  for (const { item, texts } of candidates) {
    let best = 0;
    texts.forEach((text, i) => {
      const tier = matchTier(q, qJoined, text);
      if (tier === TIER.none) return;
      const coverage = Math.min(1, qLen / Math.max(1, text.length));
      const score = Math.round((tier * 100 + (i === 0 ? 10 : 0) + 40 * coverage) * 1000) / 1000;
      if (score > best) best = score;
    });
    if (best > 0) out.push({ item, score: best });
  }
  return out.sort((a, b) => b.score - a.score || byString(a.item.name, b.item.name) || byString(a.item.id, b.item.id));
}

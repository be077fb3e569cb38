/**
 * Builds the Lucene query that finds search candidates in the full-text indexes. It must find every
 * node that `rankMatches` (server/store/rank.ts) would accept. rankMatches accepts a name or alias only
 * when every query word matches it (a CJK word as a substring), so one word is enough to find them all:
 * the query REQUIRES one word (a CJK one if there is any, else a long one) in every form rankMatches
 * allows — itself, as a prefix, fuzzily (4+ characters) — and lets the other words raise the score.
 * A CJK run is a phrase of its characters (the indexes hold CJK text as single characters, so the
 * phrase finds any substring). Lucene's standard tokenizer keeps words joined by an apostrophe, a full
 * stop or an underscore as one term ("xi'an", "people's") where rank.ts sees two words, so the
 * required word is also looked for right after those characters (one regular expression). User text
 * reaches Lucene escaped.
 */
import { allowedTypos, isCjk, requiredWord, textTokens } from '../rank';

/** At most this many query words are sent to Lucene (the others cannot change which nodes match). */
export const MAX_QUERY_WORDS = 12;

/** Characters inside one Lucene term at which rank.ts splits words (a regular-expression class). */
const JOINERS = "['\u2019._]";

const SPECIAL = /[+\-&|!(){}[\]^"~*?:\\/\s]/g;

/** Escapes every Lucene query-syntax character. */
export const escapeLucene = (text: string): string => text.replace(SPECIAL, (c) => `\\${c}`);

/** Escapes a word for a Lucene regular expression (words are letters and digits; this is a safeguard). */
const escapeRegexp = (text: string): string => text.replace(/[^\p{L}\p{N}]/gu, (c) => `\\${c}`);

const phrase = (t: string): string => `"${t.replace(/["\\]/g, (c) => `\\${c}`)}"`;

/**
 * Every form of a word that rankMatches accepts, as one Lucene clause; with `joined`, also the word
 * right after a joiner inside a term (a regular expression over the whole term dictionary: only the
 * required word pays for it).
 */
function wordClause(t: string, joined: boolean): string {
  if (isCjk(t)) return phrase(t);
  const e = escapeLucene(t);
  const parts = [e, `${e}*`];
  const typos = allowedTypos(t);
  if (typos > 0) parts.push(`${e}~${typos}`);
  if (joined) parts.push(`/.*${JOINERS}${escapeRegexp(t)}.*/`);
  return `(${parts.join(' OR ')})`;
}

/** The Lucene query for a user's search text, or null when it has no word to search for. */
export function luceneQuery(text: string): string | null {
  const tokens = [...new Set(textTokens(text))];
  const required = requiredWord(tokens);
  if (required === undefined) return null;
  const others = tokens
    .filter((t) => t !== required)
    .slice(0, MAX_QUERY_WORDS - 1)
    .map((t) => wordClause(t, false));
  return [`+${wordClause(required, true)}`, ...others].join(' ');
}

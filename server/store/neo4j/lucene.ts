/**
 * Builds the Lucene queries that find search candidates in the full-text indexes. They must find every
 * node that ranking (server/store/rank.ts) would accept. Ranking accepts a node only when every core
 * query word matches one of its names, aliases or acronyms, so one word is enough to find them all: the
 * query REQUIRES one core word (a CJK one if there is any, else a long one) in every form ranking
 * allows (its abbreviations and expansions, itself, as a prefix, fuzzily at 4+ characters) and lets
 * the other words raise the score. The standard indexes hold CJK text as single characters (a phrase
 * finds any substring), the CJK index as character pairs (any shared pair finds a shortened form). Lucene's standard tokenizer keeps words joined by an apostrophe, a full
 * stop or an underscore as one term ("xi'an", "people's") where rank.ts sees two words, so the
 * required word is also looked for right after those characters (one regular expression). User text
 * reaches Lucene escaped.
 */
import { nearbyWords, variants } from '../../search/names';
import { allowedTypos, isCjk, queryWords, requiredWord } from '../rank';

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

const bigrams = (t: string): string[] => {
  const c = [...t];
  return c.length < 2 ? c : c.slice(1).map((x, i) => c[i]! + x);
};

/**
 * Every form of a word that ranking accepts, as one Lucene clause: its abbreviations and expansions,
 * itself as a prefix and with typos; with `joined`, also the word right after a joiner inside a term
 * (a regular expression over the whole term dictionary: only the required word pays for it). A CJK
 * word is a phrase of its characters in the standard indexes (any substring) and any of its character
 * pairs in the CJK index (shortened forms).
 */
function wordClause(t: string, joined: boolean, cjkIndex: boolean): string {
  if (isCjk(t)) return cjkIndex ? `(${bigrams(t).map(phrase).join(' OR ')})` : phrase(t);
  const e = escapeLucene(t);
  const parts = [...variants(t).map(escapeLucene), `${e}*`];
  const typos = allowedTypos(t);
  if (typos > 0) parts.push(`${e}~${typos}`);
  if (joined) parts.push(`/.*${JOINERS}${escapeRegexp(t)}.*/`);
  return `(${parts.join(' OR ')})`;
}

/** The Lucene queries for a user's search text (standard indexes, CJK index), or null when it has no word to search for. */
export function luceneQuery(text: string): { standard: string; cjk: string } | null {
  const tokens = queryWords(text).map((w) => w.raw);
  const required = requiredWord(tokens);
  if (required === undefined) return null;
  const others = tokens.filter((t) => t !== required).slice(0, MAX_QUERY_WORDS - 1);
  const standard = [`+${wordClause(required, true, false)}`, ...others.map((t) => wordClause(t, false, false))];
  if (isCjk(required)) {
    const cjk = [`+${wordClause(required, false, true)}`, ...others.map((t) => wordClause(t, false, true))];
    return { standard: standard.join(' '), cjk: cjk.join(' ') };
  }
  // Without CJK, the CJK index only adds the acronyms: a node found by an acronym alone holds every
  // query word in that acronym, as written or (the last) as a prefix.
  const acronym = (t: string) => `(${[...variants(t).map(escapeLucene), `${escapeLucene(t)}*`].join(' OR ')})`;
  return {
    standard: standard.join(' '),
    cjk: [`+acronyms:${acronym(required)}`, ...others.map((t) => `acronyms:${acronym(t)}`)].join(' '),
  };
}

/** The loose Lucene queries of "did you mean": any query word, as a prefix or with up to 2 typos. */
export function nearbyQuery(text: string): { standard: string; cjk: string } | null {
  const tokens = nearbyWords(text);
  if (tokens.length === 0) return null;
  const clause = (t: string, cjk: boolean) => {
    if (isCjk(t)) return cjk ? `(${bigrams(t).map(phrase).join(' OR ')})` : phrase(t);
    const e = escapeLucene(t);
    const n = [...t].length;
    const parts = [e];
    if (n >= 3) parts.push(`${e}*`, `${e}~${n >= 5 ? 2 : 1}`);
    return `(${parts.join(' OR ')})`;
  };
  return {
    standard: tokens.map((t) => clause(t, false)).join(' '),
    cjk: tokens.map((t) => clause(t, true)).join(' '),
  };
}

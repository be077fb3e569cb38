/**
 * Builds the Lucene queries that find search candidates in the full-text indexes. They must find every
 * node that ranking (server/store/rank.ts) would accept. Ranking accepts a node only when every core
 * query word matches one of its names, aliases or acronyms, so one word is enough to find them all: the
 * query REQUIRES one core word (a CJK one if there is any, else a long one) in every form ranking
 * allows (its abbreviations and expansions, itself, as a prefix, fuzzily at 4+ characters) and lets
 * the other words raise the score. `entity_search` holds the names already split into ranking's words
 * (`searchNames`) and the acronyms, CJK as single characters (a phrase finds any substring); the CJK
 * index holds CJK as character pairs (any shared pair finds a shortened form) and is asked only when
 * the query has CJK. User text reaches Lucene escaped.
 */
import { nearbyWords, variants } from '../../search/names';
import { allowedTypos, isCjk, queryWords, requiredWord } from '../rank';

/** At most this many query words are sent to Lucene (the others cannot change which nodes match). */
export const MAX_QUERY_WORDS = 12;

const SPECIAL = /[+\-&|!(){}[\]^"~*?:\\/\s]/g;

/** Escapes every Lucene query-syntax character. */
export const escapeLucene = (text: string): string => text.replace(SPECIAL, (c) => `\\${c}`);

const phrase = (t: string): string => `"${t.replace(/["\\]/g, (c) => `\\${c}`)}"`;

const bigrams = (t: string): string[] => {
  const c = [...t];
  return c.length < 2 ? c : c.slice(1).map((x, i) => c[i]! + x);
};

/**
 * Every form of a word that ranking accepts, as one Lucene clause: its abbreviations and expansions,
 * itself as a prefix and with typos. A CJK word is a phrase of its characters in `entity_search` (any
 * substring) and any of its character pairs in the CJK index (shortened forms).
 */
function wordClause(t: string, cjkIndex: boolean): string {
  if (isCjk(t)) return cjkIndex ? `(${bigrams(t).map(phrase).join(' OR ')})` : phrase(t);
  const e = escapeLucene(t);
  const parts = [...variants(t).map(escapeLucene), `${e}*`];
  const typos = allowedTypos(t);
  if (typos > 0) parts.push(`${e}~${typos}`);
  return `(${parts.join(' OR ')})`;
}

/**
 * The Lucene queries for a user's search text (`entity_search`; the CJK index, null when the query has
 * no CJK), or null when it has no word to search for.
 */
export function luceneQuery(text: string): { standard: string; cjk: string | null } | null {
  const tokens = queryWords(text).map((w) => w.raw);
  const required = requiredWord(tokens);
  if (required === undefined) return null;
  const others = tokens.filter((t) => t !== required).slice(0, MAX_QUERY_WORDS - 1);
  const query = (cjkIndex: boolean) =>
    [`+${wordClause(required, cjkIndex)}`, ...others.map((t) => wordClause(t, cjkIndex))].join(' ');
  return { standard: query(false), cjk: isCjk(required) ? query(true) : null };
}

/** The loose Lucene queries of "did you mean": any query word, as a prefix or with up to 2 typos. */
export function nearbyQuery(text: string): { standard: string; cjk: string | null } | null {
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
    cjk: tokens.some(isCjk) ? tokens.map((t) => clause(t, true)).join(' ') : null,
  };
}

/**
 * The embedded store's name/alias/acronym index on MiniSearch. It only finds candidates, generously
 * (the query's required word in every form it may take: its abbreviations and expansions, as a
 * prefix and with typos): the final filtering and order are those of server/store/rank.ts, so recall
 * here must cover every match that ranking accepts. Latin words are indexed as words; CJK runs as
 * their single characters and character bigrams, so that any CJK substring or shortened form of a
 * name is found through a bigram. It also finds the looser candidates of "did you mean".
 */
import MiniSearch, { type Query } from 'minisearch';
import { nearbyWords, variants } from '../../search/names';
import {
  allowedTypos,
  isCjk,
  prepareCandidate,
  queryWords,
  requiredWord,
  textTokens,
  type PreparedCandidate,
} from '../rank';

interface Doc {
  id: string;
  name: string;
  aliases: string[];
  acronyms: string[];
}

/** What a search hit carries to the ranking: the node's id and name, its texts tokenised. */
export type SearchCandidate = PreparedCandidate<{ id: string; name: string }>;

function cjkGrams(run: string, unigrams: boolean): string[] {
  const chars = [...run];
  if (chars.length === 1) return chars;
  const out = unigrams ? [...chars] : [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  return out;
}

/** Index terms of a text: normalised words, CJK unigrams and bigrams. */
export function indexTerms(text: string): string[] {
  return textTokens(text).flatMap((t) => (isCjk(t) ? cjkGrams(t, true) : [t]));
}

/** Query terms of a text: normalised words, CJK bigrams (a lone CJK character as itself). */
export function queryTerms(text: string): string[] {
  return textTokens(text).flatMap((t) => (isCjk(t) ? cjkGrams(t, false) : [t]));
}

/** The words one swap of two adjacent, different characters away. */
function swaps(word: string): string[] {
  const c = [...word];
  const out = new Set<string>();
  for (let i = 0; i + 1 < c.length; i++)
    if (c[i] !== c[i + 1]) out.add([...c.slice(0, i), c[i + 1], c[i], ...c.slice(i + 2)].join(''));
  return [...out];
}

/**
 * The MiniSearch query for a Latin word in every form `rankMatches` accepts: itself as a prefix or
 * with its typos, where MiniSearch counts Levenshtein edits and rank.ts counts a swap of adjacent
 * characters as one edit; so also each word one swap away with one typo fewer, and (two typos) each
 * word two swaps away. Cheaper than doubling the fuzziness, which matches much of a large dictionary.
 */
function latinQuery(word: string): Query {
  const typos = allowedTypos(word);
  const queries: Query[] = [{ queries: [word], fuzzy: typos, prefix: true }];
  if (typos === 0) return queries[0]!;
  const once = swaps(word).filter((w) => w !== word);
  for (const w of once) queries.push({ queries: [w], fuzzy: typos - 1 });
  if (typos >= 2) {
    const twice = new Set(once.flatMap(swaps));
    for (const w of [word, ...once]) twice.delete(w);
    for (const w of twice) queries.push({ queries: [w] });
  }
  return { queries, combineWith: 'OR' };
}

/** A MiniSearch index of node names and aliases, updated record by record. */
export class SearchIndex {
  private ms = SearchIndex.create();
  private docs = new Map<string, Doc & { prepared: SearchCandidate }>();
  /** how many nodes hold each Latin word (for choosing the query's most selective word) */
  private df = new Map<string, number>();

  private static create(): MiniSearch<Doc> {
    return new MiniSearch<Doc>({
      idField: 'id',
      fields: ['name', 'aliases', 'acronyms'],
      storeFields: [],
      extractField: (doc, field) =>
        field === 'name'
          ? doc.name
          : field === 'aliases'
            ? doc.aliases.join('\n')
            : field === 'acronyms'
              ? doc.acronyms.join('\n')
              : doc.id,
      tokenize: indexTerms,
      processTerm: (term) => term,
      autoVacuum: { minDirtCount: 1000, minDirtFactor: 0.2, batchSize: 1000, batchWait: 10 },
    });
  }

  /** Adds or replaces a node's entry (a no-op when its name, aliases and acronyms did not change). */
  set(id: string, name: string, aliases: string[], acronyms: string[] = []): void {
    const prev = this.docs.get(id);
    const same = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
    if (prev && prev.name === name && same(prev.aliases, aliases) && same(prev.acronyms, acronyms)) return;
    const doc = { id, name, aliases: [...aliases], acronyms: [...acronyms] };
    if (prev) this.ms.replace(doc);
    else this.ms.add(doc);
    const prepared = prepareCandidate(doc);
    if (prev) this.count(prev.prepared, -1);
    this.count(prepared, 1);
    this.docs.set(id, { ...doc, prepared });
  }

  clear(): void {
    this.ms = SearchIndex.create();
    this.docs.clear();
    this.df.clear();
  }

  private count(c: SearchCandidate, by: 1 | -1): void {
    for (const w of new Set([...c.texts, ...c.acronyms].flatMap((t) => t.raw)))
      if (!isCjk(w)) {
        const n = (this.df.get(w) ?? 0) + by;
        if (n > 0) this.df.set(w, n);
        else this.df.delete(w);
      }
  }

  /**
   * The word to look candidates up by: a CJK word if there is one (`requiredWord`), else the Latin
   * word held by the fewest nodes, when some word is held at all (a typo matches no node as written).
   */
  private selectiveWord(tokens: string[]): string | undefined {
    const fallback = requiredWord(tokens);
    if (fallback === undefined || isCjk(fallback)) return fallback;
    let best: string | undefined;
    let bestCount = Infinity;
    for (const t of tokens) {
      const n = this.df.get(t) ?? 0;
      if (n > 0 && n < bestCount) {
        best = t;
        bestCount = n;
      }
    }
    return best ?? fallback;
  }

  /**
   * Every node with a name, alias or acronym that holds the query's most selective core word (in
   * every form ranking accepts; a CJK word as any of its bigrams), prepared for ranking, which then
   * checks the other words: every match holds every core word, so one word finds them all.
   */
  candidates(query: string): SearchCandidate[] {
    const required = this.selectiveWord(queryWords(query).map((w) => w.raw));
    if (required === undefined) return [];
    const q: Query = isCjk(required)
      ? { queries: cjkGrams(required, false), combineWith: 'OR' }
      : { queries: [latinQuery(required), ...variants(required).filter((v) => v !== required)], combineWith: 'OR' };
    return this.lookup(q);
  }

  /** Loose candidates for "did you mean": any query word, as a prefix or up to 2 typos, the best `max` by MiniSearch's score. */
  nearby(query: string, max: number): SearchCandidate[] {
    const words = nearbyWords(query);
    if (words.length === 0) return [];
    const queries: Query[] = words.flatMap((w): Query[] => {
      if (isCjk(w)) return [{ queries: cjkGrams(w, false), combineWith: 'OR' }];
      const n = [...w].length;
      if (n < 3) return [w];
      return [{ queries: [w], prefix: true, fuzzy: n >= 5 ? 2 : 1 }, ...swaps(w)];
    });
    return this.lookup({ queries, combineWith: 'OR' }).slice(0, max);
  }

  private lookup(q: Query): SearchCandidate[] {
    const hits = this.ms.search(q, { tokenize: (t) => [t], processTerm: (term) => term });
    const out: SearchCandidate[] = [];
    for (const h of hits) {
      const doc = this.docs.get(String(h.id));
      if (doc) out.push(doc.prepared);
    }
    return out;
  }
}

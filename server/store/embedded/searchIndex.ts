/**
 * The embedded store's name/alias/acronym index. It only finds candidates, generously (the query's
 * required word in every form it may take: its abbreviations and expansions, as a prefix and with
 * typos): the final filtering and order are those of server/store/rank.ts, so recall here must cover
 * every match that ranking accepts. Latin words are indexed as words; CJK runs as their single
 * characters and character bigrams, so that any CJK substring or shortened form of a name is found
 * through a bigram. Candidates come from its own postings (term → nodes; a word's typos by the edit
 * distance ranking uses); the looser candidates of "did you mean", ordered by relevance, from
 * MiniSearch over the same terms.
 */
import MiniSearch, { type Query } from 'minisearch';
import { nearbyWords, variants } from '../../search/names';
import {
  allowedTypos,
  editDistance,
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

/**
 * The characters of a word as 32 bits (a character sets bit `code point mod 32`). A word within k edits
 * of another has at most k bits the other lacks, each way: an edit brings in or takes out at most one
 * character, and a swap neither.
 */
function charMask(word: string): number {
  let m = 0;
  for (const c of word) m |= 1 << (c.codePointAt(0)! & 31);
  return m;
}

/** The number of bits set in a 32-bit integer. */
function bitCount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** The words one swap of two adjacent, different characters away. */
function swaps(word: string): string[] {
  const c = [...word];
  const out = new Set<string>();
  for (let i = 0; i + 1 < c.length; i++)
    if (c[i] !== c[i + 1]) out.add([...c.slice(0, i), c[i + 1], c[i], ...c.slice(i + 2)].join(''));
  return [...out];
}

/** A MiniSearch index of node names and aliases, updated record by record. */
export class SearchIndex {
  private ms = SearchIndex.create();
  private docs = new Map<string, Doc & { prepared: SearchCandidate }>();
  /** the nodes that hold each index term (`indexTerms`): a Latin word's count is how selective it is */
  private postings = new Map<string, Set<string>>();
  /** the Latin words held, by length in characters, each with its character mask (for finding a word's typos) */
  private byLength = new Map<number, Map<string, number>>();
  /** the Latin words held, sorted (for prefixes); null when a word came or went since */
  private sorted: string[] | null = null;

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
    if (prev) this.post(prev, -1);
    this.post(doc, 1);
    this.docs.set(id, { ...doc, prepared });
  }

  clear(): void {
    this.ms = SearchIndex.create();
    this.docs.clear();
    this.postings.clear();
    this.byLength.clear();
    this.sorted = null;
  }

  /** Adds (1) or takes out (-1) a node's terms from the postings and the word lists. */
  private post(doc: Doc, by: 1 | -1): void {
    const terms = new Set([doc.name, ...doc.aliases, ...doc.acronyms].flatMap(indexTerms));
    for (const w of terms) {
      let ids = this.postings.get(w);
      if (by === 1) {
        if (!ids) this.postings.set(w, (ids = new Set()));
        ids.add(doc.id);
        if (ids.size > 1 || isCjk(w)) continue;
      } else {
        if (!ids?.delete(doc.id) || ids.size > 0) continue;
        this.postings.delete(w);
        if (isCjk(w)) continue;
      }
      // a Latin word came or went
      const len = [...w].length;
      if (by === 1) {
        const bucket = this.byLength.get(len) ?? new Map<string, number>();
        bucket.set(w, charMask(w));
        this.byLength.set(len, bucket);
      } else this.byLength.get(len)?.delete(w);
      this.sorted = null;
    }
  }

  /** The held Latin words that begin with `prefix` (itself included). */
  private withPrefix(prefix: string): string[] {
    if (!this.sorted) {
      this.sorted = [];
      for (const bucket of this.byLength.values()) for (const w of bucket.keys()) this.sorted.push(w);
      this.sorted.sort();
    }
    const words = this.sorted;
    let lo = 0;
    let hi = words.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (words[mid]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    const out: string[] = [];
    for (let i = lo; i < words.length && words[i]!.startsWith(prefix); i++) out.push(words[i]!);
    return out;
  }

  /**
   * A Latin word in every form ranking accepts (rank.ts): itself and, as a prefix, every word it
   * begins; its abbreviations and expansions; every held word within its typos, by the same edit
   * distance as ranking (a swap of adjacent characters is one edit), found by scanning the held words
   * of a near length (as a bit-mask filter allows).
   */
  private latinTerms(word: string): string[] {
    const typos = allowedTypos(word);
    const near: string[] = [];
    if (typos > 0) {
      const len = [...word].length;
      const mask = charMask(word);
      for (let l = len - typos; l <= len + typos; l++)
        for (const [w, m] of this.byLength.get(l) ?? [])
          if (
            bitCount(mask & ~m) <= typos &&
            bitCount(m & ~mask) <= typos &&
            w !== word &&
            editDistance(word, w, typos) <= typos
          )
            near.push(w);
    }
    return [...new Set([...this.withPrefix(word), ...variants(word), ...near])];
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
      const n = this.postings.get(t)?.size ?? 0;
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
    const terms = isCjk(required) ? cjkGrams(required, false) : this.latinTerms(required);
    const ids = new Set<string>();
    for (const t of terms) for (const id of this.postings.get(t) ?? []) ids.add(id);
    const out: SearchCandidate[] = [];
    for (const id of ids) out.push(this.docs.get(id)!.prepared);
    return out;
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

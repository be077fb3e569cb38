/**
 * The embedded store's name/alias index on MiniSearch. It only finds candidates, generously (the
 * query's required word, as a prefix and with typos): the final filtering and order are those of
 * `rankMatches` (server/store/rank.ts), so recall here must cover every match that function accepts. Latin words are indexed as words; CJK
 * runs as their single characters and character bigrams, so that any CJK substring of a name is found
 * through its bigrams.
 */
import MiniSearch from 'minisearch';
import { allowedTypos, isCjk, prepareCandidate, requiredWord, textTokens, type PreparedCandidate } from '../rank';

interface Doc {
  id: string;
  name: string;
  aliases: string[];
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

/** Fuzziness per query term: twice the edits `rankMatches` allows, as MiniSearch counts a transposition as two. */
const fuzziness = (term: string): number => (isCjk(term) ? 0 : 2 * allowedTypos(term));

/** A MiniSearch index of node names and aliases, updated record by record. */
export class SearchIndex {
  private ms = SearchIndex.create();
  private docs = new Map<string, Doc & { prepared: SearchCandidate }>();

  private static create(): MiniSearch<Doc> {
    return new MiniSearch<Doc>({
      idField: 'id',
      fields: ['name', 'aliases'],
      storeFields: [],
      extractField: (doc, field) =>
        field === 'name' ? doc.name : field === 'aliases' ? doc.aliases.join('\n') : doc.id,
      tokenize: indexTerms,
      processTerm: (term) => term,
      autoVacuum: { minDirtCount: 1000, minDirtFactor: 0.2, batchSize: 1000, batchWait: 10 },
    });
  }

  /** Adds or replaces a node's entry (a no-op when its name and aliases did not change). */
  set(id: string, name: string, aliases: string[]): void {
    const prev = this.docs.get(id);
    if (
      prev &&
      prev.name === name &&
      prev.aliases.length === aliases.length &&
      prev.aliases.every((a, i) => a === aliases[i])
    )
      return;
    const doc = { id, name, aliases: [...aliases] };
    if (prev) this.ms.replace(doc);
    else this.ms.add(doc);
    this.docs.set(id, { ...doc, prepared: prepareCandidate(doc) });
  }

  clear(): void {
    this.ms = SearchIndex.create();
    this.docs.clear();
  }

  /**
   * Every node with a name or alias that holds the query's required word (`requiredWord`: as a word,
   * a prefix or with typos; a CJK word as all its bigrams), tokenised for `rankPrepared`, which then
   * checks the other words. One selective word keeps the index's fuzzy search small: a long common
   * word at two typos matches much of the dictionary.
   */
  candidates(query: string): SearchCandidate[] {
    const required = requiredWord([...new Set(textTokens(query))]);
    if (required === undefined) return [];
    const hits = this.ms.search(required, {
      tokenize: queryTerms,
      processTerm: (term) => term,
      combineWith: 'AND',
      prefix: (term) => !isCjk(term),
      fuzzy: fuzziness,
    });
    const out: SearchCandidate[] = [];
    for (const h of hits) {
      const doc = this.docs.get(String(h.id));
      if (doc) out.push(doc.prepared);
    }
    return out;
  }
}

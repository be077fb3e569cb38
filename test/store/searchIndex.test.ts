/**
 * The embedded store's search index finds candidates; rank.ts decides. On random corpora of look-alike
 * names and queries with typos, swaps, truncations and extra words, ranking the index's candidates must
 * give exactly what ranking every name gives: the index never loses a match.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SearchIndex } from '../../server/store/embedded/searchIndex';
import { rankMatches, rankPrepared, type RankCandidate } from '../../server/store/rank';

const SYLLABLES = ['xin', 'jin', 'kang', 'yan', 'shan', 'ya', 'hua', 'ze', 'ming', 'feng', 'tai', 'bo', 'an'];
const WORDS = ['Technology', 'Digital', 'Advanced', 'Fund', 'Smart', 'Future', 'Group', 'Inc.', 'of', 'Lab'];

const nameArb = fc
  .tuple(
    fc.array(fc.constantFrom(...SYLLABLES), { minLength: 1, maxLength: 3 }),
    fc.array(fc.constantFrom(...WORDS), { minLength: 0, maxLength: 3 }),
  )
  .map(([syl, words]) => {
    const first = syl.join('');
    return [first[0]!.toUpperCase() + first.slice(1), ...words].join(' ');
  });

/** A word with one random change: a swap, a substitution, a deletion, an insertion, or cut short. */
const mangle = (word: string, op: number, at: number): string => {
  const i = word.length > 1 ? at % (word.length - 1) : 0;
  switch (op) {
    case 0:
      return word.slice(0, i) + (word[i + 1] ?? '') + word[i] + word.slice(i + 2);
    case 1:
      return `${word.slice(0, i)}q${word.slice(i + 1)}`;
    case 2:
      return word.slice(0, i) + word.slice(i + 1);
    case 3:
      return `${word.slice(0, i)}e${word.slice(i)}`;
    case 4:
      return word.slice(0, Math.max(1, i + 1));
    default:
      return word;
  }
};

const caseArb = fc.record({
  names: fc.array(nameArb, { minLength: 5, maxLength: 60 }),
  pick: fc.nat(),
  words: fc.array(fc.record({ index: fc.nat(), op: fc.integer({ min: 0, max: 6 }), at: fc.nat() }), {
    minLength: 1,
    maxLength: 3,
  }),
  extra: fc.option(fc.constantFrom(...WORDS, 'Jinkang', 'Yashan'), { nil: undefined }),
});

describe('SearchIndex candidates', () => {
  it('lose no match that ranking every name would find', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const docs: RankCandidate[] = c.names.map((name, i) => ({
          id: `n${i}`,
          name,
          kind: 'Enterprise',
          aliases: [],
          description: '',
        }));
        const index = new SearchIndex();
        for (const d of docs) index.set(d.id, d.name, d.aliases);
        const words = docs[c.pick % docs.length]!.name.split(' ');
        const query = [
          ...c.words.map((w) => mangle(words[w.index % words.length]!.toLowerCase(), w.op, w.at)),
          ...(c.extra ? [c.extra] : []),
        ].join(' ');
        const expected = rankMatches(query, docs).map((r) => [r.item.id, r.score]);
        const got = rankPrepared(query, index.candidates(query)).map((r) => [r.item.id, r.score]);
        expect(got).toEqual(expected);
      }),
      { numRuns: 1500 },
    );
  });
});

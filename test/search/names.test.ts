/**
 * The name rules of search (server/search/names.ts and their use in server/store/rank.ts), as
 * properties over generated names: an abbreviation and its expansion are interchangeable in a query;
 * stop words, legal prefixes and legal forms never stop a match; word order and punctuation do not
 * matter; acronyms are the initials of the significant words and of the name's parts, and rank below
 * an exact name.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ABBREVIATIONS, acronymsOf, canonical, nameWords, variants } from '../../server/search/names';
import { TIER, rankMatches, type RankCandidate } from '../../server/store/rank';

const WORDS = ['Zorvan', 'Quelt', 'Mirabor', 'Sandel', 'Ostrav', 'Pellin', 'Hadrun', 'Tovesk'];
const PAIRS = Object.entries(ABBREVIATIONS).flatMap(([canon, vs]) => vs.map((v) => [canon, v] as const));
const cap = (w: string) => w[0]!.toUpperCase() + w.slice(1);
const org = (id: string, name: string): RankCandidate => ({
  id,
  name,
  kind: 'University',
  aliases: [],
  acronyms: acronymsOf(name),
  description: '',
});
const top = (q: string, cands: RankCandidate[]) => rankMatches(q, cands)[0]?.item.id;

describe('abbreviations', () => {
  it('fold every variant onto its canonical word, and list them all', () => {
    for (const [canon, v] of PAIRS) {
      expect(canonical(v)).toBe(canon);
      expect(variants(v)).toContain(canon);
      expect(variants(canon)).toContain(v);
    }
  });

  it('match each other in either direction, in any position of the name', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...PAIRS),
        fc.shuffledSubarray(WORDS, { minLength: 1, maxLength: 3 }),
        fc.nat(3),
        fc.boolean(),
        ([canon, short], words, at, shortInName) => {
          const pos = at % (words.length + 1);
          const withWord = (w: string) => [...words.slice(0, pos), w, ...words.slice(pos)].join(' ');
          const name = withWord(cap(shortInName ? short : canon));
          const query = withWord(shortInName ? canon : short);
          const other = org('other', words.join(' ') + ' Trust');
          const r = rankMatches(query, [org('target', name), other]);
          expect(r[0]?.item.id).toBe('target');
          expect(r[0]!.score).toBeGreaterThanOrEqual(TIER.canonical);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('stop words, legal prefixes and forms, order, punctuation', () => {
  const nameArb = fc.shuffledSubarray(WORDS, { minLength: 2, maxLength: 4 });

  it('do not block a match: the name is still the first hit', () => {
    fc.assert(
      fc.property(
        nameArb,
        fc.constantFrom('Regents of the', 'Trustees of', 'The', 'Board of Regents of', ''),
        fc.constantFrom('Inc', 'LLC', 'Corporation', ''),
        fc.constantFrom(' ', '-', ', ', ' of ', ' and ', ' at ', '/'),
        fc.boolean(),
        (words, prefix, form, sep, reverse) => {
          const name = `${prefix} ${words.join(sep)} ${form}`.trim();
          const query = (reverse ? [...words].reverse() : words).join(' ').toLowerCase();
          const decoy = org('decoy', `${words[0]} Unrelated Words`);
          expect(top(query, [decoy, org('target', name)])).toBe('target');
          expect(top(`${prefix} ${words.join(' ')}`, [decoy, org('target', name)])).toBe('target');
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keep stop words out of what must match, and legal words in when nothing else is left', () => {
    expect(
      nameWords('Regents of the University of Michigan')
        .filter((w) => w.core)
        .map((w) => w.raw),
    ).toEqual(['university', 'michigan']);
    expect(
      nameWords('Acme Inc')
        .filter((w) => w.core)
        .map((w) => w.raw),
    ).toEqual(['acme']);
    expect(
      nameWords('Inc')
        .filter((w) => w.core)
        .map((w) => w.raw),
    ).toEqual(['inc']);
    expect(nameWords('of the').filter((w) => w.core)).toEqual([]);
    expect(rankMatches('of the', [org('a', 'The Office of the Future')])).toEqual([]);
  });
});

describe('acronyms', () => {
  it('take the initials of the significant words, and of the parts', () => {
    expect(acronymsOf('University of California-Berkeley')).toEqual(['UCB', 'UC Berkeley']);
    expect(acronymsOf('Massachusetts Institute of Technology')).toEqual(['MIT']);
    expect(acronymsOf('University of Texas at Austin')).toEqual(['UTA', 'UT Austin']);
    expect(acronymsOf('Texas A&M University Main Campus')).toEqual(['TAMU']);
    expect(acronymsOf('University Corporation For Atmospheric Res')).toEqual(['UCAR']);
    expect(acronymsOf('Regents of the University of Michigan')).toEqual([]);
    expect(acronymsOf('Advaita Corporation')).toEqual([]);
    expect(acronymsOf('金凤实验室')).toEqual([]);
  });

  it('are the initials of generated names, found by them, below an exact name', () => {
    fc.assert(
      fc.property(
        fc.shuffledSubarray(WORDS, { minLength: 3, maxLength: 5 }),
        fc.constantFrom(' of ', ' ', ' and the '),
        (words, sep) => {
          const name = words.join(sep);
          const initials = words.map((w) => w[0]).join('');
          expect(acronymsOf(name)).toContain(initials);
          const exact = org('exact', initials);
          const person = { ...org('person', `${initials.toLowerCase()}ander Smith`), kind: 'Person' as const };
          const r = rankMatches(initials, [person, org('target', name), exact]).map((x) => x.item.id);
          expect(r.slice(0, 3)).toEqual(['exact', 'target', 'person']);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('of a name in parts abbreviate the first part ("UC Berkeley")', () => {
    fc.assert(
      fc.property(
        fc.shuffledSubarray(WORDS, { minLength: 3, maxLength: 4 }),
        fc.constantFrom('-', ' at ', ', '),
        (words, sep) => {
          const [last, ...first] = words;
          const name = `${first.join(' of ')}${sep}${last}`;
          const short = `${first.map((w) => w[0]).join('')} ${last}`;
          expect(acronymsOf(name)).toContain(short);
          expect(top(short, [org('target', name), org('other', `${last} Hall`)])).toBe('target');
        },
      ),
      { numRuns: 200 },
    );
  });
});

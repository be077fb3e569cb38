/**
 * The shared search ranking (server/store/rank.ts): normalisation, tokens, typo distance and the
 * tiers of SEMANTICS.md (exact > prefix > all words > fuzzy; CJK substrings), with deterministic ties.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NodeKind } from '../../server/model/model';
import type { RankCandidate } from '../../server/store/rank';
import {
  allowedTypos,
  editDistance,
  finishRanking,
  importanceNeeded,
  normalizeText,
  prepareCandidate,
  rankMatches,
  scoreTexts,
  textTokens,
} from '../../server/store/rank';

const NAMES = [
  'Jinfeng Laboratory',
  'Jinfeng Lab Center',
  'Laboratory of Jinfeng',
  'Jinfang Center',
  'Jinfeng',
  'Center for Labs',
  'Mingyue Lake',
];

const c = (id: string, name: string, aliases: string[] = [], kind: NodeKind = 'Lab'): RankCandidate => ({
  id,
  name,
  kind,
  aliases,
  description: '',
});
const ids = (q: string, cands: ReturnType<typeof c>[]) => rankMatches(q, cands).map((r) => r.item.id);

const lab = c('jinfeng-laboratory', 'Jinfeng Laboratory', ['金凤实验室', 'Jinfeng Lab']);
const center = c('jinfeng-center', 'Jinfeng Pathology Precision Diagnosis Center', ['金凤病理精准诊断中心']);
const plan = c('four-labs', 'Chongqing four laboratories plan', ['重庆四大实验室']);
const all = [plan, center, lab];

describe('text', () => {
  it('normalises case, accents and width', () => {
    expect(normalizeText('Jïnfeng ÉCOLE')).toBe('jinfeng ecole');
    expect(normalizeText('ＪＩＮＦＥＮＧ')).toBe('jinfeng');
  });

  it('splits Latin words and CJK runs', () => {
    expect(textTokens('Jinfeng Lab (金凤实验室), R&D-2025')).toEqual([
      'jinfeng',
      'lab',
      '金凤实验室',
      'r',
      'd',
      '2025',
    ]);
    expect(textTokens('abc金凤def')).toEqual(['abc', '金凤', 'def']);
    expect(textTokens(' -- ')).toEqual([]);
  });

  it('counts typos with transpositions as one edit, and stops early', () => {
    expect(editDistance('jinfneg', 'jinfeng', 2)).toBe(1);
    expect(editDistance('jinfeng', 'jinfeng', 2)).toBe(0);
    expect(editDistance('jinfen', 'jinfeng', 2)).toBe(1);
    expect(editDistance('kitten', 'sitting', 5)).toBe(3);
    expect(editDistance('kitten', 'sitting', 1)).toBe(2);
    expect(editDistance('a', 'abcdef', 2)).toBe(3);
    expect(allowedTypos('lab')).toBe(0);
    expect(allowedTypos('labs')).toBe(1);
    expect(allowedTypos('laborato')).toBe(2);
  });
});

describe('rankMatches', () => {
  it('ranks exact, then prefix, then all words, then fuzzy', () => {
    const exact = c('exact', 'Jinfeng');
    const prefix = c('prefix', 'Jinfeng Laboratory');
    const words = c('words', 'Laboratory of Jinfeng');
    const fuzzy = c('fuzzy', 'Jinfang');
    const none = c('none', 'Mingyue Lake');
    expect(ids('jinfeng', [none, fuzzy, words, prefix, exact])).toEqual(['exact', 'prefix', 'words', 'fuzzy']);
  });

  it('finds Jinfeng Laboratory however it is typed', () => {
    for (const q of [
      'Jinfeng',
      'JINFENG',
      'Jïnfeng',
      'jinfeng lab',
      'Jinf',
      'jinfneg',
      'laboratory jinfeng',
      '金凤实验室',
    ])
      expect(ids(q, all)[0], q).toBe('jinfeng-laboratory');
    expect(ids('金凤', all).sort()).toEqual(['jinfeng-center', 'jinfeng-laboratory']);
    expect(ids('实验室', all).sort()).toEqual(['four-labs', 'jinfeng-laboratory']);
  });

  it('keeps typo tolerance to the word length', () => {
    expect(ids('lob', [c('a', 'Lab')])).toEqual([]);
    expect(ids('labz', [c('a', 'Labs')])).toEqual(['a']);
    expect(ids('laboratroy', [c('a', 'Laboratory')])).toEqual(['a']);
    expect(ids('lbaoratroy', [c('a', 'Laboratory')])).toEqual(['a']);
    expect(ids('lbaoratryo', [c('a', 'Laboratory')])).toEqual([]);
  });

  it('needs every query word, the last one may be a prefix', () => {
    expect(ids('jinfeng mingyue', all)).toEqual([]);
    expect(ids('laboratory jin', all)).toEqual(['jinfeng-laboratory']);
    expect(ids('jin laboratory', all)).toEqual([]);
  });

  it('matches aliases as well as names, names first', () => {
    const byName = c('b', 'Alpha');
    const byAlias = c('a', 'Something else', ['Alpha']);
    expect(ids('alpha', [byAlias, byName])).toEqual(['b', 'a']);
  });

  it('breaks ties by name, then id, and gives numeric scores', () => {
    const r = rankMatches('alpha', [c('z', 'Alpha'), c('y', 'Alpha'), c('x', 'ALPHA')]);
    expect(r.map((x) => x.item.id)).toEqual(['x', 'y', 'z']);
    for (const x of r) expect(typeof x.score).toBe('number');
    expect(rankMatches('', all)).toEqual([]);
    expect(rankMatches('!!', all)).toEqual([]);
  });
});

describe('tiers, importance and the first `limit`', () => {
  it('ranks exact, canonical, acronym, words, then typos; importance only within a tier', () => {
    const cands = [
      c('exact', 'Univ of Zorvan'),
      c('canonical', 'University of Zorvan'),
      { ...c('acronym', 'Quelt Olmer Zandu'), acronyms: ['UOZ'] },
      c('words', 'Zorvan Univ Hall'),
    ];
    expect(ids('univ of zorvan', cands)).toEqual(['exact', 'canonical', 'words']);
    const heavy = (x: { id: string }) => (x.id === 'words' ? 100 : 0);
    expect(rankMatches('univ of zorvan', cands, heavy).map((r) => r.item.id)).toEqual(['exact', 'canonical', 'words']);
    expect(ids('uoz', cands)).toEqual(['acronym']);
    const a = c('a', 'Zorvan Quelt Institute');
    const b = c('b', 'Institute of Zorvan');
    expect(ids('zorvan', [b, a])).toEqual(['a', 'b']);
    expect(rankMatches('zorvan', [b, a], (x) => (x.id === 'b' ? 60 : 0)).map((r) => r.item.id)).toEqual(['b', 'a']);
  });

  it('matches words spread over a name and its aliases, below a name that holds them all', () => {
    const mixed = c('mixed', 'Chongqing Jinfeng Laboratory', ['金凤实验室']);
    const whole = c('whole', '重庆实验室 Chongqing');
    expect(ids('Chongqing 实验室', [mixed, whole])).toEqual(['whole', 'mixed']);
  });

  it('finds CJK shortened forms, not scattered characters', () => {
    const finance = c('finance', 'Shandong Provincial Department of Finance', ['山东省财政厅']);
    expect(ids('山东财政', [finance])).toEqual(['finance']);
    expect(ids('山政', [finance])).toEqual([]);
    expect(ids('东省财', [finance])).toEqual(['finance']);
  });

  it('gives the same first `limit` when importance is asked only of the matches that can reach them', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ name: fc.constantFrom(...NAMES), weight: fc.integer({ min: 0, max: 100 }) }), {
          minLength: 1,
          maxLength: 40,
        }),
        fc.constantFrom('jinfeng', 'lab', 'jinfeng lab', 'center', 'jinfneg'),
        fc.integer({ min: 1, max: 10 }),
        (rows, q, limit) => {
          const cands = rows.map((r, i) => c(`n${i}`, r.name));
          const weight = new Map(rows.map((r, i) => [`n${i}`, r.weight]));
          const full = rankMatches(q, cands, (x) => weight.get(x.id)!).slice(0, limit);
          const scored = scoreTexts(q, cands.map(prepareCandidate));
          const need = new Set(importanceNeeded(scored, limit).map((x) => x.id));
          const part = finishRanking(scored, (x) => (need.has(x.id) ? weight.get(x.id) : undefined), limit);
          expect(part).toEqual(full);
        },
      ),
      { numRuns: 300 },
    );
  });
});

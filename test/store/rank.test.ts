/**
 * The shared search ranking (server/store/rank.ts): normalisation, tokens, typo distance and the
 * tiers of SEMANTICS.md (exact > prefix > all words > fuzzy; CJK substrings), with deterministic ties.
 */
import { describe, expect, it } from 'vitest';
import type { NodeKind } from '../../server/model/model';
import { allowedTypos, editDistance, normalizeText, rankMatches, textTokens } from '../../server/store/rank';

const c = (id: string, name: string, aliases: string[] = [], kind: NodeKind = 'Lab') => ({
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

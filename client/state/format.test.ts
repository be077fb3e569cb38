import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { QUALIFIERS } from '../../server/model/model';
import {
  baseText,
  describeFigure,
  displayValue,
  expressesQualifier,
  formatChange,
  formatMoney,
  formatMoneyEn,
  formatMoneyZh,
  formatPeriod,
  formatValue,
  groupThousands,
  plural,
  shortPeriod,
  statedAddsNothing,
  statedDigits,
  withQualifier,
} from './format';

const UNITS = ['currency', 'percent', 'percentage_points', 'ratio', 'count', 'times'] as const;
const CURRENCIES = ['CNY', 'USD', 'EUR', 'GBP', 'JPY', 'HKD', 'CHF', 'SGD'] as const;
const SCALES = [
  [1e6, 'million'],
  [1e9, 'billion'],
  [1e12, 'trillion'],
] as const;

/** The number an English money text stands for: "$4.77 billion" → 4.77e9, "$4,123,456" → 4123456. */
function parseEn(text: string): number {
  const m = /(-?)[^\d-]*([\d,]+(?:\.\d+)?)(?: (million|billion|trillion))?$/.exec(text);
  if (!m) throw new Error(`cannot read ${text}`);
  const scale = { million: 1e6, billion: 1e9, trillion: 1e12 }[m[3] ?? ''] ?? 1;
  return (m[1] ? -1 : 1) * Number(m[2]!.replaceAll(',', '')) * scale;
}

/** The number a Chinese-unit text stands for: "145.2亿元" → 14.52e9. */
function parseZh(text: string): number {
  const m = /^(-?)([\d,]+(?:\.\d+)?)(万亿|亿|万)?元$/.exec(text);
  if (!m) throw new Error(`cannot read ${text}`);
  const scale = { 万亿: 1e12, 亿: 1e8, 万: 1e4 }[m[3] ?? ''] ?? 1;
  return (m[1] ? -1 : 1) * Number(m[2]!.replaceAll(',', '')) * scale;
}

const near = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

describe('money as stated', () => {
  it('keeps the precision the source stated, never more, never less', () => {
    expect(formatMoneyEn(4_770_000_000, 'CNY', '4.77 billion yuan')).toBe('¥4.77 billion');
    expect(formatMoneyEn(71_280_000_000, 'CNY', '71.28 billion yuan')).toBe('¥71.28 billion');
    expect(formatMoneyEn(14_520_000_000, 'CNY', '14.52 billion yuan')).toBe('¥14.52 billion');
    expect(formatMoneyEn(295_300_000_000, 'CNY', '295.3 billion yuan')).toBe('¥295.3 billion');
    expect(formatMoneyEn(4_500_000_000, 'USD', '4.50 billion dollars')).toBe('$4.50 billion');
    expect(formatMoneyEn(1e9, 'CNY', '1 billion yuan')).toBe('¥1 billion');
    expect(formatMoneyEn(1e9, 'CNY', '10亿元')).toBe('¥1 billion');
    expect(formatMoneyEn(1e9, 'CNY', 'in 2025, 1 billion')).toBe('¥1 billion'); // a year is not the figure
    expect(formatMoneyEn(1e7, 'CNY')).toBe('¥10 million');
    expect(formatMoneyEn(4_123_456, 'USD', '4123456')).toBe('$4,123,456');
    expect(formatMoneyEn(250_000, 'EUR')).toBe('€250,000');
    expect(formatMoneyEn(-2e9, 'CNY')).toBe('-¥2 billion');
    expect(formatMoneyEn(1e6, 'CHF')).toBe('CHF 1 million');
    expect(formatMoneyEn(1e6, null)).toBe('1 million');
  });

  it('writes Chinese units for CNY only, agreeing with the English', () => {
    expect(formatMoneyZh(1e9, 'CNY')).toBe('10亿元');
    expect(formatMoneyZh(14_520_000_000, 'CNY')).toBe('145.2亿元');
    expect(formatMoneyZh(1e7, 'CNY')).toBe('1000万元');
    expect(formatMoneyZh(2.5e12, 'CNY')).toBe('2.5万亿元');
    expect(formatMoneyZh(5000, 'CNY')).toBe('5000元');
    expect(formatMoneyZh(3e9, 'USD')).toBeNull();
    expect(formatMoney(1_010_000_000, 'CNY')).toBe('¥1.01 billion (10.1亿元)');
    expect(formatMoney(4.1e9, 'USD')).toBe('$4.1 billion');
    expect(formatMoney(null, 'CNY')).toBe('—');
  });

  it('property: the stated digits of a money figure are kept exactly, in every currency and scale', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 999 }),
        fc.stringMatching(/^\d{0,3}$/),
        fc.constantFrom(...SCALES),
        fc.constantFrom(...CURRENCIES),
        (int, frac, [scale, word], currency) => {
          const numeral = frac ? `${int}.${frac}` : String(int);
          const amount = Math.round(Number(numeral) * scale);
          const out = formatMoneyEn(amount, currency, `${numeral} ${word} (${currency})`);
          expect(out).toMatch(new RegExp(`(^|[^\\d.,])${numeral.replace('.', '\\.')} ${word}$`));
        },
      ),
    );
  });

  it('property: every amount reads back as itself, and its Chinese units (CNY only) as the same amount', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ min: -1e15, max: 1e15 }),
          fc.integer({ min: 1, max: 99_999 }).map((n) => n * 1e7),
          fc.integer({ min: 0, max: 1e9 }).map((n) => n / 100),
        ),
        fc.constantFrom(...CURRENCIES),
        (amount, currency) => {
          expect(near(parseEn(formatMoneyEn(amount, currency)), amount)).toBe(true);
          const zh = formatMoneyZh(amount, currency);
          const both = formatMoney(amount, currency);
          if (currency === 'CNY') {
            expect(near(parseZh(zh!), amount)).toBe(true);
            expect(both).toBe(`${formatMoneyEn(amount, currency)} (${zh})`);
          } else {
            expect(zh).toBeNull();
            expect(both).not.toMatch(/[万亿元]/);
          }
        },
      ),
    );
  });
});

describe('qualifiers', () => {
  it('adds the qualifier unless the text already says it', () => {
    expect(withQualifier('more than 300 projects', 'more_than')).toBe('more than 300 projects');
    expect(withQualifier('14.52 billion yuan', 'expected')).toBe('expected 14.52 billion yuan');
    expect(withQualifier('no less than 4 times', 'at_least')).toBe('no less than 4 times');
    expect(withQualifier('10 million yuan', 'about')).toBe('about 10 million yuan');
    expect(withQualifier('151', 'exact')).toBe('151');
    expect(withQualifier('151', undefined)).toBe('151');
  });

  it('property: the stated text is kept and its qualifier always reads in it', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.constantFrom(...QUALIFIERS), (text, q) => {
        const out = withQualifier(text, q);
        expect(out).toContain(text);
        expect(expressesQualifier(out, q)).toBe(true);
      }),
    );
  });

  it('property: every figure, over all qualifiers, units and currencies, shows qualifier, digits and period', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...QUALIFIERS),
        fc.constantFrom(...UNITS),
        fc.constantFrom(...CURRENCIES),
        fc.integer({ min: 1, max: 99_999 }),
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 1990, max: 2030 }),
        (qualifier, unit, currency, digits, decimals, year) => {
          const value = digits / 10 ** decimals;
          const valueText = value.toFixed(decimals);
          const p = {
            value,
            unit,
            valueText,
            qualifier,
            year,
            ...(unit === 'currency' ? { currency } : {}),
          };
          const f = describeFigure(p)!;
          expect(f.stated).toContain(valueText);
          expect(expressesQualifier(f.stated, qualifier)).toBe(true);
          expect(expressesQualifier(f.normalised, qualifier)).toBe(true);
          expect(f.when).toBe(String(year));
          if (unit !== 'currency') expect(f.normalised.replaceAll(',', '')).toContain(valueText);
          expect(f.aid !== null).toBe(unit === 'currency' && currency === 'CNY');
          if (unit === 'currency' && currency !== 'CNY') expect(`${f.stated}${f.normalised}`).not.toMatch(/[万亿]/);
        },
      ),
    );
  });
});

describe('periods and figures of the seed', () => {
  it('writes a running total to the end of April as Jan–Apr, a stock as of its date', () => {
    const national = { year: 2025, periodLabel: 'first four months of 2025', asOf: '2025-04-30' };
    expect(shortPeriod(national)).toBe('Jan–Apr 2025');
    expect(formatPeriod(national)).toBe('Jan–Apr 2025 (first four months of 2025)');
    expect(shortPeriod({ year: 2025, periodLabel: 'as of the end of April 2025', asOf: '2025-04-30' })).toBe(
      'as of 30 Apr 2025',
    );
    expect(shortPeriod({ periodEnd: 2025, asOf: '2025-04-30' })).toBe('Jan–Apr 2025');
    expect(shortPeriod({ year: 2025, asOf: '2025-04-15' })).toBe('Jan–15 Apr 2025');
    expect(shortPeriod({ year: 2024, asOf: '2024-12-31' })).toBe('2024');
    expect(formatPeriod({ year: 2023 })).toBe('2023');
    expect(formatPeriod({ periodStart: 2021, periodEnd: 2025, periodLabel: '14th Five-Year Plan period' })).toBe(
      '2021–2025 (14th Five-Year Plan period)',
    );
    expect(formatPeriod({ periodLabel: 'recent years' })).toBe('recent years');
    expect(formatPeriod({})).toBe('');
    expect(baseText({ baseYear: 2018 })).toBe('vs 2018');
    expect(baseText({ baseLabel: '13th Five-Year Plan period' })).toBe('vs 13th Five-Year Plan period');
  });

  it('describes the Shandong figures as stated', () => {
    const expected = describeFigure({
      value: 14_520_000_000,
      unit: 'currency',
      currency: 'CNY',
      valueText: '14.52 billion yuan',
      qualifier: 'expected',
      year: 2025,
    })!;
    expect(expected).toMatchObject({
      stated: 'expected 14.52 billion yuan',
      normalised: 'expected ¥14.52 billion',
      aid: '145.2亿元',
      when: '2025',
    });
    const projects = describeFigure({
      value: 300,
      unit: 'count',
      valueText: 'more than 300 projects',
      qualifier: 'more_than',
    })!;
    expect(projects.stated).toBe('more than 300 projects');
    expect(projects.normalised).toBe('more than 300');
    const money = describeFigure({
      amount: 1e7,
      currency: 'CNY',
      amountText: '10 million yuan',
      amountQualifier: 'about',
      year: 2024,
    })!;
    expect(money.stated).toBe('about 10 million yuan');
    expect(money.normalised).toBe('about ¥10 million');
    expect(describeFigure({ unit: 'count' })).toBeNull();
    expect(statedAddsNothing(money)).toBe(false);
    expect(statedAddsNothing(describeFigure({ amount: 4123456, currency: 'USD', amountText: '4123456' })!)).toBe(true);
    expect(statedAddsNothing(describeFigure({ value: 151, unit: 'count', valueText: '151' })!)).toBe(true);
  });

  it('formats values by unit at their own precision, and changes in percentage points', () => {
    expect(formatValue(2.48, 'percent')).toBe('2.48%');
    expect(formatValue(2, 'percent', null, '2.0%')).toBe('2.0%');
    expect(formatValue(7.9, 'percentage_points')).toBe('7.9 pp');
    expect(formatValue(4.5, 'times')).toBe('4.5×');
    expect(formatValue(12000, 'count')).toBe('12,000');
    expect(formatValue(0.3333, 'ratio')).toBe('0.3333');
    expect(formatChange(2, 2.48, 'percent')).toEqual({ text: '+0.48 pp', up: true });
    expect(formatChange(3.1, 2.9, 'percent')).toEqual({ text: '−0.2 pp', up: false });
    expect(formatChange(100, 124, 'currency')).toEqual({ text: '+24%', up: true });
    expect(formatChange(0, 5, 'count')).toBeNull();
  });

  it('reads the stated digits of a text', () => {
    expect(statedDigits('14.52 billion yuan')).toBe(4);
    expect(statedDigits('4.50')).toBe(3);
    expect(statedDigits('1,759 projects')).toBe(4);
    expect(statedDigits('300')).toBe(1);
    expect(statedDigits('the 14th Five-Year Plan: 71.28 billion')).toBe(4);
    expect(statedDigits('seven years')).toBeNull();
  });

  it('groups, pluralises and displays', () => {
    expect(groupThousands(1234567.5)).toBe('1,234,567.5');
    expect(plural(1, 'node')).toBe('1 node');
    expect(plural(10000, 'node')).toBe('10,000 nodes');
    expect(displayValue(['a', 2])).toBe('a, 2');
    expect(displayValue({ a: 1 })).toBe('{"a":1}');
    expect(displayValue(undefined)).toBe('');
  });
});

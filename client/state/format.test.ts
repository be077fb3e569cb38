import { describe, expect, it } from 'vitest';
import {
  displayValue,
  formatIndicator,
  formatMoney,
  formatMoneyEn,
  formatMoneyZh,
  formatPeriod,
  groupThousands,
  plural,
} from './format';

describe('money for people', () => {
  it('writes a billion yuan both ways', () => {
    expect(formatMoneyEn(1e9, 'CNY')).toBe('¥1.0 billion');
    expect(formatMoneyZh(1e9, 'CNY')).toBe('10亿元');
    expect(formatMoney(1e9, 'CNY')).toBe('¥1.0 billion (10亿元)');
  });

  it('scales from thousands to trillions', () => {
    expect(formatMoneyEn(14_520_000_000, 'CNY')).toBe('¥14.5 billion');
    expect(formatMoneyZh(14_520_000_000, 'CNY')).toBe('145.2亿元');
    expect(formatMoneyEn(120_000_000, 'CNY')).toBe('¥120.0 million');
    expect(formatMoneyZh(120_000_000, 'CNY')).toBe('1.2亿元');
    expect(formatMoneyEn(10_000_000, 'CNY')).toBe('¥10.0 million');
    expect(formatMoneyZh(10_000_000, 'CNY')).toBe('1000万元');
    expect(formatMoneyEn(5000, 'CNY')).toBe('¥5,000');
    expect(formatMoneyZh(5000, 'CNY')).toBe('5000元');
    expect(formatMoneyEn(2.5e12, 'CNY')).toBe('¥2.5 trillion');
    expect(formatMoneyZh(2.5e12, 'CNY')).toBe('2.5万亿元');
  });

  it('knows other currencies and copes with none', () => {
    expect(formatMoneyEn(3e9, 'USD')).toBe('$3.0 billion');
    expect(formatMoneyZh(3e9, 'USD')).toBe('30亿美元');
    expect(formatMoneyEn(1e6, 'CHF')).toBe('CHF 1.0 million');
    expect(formatMoneyZh(1e6, 'CHF')).toBe('100万 CHF');
    expect(formatMoneyEn(1e6, null)).toBe('1.0 million');
    expect(formatMoney(null, 'CNY')).toBe('—');
    expect(formatMoneyEn(-2e9, 'CNY')).toBe('-¥2.0 billion');
  });
});

describe('other values', () => {
  it('formats indicators by unit', () => {
    expect(formatIndicator(2.48, 'percent')).toBe('2.48%');
    expect(formatIndicator(7.9, 'percentage_points')).toBe('7.9 pp');
    expect(formatIndicator(4.5, 'times')).toBe('4.5×');
    expect(formatIndicator(12000, 'count')).toBe('12,000');
    expect(formatIndicator(63e9, 'currency', 'CNY')).toBe('¥63.0 billion (630亿元)');
    expect(formatIndicator(0.3333333, 'ratio')).toBe('0.333');
  });

  it('formats periods', () => {
    expect(formatPeriod({ year: 2023 })).toBe('2023');
    expect(formatPeriod({ periodStart: 2021, periodEnd: 2025, periodLabel: '14th Five-Year Plan period' })).toBe(
      '2021–2025 (14th Five-Year Plan period)',
    );
    expect(formatPeriod({ periodLabel: 'recent years' })).toBe('recent years');
    expect(formatPeriod({})).toBe('');
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

/**
 * THE module that writes figures for people; every view and export goes through it. A figure is shown
 * as stated (`valueText`, `amountText`) with its qualifier and period always visible ("more than 300
 * projects", "expected 14.52 billion yuan", "Jan–Apr 2025"); normalised numbers keep the stated
 * precision (4.77 billion stays 4.77, never rounded nor padded); Chinese units (万/亿) only for CNY, as a
 * reading aid from the same exact amount; other currencies in their own convention ("$4.1 billion").
 */
import type { QUALIFIERS } from '../../server/model/model';

export type Qualifier = (typeof QUALIFIERS)[number];

const SYMBOLS: Record<string, string> = { CNY: '¥', USD: '$', EUR: '€', GBP: '£', JPY: 'JP¥', HKD: 'HK$' };

const EN_SCALES: [number, string][] = [
  [1e12, 'trillion'],
  [1e9, 'billion'],
  [1e6, 'million'],
];

/** Most decimals a scaled number may take ("4.123 million"); more and it is written in full. */
const MAX_SCALED_DECIMALS = 3;

/** Groups thousands with commas: 1234567 → "1,234,567". */
export function groupThousands(n: number): string {
  const [int, frac] = Math.abs(n).toString().split('.');
  const grouped = int!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return (n < 0 ? '-' : '') + grouped + (frac ? `.${frac}` : '');
}

/** The fewest decimals (up to 8) that write `v` exactly, as far as a double can tell. */
export function exactDecimals(v: number): number {
  for (let d = 0; d < 8; d++) if (Math.abs(Number(v.toFixed(d)) - v) <= 1e-9 * Math.max(1, Math.abs(v))) return d;
  return 8;
}

/**
 * The significant digits of a stated text's figure (its first numeral that is not a year or an
 * ordinal): "14.52 billion yuan" → 4, "4.50" → 3 (stated decimals count, zeros too), "1,759" → 4,
 * "300" → 1 (an integer's trailing zeros say nothing about precision); null without a numeral.
 */
export function statedDigits(text: string | null | undefined): number | null {
  if (!text) return null;
  for (const m of text.matchAll(/(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(st|nd|rd|th)?/g)) {
    const n = m[0];
    if (m[1] || /^(19|20|21)\d\d$/.test(n)) continue;
    const plain = n.replace(/,/g, '');
    const digits = (plain.includes('.') ? plain.replace('.', '') : plain.replace(/0+$/, '')).replace(/^0+/, '');
    return Math.max(1, digits.length);
  }
  return null;
}

/** A number written with `decimals` decimals, thousands grouped. */
const fixed = (v: number, decimals: number): string =>
  groupThousands(Number(v.toFixed(decimals))).replace(
    /^(-?[\d,]+)(?:\.(\d+))?$/,
    (_, int: string, frac: string | undefined) => (decimals > 0 ? `${int}.${(frac ?? '').padEnd(decimals, '0')}` : int),
  );

/** Decimals to write a scaled value with: its own exact ones, or more when the source stated more digits. */
function decimalsFor(v: number, digits: number | null): number {
  const own = exactDecimals(v);
  if (digits === null || v === 0) return own;
  const intDigits = Math.floor(Math.log10(Math.abs(v))) + 1;
  return Math.max(own, digits - intDigits);
}

/**
 * Money in English scales: "¥1 billion", "¥14.52 billion", "$4,123,456", "€250,000". The digits are the
 * amount's own, or as many as the stated text has ("4.50 billion"); a number that would need more than
 * three decimals in its scale is written in full.
 */
export function formatMoneyEn(amount: number, currency: string | null | undefined, stated?: string | null): string {
  const cur = currency ?? '';
  const symbol = SYMBOLS[cur] ?? (cur ? `${cur} ` : '');
  const abs = Math.abs(amount);
  const sign = amount < 0 ? '-' : '';
  const digits = statedDigits(stated);
  for (const [scale, word] of EN_SCALES) {
    if (abs < scale) continue;
    const v = abs / scale;
    const d = decimalsFor(v, digits);
    if (d <= MAX_SCALED_DECIMALS) return `${sign}${symbol}${fixed(v, d)} ${word}`;
    break;
  }
  return `${sign}${symbol}${fixed(abs, Math.min(decimalsFor(abs, null), 2))}`;
}

/**
 * A reading aid in Chinese units, for CNY only: "10亿元", "145.2亿元", "1000万元", "2.5万亿元", from the
 * exact amount (so it always agrees with the English); null for every other currency.
 */
export function formatMoneyZh(amount: number, currency: string | null | undefined): string | null {
  if (currency !== 'CNY') return null;
  const abs = Math.abs(amount);
  const sign = amount < 0 ? '-' : '';
  for (const [scale, unit] of [
    [1e12, '万亿'],
    [1e8, '亿'],
    [1e4, '万'],
  ] as const) {
    if (abs < scale) continue;
    const v = abs / scale;
    const d = exactDecimals(v);
    if (d <= 4) return `${sign}${fixed(v, d).replaceAll(',', '')}${unit}元`;
    break;
  }
  return `${sign}${fixed(abs, Math.min(exactDecimals(abs), 2)).replaceAll(',', '')}元`;
}

/** "¥1 billion (10亿元)" for CNY, "$4.1 billion" for others, "—" without an amount. */
export function formatMoney(
  amount: number | null | undefined,
  currency: string | null | undefined,
  stated?: string | null,
): string {
  if (typeof amount !== 'number' || !Number.isFinite(amount)) return '—';
  const zh = formatMoneyZh(amount, currency);
  const en = formatMoneyEn(amount, currency, stated);
  return zh ? `${en} (${zh})` : en;
}

/** The currency's symbol or code, for labels: "$", "¥", "CHF". */
export const currencySymbol = (currency: string): string => SYMBOLS[currency] ?? currency;

// ---------------------------------------------------------------- qualifiers

/** How each qualifier reads before a figure ("" for an exact one). */
export const QUALIFIER_PHRASES: Record<Qualifier, string> = {
  exact: '',
  about: 'about',
  more_than: 'more than',
  at_least: 'at least',
  less_than: 'less than',
  up_to: 'up to',
  expected: 'expected',
};

/** Words (English and Chinese) by which a stated text already says its qualifier. */
const QUALIFIER_WORDS: Record<Qualifier, RegExp> = {
  exact: /(?:)/,
  about: /\b(about|around|approximately|approx\.|roughly|nearly|almost|some|close to)\b|约|左右|近/i,
  more_than: /\b(more than|over|above|exceed(s|ed|ing)?|in excess of)\b|超过|逾|多/i,
  at_least: /\b(at least|no less than|not less than|no fewer than|a minimum of)\b|不少于|不低于|至少/i,
  less_than: /\b(less than|fewer than|under|below)\b|不足|不到|低于/i,
  up_to: /\b(up to|at most|no more than|not more than|a maximum of)\b|最高|不超过|至多/i,
  expected: /\b(expected|estimated|projected|forecast|planned|targeted|will)\b|预计|预期|将/i,
};

const isQualifier = (q: unknown): q is Qualifier => typeof q === 'string' && q in QUALIFIER_PHRASES;

/** True when `text` says qualifier `q` in words. */
export const expressesQualifier = (text: string, q: Qualifier): boolean => QUALIFIER_WORDS[q].test(text);

/** The text with its qualifier in words: "14.52 billion yuan" + expected → "expected 14.52 billion yuan". */
export function withQualifier(text: string, q: unknown): string {
  if (!isQualifier(q) || q === 'exact' || expressesQualifier(text, q)) return text;
  return `${QUALIFIER_PHRASES[q]} ${text}`;
}

// ---------------------------------------------------------------- periods

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);

function parseDate(v: unknown): { y: number; m: number; d: number } | null {
  const m = typeof v === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(v) : null;
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= 31 ? { y, m: mo, d } : null;
}
const lastDay = (y: number, m: number): number => new Date(Date.UTC(y, m, 0)).getUTCDate();
const dateText = (t: { y: number; m: number; d: number }): string => `${t.d} ${MONTHS[t.m - 1]} ${t.y}`;

/** A stock measured at a date ("as of the end of April"), not a running total over the year so far. */
const STOCK_WORDS = /\b(as of|as at|by the end|end of|at the end)\b|截至|末/i;

/**
 * The time of a figure or relationship, short: "2023", "2021–2025", "Jan–Apr 2025" (a year measured
 * to the end of April: a running total), "as of 30 Apr 2025" (a stock), or "" when it has none.
 */
export function shortPeriod(p: Readonly<Record<string, unknown>>): string {
  const start = num(p.periodStart);
  const end = num(p.periodEnd);
  const label = str(p.periodLabel);
  const oneYear = start !== null && start === end;
  const year = num(p.year) ?? (oneYear ? start : start === null ? end : null);
  const asOf = parseDate(p.asOf);
  if (start !== null && end !== null && !oneYear) return `${start}–${end}`;
  if (year !== null) {
    if (asOf && asOf.y === year && !(asOf.m === 12 && asOf.d === 31)) {
      if (label && STOCK_WORDS.test(label)) return `as of ${dateText(asOf)}`;
      const upTo = asOf.d === lastDay(asOf.y, asOf.m) ? MONTHS[asOf.m - 1]! : `${asOf.d} ${MONTHS[asOf.m - 1]}`;
      return upTo === 'Jan' ? `Jan ${year}` : `Jan–${upTo} ${year}`;
    }
    return String(year);
  }
  if (start !== null) return `from ${start}`;
  if (asOf) return `as of ${dateText(asOf)}`;
  return '';
}

/** The time in full: the short form with the period as stated, "2021–2025 (14th Five-Year Plan period)". */
export function formatPeriod(p: Readonly<Record<string, unknown>>): string {
  const span = shortPeriod(p);
  const label = str(p.periodLabel);
  if (!label || span === label) return span;
  return span ? `${span} (${label})` : label;
}

/** What a multiple or a growth rate is compared against: "vs 2018", "vs the 13th Five-Year Plan period". */
export function baseText(p: Readonly<Record<string, unknown>>): string | null {
  const label = str(p.baseLabel);
  const year = num(p.baseYear);
  if (label) return `vs ${label}`;
  return year !== null ? `vs ${year}` : null;
}

// ---------------------------------------------------------------- figures

/** A value by unit, at its own precision: "2.48%", "4.5×", "0.48 pp", "1,759", or money. */
export function formatValue(value: number, unit: string, currency?: string | null, stated?: string | null): string {
  const d = decimalsFor(value, statedDigits(stated));
  switch (unit) {
    case 'currency':
      return formatMoneyEn(value, currency, stated);
    case 'percent':
      return `${fixed(value, d)}%`;
    case 'percentage_points':
      return `${fixed(value, d)} pp`;
    case 'times':
      return `${fixed(value, d)}×`;
    default:
      return fixed(value, d);
  }
}

export interface FigureText {
  /** as stated, with its qualifier in words: "more than 300 projects", "expected 14.52 billion yuan" */
  stated: string;
  /** the normalised value with its qualifier: "more than 300", "expected ¥14.52 billion" */
  normalised: string;
  /** the normalised value alone, for next to the stated text: "300", "¥14.52 billion" */
  plain: string;
  /** the text exactly as the source states it, or null when none is stored */
  raw: string | null;
  /** for CNY, the amount in Chinese units ("145.2亿元"), else null */
  aid: string | null;
  /** short time: "2025", "Jan–Apr 2025", "" */
  when: string;
  /** full time, with the period as stated */
  whenFull: string;
  /** the comparison base of a multiple: "vs 2018", or null */
  base: string | null;
}

/**
 * Every text of a figure: an Indicator's properties (value, unit, valueText, qualifier) or a money
 * relationship's (amount, currency, amountText, amountQualifier), with the period fields of either.
 * Null when it has no number.
 */
export function describeFigure(p: Readonly<Record<string, unknown>>): FigureText | null {
  const isMoney = num(p.amount) !== null;
  const value = isMoney ? num(p.amount) : num(p.value);
  if (value === null) return null;
  const unit = isMoney ? 'currency' : (str(p.unit) ?? '');
  const currency = str(p.currency);
  const q = isMoney ? p.amountQualifier : p.qualifier;
  const statedRaw = str(isMoney ? p.amountText : p.valueText);
  const normalisedRaw = formatValue(value, unit, currency, statedRaw);
  return {
    stated: withQualifier(statedRaw ?? normalisedRaw, q),
    normalised: withQualifier(normalisedRaw, q),
    plain: normalisedRaw,
    raw: statedRaw,
    aid: unit === 'currency' ? formatMoneyZh(value, currency) : null,
    when: shortPeriod(p),
    whenFull: formatPeriod(p),
    base: baseText(p),
  };
}

/**
 * True when the text as stated says no more than the normalised value: "4123456" beside "$4,123,456"
 * (the same digits, no words); "1 billion yuan" beside "¥1 billion" says more (it is how it was stated).
 */
export function statedAddsNothing(f: FigureText): boolean {
  if (f.raw === null) return true;
  const digits = (t: string) => t.replace(/[^\d.]/g, '');
  return !/[\p{L}]/u.test(f.raw) && digits(f.raw) === digits(f.plain);
}

/**
 * The change between two values of a series: percentage points for a percent metric ("+0.48 pp"),
 * else the relative change ("+24%"); null when it cannot be said (a zero start).
 */
export function formatChange(first: number, last: number, unit: string): { text: string; up: boolean } | null {
  if (unit === 'percent' || unit === 'percentage_points') {
    const d = Math.max(exactDecimals(first), exactDecimals(last));
    const diff = Number((last - first).toFixed(d));
    return { text: `${diff >= 0 ? '+' : '−'}${fixed(Math.abs(diff), d)} pp`, up: diff >= 0 };
  }
  if (first === 0) return null;
  const pct = (last / first - 1) * 100;
  return { text: `${pct >= 0 ? '+' : '−'}${Math.abs(pct).toFixed(0)}%`, up: pct >= 0 };
}

/** "1,234 nodes", "1 node". */
export const plural = (n: number, word: string): string => `${groupThousands(n)} ${word}${n === 1 ? '' : 's'}`;

/** A value of unknown type as short text for tables. */
export function displayValue(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (Array.isArray(v)) return v.map(displayValue).join(', ');
  return JSON.stringify(v);
}

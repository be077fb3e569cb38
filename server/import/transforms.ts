/**
 * Value transforms of the importer's pipes: text clean-up, slugs, numbers, money amounts and
 * currencies, dates and years, lists. Each takes one value and returns the new value or throws a
 * TransformError whose message becomes the reject reason. An empty string is "no value" (undefined).
 */
import type { PipeStep } from './mapping';

/** A cell value while a row is mapped. */
export type Value = string | number | boolean | string[] | undefined;

/** A value that a transform cannot convert; the message says why. */
export class TransformError extends Error {}

const SLUG_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const isAscii = (s: string): boolean => {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 127) return false;
  return true;
};

/** Lower-case ASCII words joined by single hyphens, at most 120 characters (the model's Slug). */
export function slugify(text: string): string {
  if (text.length <= 120 && SLUG_RE.test(text)) return text;
  const s = (isAscii(text) ? text : text.normalize('NFKD').replace(/[\u0300-\u036f]/g, ''))
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (s.length <= 120) return s;
  return s.slice(0, 120).replace(/-+$/, '');
}

const NUMBER_RE = /^[-+]?(?:\d+|\d{1,3}(?:,\d{3})+)?(?:\.\d+)?(?:e[-+]?\d+)?$/i;

/** Parses "1,234.5", "-47492", "(120)" (negative), "$ 1 234", "12%"; throws on anything else. */
export function parseNumber(text: string): number {
  let s = text.trim().replace(/[\s\u00a0_]/g, '');
  let negative = false;
  if (/^\(.*\)$/.test(s)) {
    negative = true;
    s = s.slice(1, -1);
  }
  s = s.replace(/^[$€£¥]|^(?:US\$|HK\$)/i, '').replace(/%$/, '');
  if (s === '' || !NUMBER_RE.test(s) || !/\d/.test(s)) throw new TransformError(`"${text}" is not a number`);
  const n = Number(s.replace(/,/g, ''));
  if (!Number.isFinite(n)) throw new TransformError(`"${text}" is not a finite number`);
  return negative ? -n : n;
}

const SCALES: [RegExp, number][] = [
  [/^(?:trillion|tn|t)$/i, 1e12],
  [/^(?:billion|bn|b|bln)$/i, 1e9],
  [/^(?:million|mn|m|mio|mln)$/i, 1e6],
  [/^(?:thousand|k)$/i, 1e3],
  [/^亿$/, 1e8],
  [/^万$/, 1e4],
  [/^千$/, 1e3],
];

const CURRENCY_WORDS: [RegExp, string][] = [
  [/US\$|USD|\bUS dollars?\b|\bdollars?\b|\$/i, 'USD'],
  [/HK\$|HKD/i, 'HKD'],
  [/RMB|CNY|\byuan\b|元|¥|￥/i, 'CNY'],
  [/EUR|€|\beuros?\b/i, 'EUR'],
  [/GBP|£|\bpounds?\b/i, 'GBP'],
  [/JPY|円|\byen\b/i, 'JPY'],
];

/** Parses an amount with an optional currency and scale word: "USD 1.2 million", "3.5亿元", "2bn" → whole units. */
export function parseAmount(text: string): number {
  const s = text
    .replace(/US\$|HK\$|USD|CNY|RMB|EUR|GBP|JPY|HKD|[$€£¥￥元円]|\b(?:yuan|dollars?|euros?|pounds?|yen)\b/gi, ' ')
    .trim();
  const m = /^([-+(]?[\d.,\s]*\d[\d.,]*\)?)\s*([a-z\u4e00-\u9fff]*)$/i.exec(s);
  if (!m) throw new TransformError(`"${text}" is not an amount`);
  const n = parseNumber(m[1]!);
  const word = m[2] ?? '';
  if (word === '') return n;
  const scale = SCALES.find(([re]) => re.test(word));
  if (!scale) throw new TransformError(`"${text}": unknown scale "${word}"`);
  return Math.round(n * scale[1] * 100) / 100;
}

/** The ISO 4217 code a text names: "USD", "$", "US$", "RMB", "yuan", "元", "€", "eur", ... */
export function parseCurrency(text: string): string {
  const s = text.trim();
  if (/^[A-Za-z]{3}$/.test(s)) {
    const code = s.toUpperCase();
    return code === 'RMB' ? 'CNY' : code;
  }
  for (const [re, code] of CURRENCY_WORDS) if (re.test(s)) return code;
  throw new TransformError(`"${text}" names no currency`);
}

const DATE_FORMATS: Record<string, RegExp> = {
  'YYYY-MM-DD': /^(?<y>\d{4})[-/.](?<m>\d{1,2})[-/.](?<d>\d{1,2})(?:[T ].*)?$/,
  'MM/DD/YYYY': /^(?<m>\d{1,2})[/.-](?<d>\d{1,2})[/.-](?<y>\d{4})$/,
  'DD/MM/YYYY': /^(?<d>\d{1,2})[/.-](?<m>\d{1,2})[/.-](?<y>\d{4})$/,
  'DD.MM.YYYY': /^(?<d>\d{1,2})\.(?<m>\d{1,2})\.(?<y>\d{4})$/,
  YYYYMMDD: /^(?<y>\d{4})(?<m>\d{2})(?<d>\d{2})$/,
};

/** An ISO date (YYYY-MM-DD) from a text in `format`, or (default) ISO, YYYYMMDD or US MM/DD/YYYY. */
export function parseDate(text: string, format?: string): string {
  const s = text.trim();
  const formats = format ? [format] : ['YYYY-MM-DD', 'YYYYMMDD', 'MM/DD/YYYY'];
  for (const f of formats) {
    const g = DATE_FORMATS[f]?.exec(s)?.groups;
    if (!g) continue;
    const y = Number(g.y);
    const m = Number(g.m);
    const d = Number(g.d);
    const dt = new Date(Date.UTC(y, m - 1, d));
    if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d)
      throw new TransformError(`"${text}" is not a real date`);
    return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  }
  throw new TransformError(`"${text}" is not a date${format ? ` in the format ${format}` : ''}`);
}

/** The year of a date, a year, or a text with one four-digit year in it. */
export function parseYear(value: string | number): number {
  if (typeof value === 'number') {
    if (Number.isInteger(value)) return value;
    throw new TransformError(`${value} is not a year`);
  }
  const m = /(?:^|\D)((?:1[89]|2[01])\d\d)(?:\D|$)/.exec(value);
  if (!m) throw new TransformError(`"${value}" has no year`);
  return Number(m[1]);
}

const TRUE = new Set(['true', 'yes', 'y', '1', 't']);
const FALSE = new Set(['false', 'no', 'n', '0', 'f']);

const titleCase = (s: string) =>
  s.toLowerCase().replace(/(^|[\s\-/(&])([a-z])/g, (_m, pre: string, c: string) => pre + c.toUpperCase());

/** Empty strings and empty lists are no value. */
export function normalize(v: Value): Value {
  if (v === '' || (Array.isArray(v) && v.length === 0)) return undefined;
  return v;
}

function eachString(v: Value, f: (s: string) => Value): Value {
  if (v === undefined) return undefined;
  if (Array.isArray(v)) {
    const out: string[] = [];
    for (const item of v) {
      const r = f(item);
      if (r === undefined || r === '') continue;
      if (Array.isArray(r)) out.push(...r);
      else out.push(String(r));
    }
    return out;
  }
  return f(String(v));
}

const str = (v: Value): string => (Array.isArray(v) ? v.join(';') : String(v));

/** Compiles one pipe step into a function. */
export function compileStep(step: PipeStep): (v: Value) => Value {
  if (typeof step === 'string') {
    switch (step) {
      case 'trim':
        return (v) => eachString(v, (s) => s.trim());
      case 'squish':
        return (v) => eachString(v, (s) => s.replace(/\s+/g, ' ').trim());
      case 'lower':
        return (v) => eachString(v, (s) => s.toLowerCase());
      case 'upper':
        return (v) => eachString(v, (s) => s.toUpperCase());
      case 'title':
        return (v) => eachString(v, titleCase);
      case 'ascii':
        return (v) => eachString(v, (s) => s.normalize('NFKD').replace(/[\u0300-\u036f]/g, ''));
      case 'slug':
        return (v) => eachString(v, slugify);
      case 'number':
        return (v) => (v === undefined || typeof v === 'number' ? v : parseNumber(str(v)));
      case 'integer':
        return (v) => {
          if (v === undefined) return undefined;
          const n = typeof v === 'number' ? v : parseNumber(str(v));
          if (!Number.isInteger(n)) throw new TransformError(`${n} is not a whole number`);
          return n;
        };
      case 'amount':
        return (v) => (v === undefined || typeof v === 'number' ? v : parseAmount(str(v)));
      case 'currency':
        return (v) => (v === undefined ? undefined : parseCurrency(str(v)));
      case 'date':
        return (v) => (v === undefined ? undefined : parseDate(str(v)));
      case 'year':
        return (v) => (v === undefined ? undefined : parseYear(typeof v === 'number' ? v : str(v)));
      case 'boolean':
        return (v) => {
          if (v === undefined || typeof v === 'boolean') return v;
          const s = str(v).trim().toLowerCase();
          if (TRUE.has(s)) return true;
          if (FALSE.has(s)) return false;
          throw new TransformError(`"${str(v)}" is not yes or no`);
        };
      case 'unique':
        return (v) => (Array.isArray(v) ? [...new Set(v)] : v);
    }
  }
  if ('split' in step) {
    const sep = step.split;
    return (v) =>
      eachString(v, (s) =>
        s
          .split(sep)
          .map((x) => x.trim())
          .filter((x) => x !== ''),
      );
  }
  if ('join' in step) return (v) => (Array.isArray(v) ? v.join(step.join) : v);
  if ('map' in step) {
    const table = new Map(Object.entries(step.map));
    const fallback = table.get('*');
    const hasFallback = table.has('*');
    return (v) =>
      eachString(v, (s) => {
        const hit = table.has(s) ? table.get(s) : hasFallback ? fallback : s;
        return hit === null || hit === undefined
          ? undefined
          : typeof hit === 'number' || typeof hit === 'boolean'
            ? String(hit)
            : hit;
      });
  }
  if ('default' in step) return (v) => (v === undefined ? step.default : v);
  if ('replace' in step) {
    const [pattern, replacement, flags] = step.replace;
    const re = new RegExp(pattern, flags ?? 'g');
    return (v) => eachString(v, (s) => s.replace(re, replacement));
  }
  if ('slice' in step) {
    const [start, end] = step.slice;
    return (v) => eachString(v, (s) => s.slice(start, end));
  }
  if ('truncate' in step) {
    const n = step.truncate;
    return (v) => eachString(v, (s) => (s.length <= n ? s : s.slice(0, n - 1) + '…'));
  }
  if ('nullIf' in step) {
    const nulls = new Set(step.nullIf);
    return (v) => eachString(v, (s) => (nulls.has(s) ? undefined : s));
  }
  if ('multiply' in step) {
    const k = step.multiply;
    return (v) => (v === undefined ? undefined : (typeof v === 'number' ? v : parseNumber(str(v))) * k);
  }
  if ('prefix' in step) return (v) => eachString(v, (s) => step.prefix + s);
  if ('suffix' in step) return (v) => eachString(v, (s) => s + step.suffix);
  if ('date' in step) {
    const format = step.date;
    return (v) => (v === undefined ? undefined : parseDate(str(v), format));
  }
  throw new Error(`unknown pipe step ${JSON.stringify(step)}`);
}

/** Compiles a pipe into one function; each step's empty output becomes undefined. */
export function compilePipe(steps: PipeStep[] | undefined): ((v: Value) => Value) | undefined {
  if (!steps || steps.length === 0) return undefined;
  const fns = steps.map(compileStep);
  return (v) => {
    let x = normalize(v);
    for (const f of fns) x = normalize(f(x));
    return x;
  };
}

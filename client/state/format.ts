/**
 * Formatting for people: money in English ("¥1.0 billion") and Chinese ("10亿元") scales, indicator
 * values by unit, years and periods.
 */

const SYMBOLS: Record<string, string> = { CNY: '¥', USD: '$', EUR: '€', GBP: '£', JPY: 'JP¥', HKD: 'HK$' };
const ZH_UNITS: Record<string, string> = { CNY: '元', USD: '美元', EUR: '欧元', GBP: '英镑', JPY: '日元', HKD: '港元' };

const EN_SCALES: [number, string][] = [
  [1e12, 'trillion'],
  [1e9, 'billion'],
  [1e6, 'million'],
];

/** Up to `digits` decimals, trailing zeros trimmed. */
function trimmed(n: number, digits: number): string {
  return n.toFixed(digits).replace(/\.?0+$/, '');
}

/** Groups thousands with commas: 1234567 → "1,234,567". */
export function groupThousands(n: number): string {
  const [int, frac] = Math.abs(n).toString().split('.');
  const grouped = int!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return (n < 0 ? '-' : '') + grouped + (frac ? `.${frac}` : '');
}

/** "¥1.0 billion", "$250.0 million", "¥12,000" (whole units below a million). */
export function formatMoneyEn(amount: number, currency: string | null | undefined): string {
  const cur = currency ?? '';
  const symbol = SYMBOLS[cur] ?? (cur ? `${cur} ` : '');
  const abs = Math.abs(amount);
  const sign = amount < 0 ? '-' : '';
  for (const [scale, word] of EN_SCALES) if (abs >= scale) return `${sign}${symbol}${(abs / scale).toFixed(1)} ${word}`;
  return `${sign}${symbol}${groupThousands(Math.round(abs))}`;
}

/** "10亿元", "145.2亿元", "1000万元", "5000元"; other currencies with their Chinese name or code. */
export function formatMoneyZh(amount: number, currency: string | null | undefined): string {
  const cur = currency ?? '';
  const unit = ZH_UNITS[cur] ?? (cur ? ` ${cur}` : '');
  const abs = Math.abs(amount);
  const sign = amount < 0 ? '-' : '';
  if (abs >= 1e12) return `${sign}${trimmed(abs / 1e12, 2)}万亿${unit}`;
  if (abs >= 1e8) return `${sign}${trimmed(abs / 1e8, 2)}亿${unit}`;
  if (abs >= 1e4) return `${sign}${trimmed(abs / 1e4, 2)}万${unit}`;
  return `${sign}${trimmed(abs, 2)}${unit}`;
}

/** Both: "¥1.0 billion (10亿元)". */
export function formatMoney(amount: number | null | undefined, currency: string | null | undefined): string {
  if (typeof amount !== 'number' || !Number.isFinite(amount)) return '—';
  return `${formatMoneyEn(amount, currency)} (${formatMoneyZh(amount, currency)})`;
}

/** An indicator's value with its unit: "2.48%", "4.5×", "7.9 pp", "55", or money. */
export function formatIndicator(value: number, unit: string, currency?: string | null): string {
  switch (unit) {
    case 'currency':
      return formatMoney(value, currency ?? 'CNY');
    case 'percent':
      return `${trimmed(value, 2)}%`;
    case 'percentage_points':
      return `${trimmed(value, 2)} pp`;
    case 'times':
      return `${trimmed(value, 2)}×`;
    case 'count':
      return groupThousands(value);
    default:
      return trimmed(value, 3);
  }
}

/** The time of a relationship or indicator: "2023", "2021–2025 (14th Five-Year Plan period)", or "". */
export function formatPeriod(p: Record<string, unknown>): string {
  const year = typeof p.year === 'number' ? p.year : null;
  const start = typeof p.periodStart === 'number' ? p.periodStart : null;
  const end = typeof p.periodEnd === 'number' ? p.periodEnd : null;
  const label = typeof p.periodLabel === 'string' ? p.periodLabel : null;
  const span = year !== null ? String(year) : start !== null && end !== null ? `${start}–${end}` : '';
  if (span && label) return `${span} (${label})`;
  return span || label || '';
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

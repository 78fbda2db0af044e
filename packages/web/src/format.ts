import { growthPhrase, parseDecimal, timeProgressPhrase, toFixedHalfUp } from '@taizhang/core/browser';

/**
 * Formatting for the screen. Exact decimals travel as strings (docs/api.md) and are
 * formatted as strings: rounding and grouping never pass through a binary float, so what
 * the page shows is what the report prints. Signs and units follow the report's
 * conventions: full-width ％ and －, 万元 with two decimals, rates with one.
 */

/** An exact decimal as the API sends it: 12, -3, 12.30. */
const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/** Whether a text is a plain decimal number (no exponent, no bare fraction, no plus sign). */
export function isDecimalText(text: string): boolean {
  return DECIMAL.test(text.trim());
}

/**
 * Why a typed value cannot be saved as a value with at most `decimals` decimals, in
 * Chinese, or null when it can.
 */
export function decimalProblem(text: string, decimals?: number): string | null {
  const trimmed = text.trim();
  if (trimmed === '') return '请填写数值';
  const match = DECIMAL.exec(trimmed);
  if (!match) return '请填写数字，例如 1234.56（不带单位、逗号或空格）';
  const fraction = match[3] ?? '';
  if (decimals !== undefined && fraction.length > decimals) {
    return decimals === 0 ? '该指标只能填写整数' : `该指标最多保留 ${decimals} 位小数`;
  }
  return null;
}

/** Thousands separators in the whole part: "1234567.5" → "1,234,567.5". */
export function groupThousands(text: string): string {
  const match = DECIMAL.exec(text.trim());
  if (!match) return text;
  const [, sign = '', whole = '0', fraction] = match;
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${grouped}${fraction === undefined ? '' : `.${fraction}`}`;
}

/** The placeholder for a figure that cannot be shown. */
export const NONE = '—';

/**
 * A number for the screen: rounded half-up (四舍五入) when `decimals` is given, as the report
 * rounds (core's rule, exact on the decimal text), with thousands separators; "—" for null or
 * undefined.
 */
export function formatNumber(value: string | number | null | undefined, decimals?: number): string {
  if (value === null || value === undefined || value === '') return NONE;
  const text = String(value);
  const parsed = decimals === undefined ? undefined : parseDecimal(text);
  return groupThousands(parsed === undefined || decimals === undefined ? text : toFixedHalfUp(parsed, decimals));
}

/** Decimals a unit is printed with, as the report prints it (亿元, 万元 two; ％ one; counts none). */
export function unitDecimals(unit: string): number | undefined {
  if (unit === '亿元' || unit === '万元' || unit.includes('万平方米')) return 2;
  if (unit === '％' || unit === '%') return 1;
  if (unit === '元／㎡' || unit === '元/㎡' || /^(个|座|户|件|宗|栋|人|次|套|家|项)$/.test(unit)) return 0;
  return undefined;
}

/** A value with its unit: "1,234.56 万元", "—" when missing. */
export function formatAmount(value: string | null | undefined, unit: string, decimals?: number): string {
  if (value === null || value === undefined || value === '') return NONE;
  const shown = formatNumber(value, decimals ?? unitDecimals(unit));
  if (unit === '') return shown;
  return unit === '％' || unit === '%' ? `${shown}％` : `${shown} ${unit}`;
}

/** A rate in per cent, one decimal and a full-width ％: "85.26" → "85.3％". */
export function formatPercent(value: string | null | undefined, decimals = 1): string {
  if (value === null || value === undefined || value === '') return NONE;
  return `${formatNumber(value, decimals)}％`;
}

/** A growth rate as the statistics bureau writes it: 增长5.3％, 下降2.1％ (never 增长－2.1％), 持平. */
export function formatGrowth(value: string | null | undefined): string {
  const growth = value === null || value === undefined ? undefined : parseDecimal(value);
  return growth === undefined ? NONE : growthPhrase(growth);
}

/** Completion against time progress, from the points ahead of it: 快于时序进度6.7个百分点 / 慢于… / 与时序进度持平. */
export function formatAheadOfTime(points: string | null | undefined): string {
  const ahead = points === null || points === undefined ? undefined : parseDecimal(points);
  return ahead === undefined ? NONE : timeProgressPhrase(ahead);
}

/**
 * The reporting period a value is entered for in the period 1－`through`月: the month itself,
 * or for a quarterly indicator the last complete quarter (the first before one is complete),
 * as the figures of the period use it (docs/arithmetic.md).
 */
export function reportingPeriod(through: number, quarterly: boolean): number {
  return quarterly ? Math.max(1, Math.floor(through / 3)) : through;
}

function two(n: number): string {
  return String(n).padStart(2, '0');
}

/**
 * When a period's value is due: the 5th of the month after it (after the quarter's last
 * month for a quarterly value), as YYYY-MM-DD.
 */
export function dueDate(year: number, period: number, quarterly = false): string {
  const lastMonth = quarterly ? period * 3 : period;
  const nextYear = lastMonth >= 12 ? year + 1 : year;
  const nextMonth = lastMonth >= 12 ? 1 : lastMonth + 1;
  return `${nextYear}-${two(nextMonth)}-05`;
}

/** Today in Beijing time as YYYY-MM-DD, from an instant (the clock is read by the caller). */
export function beijingDate(now: Date): string {
  const t = new Date(now.getTime() + 8 * 3_600_000);
  return `${t.getUTCFullYear()}-${two(t.getUTCMonth() + 1)}-${two(t.getUTCDate())}`;
}

/** An instant as the bureau reads it, Beijing time to the minute: 2021-03-02 09:12; "—" when missing. */
export function formatDateTime(instant: string | null | undefined): string {
  if (instant === null || instant === undefined || instant === '') return NONE;
  // An instant without an offset is UTC, as the API sends instants.
  const written = /T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(instant) ? `${instant}Z` : instant;
  const ms = Date.parse(written);
  if (Number.isNaN(ms)) return instant;
  const t = new Date(ms + 8 * 3_600_000);
  return `${t.getUTCFullYear()}-${two(t.getUTCMonth() + 1)}-${two(t.getUTCDate())} ${two(t.getUTCHours())}:${two(t.getUTCMinutes())}`;
}

/** Any ledger or audit value as short text for a table cell. */
export function displayValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return NONE;
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (Array.isArray(value) && value.every((item) => typeof item === 'string' || typeof item === 'number')) {
    return value.length === 0 ? NONE : value.join('、');
  }
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

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

/** Adds one to a string of digits: "099" → "100". */
function incrementDigits(digits: string): string {
  const out = digits.split('');
  for (let i = out.length - 1; i >= 0; i--) {
    if (out[i] === '9') {
      out[i] = '0';
    } else {
      out[i] = String(Number(out[i]) + 1);
      return out.join('');
    }
  }
  return `1${out.join('')}`;
}

/**
 * A decimal rounded half away from zero to `decimals` places, as text: ("2.345", 2) →
 * "2.35", ("-0.004", 2) → "0.00" (no negative zero). Non-decimal text is returned as it is.
 */
export function roundDecimal(text: string, decimals: number): string {
  const match = DECIMAL.exec(text.trim());
  if (!match) return text;
  const [, sign = '', whole = '0', fraction = ''] = match;
  const padded = fraction.padEnd(decimals + 1, '0');
  let digits = whole + padded.slice(0, decimals);
  if (Number(padded[decimals] ?? '0') >= 5) digits = incrementDigits(digits);
  const intLength = digits.length - decimals;
  const intPart = digits.slice(0, intLength).replace(/^0+(?=\d)/, '') || '0';
  const fracPart = digits.slice(intLength);
  const isZero = /^0*$/.test(intPart + fracPart);
  return `${sign === '-' && !isZero ? '-' : ''}${intPart}${decimals > 0 ? `.${fracPart}` : ''}`;
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
 * A number for the screen: rounded when `decimals` is given, with thousands separators;
 * "—" for null or undefined.
 */
export function formatNumber(value: string | number | null | undefined, decimals?: number): string {
  if (value === null || value === undefined || value === '') return NONE;
  const text = String(value);
  return groupThousands(decimals === undefined ? text : roundDecimal(text, decimals));
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

/** Moves the decimal point `places` to the left, exactly: ("12345", 4) → "1.2345". */
export function shiftDecimal(text: string, places: number): string {
  const match = DECIMAL.exec(text.trim());
  if (!match) return text;
  const [, sign = '', whole = '0', fraction = ''] = match;
  const digits = (whole + fraction).padStart(fraction.length + places + 1, '0');
  const point = digits.length - fraction.length - places;
  const intPart = digits.slice(0, point).replace(/^0+(?=\d)/, '');
  const fracPart = digits.slice(point).replace(/0+$/, '');
  const isZero = /^0*$/.test(intPart + fracPart);
  return `${sign === '-' && !isZero ? '-' : ''}${intPart}${fracPart === '' ? '' : `.${fracPart}`}`;
}

/** An amount in 元 as 万元 with two decimals: "12345678" → "1,234.57 万元". */
export function formatWan(yuan: string | null | undefined): string {
  if (yuan === null || yuan === undefined || yuan === '') return NONE;
  return `${formatNumber(shiftDecimal(yuan, 4), 2)} 万元`;
}

/** A rate in per cent, one decimal and a full-width ％: "85.26" → "85.3％". */
export function formatPercent(value: string | null | undefined, decimals = 1): string {
  if (value === null || value === undefined || value === '') return NONE;
  return `${formatNumber(value, decimals)}％`;
}

/** The sign of a decimal text after rounding: -1, 0 or 1 (0 for text that is not a decimal). */
export function roundedSign(value: string, decimals: number): -1 | 0 | 1 {
  const rounded = roundDecimal(value, decimals);
  if (!isDecimalText(rounded) || /^-?0*(\.0*)?$/.test(rounded)) return 0;
  return rounded.startsWith('-') ? -1 : 1;
}

/** A growth rate as the statistics bureau writes it: 增长 5.3％, 下降 2.1％ (never 增长－2.1％), 持平. */
export function formatGrowth(value: string | null | undefined, decimals = 1): string {
  if (value === null || value === undefined || value === '') return NONE;
  const sign = roundedSign(value, decimals);
  if (sign === 0) return '持平';
  const magnitude = roundDecimal(value.replace(/^-/, ''), decimals);
  return `${sign > 0 ? '增长' : '下降'} ${groupThousands(magnitude)}％`;
}

/** Completion share against time progress: 超过时序进度 N 个百分点 / 低于… / 与时序进度持平. */
export function formatAgainstTimeProgress(share: string | null, timeProgress: string | null): string {
  const points = pointsAhead(share, timeProgress);
  if (points === null) return NONE;
  const sign = roundedSign(points, 1);
  if (sign === 0) return '与时序进度持平';
  const magnitude = roundDecimal(points.replace(/^-/, ''), 1);
  return `${sign > 0 ? '超过' : '低于'}时序进度 ${magnitude} 个百分点`;
}

/**
 * Percentage points the completion share is ahead of time progress (negative when behind),
 * as a decimal text computed exactly, or null when either is missing.
 */
export function pointsAhead(share: string | null, timeProgress: string | null): string | null {
  if (share === null || timeProgress === null || !isDecimalText(share) || !isDecimalText(timeProgress)) return null;
  return subtractDecimal(share, timeProgress);
}

/** a − b for decimal texts, exactly. */
export function subtractDecimal(a: string, b: string): string {
  const scale = Math.max(fractionLength(a), fractionLength(b));
  const diff = toScaled(a, scale) - toScaled(b, scale);
  return fromScaled(diff, scale);
}

function fractionLength(text: string): number {
  return DECIMAL.exec(text.trim())?.[3]?.length ?? 0;
}

function toScaled(text: string, scale: number): bigint {
  const [, sign = '', whole = '0', fraction = ''] = DECIMAL.exec(text.trim()) ?? [];
  const magnitude = BigInt(whole + fraction.padEnd(scale, '0'));
  return sign === '-' ? -magnitude : magnitude;
}

function fromScaled(value: bigint, scale: number): string {
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(scale + 1, '0');
  const point = digits.length - scale;
  const body = scale === 0 ? digits : `${digits.slice(0, point)}.${digits.slice(point)}`;
  return negative ? `-${body}` : body;
}

const QUARTER_NAMES = ['一', '二', '三', '四'];

/** A reporting period of an indicator: "10月" or "三季度". */
export function reportingPeriodName(period: number, quarterly: boolean): string {
  return quarterly ? `${QUARTER_NAMES[period - 1] ?? period}季度` : `${period}月`;
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

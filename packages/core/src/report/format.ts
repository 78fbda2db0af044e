import { type Decimal, toFixedHalfUp } from '../arithmetic/decimal.js';

/** Shares, growth rates and percentage points are printed to one decimal, as the statistics bureau writes them. */
export const PERCENT_DECIMALS = 1;

/**
 * A number as the seed prints it: rounded half-up (四舍五入) to `decimals`, with the
 * full-width minus (－) of Chinese official text.
 */
export function formatNumber(value: Decimal, decimals: number): string {
  return toFixedHalfUp(value, decimals).replace('-', '－');
}

/** A percentage or percentage-point figure: one decimal. */
export function formatPercent(value: Decimal): string {
  return formatNumber(value, PERCENT_DECIMALS);
}

/** A figure entered by a person (a growth target of 8 or 10.5): printed as entered, without trailing zeros. */
export function formatEntered(value: Decimal): string {
  return value.toFixed().replace('-', '－');
}

/**
 * How a report writes its numbers (数字格式), declared once by the template with
 * `{% number_style percent: '%', thousands: ',', dash: '—', month: '月份' %}`. The default is the
 * seed's: full-width ％ and －, no thousands separator, 1－10月.
 */
export interface NumberStyle {
  /** the percent sign in phrases: ％ or % */
  percent: string;
  /** the minus sign of a negative number: － or - */
  minus: string;
  /** the thousands separator: none, or , */
  thousands: string;
  /** the dash of a period label: 1－10月, 1—10月, 1-10月 */
  dash: string;
  /** the word after the months of a period label: 1－10月, or 1—10月份 as the statistics bureau writes */
  month: string;
}

export const SEED_STYLE: Readonly<NumberStyle> = { percent: '％', minus: '－', thousands: '', dash: '－', month: '月' };

/** What each option of a number style may be. */
export const NUMBER_STYLE_CHOICES: Readonly<Record<keyof NumberStyle, readonly string[]>> = {
  percent: ['％', '%'],
  minus: ['－', '-'],
  thousands: ['', ',', '，'],
  dash: ['－', '—', '-', '–', '~'],
  month: ['月', '月份'],
};

/** A run of digits of at least four before any decimals, not a year (2021年). */
const LONG_INTEGER = /(?<![\d.])(\d{4,})(?=(?:\.\d+)?(?![\d年]))/g;
/** A minus sign: not between two digits, where it is a dash (1－9月). */
const MINUS = /(?<!\d)－(?=\d)/g;

/** A printed figure or phrase in a report's number style (it is printed in the seed's first). */
export function styleNumbers(text: string, style: Readonly<NumberStyle>): string {
  let styled = text;
  if (style.percent !== '％') styled = styled.replaceAll('％', style.percent);
  if (style.minus !== '－') styled = styled.replace(MINUS, style.minus);
  if (style.thousands !== '') {
    styled = styled.replace(LONG_INTEGER, (digits) => digits.replace(/\B(?=(\d{3})+$)/g, style.thousands));
  }
  return styled;
}

/** A period label (1－10月) in a report's number style: 1—10月份. */
export function stylePeriod(label: string, style: Readonly<NumberStyle>): string {
  const dashed = style.dash === '－' ? label : label.replace(/(?<=\d)－(?=\d)/g, style.dash);
  return style.month === '月' ? dashed : dashed.replace(/月$/, style.month);
}

import type { Decimal } from './decimal.js';

/** Why a figure cannot be given. Every edge case of the arithmetic is one of these, never NaN. */
export type NoFigure =
  /** Values are missing for these periods (months, or quarters for quarterly indicators) of `year`. */
  | { code: 'missing-periods'; year: number; periods: number[]; quarterly: boolean }
  /** A quarterly indicator before the end of the first quarter. */
  | { code: 'no-complete-quarter' }
  | { code: 'zero-base' }
  | { code: 'negative-base' }
  | { code: 'no-target' }
  | { code: 'zero-target' }
  | { code: 'negative-target' }
  | { code: 'no-plan-curve' }
  | { code: 'zero-denominator' }
  /** The figure has no meaning for this indicator (a completion share of an average price). */
  | { code: 'not-applicable' }
  /** A comparison with an earlier period that has none before it (1月 has no earlier period of the year). */
  | { code: 'no-earlier-period' };

/** A computed figure, or the stated reason why there is none. */
export type Figure = { ok: true; value: Decimal } | { ok: false; reason: NoFigure };

export function figure(value: Decimal): Figure {
  return { ok: true, value };
}

export function noFigure(reason: NoFigure): Figure {
  return { ok: false, reason };
}

/** The values of every input, or the first missing reason: what `combine` and the status rules build on. */
export function valuesOf(inputs: readonly Figure[]): { ok: true; values: Decimal[] } | { ok: false; reason: NoFigure } {
  const values: Decimal[] = [];
  for (const input of inputs) {
    if (!input.ok) return input;
    values.push(input.value);
  }
  return { ok: true, values };
}

/** Applies `fn` to the values when every input is present; otherwise carries the first missing reason on. */
export function combine(inputs: readonly Figure[], fn: (...values: Decimal[]) => Figure): Figure {
  const present = valuesOf(inputs);
  return present.ok ? fn(...present.values) : present;
}

function periodList(periods: number[], quarterly: boolean): string {
  const unit = quarterly ? '季度' : '月';
  return periods.map((p) => `${p}${unit}`).join('、');
}

/** The reason in plain Chinese, as the CLI prints it and the report will phrase it. */
export function describeNoFigure(reason: NoFigure): string {
  switch (reason.code) {
    case 'missing-periods':
      return `缺${reason.year}年${periodList(reason.periods, reason.quarterly)}数据`;
    case 'no-complete-quarter':
      return '尚无完整季度数据';
    case 'zero-base':
      return '上年同期为零，不计算增速';
    case 'negative-base':
      return '上年同期为负，不计算增速';
    case 'no-target':
      return '未设目标';
    case 'zero-target':
      return '目标为零，不计算完成率';
    case 'negative-target':
      return '目标为负，不计算完成率';
    case 'no-plan-curve':
      return '未设计划进度曲线';
    case 'zero-denominator':
      return '分母为零，不计算比率';
    case 'not-applicable':
      return '不适用';
    case 'no-earlier-period':
      return '没有可比的更早期间';
  }
}

/** The value of a figure, or undefined when there is none (for inputs that are optional, such as last year's history). */
export function figureValue(input: Figure): Decimal | undefined {
  return input.ok ? input.value : undefined;
}

import type { Liquid } from 'liquidjs';
import { type Decimal, decimalPlaces, ZERO } from '../../arithmetic/decimal.js';
import type { IndicatorEvaluation } from '../../arithmetic/evaluate.js';
import type { Figure } from '../../arithmetic/figure.js';
import { formatEntered, formatNumber, PERCENT_DECIMALS } from '../format.js';
import type { ReportIndicator } from '../input.js';
import type { Printing, ReportScope, RowSet } from '../scope.js';
import { type FilterImpl, lineOf } from '../template-engine.js';
import { type TemplateFigure, TemplateGap } from '../values.js';

/**
 * The figure family: an indicator's figures for the period (`'fai' | ytd`), and figures
 * computed from several indicators (`rate`, `excess`, `rate_points`). Each gives a
 * TemplateFigure, or the gap that stands for it.
 */

interface Measure {
  label: string;
  figure(e: IndicatorEvaluation): Figure;
  rows: RowSet;
  /** ％ for rates, shares, growth and points; otherwise the indicator's unit and decimals */
  percent?: boolean;
  usesTarget?: boolean;
  /** printed otherwise than to its decimals */
  text?: (value: Decimal, e: IndicatorEvaluation) => string;
}

/** The figure filters of docs/report-template.md, by name. */
const MEASURES: Record<string, Measure> = {
  ytd: { label: '累计', figure: (e) => e.ytd, rows: 'current' },
  base: { label: '上年同期', figure: (e) => e.base, rows: 'base' },
  target: { label: '全年目标', figure: (e) => e.targetAmount, rows: 'target', usesTarget: true },
  target_growth: {
    label: '目标增速',
    figure: (e) => e.targetGrowth,
    rows: 'none',
    percent: true,
    usesTarget: true,
    text: formatEntered,
  },
  share: { label: '完成率', figure: (e) => e.completionShare, rows: 'target', percent: true, usesTarget: true },
  growth: { label: '同比', figure: (e) => e.growth, rows: 'base', percent: true },
  points: { label: '超目标百分点', figure: (e) => e.pointsOverTarget, rows: 'base', percent: true, usesTarget: true },
  progress: { label: '时序进度', figure: (e) => e.timeProgress, rows: 'none', percent: true },
  ahead: { label: '超时序进度', figure: (e) => e.aheadOfTime, rows: 'target', percent: true, usesTarget: true },
  forecast: { label: '预计全年', figure: (e) => e.forecast, rows: 'forecast' },
  shortfall: {
    label: '预计差额',
    figure: (e) => (e.forecastGap.ok ? { ok: true, value: e.forecastGap.value.negated() } : e.forecastGap),
    rows: 'forecast',
    usesTarget: true,
    // what the year is expected to miss: nothing when the forecast meets the target
    text: (value, e) => formatNumber(value.lessThan(0) ? ZERO : value, e.indicator.decimals),
  },
};

/** Names of the figure filters, for the arithmetic family's `sum: 'measure'`. */
export const MEASURE_NAMES: readonly string[] = Object.keys(MEASURES);

/** How an indicator's measure prints: its unit and places. */
function printingOf(name: string, measure: Measure, e: IndicatorEvaluation, value: Figure): Printing {
  const entered = measure.text === formatEntered && value.ok ? decimalPlaces(value.value.toFixed()) : undefined;
  return {
    measure: name,
    label: measure.label,
    unit: measure.percent ? '％' : e.indicator.unit,
    decimals: entered ?? (measure.percent ? PERCENT_DECIMALS : e.indicator.decimals),
    text: measure.text && ((v: Decimal) => (measure.text as NonNullable<Measure['text']>)(v, e)),
    rows: measure.rows,
    usesTarget: measure.usesTarget,
  };
}

/** One measure of an indicator as a template value. */
export function measureValue(
  scope: ReportScope,
  name: string,
  code: unknown,
  line: number,
): TemplateFigure | TemplateGap {
  const measure = MEASURES[name];
  if (!measure) throw new Error(`未知的数字过滤器 ${name}；可用：${MEASURE_NAMES.join('、')}`);
  const indicator = scope.indicatorOf(code);
  const unbalanced = scope.partsGap(indicator, name, line);
  if (unbalanced) return unbalanced;
  const e = indicator.evaluation;
  const figure = measure.figure(e);
  return scope.value(indicator, figure, printingOf(name, measure, e, figure), line);
}

export function registerFigures(liquid: Liquid, scope: ReportScope): void {
  for (const name of MEASURE_NAMES) {
    liquid.registerFilter(name, function (this: FilterImpl, code: unknown) {
      return measureValue(scope, name, code, lineOf(this));
    });
  }

  /** The year-to-date figures of several indicators, or the gap of the first that has none. */
  const ytds = (impl: FilterImpl, indicators: readonly ReportIndicator[]): Decimal[] | TemplateGap => {
    const values: Decimal[] = [];
    for (const indicator of indicators) {
      const ytd = indicator.evaluation.ytd;
      if (!ytd.ok) return new TemplateGap(() => scope.marker(indicator, '累计', ytd.reason, lineOf(impl)));
      values.push(ytd.value);
    }
    return values;
  };

  /** A figure computed from several indicators: its provenance lists the rows of them all. */
  const combined = (impl: FilterImpl, indicators: readonly ReportIndicator[], figure: Figure, how: Printing) => {
    const [first, ...others] = indicators as [ReportIndicator, ...ReportIndicator[]];
    const rows = [first.rows, ...others.map((o) => o.rows)].flat();
    return scope.value({ ...first, rows }, figure, how, lineOf(impl));
  };

  liquid.registerFilter('rate', function (this: FilterImpl, code: unknown, denominatorCode: unknown) {
    const indicators = [scope.indicatorOf(code), scope.indicatorOf(denominatorCode)];
    const values = ytds(this, indicators);
    if (!Array.isArray(values)) return values;
    const [n, d] = values as [Decimal, Decimal];
    const of = scope.indicatorOf(denominatorCode).evaluation.indicator;
    return combined(this, indicators, percentOf(n, d), {
      measure: `rate:${of.code}`,
      label: `占${of.name}比率`,
      unit: '％',
      decimals: PERCENT_DECIMALS,
      rows: 'current',
    });
  });

  liquid.registerFilter('excess', function (this: FilterImpl, code: unknown, otherCode: unknown) {
    const indicators = [scope.indicatorOf(code), scope.indicatorOf(otherCode)];
    const values = ytds(this, indicators);
    if (!Array.isArray(values)) return values;
    const [a, b] = values as [Decimal, Decimal];
    const self = scope.indicatorOf(code).evaluation.indicator;
    const other = scope.indicatorOf(otherCode).evaluation.indicator;
    return combined(
      this,
      indicators,
      { ok: true, value: a.minus(b) },
      {
        measure: `excess:${other.code}`,
        label: `超出${other.name}`,
        unit: self.unit,
        decimals: self.decimals,
        rows: 'current',
      },
    );
  });

  liquid.registerFilter(
    'rate_points',
    function (this: FilterImpl, code: unknown, otherCode: unknown, denominatorCode: unknown) {
      const indicators = [scope.indicatorOf(code), scope.indicatorOf(otherCode), scope.indicatorOf(denominatorCode)];
      const values = ytds(this, indicators);
      if (!Array.isArray(values)) return values;
      const [a, b, d] = values as [Decimal, Decimal, Decimal];
      const mine = percentOf(a, d);
      const theirs = percentOf(b, d);
      // Both rates unrounded: the gain is (a − b) ÷ d, not the difference of two printed rates.
      const figure: Figure = !mine.ok
        ? mine
        : !theirs.ok
          ? theirs
          : { ok: true, value: mine.value.minus(theirs.value) };
      const other = scope.indicatorOf(otherCode).evaluation.indicator;
      const of = scope.indicatorOf(denominatorCode).evaluation.indicator;
      return combined(this, indicators, figure, {
        measure: `rate_points:${other.code}:${of.code}`,
        label: `占${of.name}比率高出${other.name}的百分点`,
        unit: '％',
        decimals: PERCENT_DECIMALS,
        rows: 'current',
      });
    },
  );
}

/** numerator ÷ denominator × 100, or why not. */
export function percentOf(numerator: Decimal, denominator: Decimal): Figure {
  return denominator.isZero()
    ? { ok: false, reason: { code: 'zero-denominator' } }
    : { ok: true, value: numerator.div(denominator).times(100) };
}

import type { Liquid } from 'liquidjs';
import type { Decimal } from '../../arithmetic/decimal.js';
import { PERCENT_DECIMALS } from '../format.js';
import {
  completePhrase,
  forecastPhrase,
  growthPhrase,
  pointsPhrase,
  TIME_PROGRESS_WORDS,
  timeProgressPhrase,
} from '../phrases.js';
import type { ReportScope } from '../scope.js';
import { type FilterImpl, lineOf } from '../template-engine.js';

/**
 * The phrase family: words chosen by the figures, so the text states only what the data
 * supports (增长/下降/持平, 超额完成/低于目标, 预计年底能够完成…). A phrase prints as a figure
 * linked to its provenance; it is text, not a number, so it takes no arithmetic.
 */
export function registerPhrases(liquid: Liquid, scope: ReportScope): void {
  const percent = { unit: '％', decimals: PERCENT_DECIMALS } as const;

  liquid.registerFilter('growth_phrase', function (this: FilterImpl, code: unknown, up: unknown, down: unknown) {
    const indicator = scope.indicatorOf(code);
    const text = (g: Decimal) => growthPhrase(g, word(up, '增长'), word(down, '下降'));
    return scope.print(
      indicator,
      indicator.evaluation.growth,
      { measure: 'growth_phrase', label: '同比', ...percent, text, rows: 'base' },
      lineOf(this),
    );
  });

  liquid.registerFilter('points_phrase', function (this: FilterImpl, code: unknown, over: unknown, under: unknown) {
    const indicator = scope.indicatorOf(code);
    const text = (p: Decimal) => pointsPhrase(p, word(over, '超额完成'), word(under, '低于目标'));
    return scope.print(
      indicator,
      indicator.evaluation.pointsOverTarget,
      { measure: 'points_phrase', label: '超目标百分点', ...percent, text, rows: 'base', usesTarget: true },
      lineOf(this),
    );
  });

  liquid.registerFilter(
    'progress_phrase',
    function (this: FilterImpl, code: unknown, ahead: unknown, behind: unknown, lagging: unknown) {
      const indicator = scope.indicatorOf(code);
      const e = indicator.evaluation;
      const words = {
        ahead: word(ahead, TIME_PROGRESS_WORDS.ahead),
        behind: word(behind, TIME_PROGRESS_WORDS.behind),
        lagging: word(lagging, TIME_PROGRESS_WORDS.lagging),
      };
      // The colour of a flow with an amount is its lag behind time progress (arithmetic/status.ts).
      const text = (points: Decimal) => timeProgressPhrase(points, e.status === 'red', words);
      return scope.print(
        indicator,
        e.aheadOfTime,
        { measure: 'progress_phrase', label: '超时序进度', ...percent, text, rows: 'target', usesTarget: true },
        lineOf(this),
      );
    },
  );

  liquid.registerFilter('forecast_phrase', function (this: FilterImpl, code: unknown, option: unknown) {
    const indicator = scope.indicatorOf(code);
    const e = indicator.evaluation;
    if (!e.forecast.ok) return scope.marker(indicator, '预计全年', e.forecast.reason, lineOf(this));
    const forecast = e.forecast.value;
    const { unit, decimals } = e.indicator;
    const text = (gap: Decimal) => forecastPhrase({ forecast, gap, unit, decimals, withAmount: option === 'amount' });
    return scope.print(
      indicator,
      e.forecastGap,
      { measure: 'forecast_phrase', label: '预计全年', unit, decimals, text, rows: 'forecast', usesTarget: true },
      lineOf(this),
    );
  });

  liquid.registerFilter(
    'complete_phrase',
    function (
      this: FilterImpl,
      code: unknown,
      ofCode: unknown,
      whenComplete: unknown,
      prefix: unknown,
      remainder: unknown,
    ) {
      const done = scope.indicatorOf(code);
      const of = scope.indicatorOf(ofCode);
      if (!of.evaluation.ytd.ok) return scope.marker(of, '累计', of.evaluation.ytd.reason, lineOf(this));
      const total = of.evaluation.ytd.value;
      const { unit, decimals } = done.evaluation.indicator;
      const text = (value: Decimal) =>
        completePhrase({
          done: value,
          of: total,
          unit,
          decimals,
          whenComplete: word(whenComplete, '已全部完成'),
          prefix: word(prefix, '已完成'),
          remainder: typeof remainder === 'string' ? remainder : undefined,
        });
      return scope.print(
        { ...done, rows: [...done.rows, ...of.rows] },
        done.evaluation.ytd,
        {
          measure: `complete:${of.evaluation.indicator.code}`,
          label: '完成情况',
          unit,
          decimals,
          text,
          rows: 'current',
        },
        lineOf(this),
      );
    },
  );
}

/** A phrase's optional word argument ('上涨'), or its default. */
function word(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : fallback;
}

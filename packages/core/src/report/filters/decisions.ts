import type { Liquid } from 'liquidjs';
import type { Decimal } from '../../arithmetic/decimal.js';
import type { Figure } from '../../arithmetic/figure.js';
import type { ReportIndicator } from '../input.js';
import type { ReportScope } from '../scope.js';
import { type FilterImpl, lineOf } from '../template-engine.js';

/**
 * The decision family: booleans for `{% if %}` when a phrase must choose a whole sentence.
 * Undecidable without data, so missing data is owed (listed by check) and counts as false.
 */
export function registerDecisions(liquid: Liquid, scope: ReportScope): void {
  const decide = (
    impl: FilterImpl,
    indicator: ReportIndicator,
    label: string,
    figure: Figure,
    test: (v: Decimal) => boolean,
  ) => {
    if (figure.ok) return test(figure.value);
    scope.marker(indicator, label, figure.reason, lineOf(impl));
    return false;
  };

  liquid.registerFilter('meets_target', function (this: FilterImpl, code: unknown) {
    const indicator = scope.indicatorOf(code);
    return decide(this, indicator, '预计全年', indicator.evaluation.forecastGap, (gap) => gap.greaterThanOrEqualTo(0));
  });

  liquid.registerFilter('beats_growth_target', function (this: FilterImpl, code: unknown) {
    const indicator = scope.indicatorOf(code);
    return decide(this, indicator, '超目标百分点', indicator.evaluation.pointsOverTarget, (p) =>
      p.greaterThanOrEqualTo(0),
    );
  });

  // Red by its lag behind time progress: a flow with an annual amount, past the threshold (or the year over and short).
  liquid.registerFilter('lags', function (this: FilterImpl, code: unknown) {
    const indicator = scope.indicatorOf(code);
    const e = indicator.evaluation;
    return decide(this, indicator, '超时序进度', e.aheadOfTime, () => e.status === 'red');
  });

  liquid.registerFilter('is_complete', function (this: FilterImpl, code: unknown, ofCode: unknown) {
    const done = scope.indicatorOf(code);
    const of = scope.indicatorOf(ofCode);
    if (!of.evaluation.ytd.ok) return decide(this, of, '累计', of.evaluation.ytd, () => false);
    const total = of.evaluation.ytd.value;
    return decide(this, done, '累计', done.evaluation.ytd, (value) => !value.lessThan(total));
  });
}

import type { Liquid } from 'liquidjs';
import { quarterName } from '../../period/report-period.js';
import type { ReportScope } from '../scope.js';
import { type FilterImpl, lineOf } from '../template-engine.js';

/** The period family: the period an indicator's figures cover, as the text names it. */
export function registerPeriods(liquid: Liquid, scope: ReportScope): void {
  liquid.registerFilter('period_label', (code: unknown) => scope.label(scope.indicatorOf(code).evaluation.periodLabel));

  liquid.registerFilter('quarter_name', function (this: FilterImpl, code: unknown) {
    const indicator = scope.indicatorOf(code);
    const e = indicator.evaluation;
    if (!e.quarterly) throw new Error(`指标 ${e.indicator.code} 不是季度指标，不能用 quarter_name`);
    if (e.periods.length === 0) return scope.marker(indicator, '季度', { code: 'no-complete-quarter' }, lineOf(this));
    return quarterName(e.periods.length);
  });
}

import type { IndicatorKind } from '../model.js';
import { type Figure, noFigure } from './figure.js';

/**
 * Completion share, time progress, ahead-of-time and the forecast belong to flows only: an average price
 * or a cleaning rate is not "done" over the year. For a level or rate they are not-applicable, which is
 * said before any missing data, since no data would make them apply.
 */
export function flowsOnly(kind: IndicatorKind, compute: () => Figure): Figure {
  return kind === 'flow' ? compute() : noFigure({ code: 'not-applicable' });
}

/**
 * 上年同期, 同比 and points over a growth target belong to indicators compared with last year. An
 * indicator with `yearOnYear: false` (消除旱厕座数, counted once for the period) owes no prior
 * year, so these figures are not-applicable — said before any missing data, and so the
 * completeness check, which reads missing prior periods off the base, asks for none.
 */
export function yearOnYearOnly(yearOnYear: boolean, compute: () => Figure): Figure {
  return yearOnYear ? compute() : noFigure({ code: 'not-applicable' });
}

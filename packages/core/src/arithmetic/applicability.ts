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

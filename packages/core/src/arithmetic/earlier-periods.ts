import { type EvaluationInput, evaluateIndicator, type IndicatorEvaluation, type PeriodEntry } from './evaluate.js';
import { indicatorPeriod } from './period.js';

/** What an indicator's growth is compared with: the same evaluation for earlier periods. */
export interface EarlierInput extends EvaluationInput {
  /** entries of year Y−2, behind last year's growth; without them last year's growth is not evaluated */
  older?: readonly PeriodEntry[] | undefined;
}

export interface EarlierPeriods {
  /** the previous period of the year: 1－9月 for 1－10月, the previous quarter for a quarterly indicator */
  previous?: IndicatorEvaluation | undefined;
  /** the same period of last year, its growth against the year before */
  last_year?: IndicatorEvaluation | undefined;
  /** last year in full */
  last_year_full?: IndicatorEvaluation | undefined;
}

/**
 * An indicator evaluated for the periods the statistics bureau compares a growth rate with
 * (增速比1－9月提高…，比上年回落…). Last year's entries are last year's current entries, with the
 * comparable bases entered against the year before; no target applies to them.
 */
export function evaluateEarlier(input: EarlierInput): EarlierPeriods {
  const { indicator, year, throughMonth, prior, older } = input;
  const covered = indicatorPeriod(indicator.frequency, throughMonth).periods.length;
  const previousThrough = indicator.frequency === 'quarterly' ? 3 * (covered - 1) : covered - 1;
  const lastYear = (through: number) =>
    evaluateIndicator({ indicator, year: year - 1, throughMonth: through, current: prior, prior: older ?? [] });
  return {
    previous: previousThrough >= 1 ? evaluateIndicator({ ...input, throughMonth: previousThrough }) : undefined,
    last_year: older ? lastYear(throughMonth) : undefined,
    last_year_full: older ? lastYear(12) : undefined,
  };
}

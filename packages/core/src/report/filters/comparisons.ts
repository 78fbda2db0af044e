import type { Liquid } from 'liquidjs';
import { type Decimal, roundHalfUp } from '../../arithmetic/decimal.js';
import type { IndicatorEvaluation } from '../../arithmetic/evaluate.js';
import { combine, type Figure, figure, valuesOf } from '../../arithmetic/figure.js';
import { PERCENT_DECIMALS } from '../format.js';
import type { EarlierPeriod, ReportIndicator } from '../input.js';
import { growthComparePhrase } from '../phrases.js';
import type { Printing, ReportScope } from '../scope.js';
import { type FilterImpl, lineOf } from '../template-engine.js';
import type { TemplateFigure, TemplateGap } from '../values.js';

/**
 * The comparison family: an indicator's growth compared with an earlier period's, as the
 * statistics bureau's releases write it (增速比1－9月提高0.2个百分点，降幅比上年同期收窄0.8个百分点，
 * 上年为增长8.5％). The earlier period is named by the template:
 *   'previous'        the previous period of the year (1－9月 for 1－10月; the previous quarter);
 *   'last_year'       the same period of last year (上年同期);
 *   'last_year_full'  last year in full (上年).
 * Points are the difference of the two rates as printed, so that a reader's subtraction agrees.
 */

const EARLIER: Record<EarlierPeriod, { label: (e: IndicatorEvaluation) => string; name: string }> = {
  previous: { label: (e) => e.periodLabel, name: '上期' },
  last_year: { label: () => '上年同期', name: '上年同期' },
  last_year_full: { label: () => '上年', name: '上年' },
};

function earlierPeriod(given: unknown): EarlierPeriod {
  if (typeof given === 'string' && given in EARLIER) return given as EarlierPeriod;
  throw new Error(
    `比较的期间应为 'previous'（本年上一期）、'last_year'（上年同期）或 'last_year_full'（上年全年），实际为 ${String(given)}`,
  );
}

interface Earlier {
  indicator: ReportIndicator;
  growth: Figure;
  label: string;
}

export function registerComparisons(liquid: Liquid, scope: ReportScope): void {
  const percent = { unit: '％', decimals: PERCENT_DECIMALS } as const;

  /** The indicator with its earlier evaluation's growth, and every row both growths come from. */
  const earlierOf = (code: unknown, which: unknown, label: unknown): Earlier => {
    const found = scope.indicatorOf(code);
    const period = earlierPeriod(which);
    const evaluation = found.earlier?.[period];
    const growth: Figure = evaluation ? evaluation.growth : { ok: false, reason: { code: 'no-earlier-period' } };
    const olderRows = found.earlier?.olderRows ?? [];
    return {
      indicator: { ...found, rows: [...found.rows, ...olderRows] },
      growth,
      label:
        typeof label === 'string'
          ? label
          : scope.label(evaluation ? EARLIER[period].label(evaluation) : EARLIER[period].name),
    };
  };

  const print = (impl: FilterImpl, earlier: Earlier, figure: Figure, how: Omit<Printing, 'rows'>) =>
    scope.value(earlier.indicator, figure, { ...how, rows: 'all' }, lineOf(impl));

  liquid.registerFilter('earlier_growth', function (this: FilterImpl, code: unknown, which: unknown):
    | TemplateFigure
    | TemplateGap {
    const earlier = earlierOf(code, which, undefined);
    return print(this, earlier, earlier.growth, {
      measure: `earlier_growth:${String(which)}`,
      label: `${earlier.label}同比`,
      ...percent,
    });
  });

  liquid.registerFilter('growth_change', function (this: FilterImpl, code: unknown, which: unknown):
    | TemplateFigure
    | TemplateGap {
    const earlier = earlierOf(code, which, undefined);
    const change = combine([earlier.indicator.evaluation.growth, earlier.growth], (now, before) =>
      figure(roundHalfUp(now, PERCENT_DECIMALS).minus(roundHalfUp(before, PERCENT_DECIMALS))),
    );
    return print(this, earlier, change, {
      measure: `growth_change:${String(which)}`,
      label: `增速比${earlier.label}变动的百分点`,
      ...percent,
    });
  });

  liquid.registerFilter(
    'growth_compare_phrase',
    function (this: FilterImpl, code: unknown, which: unknown, option: unknown, label: unknown) {
      const earlier = earlierOf(code, which, label);
      const both = valuesOf([earlier.indicator.evaluation.growth, earlier.growth]);
      if (!both.ok) return print(this, earlier, both, { measure: 'growth_compare', label: '增速比较', ...percent });
      const before = both.values[1] as Decimal;
      const text = (now: Decimal) => growthComparePhrase(now, before, earlier.label, phraseOption(option));
      return print(this, earlier, earlier.indicator.evaluation.growth, {
        measure: `growth_compare:${String(which)}`,
        label: `增速与${earlier.label}比较`,
        ...percent,
        text,
      }).valueOf();
    },
  );
}

function phraseOption(given: unknown): 'turn' | 'short' | undefined {
  if (given === undefined || given === null || given === '') return undefined;
  if (given === 'turn' || given === 'short') return given;
  throw new Error(
    `growth_compare_phrase 的选项应为 'turn'（变号时说由降转增）或 'short'（省去增速、降幅），实际为 ${String(given)}`,
  );
}

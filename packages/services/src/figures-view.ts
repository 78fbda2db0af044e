import type { IndicatorFigures } from '@taizhang/contract';
import { describeNoFigure, type Figure, PERCENT_DECIMALS, toFixedHalfUp } from '@taizhang/core';
import type { EvaluatedIndicator } from './indicator-figures.js';

/**
 * An indicator's figures for one period as the web app shows them (docs/api.md,
 * `IndicatorFigures`): each a decimal string rounded as the report prints it — amounts to
 * the indicator's decimals, rates and percentage points to one — or null, with the reason
 * in `missing`.
 */
export function figuresView({ evaluation: e, sectionName }: EvaluatedIndicator): IndicatorFigures {
  const missing: Record<string, string> = {};
  const show = (name: string, figure: Figure, decimals: number | 'entered'): string | null => {
    if (!figure.ok) {
      missing[name] = describeNoFigure(figure.reason);
      return null;
    }
    return decimals === 'entered' ? figure.value.toFixed() : toFixedHalfUp(figure.value, decimals);
  };
  const { indicator } = e;
  return {
    code: indicator.code,
    name: indicator.name,
    unit: indicator.unit,
    decimals: indicator.decimals,
    section: { code: indicator.section, name: sectionName },
    kind: indicator.kind,
    frequency: indicator.frequency,
    derived: indicator.derive !== undefined,
    periodLabel: e.periodLabel,
    ytd: show('ytd', e.ytd, indicator.decimals),
    base: show('base', e.base, indicator.decimals),
    growth: show('growth', e.growth, PERCENT_DECIMALS),
    target: show('target', e.targetAmount, indicator.decimals),
    targetGrowth: show('targetGrowth', e.targetGrowth, 'entered'),
    share: show('share', e.completionShare, PERCENT_DECIMALS),
    pointsOverTarget: show('pointsOverTarget', e.pointsOverTarget, PERCENT_DECIMALS),
    timeProgress: show('timeProgress', e.timeProgress, PERCENT_DECIMALS),
    aheadOfTime: show('aheadOfTime', e.aheadOfTime, PERCENT_DECIMALS),
    forecast: show('forecast', e.forecast, indicator.decimals),
    status: e.status,
    behind: e.status === 'yellow' || e.status === 'red',
    missing,
  };
}

import { describeNoFigure, type Figure, PERCENT_DECIMALS, type Status, toFixedHalfUp } from '@taizhang/core';
import type { IndicatorFigures } from './indicator-figures.js';

/**
 * An indicator's figures for one period as the web app shows them (docs/api.md,
 * `IndicatorFigures`): each a decimal string rounded as the report prints it — amounts to
 * the indicator's decimals, rates and percentage points to one — or null, with the reason
 * in `missing`.
 */
export interface IndicatorFiguresView {
  code: string;
  name: string;
  unit: string;
  decimals: number;
  section: { code: string; name: string };
  kind: 'flow' | 'level' | 'rate';
  frequency: 'monthly' | 'quarterly';
  derived: boolean;
  /** 1－10月, 1－3季度 */
  periodLabel: string;
  ytd: string | null;
  base: string | null;
  growth: string | null;
  target: string | null;
  targetGrowth: string | null;
  share: string | null;
  pointsOverTarget: string | null;
  timeProgress: string | null;
  aheadOfTime: string | null;
  forecast: string | null;
  /** 三色预警 */
  status: Status;
  /** behind time progress (yellow or red) */
  behind: boolean;
  /** figure → why it is null, in Chinese */
  missing: Record<string, string>;
}

export function figuresView({ evaluation: e, sectionName }: IndicatorFigures): IndicatorFiguresView {
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

import { describeNoFigure, type Figure, type IndicatorEvaluation } from '@taizhang/core';

/** A figure for scripts: the exact unrounded decimal, or the reason it is missing. */
export type FigureJson = { value: string } | { missing: string; reason: string };

export function figureJson(figure: Figure): FigureJson {
  return figure.ok
    ? { value: figure.value.toFixed() }
    : { missing: figure.reason.code, reason: describeNoFigure(figure.reason) };
}

export function evaluationJson(e: IndicatorEvaluation, sectionName: string) {
  return {
    indicator: e.indicator.code,
    name: e.indicator.name,
    unit: e.indicator.unit,
    section: e.indicator.section,
    sectionName,
    period: e.periodLabel,
    ytd: figureJson(e.ytd),
    base: figureJson(e.base),
    growth: figureJson(e.growth),
    targetAmount: figureJson(e.targetAmount),
    targetAmountImplied: e.targetAmountImplied,
    targetGrowth: figureJson(e.targetGrowth),
    completionShare: figureJson(e.completionShare),
    pointsOverTarget: figureJson(e.pointsOverTarget),
    timeProgress: figureJson(e.timeProgress),
    aheadOfTime: figureJson(e.aheadOfTime),
    forecast: figureJson(e.forecast),
    forecastMethod: e.forecastMethod,
    forecastGap: figureJson(e.forecastGap),
    status: e.status,
  };
}

import { describeStatus, type IndicatorEvaluation } from '@taizhang/core';
import type { EvaluatedIndicator } from '@taizhang/services';
import { cell } from '../format/figures.js';
import { renderTable } from '../format/table.js';

/** Shares, growth rates and points are printed to one decimal, as the seed writes them. */
const PERCENT_DECIMALS = 1;

/** `taizhang indicators`: one row per indicator with every figure of the period. */
export function indicatorTable(figures: readonly EvaluatedIndicator[]): string {
  const notes = new Set<string>();
  const rows = figures.map(({ evaluation: e }) => {
    const d = e.indicator.decimals;
    const name = e.indicator.name;
    const target = cell(e.targetAmount, d, notes, `${name} 全年目标`);
    return [
      name,
      e.indicator.unit,
      e.periodLabel,
      cell(e.ytd, d, notes, `${name} 累计`),
      e.targetAmountImplied && e.targetAmount.ok ? `${target}*` : target,
      cell(e.completionShare, PERCENT_DECIMALS, notes, `${name} 完成率`),
      cell(e.growth, PERCENT_DECIMALS, notes, `${name} 同比`),
      cell(e.targetGrowth, PERCENT_DECIMALS, notes, `${name} 目标增速`),
      cell(e.pointsOverTarget, PERCENT_DECIMALS, notes, `${name} 超目标`),
      cell(e.timeProgress, PERCENT_DECIMALS, notes, `${name} 时序进度`),
      forecastCell(e, notes),
      describeStatus(e.status),
    ];
  });
  const table = renderTable(
    [
      '指标',
      '单位',
      '期间',
      '累计',
      '全年目标',
      '完成率％',
      '同比％',
      '目标增速％',
      '超目标百分点',
      '时序进度％',
      '预计全年',
      '状态',
    ],
    rows,
    ['left', 'left', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'left'],
  );
  const footnotes = [
    ...(figures.some((f) => f.evaluation.targetAmountImplied && f.evaluation.targetAmount.ok)
      ? ['* 全年目标由目标增速推算：上年全年 ×（1 ＋ 目标增速）']
      : []),
    ...(figures.some((f) => f.evaluation.forecastMethod === 'linear')
      ? ['† 预计全年按线性推算（无上年同期季节数据）']
      : []),
    ...[...notes].map((note) => `注：${note}`),
  ];
  return [table, ...(footnotes.length > 0 ? ['', ...footnotes] : [])].join('\n');
}

function forecastCell(e: IndicatorEvaluation, notes: Set<string>): string {
  const text = cell(e.forecast, e.indicator.decimals, notes, `${e.indicator.name} 预计全年`);
  return e.forecastMethod === 'linear' && e.forecast.ok ? `${text}†` : text;
}

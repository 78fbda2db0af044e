import { periodLabel } from '@taizhang/core';
import type { Completeness } from '@taizhang/services';
import { renderTable } from '../format/table.js';

function periodsText(periods: readonly number[], quarterly: boolean): string {
  const unit = quarterly ? '季度' : '月';
  return periods.map((p) => `${p}${unit}`).join('、');
}

/** `taizhang check`: what is missing for the period, grouped by the section that owes it. */
export function completenessReport(orgName: string, result: Completeness): string {
  const heading = `${orgName} ${periodLabel(result.period)} 数据完整性检查：${result.indicatorCount} 项指标`;
  const report = reportLines(result);
  if (result.gaps.length === 0) return [`${heading}，数据齐全。`, ...report].join('\n');
  const rows = [...result.gaps]
    .sort((a, b) => a.section.localeCompare(b.section) || a.indicator.localeCompare(b.indicator))
    .map((gap) => [
      gap.sectionName,
      gap.indicatorName,
      `${gap.year}年`,
      periodsText(gap.periods, gap.quarterly),
      gap.role === 'current' ? '本期数据' : '上年同期数（无可比数时用于计算同比）',
    ]);
  const sections = new Set(result.gaps.map((gap) => gap.section)).size;
  return [
    `${heading}，${sections} 个股室尚有 ${result.gaps.length} 项缺报：`,
    '',
    renderTable(['股室', '指标', '年份', '缺报期间', '用途'], rows, ['left', 'left', 'left', 'left', 'left']),
    ...report,
  ].join('\n');
}

/** The markers the report would print, with the template line that asks for each. */
function reportLines(result: Completeness): string[] {
  if (result.report === null) return [];
  if (result.report.length === 0) return ['工作总结：所有数字均可生成，无待填项。'];
  return [
    '',
    `工作总结中还有 ${result.report.length} 处待填：`,
    ...result.report.map((m) => `  ${m.text}  ${m.reason}${m.line ? `（模板第${m.line}行）` : ''}`),
  ];
}

import type { FieldChange, LedgerValue } from '@taizhang/core';
import { beijingTime, type LedgerImportPreview } from '@taizhang/services';
import { renderTable } from './table.js';

/** Rows of the plan printed one by one; the rest are counted. */
const SHOWN_ROWS = 50;

const ACTION = { insert: '新增', update: '更新', unchanged: '未变' } as const;

function shown(value: LedgerValue | null): string {
  if (value === null) return '（空）';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'object') return JSON.stringify(value);
  const text = String(value);
  // an instant as the bureau reads it
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(text) ? beijingTime(text) : text;
}

function changeText(change: FieldChange): string {
  return `${change.title}：${shown(change.before)} → ${shown(change.after)}`;
}

/** An import's preview as the command line prints it: the columns, the counts, the rows that change (its problems are the refusal's). */
export function importPreviewText(preview: LedgerImportPreview): string {
  const { plan } = preview;
  const lines = [`${preview.file}，工作表“${preview.sheet}” → ${preview.ledger.label}（${preview.ledger.code}）`];
  const matched = preview.headers.filter((h) => h.title !== undefined);
  const unmatched = preview.headers.filter((h) => h.title === undefined);
  lines.push(
    `对应的列：${matched.map((h) => (h.header === h.title ? h.header : `${h.header} → ${h.title}`)).join('、')}`,
  );
  if (unmatched.length > 0) {
    lines.push(`未对应的列（不导入；可用 --map 对应）：${unmatched.map((h) => `${h.cell} ${h.header}`).join('、')}`);
  }
  if (preview.absent.length > 0) {
    const absent = preview.absent.map((a) => (a.required ? `${a.title}（必填）` : a.title));
    lines.push(`表中没有的列（已有记录保持原值）：${absent.join('、')}`);
  }
  lines.push(`新增 ${plan.counts.inserted} 行，更新 ${plan.counts.updated} 行，未变 ${plan.counts.unchanged} 行`);
  const changing = plan.rows.filter((row) => row.action !== 'unchanged');
  if (changing.length > 0) {
    const rows = changing
      .slice(0, SHOWN_ROWS)
      .map((row) => [String(row.line), row.ref, ACTION[row.action], row.changes.map(changeText).join('；')]);
    lines.push('', renderTable(['行', '编号', '操作', '变化'], rows, ['right', 'left', 'left', 'left']));
    if (changing.length > SHOWN_ROWS) lines.push(`……另有 ${changing.length - SHOWN_ROWS} 行新增或更新`);
  }
  if (plan.formulas.length > 0) {
    lines.push(
      '',
      `以下 ${plan.formulas.length} 个单元格是公式，按其在 Excel 中最后计算的结果导入，请核对：`,
      ...plan.formulas.slice(0, SHOWN_ROWS).map((f) => `  第 ${f.row} 行 ${f.cell}（${f.column}）`),
    );
  }
  return `${lines.join('\n')}\n`;
}

import { describeNoFigure, type Figure, type NoFigure, toFixedHalfUp } from '@taizhang/core';

/** Reasons that are not news to anyone reading the table (a share of a price, no target set). */
const SILENT: ReadonlySet<NoFigure['code']> = new Set(['not-applicable', 'no-target']);

/** A figure for the terminal: the value rounded half-up, or "—" with its reason kept for a footnote. */
export function cell(figure: Figure, decimals: number, notes: Set<string>, label: string): string {
  if (figure.ok) return toFixedHalfUp(figure.value, decimals);
  if (!SILENT.has(figure.reason.code)) notes.add(`${label}：${describeNoFigure(figure.reason)}`);
  return '—';
}

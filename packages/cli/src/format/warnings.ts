import { formatProblem, type Problem } from '@taizhang/core';

/** Warnings after a write that went through, for standard error; nothing when there are none. */
export function warningsText(warnings: readonly Problem[]): string {
  if (warnings.length === 0) return '';
  return `提醒 ${warnings.length} 条（已写入，请核实）：\n${warnings.map((w) => `  ${formatProblem(w)}\n`).join('')}`;
}

import type { ReportDocument } from '@taizhang/core';
import { refuse } from '../refusals.js';

/** A final document (the command line's `report --strict`) is refused while any figure is still a marker. */
export function assertComplete(doc: ReportDocument): void {
  if (doc.missing.length === 0) return;
  const details = doc.missing.map(
    (m) =>
      `${m.text}  ${m.sectionName ? `负责：${m.sectionName}；` : ''}${m.reason}${m.line ? `（模板第${m.line}行）` : ''}`,
  );
  throw refuse('REPORT_INCOMPLETE', { count: doc.missing.length, before: '生成正式文稿' }, { details });
}

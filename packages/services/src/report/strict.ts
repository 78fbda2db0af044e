import type { ReportDocument } from '@taizhang/core';
import { UserError } from '../user-error.js';

/** A final document (the command line's `report --strict`) is refused while any figure is still a marker. */
export function assertComplete(doc: ReportDocument): void {
  if (doc.missing.length === 0) return;
  throw new UserError(
    'REPORT_INCOMPLETE',
    `报告还有 ${doc.missing.length} 处待填数据，未生成正式文稿`,
    doc.missing.map(
      (m) =>
        `${m.text}  ${m.sectionName ? `负责：${m.sectionName}；` : ''}${m.reason}${m.line ? `（模板第${m.line}行）` : ''}`,
    ),
  );
}

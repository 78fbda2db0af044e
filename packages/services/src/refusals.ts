import type { Problem } from '@taizhang/core';
import { type FieldProblem, ServiceError } from './service-error.js';
import { type ErrorArgs, type ErrorKind, UserError } from './user-error.js';

/**
 * The catalogue of the services' refusals: each code once, with its kind (which alone decides
 * the HTTP status and the command line's exit) and its Chinese message, made from named
 * arguments. A refusal is raised only through `refuse`, so no code or wording lives anywhere
 * else; the arguments travel with the error, from which each shell adds its own hint (the
 * command line's flags: cli/src/hints.ts). A dataset's or ledger row's problems have their
 * own catalogue in core (errors.ts); a refusal carries them as `details` or `problems`.
 */

interface Refusal<A extends ErrorArgs> {
  kind: ErrorKind;
  message: (args: A) => string;
}

const refusal = <A extends ErrorArgs = Record<never, never>>(
  kind: ErrorKind,
  message: (args: A) => string,
): Refusal<A> => ({ kind, message });

/** Names a thing edited at a version, for the stale-version wording below. */
type Stale = { subject: string; asked: number | ''; current: number | ''; by: string };

/**
 * 409 for a write based on a version that no longer holds, worded alike for everything edited at
 * a version. `asked` '' means the writer believed there was none yet; `current` '' that there is none.
 */
function staleMessage({ subject, asked, current, by }: Stale): string {
  const whom = by === '' ? '' : `由 ${by} `;
  if (current === '') return `${subject}未保存：它还不存在，不能按第 ${asked} 版修改；请刷新后重新填写`;
  if (asked === '') return `${subject}未保存：它已${whom}填写（第 ${current} 版）；请在其基础上修改`;
  return `${subject}未保存：您依据的是第 ${asked} 版，它已${whom}改为第 ${current} 版；请在最新内容基础上重新修改`;
}

const stale = refusal<Stale>('conflict', staleMessage);
/** A form's first problem, said after what was not done. */
const formRefused = (what: string) => refusal<{ problem: string }>('invalid', ({ problem }) => `${what}：${problem}`);
/** Refused by the access rules, which word the reason themselves (core/access). */
const ruledOut = refusal<{ problem: string }>('forbidden', ({ problem }) => problem);

export const REFUSALS = {
  // The session
  SESSION_ENDED: refusal('unauthenticated', () => '登录已失效，请重新登录'),

  // The organisation and the period
  ORG_UNKNOWN: refusal<{ code: string }>('not-found', ({ code }) => `数据库中没有代码为 ${code} 的单位`),
  ORG_NONE: refusal('invalid', () => '数据库中还没有任何单位，请先载入数据集'),
  ORG_AMBIGUOUS: refusal('invalid', () => '数据库中有多个单位，请指定其一'),
  PERIOD_NONE: refusal('invalid', () => '该单位还没有任何指标数据，请指定期间'),
  SECTION_UNKNOWN: refusal<{ org: string; section: string }>(
    'not-found',
    ({ org, section }) => `${org}没有代码为 ${section} 的股室`,
  ),

  // Indicator values and targets
  INDICATOR_UNKNOWN: refusal<{ code: string }>('not-found', ({ code }) => `没有代码为 ${code} 的指标`),
  VALUE_SECTION_FORBIDDEN: refusal<{ indicator: string; section: string }>(
    'forbidden',
    ({ indicator, section }) => `您只能填报本股室的指标；${indicator}由${section}负责填报`,
  ),
  VALUE_DERIVED: refusal<{ indicator: string }>(
    'invalid',
    ({ indicator }) => `${indicator}由台账记录自动计算，不能手工填报；请修改相应的台账记录`,
  ),
  VALUE_INVALID: formRefused('数值未保存'),
  VALUE_STALE_VERSION: stale,
  TARGET_INVALID: formRefused('目标未保存'),
  TARGET_STALE_VERSION: stale,

  // Ledgers
  LEDGER_ORDER: refusal<{ ledger: string; field: string; fields: string }>(
    'invalid',
    ({ ledger, field, fields }) => `${ledger}不能按 ${field} 排序；可以排序的字段：${fields}（字段前加 - 表示倒序）`,
  ),
  LEDGER_SECTION_FORBIDDEN: refusal<{ ledger: string; section: string }>(
    'forbidden',
    ({ ledger, section }) => `您只能在${ledger}中登记本股室（${section}）的记录`,
  ),
  LEDGER_OWNED_ELSEWHERE: refusal<{ ledger: string; owner: string }>(
    'forbidden',
    ({ ledger, owner }) => `${ledger}由${owner}维护，其他股室不能新增或修改其中的记录`,
  ),
  LEDGER_TYPE_MISSING: refusal<{ type: string }>(
    'not-found',
    ({ type }) => `本单位没有代码为 ${type} 的自定义台账类型`,
  ),
  LEDGER_TYPE_BUILT_IN: refusal<{ type: string; name: string }>(
    'forbidden',
    ({ name }) => `“${name}”是内置台账，它的定义随系统提供，不能在台账设置中修改`,
  ),
  LEDGER_TYPE_STALE_VERSION: stale,
  LEDGER_TYPE_INVALID: formRefused('台账类型未保存'),
  LEDGER_ROW_MISSING: refusal<{ ledger: string; label: string; ref: string }>(
    'not-found',
    ({ label, ref }) => `${label}中没有编号为 ${ref} 的记录`,
  ),
  LEDGER_REF_EXISTS: refusal<{ ledger: string; label: string; ref: string; version: number; by: string; at: string }>(
    'conflict',
    ({ label, ref, version, by, at }) =>
      `${label}中已有编号为 ${ref} 的记录（第 ${version} 版，${by} 于 ${at} 最后修改），未新增`,
  ),
  LEDGER_ROW_INVALID: refusal<{ rejected: string; problem: string }>('invalid', ({ rejected }) => rejected),
  LEDGER_ROW_REJECTED: refusal<{ row: string; what: string; count: number }>(
    'invalid',
    ({ row, what, count }) => `${row}${what}未写入：发现 ${count} 处问题，数据库未做任何改动`,
  ),
  LEDGER_STALE_VERSION: refusal<{ row: string; ref: string; asked: number; version: number; by: string; at: string }>(
    'conflict',
    ({ row, ref, asked, version, by, at }) =>
      `${row} ${ref} 未修改：您依据的是第 ${asked} 版，但它已由 ${by} 于 ${at}（北京时间）改为第 ${version} 版，请在当前内容的基础上重新修改`,
  ),

  // Workbooks (xlsx): docs/excel.md
  XLSX_NOT_WORKBOOK: refusal<{ file: string; reason: string }>(
    'invalid',
    ({ file, reason }) => `${file} 不是可以读取的 Excel 工作簿（.xlsx）：${reason}；数据库未做任何改动`,
  ),
  XLSX_TOO_LARGE: refusal<{ file: string; what: string; limit: string }>(
    'invalid',
    ({ file, what, limit }) => `${file} 过大：${what}超过上限 ${limit}，已拒绝导入；数据库未做任何改动`,
  ),
  XLSX_TOO_MANY_ROWS: refusal<{ file: string; sheet: string; limit: number }>(
    'invalid',
    ({ file, sheet, limit }) =>
      `${file} 的工作表“${sheet}”超过 ${limit} 行数据，已拒绝导入；请分成几个文件导入；数据库未做任何改动`,
  ),
  XLSX_SHEET_MISSING: refusal<{ file: string; wanted: string; found: string }>(
    'invalid',
    ({ file, wanted, found }) =>
      `${file} 中没有名为“${wanted}”的工作表（工作簿中有：${found}）；请将数据所在的工作表改为此名称，或指定工作表；数据库未做任何改动`,
  ),
  XLSX_LEDGER_UNKNOWN: refusal<{ file: string; found: string }>(
    'invalid',
    ({ file, found }) =>
      `${file} 中没有以本单位台账名称命名的工作表（工作簿中有：${found}），无法确定导入哪个台账；请指定台账；数据库未做任何改动`,
  ),
  XLSX_MERGED_CELLS: refusal<{ file: string; sheet: string; ranges: string }>(
    'invalid',
    ({ file, sheet, ranges }) =>
      `${file} 的工作表“${sheet}”有合并单元格（${ranges}）；请取消合并、每列只保留一个标题后再导入；数据库未做任何改动`,
  ),
  XLSX_NO_HEADER: refusal<{ file: string; sheet: string }>(
    'invalid',
    ({ file, sheet }) => `${file} 的工作表“${sheet}”第 1 行没有列标题；数据库未做任何改动`,
  ),
  XLSX_ROWS_REJECTED: refusal<{ file: string; count: number }>(
    'invalid',
    ({ file, count }) => `${file} 未导入：发现 ${count} 处问题，数据库未做任何改动`,
  ),
  XLSX_MAPPING: refusal('invalid', () => '列标题的对应关系应为 JSON 对象，如 {"投诉类别": "问题类别"}'),
  XLSX_PREVIEW_STALE: refusal<{ file: string }>(
    'conflict',
    ({ file }) => `${file} 未导入：预览之后台账已被修改，导入结果会与预览不同；请重新预览后再确认导入`,
  ),

  // Reports, templates and narratives
  TEMPLATE_NONE: refusal<{ code: string; known: string }>('not-found', ({ code, known }) =>
    code === ''
      ? '该单位还没有报告模板，请在数据集的 templates 中加入'
      : `该单位没有代码为 ${code} 的报告模板；已有：${known}`,
  ),
  TEMPLATE_CHOOSE: refusal<{ known: string }>(
    'invalid',
    ({ known }) => `该单位有多个报告模板（${known}），没有名为 work-summary 的默认模板，请选择其一`,
  ),
  TEMPLATE_MISSING: refusal<{ code: string }>('not-found', ({ code }) => `没有代码为 ${code} 的报告模板`),
  TEMPLATE_FILE_UNREADABLE: refusal<{ file: string; reason: string }>('invalid', ({ file, reason }) =>
    reason === 'ENOENT' ? `模板文件 ${file} 不存在` : `无法读取模板文件 ${file}（${reason}）`,
  ),
  TEMPLATE_ERROR: refusal<{ error: string }>('invalid', ({ error }) => `报告模板有误：${error}`),
  TEMPLATE_EMPTY: refusal('invalid', () => '模板内容不能为空'),
  TEMPLATE_STALE_VERSION: stale,
  NARRATIVE_EMPTY: refusal('invalid', () => '叙述内容不能为空'),
  NARRATIVE_KEY: refusal<{ code: string }>(
    'invalid',
    ({ code }) =>
      `叙述代码 ${code} 不可用：应以英文字母开头，只含英文字母、数字、下划线、点和连字符，最多 64 个字符（模板用 {% narrative '代码' %} 引用它）`,
  ),
  NARRATIVE_SECTION: refusal<{ sections: string }>('invalid', ({ sections }) => `新增叙述须指定负责股室：${sections}`),
  NARRATIVE_MISSING: refusal<{ year: number; code: string }>(
    'not-found',
    ({ year, code }) => `没有 ${year} 年代码为 ${code} 的叙述`,
  ),
  NARRATIVE_STALE_VERSION: stale,
  REPORT_INCOMPLETE: refusal<{ count: number; before: string }>(
    'invalid',
    ({ count, before }) => `报告尚有 ${count} 处待填数据，补齐后才能${before}`,
  ),
  PDF_BUSY: refusal<{ running: number; waiting: number }>(
    'unavailable',
    ({ running, waiting }) => `PDF 转换排队已满（${running} 份正在转换，${waiting} 份在等待），请稍后重试`,
  ),
  PDF_NO_LIBREOFFICE: refusal<{ command: string; install: string }>(
    'unavailable',
    ({ command, install }) => `生成 PDF 需要 LibreOffice，但本机找不到 ${command} 命令。${install}`,
  ),
  PDF_TIMEOUT: refusal<{ seconds: number }>(
    'unavailable',
    ({ seconds }) => `LibreOffice 在 ${seconds} 秒内没有完成 PDF 转换，已中止；请稍后重试`,
  ),
  PDF_FAILED: refusal<{ how: string }>('unavailable', ({ how }) => `LibreOffice 未能把报告转换为 PDF：${how}`),

  // The audit trail
  AUDIT_EXPORT_TOO_LARGE: refusal<{ total: number; limit: number }>(
    'invalid',
    ({ total, limit }) =>
      `符合条件的审计记录有 ${total} 条，超过一次导出的上限 ${limit} 条；请缩小时间范围或加上其他条件`,
  ),

  // Accounts, approvals and passwords
  FORBIDDEN: ruledOut,
  PASSWORD_WRONG: refusal('invalid', () => '当前密码不正确'),
  PASSWORD_POLICY: formRefused('密码未修改'),
  USER_INVALID: refusal<{ what: string; problem: string }>('invalid', ({ what, problem }) => `${what}：${problem}`),
  USER_MISSING: refusal<{ id: string }>('not-found', ({ id }) => `没有编号为 ${id} 的用户`),
  USER_STALE_VERSION: stale,
  USERNAME_TAKEN: refusal<{ username: string }>(
    'conflict',
    ({ username }) => `用户名 ${username} 已被使用（不区分大小写），请换一个`,
  ),
  LAST_ADMIN: refusal('invalid', () => '单位至少要保留一位未停用的系统管理员'),
  REQUEST_MISSING: refusal<{ id: string }>('not-found', ({ id }) => `没有编号为 ${id} 的账户变更申请`),
  REQUEST_PENDING: refusal<{ username: string; id: string }>(
    'conflict',
    ({ username, id }) => `用户 ${username} 已有一项待审批的变更申请（第 ${id} 号），请等安全管理员处理或撤回后再提交`,
  ),
  REQUEST_DECIDED: refusal<{ id: string; how: string }>('conflict', ({ id, how }) => `第 ${id} 号申请已${how}`),
  REQUEST_NOT_YOURS: refusal<{ id: string; by: string }>(
    'forbidden',
    ({ id, by }) => `第 ${id} 号申请由 ${by} 提交，只有提交人可以撤回`,
  ),
  REQUEST_OWN: ruledOut,
  REQUEST_OWN_ACCOUNT: ruledOut,
} as const;

export type RefusalCode = keyof typeof REFUSALS;
type ArgsOf<C extends RefusalCode> = (typeof REFUSALS)[C] extends Refusal<infer A> ? A : never;

/** What a refusal may carry besides its message: lines of detail, a form's problems, the thing as it now is. */
export interface RefusalExtra {
  details?: readonly string[];
  problems?: readonly FieldProblem[];
  current?: unknown;
}

/** Catalogue entry `code` worded with `args`: for a refusal class of its own (one that carries more). */
export function refusalOf<C extends RefusalCode>(
  code: C,
  args: ArgsOf<C>,
): { kind: ErrorKind; message: string; args: ArgsOf<C> } {
  const entry = REFUSALS[code] as unknown as Refusal<ArgsOf<C>>;
  return { kind: entry.kind, message: entry.message(args), args };
}

/** A problem from core's catalogue (an unknown ledger, an unreadable file) refused as it is worded there. */
export function refuseProblem(problem: Problem, kind: ErrorKind = 'invalid'): UserError {
  return new UserError(problem.code, problem.message, [], { kind });
}

/** The refusal of catalogue entry `code`, its message made from `args`. */
export function refuse<C extends RefusalCode>(code: C, args: ArgsOf<C>, extra: RefusalExtra = {}): ServiceError {
  const entry = REFUSALS[code] as unknown as Refusal<ArgsOf<C>>;
  return new ServiceError(entry.kind, code, entry.message(args), { ...extra, args });
}

/** A catalogued refusal raised further in, answered with the thing as it now is (a row the web shows). */
export function withCurrent(error: UserError, current: unknown): ServiceError {
  return new ServiceError(error.kind, error.code, error.message, { details: error.details, args: error.args, current });
}

/** A form refused for its problems, the message naming the first (what was not done: 用户未创建). */
export function refuseForm<C extends RefusalCode>(
  code: C,
  problems: readonly FieldProblem[],
  args: Omit<ArgsOf<C>, 'problem'>,
): ServiceError {
  const problem = problems[0]?.message ?? '提交的数据有误';
  return refuse(code, { ...args, problem } as unknown as ArgsOf<C>, { problems });
}

/** A refusal of one form field, whose problem is the message itself (`line`: a template's). */
export function refuseField<C extends RefusalCode>(
  code: C,
  field: string,
  args: ArgsOf<C>,
  line?: number,
): ServiceError {
  const entry = REFUSALS[code] as unknown as Refusal<ArgsOf<C>>;
  const message = entry.message(args);
  return new ServiceError(entry.kind, code, message, { args, problems: [{ field, message, line }] });
}

/** What the stale-version wording needs of the thing as it is now. */
export interface CurrentVersion {
  version: number;
  /** who wrote it, when the thing records that */
  by?: string | null | undefined;
}

/** The codes of a write refused as stale, each worded alike. */
export type StaleCode =
  | 'VALUE_STALE_VERSION'
  | 'TARGET_STALE_VERSION'
  | 'TEMPLATE_STALE_VERSION'
  | 'NARRATIVE_STALE_VERSION'
  | 'USER_STALE_VERSION'
  | 'LEDGER_TYPE_STALE_VERSION';

/** 409 for a write at a version that no longer holds; `view` (the thing as it now is) travels with it. */
export function refuseStale(
  code: StaleCode,
  subject: string,
  asked: number | undefined,
  current: CurrentVersion | undefined,
  view: unknown,
): ServiceError {
  const args = { subject, asked: asked ?? '', current: current?.version ?? '', by: current?.by ?? '' } as const;
  return refuse(code, args, { current: view });
}

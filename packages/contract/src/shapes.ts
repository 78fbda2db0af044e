import { type Static, Type } from '@sinclair/typebox';
import { PERMISSIONS, type Permission, ROLES, type Role } from '@taizhang/core/browser';
import { AnyObject, nullable, oneOf, orNull, ref, TextsByKey } from './kit.js';

/**
 * The shapes docs/api.md names (User, IndicatorFigures, LedgerRow, …), each with an $id: the
 * server registers them once, routes refer to them, and the OpenAPI document lists them as
 * components. Exact decimals are strings; every figure that may be missing is nullable.
 */

const str = Type.String();
const int = Type.Integer();
const bool = Type.Boolean();
const nullableStr = nullable(Type.String());

/** A role code (docs/api.md, "Roles"), from the role list itself. */
export const RoleCode = oneOf(Object.keys(ROLES) as [Role, ...Role[]]);

/** A permission code (docs/api.md, "Roles"), from the permission list itself. */
export const PermissionCode = oneOf(Object.keys(PERMISSIONS) as [Permission, ...Permission[]]);

export const Named = Type.Object({ code: str, name: str }, { $id: 'Named' });
export type Named = Static<typeof Named>;

export const ErrorBody = Type.Object(
  {
    error: Type.Object({
      code: str,
      message: str,
      details: Type.Optional(Type.Array(str)),
      problems: Type.Optional(
        Type.Array(Type.Object({ field: str, path: Type.Optional(str), message: str, line: Type.Optional(int) })),
      ),
    }),
    current: Type.Optional(Type.Unknown()),
  },
  { $id: 'Error', description: '错误：code 稳定，message 为可直接展示的中文；409 时 current 为最新内容' },
);
export type ErrorBody = Static<typeof ErrorBody>;

export const Period = Type.Object({ year: int, through: int, label: str }, { $id: 'Period' });
export type Period = Static<typeof Period>;

export const User = Type.Object(
  {
    id: str,
    username: str,
    displayName: str,
    role: RoleCode,
    org: ref(Named),
    section: orNull(ref(Named)),
    grants: Type.Array(
      Type.Object({
        permission: PermissionCode,
        section: Type.Union([str, Type.Null()], { description: '仅限的股室代码；null 为不限股室' }),
      }),
      { description: '本人拥有的权限：网页据此显示页面和按钮，服务器对每个请求按同一规则检查' },
    ),
  },
  { $id: 'User', description: '当前登录用户' },
);
export type User = Static<typeof User>;

export const Session = Type.Object(
  { user: ref(User), csrfToken: str, expiresAt: Type.Optional(str) },
  { $id: 'Session' },
);
export type Session = Static<typeof Session>;

export const INDICATOR_STATUSES = ['green', 'yellow', 'red', 'none'] as const;
export type IndicatorStatus = (typeof INDICATOR_STATUSES)[number];

/** What names an indicator wherever one is listed: its code, names, unit, precision, owner and kind. */
const indicatorIdentity = {
  code: str,
  name: str,
  unit: str,
  decimals: int,
  section: ref(Named),
  kind: oneOf(['flow', 'level', 'rate']),
  frequency: oneOf(['monthly', 'quarterly']),
};

export const IndicatorFigures = Type.Object(
  {
    ...indicatorIdentity,
    derived: bool,
    periodLabel: str,
    ytd: nullableStr,
    base: nullableStr,
    growth: nullableStr,
    target: nullableStr,
    targetGrowth: nullableStr,
    share: nullableStr,
    pointsOverTarget: nullableStr,
    timeProgress: nullableStr,
    aheadOfTime: nullableStr,
    forecast: nullableStr,
    status: oneOf(INDICATOR_STATUSES),
    behind: bool,
    missing: TextsByKey,
  },
  {
    $id: 'IndicatorFigures',
    description: '某指标某期的各项数字（已按报告口径舍入）；缺少的为 null，原因见 missing',
  },
);
export type IndicatorFigures = Static<typeof IndicatorFigures>;

export const Value = Type.Object(
  {
    period: int,
    value: str,
    comparableBase: nullableStr,
    note: nullableStr,
    source: nullableStr,
    version: int,
    enteredBy: nullableStr,
    enteredAt: str,
  },
  { $id: 'Value' },
);
export type Value = Static<typeof Value>;

export const LEDGER_FIELD_TYPES = [
  'text',
  'date',
  'datetime',
  'integer',
  'decimal',
  'boolean',
  'enum',
  'list',
  'object',
] as const;
export type LedgerFieldType = (typeof LEDGER_FIELD_TYPES)[number];

const ledgerFieldProperties = {
  name: str,
  label: str,
  type: oneOf(LEDGER_FIELD_TYPES),
  required: bool,
  options: Type.Optional(Type.Array(Type.Object({ value: str, label: str }))),
  /** 停用: its data is kept and shown, not written any more */
  retired: Type.Optional(bool),
  /** a date that is a deadline (期限): overdue once past while `doneBy` is empty, due soon within `warnDays` days */
  due: Type.Optional(Type.Object({ doneBy: Type.Optional(str), warnDays: int })),
};

/** One field of a list's items (a milestone's 节点, 节点状态 and dates). */
const LedgerItemField = Type.Object(ledgerFieldProperties);

/** One field of a ledger as a form is built from it; `items` for a list of objects. */
const LedgerField = Type.Object({ ...ledgerFieldProperties, items: Type.Optional(Type.Array(LedgerItemField)) });
export type LedgerField = Static<typeof LedgerField>;

export const LedgerInfo = Type.Object(
  {
    code: str,
    label: str,
    rowTitle: str,
    /** the title of a row's number, 投诉编号 */
    refTitle: str,
    /** the 编号规则 that numbers a row added without a number, TCC-{year}-{seq:3} */
    numbering: Type.Optional(str),
    /** the code of the section that keeps its rows; absent: any section */
    section: Type.Optional(str),
    fields: Type.Array(LedgerField),
  },
  { $id: 'LedgerInfo' },
);
export type LedgerInfo = Static<typeof LedgerInfo>;

/** A ledger type as 台账设置 shows it: its definition, and whether it is built in (read-only). */
export const LedgerType = Type.Object(
  {
    code: str,
    name: str,
    /** a built-in ledger of the preset: shown, not changed */
    builtIn: bool,
    /** 1 when created (a built-in ledger when installed), one more on every change */
    version: int,
    /** the definition (docs/ledgers.md), as the dataset's ledgerTypes writes it */
    definition: AnyObject,
    /** how many rows it holds */
    rows: int,
    updatedBy: nullableStr,
    /** UTC */
    updatedAt: nullableStr,
  },
  { $id: 'LedgerType' },
);
export type LedgerType = Static<typeof LedgerType>;

export const LedgerRow = Type.Object(
  {
    ref: str,
    section: ref(Named),
    version: int,
    fields: AnyObject,
    warnings: Type.Array(str),
    createdBy: str,
    createdAt: str,
    updatedBy: str,
    updatedAt: str,
  },
  { $id: 'LedgerRow' },
);
export type LedgerRow = Static<typeof LedgerRow>;

export const MissingFigure = Type.Object(
  {
    ref: int,
    text: str,
    subject: str,
    subjectName: str,
    periodLabel: str,
    section: str,
    sectionName: str,
    reason: str,
    line: Type.Optional(int),
  },
  { $id: 'MissingFigure', description: '报告中的【待填】项及负责股室' },
);
export type MissingFigure = Static<typeof MissingFigure>;

export const Gap = Type.Object(
  {
    indicator: str,
    indicatorName: str,
    section: str,
    sectionName: str,
    year: int,
    periods: Type.Array(int),
    quarterly: bool,
    role: oneOf(['current', 'prior']),
  },
  { $id: 'Gap', description: '缺报的指标数值：哪一年哪几期，由哪个股室报送' },
);
export type Gap = Static<typeof Gap>;

export const Account = Type.Object(
  {
    id: str,
    username: str,
    displayName: str,
    role: RoleCode,
    roleName: str,
    section: orNull(ref(Named)),
    disabled: bool,
    lockedUntil: nullableStr,
    passwordChangedAt: str,
    lastLoginAt: nullableStr,
    lastLoginAddress: nullableStr,
    version: int,
    createdAt: str,
    updatedAt: str,
  },
  { $id: 'Account', description: '用户（管理员视图，不含密码）' },
);
export type Account = Static<typeof Account>;

export const ACCOUNT_REQUEST_STATUSES = ['pending', 'approved', 'rejected', 'withdrawn'] as const;
export type AccountRequestStatus = (typeof ACCOUNT_REQUEST_STATUSES)[number];

export const AccountRequest = Type.Object(
  {
    id: str,
    kind: oneOf(['create', 'change']),
    status: oneOf(ACCOUNT_REQUEST_STATUSES),
    username: str,
    userId: nullableStr,
    targetRole: RoleCode,
    targetRoleName: str,
    changes: Type.Object({
      displayName: Type.Optional(str),
      role: Type.Optional(RoleCode),
      section: Type.Optional(nullableStr),
      disabled: Type.Optional(bool),
      password: Type.Optional(bool),
    }),
    summary: Type.Array(str),
    reasons: Type.Array(str),
    requestedBy: str,
    requestedAt: str,
    decidedBy: nullableStr,
    decidedAt: nullableStr,
    decisionNote: nullableStr,
    version: int,
  },
  { $id: 'AccountRequest', description: '账户变更申请：系统管理员提出，安全管理员批准后生效（不含密码）' },
);
export type AccountRequest = Static<typeof AccountRequest>;

export const SIGN_IN_FAILURE_REASONS = ['unknown', 'wrong', 'locked', 'disabled', 'throttled'] as const;

export const SignInFailure = Type.Object(
  {
    id: str,
    at: str,
    username: str,
    userId: nullableStr,
    account: nullableStr,
    address: nullableStr,
    reason: oneOf(SIGN_IN_FAILURE_REASONS),
    reasonName: str,
    locked: bool,
  },
  { $id: 'SignInFailure', description: '一次失败的登录：输入的用户名、来源地址和原因' },
);
export type SignInFailure = Static<typeof SignInFailure>;

export const AUDIT_ACTIONS = ['insert', 'update', 'delete'] as const;

export const AuditRow = Type.Object(
  {
    id: str,
    at: str,
    actor: str,
    address: nullableStr,
    action: oneOf(AUDIT_ACTIONS),
    table: str,
    tableName: str,
    before: orNull(AnyObject),
    after: orNull(AnyObject),
  },
  { $id: 'AuditRow' },
);
export type AuditRow = Static<typeof AuditRow>;

export const Narrative = Type.Object(
  {
    code: str,
    year: int,
    through: nullable(Type.Integer()),
    title: nullableStr,
    section: ref(Named),
    text: str,
    version: int,
  },
  { $id: 'Narrative' },
);
export type Narrative = Static<typeof Narrative>;

export const Template = Type.Object({ code: str, name: str, text: str, version: int }, { $id: 'Template' });
export type Template = Static<typeof Template>;

export const Target = Type.Object(
  {
    indicator: str,
    year: int,
    amount: nullableStr,
    growth: nullableStr,
    planCurve: orNull(Type.Array(str)),
    version: int,
    updatedAt: str,
  },
  {
    $id: 'Target',
    description: '某指标某年的目标任务：目标任务（金额）、目标增速（％）、计划进度（1－12 月累计百分比）',
  },
);
export type Target = Static<typeof Target>;

export const TIME_PROGRESS_MODES = ['linear', 'days', 'plan'] as const;

export const IndicatorTarget = Type.Object(
  {
    ...indicatorIdentity,
    timeProgress: oneOf(TIME_PROGRESS_MODES),
    yearOnYear: bool,
    derived: bool,
    target: orNull(ref(Target)),
  },
  { $id: 'IndicatorTarget', description: '一个指标及其某年的目标（尚未设定时 target 为 null）' },
);
export type IndicatorTarget = Static<typeof IndicatorTarget>;

export const Approval = Type.Object(
  {
    id: str,
    year: int,
    through: int,
    templateCode: str,
    digest: str,
    approvedBy: str,
    approvedAt: str,
    note: nullableStr,
  },
  { $id: 'Approval' },
);
export type Approval = Static<typeof Approval>;

/** Every shared shape, registered by the server (by $id) before its routes. */
// Workbooks (台账导入导出)

export const ImportCounts = Type.Object({ inserted: int, updated: int, unchanged: int });

const SheetProblem = Type.Object({
  sheet: str,
  row: int,
  column: Type.Optional(str),
  cell: Type.Optional(str),
  reason: str,
});

const Change = Type.Object({ field: str, title: str, before: Type.Unknown(), after: Type.Unknown() });

/** What importing a workbook would do (docs/api.md, "Workbooks"; docs/excel.md). */
export const ImportPreview = Type.Object(
  {
    file: str,
    ledger: Type.Object({ code: str, label: str }),
    sheet: str,
    headers: Type.Array(Type.Object({ cell: str, header: str, title: Type.Optional(str), key: Type.Optional(str) })),
    absent: Type.Array(Type.Object({ title: str, required: Type.Boolean() })),
    counts: ImportCounts,
    /** the rows to insert or update, in sheet order, at most ROWS_SHOWN of them */
    rows: Type.Array(
      Type.Object({
        line: int,
        ref: str,
        action: Type.Union([Type.Literal('insert'), Type.Literal('update')]),
        changes: Type.Array(Change),
      }),
    ),
    /** rows to insert or update beyond those listed */
    more: int,
    problems: Type.Array(SheetProblem),
    formulas: Type.Array(Type.Object({ row: int, cell: str, column: str })),
    /** pass it to the import: it refuses if the plan has changed since */
    fingerprint: str,
  },
  { $id: 'ImportPreview' },
);
export type ImportPreview = Static<typeof ImportPreview>;

export const SHARED_SHAPES = [
  ErrorBody,
  Named,
  Period,
  User,
  Session,
  IndicatorFigures,
  Value,
  LedgerInfo,
  LedgerType,
  LedgerRow,
  ImportPreview,
  MissingFigure,
  Gap,
  Account,
  AccountRequest,
  SignInFailure,
  AuditRow,
  Narrative,
  Template,
  Target,
  IndicatorTarget,
  Approval,
] as const;

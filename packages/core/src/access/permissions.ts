/**
 * Who may do what (权限): the roles of docs/api.md and the permissions each holds, as data.
 * Pure: the server asks `can` on every route, with the signed-in user and, for a write
 * confined to a section, the section of the row or figure written.
 */

/** The roles a user can hold, each with its Chinese name. */
export const ROLES = {
  /** 股室填报员: enters their own section's figures and ledger rows */
  clerk: '股室填报员',
  /** 办公室汇总员: all data, targets, templates, narratives, reports */
  office: '办公室汇总员',
  /** 局领导: reads everything but audit and users; approves reports */
  leader: '局领导',
  /** 系统管理员: proposes account changes (creating, granting, resetting, enabling need approval); no data, no audit */
  admin: '系统管理员',
  /** 安全审计员: the audit trail only */
  auditor: '安全审计员',
  /** 安全管理员: approves or rejects the administrator's account changes, unlocks accounts; no data, no audit */
  security: '安全管理员',
} as const;

export type Role = keyof typeof ROLES;

export function isRole(value: string): value is Role {
  return Object.hasOwn(ROLES, value);
}

/** What a route may ask for, each with the Chinese phrase a refusal names. */
export const PERMISSIONS = {
  /** one's own session and password: every signed-in user */
  session: '管理本人的登录和密码',
  'data:read': '查看指标、台账、报告、模板和叙述',
  'values:write': '填报指标数值',
  'ledgers:write': '新增和修改台账记录',
  'ledgerTypes:write': '新建和修改台账类型（台账设置）',
  'targets:write': '编辑目标任务',
  'templates:write': '编辑报告模板',
  'narratives:write': '编辑叙述',
  'reports:approve': '审定报告',
  'users:read': '查看用户账户、变更申请和锁定状态',
  'users:manage': '新建和修改用户（授权类变更须经安全管理员审批）',
  'users:approve': '审批账户变更、解除锁定和查看登录失败记录',
  'audit:read': '查看审计日志',
} as const;

export type Permission = keyof typeof PERMISSIONS;

/**
 * The role matrix of docs/api.md ("Roles"). Separation of duties (三权分立): the administrator
 * proposes account changes, the security officer approves them (./duties.ts), the auditor reads
 * the trail of both; none of the three reads or edits the bureau's data, and only the auditor
 * reads the audit trail.
 */
const GRANTS: Readonly<Record<Role, readonly Permission[]>> = {
  clerk: ['session', 'data:read', 'values:write', 'ledgers:write'],
  office: [
    'session',
    'data:read',
    'values:write',
    'ledgers:write',
    'ledgerTypes:write',
    'targets:write',
    'templates:write',
    'narratives:write',
  ],
  leader: ['session', 'data:read', 'reports:approve'],
  admin: ['session', 'ledgerTypes:write', 'users:read', 'users:manage'],
  auditor: ['session', 'audit:read'],
  security: ['session', 'users:read', 'users:approve'],
};

/** Writes a clerk makes only within their own section. */
const SECTION_CONFINED: ReadonlySet<Permission> = new Set(['values:write', 'ledgers:write']);

/** The signed-in user as far as permissions go. */
export interface Subject {
  role: Role;
  /** the clerk's section code; null for every other role */
  section: string | null;
}

/** What is acted on, when it matters: the section owning the figure or row. */
export interface Resource {
  section?: string | undefined;
}

/** Whether `user` may do `permission` (to `resource`, when it names a section). */
export function can(user: Subject, permission: Permission, resource: Resource = {}): boolean {
  if (!isRole(user.role) || !GRANTS[user.role].includes(permission)) return false;
  if (resource.section === undefined) return true;
  const scope = sectionScope(user, permission);
  return scope === null || (scope !== '' && scope === resource.section);
}

/**
 * The one section `user`'s `permission` is confined to, or null when it reaches every
 * section (or the permission is not about sections). A clerk without a section (which the
 * database forbids) is confined to the empty code, which `can` grants nothing.
 */
export function sectionScope(user: Subject, permission: Permission): string | null {
  return user.role === 'clerk' && SECTION_CONFINED.has(permission) ? (user.section ?? '') : null;
}

/** The permissions a role holds, for documentation. */
export function grantsOf(role: Role): readonly Permission[] {
  return GRANTS[role];
}

/** One permission a user holds, and the one section it is confined to (null: every section). */
export interface Grant {
  permission: Permission;
  section: string | null;
}

/**
 * What `user` may do, as the server sends it with the signed-in user: the web app offers its
 * pages and buttons from this list and holds no rule of its own. `can` is the same rule.
 */
export function grantsFor(user: Subject): Grant[] {
  if (!isRole(user.role)) return [];
  return GRANTS[user.role].map((permission) => ({ permission, section: sectionScope(user, permission) }));
}

/** Whether `grants` allow `permission` (on `resource`'s section, when it names one): `can` over a sent list. */
export function granted(grants: readonly Grant[], permission: Permission, resource: Resource = {}): boolean {
  return grants.some(
    (grant) =>
      grant.permission === permission &&
      (resource.section === undefined ||
        grant.section === null ||
        (grant.section !== '' && grant.section === resource.section)),
  );
}

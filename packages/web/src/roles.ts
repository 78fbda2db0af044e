import type { User } from '@taizhang/contract';
import { granted, type Permission, ROLES as ROLE_TITLES, type Role } from '@taizhang/core/browser';

/** What each role is called on screen: core's names, the ones the server's messages use. */
export const ROLE_NAMES: Readonly<Record<Role, string>> = ROLE_TITLES;

export const ROLES = Object.keys(ROLE_NAMES) as Role[];

export type PageKey =
  | 'todo'
  | 'indicators'
  | 'targets'
  | 'ledgers'
  | 'ledgerSettings'
  | 'dashboard'
  | 'reports'
  | 'users'
  | 'approvals'
  | 'audit';

export interface PageInfo {
  key: PageKey;
  path: string;
  label: string;
}

/** The pages, in menu order. */
export const PAGES: readonly PageInfo[] = [
  { key: 'todo', path: '/todo', label: '我的待办' },
  { key: 'indicators', path: '/indicators', label: '指标填报' },
  { key: 'targets', path: '/targets', label: '目标任务' },
  { key: 'ledgers', path: '/ledgers', label: '台账' },
  { key: 'ledgerSettings', path: '/ledger-settings', label: '台账设置' },
  { key: 'dashboard', path: '/dashboard', label: '领导驾驶舱' },
  { key: 'reports', path: '/reports', label: '工作总结' },
  { key: 'users', path: '/users', label: '用户管理' },
  { key: 'approvals', path: '/approvals', label: '账户审批' },
  { key: 'audit', path: '/audit', label: '审计日志' },
];

/**
 * What each page needs of the signed-in user's grants (sent by the server with the user): any
 * one of these permissions opens it. The server refuses the same requests; this only hides
 * what it would refuse.
 */
const PAGE_NEEDS: Readonly<Record<PageKey, readonly Permission[]>> = {
  // 我的待办 and 指标填报 are the work of those who enter figures.
  todo: ['values:write'],
  indicators: ['values:write'],
  // 目标任务 only for those who set targets: clerks and leaders may read them, not set them.
  targets: ['targets:write'],
  ledgers: ['data:read'],
  // 台账设置: the ledger types, defined by the office and the administrator.
  ledgerSettings: ['ledgerTypes:write'],
  dashboard: ['data:read'],
  // 工作总结 for those who write or approve the report.
  reports: ['templates:write', 'reports:approve'],
  users: ['users:manage'],
  approvals: ['users:approve'],
  audit: ['audit:read'],
};

/**
 * Where a user lands after signing in: their work list, else the overview, else the user
 * list (the administrator, who also keeps 台账设置), else their first page.
 */
const LANDING: readonly PageKey[] = ['todo', 'dashboard', 'users'];

export function mayOpen(user: User, page: PageKey): boolean {
  return PAGE_NEEDS[page].some((permission) => granted(user.grants, permission));
}

/** The pages the user may open, in menu order: the one they land on first, the rest as PAGES lists them. */
export function pagesFor(user: User): PageInfo[] {
  const open = PAGES.filter((page) => mayOpen(user, page.key));
  const home = LANDING.map((key) => open.find((page) => page.key === key)).find((page) => page !== undefined);
  return home ? [home, ...open.filter((page) => page !== home)] : open;
}

/** Where a user lands after signing in. */
export function homePath(user: User): string {
  return pagesFor(user)[0]?.path ?? '/login';
}

/**
 * Whether the user may write (values or ledger rows), of `section` when it is given: the
 * grants the server sent, read by core's rule, so the page offers what the server would accept.
 */
export function mayWrite(
  user: User,
  permission: Extract<Permission, 'values:write' | 'ledgers:write'>,
  section?: string,
): boolean {
  return granted(user.grants, permission, { section });
}

/**
 * Whether the user may write rows of `ledger` (in `section`, when given). A ledger owned by one
 * section is written by that section's clerks and by those who write every section's rows.
 */
export function mayWriteLedger(user: User, ledger: { section?: string | undefined }, section?: string): boolean {
  if (!mayWrite(user, 'ledgers:write', section)) return false;
  const scope = writeScope(user, 'ledgers:write');
  return ledger.section === undefined || scope === null || scope === ledger.section;
}

/**
 * The one section the user's `permission` is confined to ('' for a clerk the database left
 * without one), null when it reaches every section, undefined when the user lacks it.
 */
export function writeScope(
  user: User,
  permission: Extract<Permission, 'values:write' | 'ledgers:write'>,
): string | null | undefined {
  return user.grants.find((grant) => grant.permission === permission)?.section;
}

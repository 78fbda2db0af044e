import type { User } from '@taizhang/contract';
import { can, type Permission, ROLES as ROLE_TITLES, type Role } from '@taizhang/core/browser';

/** What each role is called on screen: core's names, the ones the server's messages use. */
export const ROLE_NAMES: Readonly<Record<Role, string>> = ROLE_TITLES;

export const ROLES = Object.keys(ROLE_NAMES) as Role[];

export type PageKey =
  | 'todo'
  | 'indicators'
  | 'targets'
  | 'ledgers'
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
  { key: 'dashboard', path: '/dashboard', label: '领导驾驶舱' },
  { key: 'reports', path: '/reports', label: '工作总结' },
  { key: 'users', path: '/users', label: '用户管理' },
  { key: 'approvals', path: '/approvals', label: '账户审批' },
  { key: 'audit', path: '/audit', label: '审计日志' },
];

/**
 * The pages each role may open, in the order its menu lists them (the first is where the
 * user lands). The server enforces the same; this only hides what it would refuse.
 */
export const ROLE_PAGES: Readonly<Record<Role, readonly PageKey[]>> = {
  clerk: ['todo', 'indicators', 'ledgers', 'dashboard'],
  // 目标任务 only for the office: the server lets clerks and leaders read targets, not set them.
  office: ['todo', 'indicators', 'targets', 'ledgers', 'dashboard', 'reports'],
  leader: ['dashboard', 'ledgers', 'reports'],
  admin: ['users'],
  auditor: ['audit'],
  security: ['approvals'],
};

export function pagesFor(role: Role): PageInfo[] {
  return (ROLE_PAGES[role] ?? []).flatMap((key) => PAGES.filter((page) => page.key === key));
}

export function mayOpen(role: Role, page: PageKey): boolean {
  return (ROLE_PAGES[role] ?? []).includes(page);
}

/** Where a user lands after signing in. */
export function homePath(role: Role): string {
  return pagesFor(role)[0]?.path ?? '/login';
}

/**
 * Whether the user may write (values or ledger rows), of `section` when it is given: core's
 * rule, the one the server enforces, so the page offers what the server would accept.
 */
export function mayWrite(
  user: User,
  permission: Extract<Permission, 'values:write' | 'ledgers:write'>,
  section?: string,
): boolean {
  return can({ role: user.role, section: user.section?.code ?? null }, permission, { section });
}

import type { Role, SessionUser } from './api/types.js';

/** What each role is called on screen (docs/api.md, "Roles"). */
export const ROLE_NAMES: Readonly<Record<Role, string>> = {
  clerk: '股室填报员',
  office: '办公室汇总员',
  leader: '局领导',
  admin: '系统管理员',
  auditor: '安全审计员',
  security: '安全管理员',
};

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

/** Whether the user may write data of a section: office any, a clerk only their own. */
export function mayWriteSection(user: SessionUser, section: string | undefined): boolean {
  if (user.role === 'office') return true;
  return user.role === 'clerk' && section !== undefined && user.section?.code === section;
}

/** Whether the user may write anything in indicators and ledgers at all. */
export function mayWriteData(user: SessionUser): boolean {
  return user.role === 'office' || user.role === 'clerk';
}

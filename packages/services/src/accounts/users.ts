import { isRole, ROLES, type Role } from '@taizhang/core';
import {
  countActiveAdmins,
  type Database,
  deleteUserSessions,
  findUserById,
  insertUser,
  listSections,
  listUsers,
  type Queryable,
  setPasswordHash,
  type UserRow,
  updateUser,
} from '@taizhang/db';
import { type FieldProblem, invalid, ServiceError } from '../service-error.js';
import { actorOf, type Caller } from './caller.js';
import { hashPassword, passwordProblems } from './passwords.js';

/** 用户管理: the administrator's list, creation and changes of accounts (docs/api.md, "Audit and users"). */

/** An account as the administrator sees it; never its password hash. */
export interface UserAccount {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  roleName: string;
  section: { code: string; name: string } | null;
  disabled: boolean;
  /** UTC ISO instant until which sign-in is refused, or null */
  lockedUntil: string | null;
  passwordChangedAt: string;
  lastLoginAt: string | null;
  lastLoginAddress: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export function presentAccount(row: UserRow): UserAccount {
  const { failedAttempts: _failedAttempts, ...rest } = row;
  return { ...rest, roleName: ROLES[row.role] };
}

const USERNAME = /^[A-Za-z0-9][A-Za-z0-9._-]{1,31}$/;
const USERNAME_RULE = '用户名应为 2 至 32 位英文字母、数字、点、下划线或连字符，并以字母或数字开头';

export async function listAccounts(db: Database, caller: Caller): Promise<UserAccount[]> {
  return (await listUsers(db, caller.orgId)).map(presentAccount);
}

export interface NewAccount {
  username: string;
  displayName: string;
  role: string;
  /** section code, for a clerk */
  section?: string | null | undefined;
  password: string;
}

/** The problems of a role and section together: a clerk needs a section that exists, no one else has one. */
async function roleProblems(
  q: Queryable,
  orgId: string,
  role: string,
  section: string | null,
): Promise<FieldProblem[]> {
  if (!isRole(role)) return [{ field: 'role', message: `角色应为 ${Object.keys(ROLES).join('、')} 之一` }];
  if (role !== 'clerk') {
    return section === null
      ? []
      : [{ field: 'section', message: `只有股室填报员属于某个股室，${ROLES[role]}不设所属股室` }];
  }
  if (section === null) return [{ field: 'section', message: '股室填报员必须指定所属股室' }];
  const sections = await listSections(q, orgId);
  if (sections.some((s) => s.code === section)) return [];
  return [
    {
      field: 'section',
      message: `没有代码为 ${section} 的股室；现有：${sections.map((s) => `${s.code}（${s.name}）`).join('、')}`,
    },
  ];
}

function displayNameProblems(displayName: string): FieldProblem[] {
  const trimmed = displayName.trim();
  if (trimmed === '') return [{ field: 'displayName', message: '姓名不能为空' }];
  if ([...trimmed].length > 50) return [{ field: 'displayName', message: '姓名最多 50 个字' }];
  return [];
}

export async function createAccount(db: Database, caller: Caller, input: NewAccount): Promise<UserAccount> {
  const section = input.section ?? null;
  const problems: FieldProblem[] = [];
  if (!USERNAME.test(input.username)) problems.push({ field: 'username', message: USERNAME_RULE });
  problems.push(...displayNameProblems(input.displayName));
  problems.push(...(await roleProblems(db, caller.orgId, input.role, section)));
  for (const message of passwordProblems(input.password, input.username)) problems.push({ field: 'password', message });
  if (problems.length > 0) throw invalid('USER_INVALID', problems, `用户未创建：${problems[0]?.message}`);
  const passwordHash = await hashPassword(input.password);
  const created = await db.transaction(actorOf(caller), (tx) =>
    insertUser(tx, caller.orgId, {
      username: input.username,
      displayName: input.displayName.trim(),
      role: input.role as Role,
      section,
      passwordHash,
    }),
  );
  if (created === undefined) {
    throw new ServiceError('conflict', 'USERNAME_TAKEN', `用户名 ${input.username} 已被使用（不区分大小写），请换一个`);
  }
  return presentAccount(created);
}

export interface AccountChanges {
  displayName?: string | undefined;
  role?: string | undefined;
  /** section code; null clears it */
  section?: string | null | undefined;
  disabled?: boolean | undefined;
  /** a new password set by the administrator */
  password?: string | undefined;
  version: number;
}

function missing(id: string): ServiceError {
  return new ServiceError('not-found', 'USER_MISSING', `没有编号为 ${id} 的用户`);
}

/**
 * Changes an account at the version it was read at. A disabled account or a new password
 * ends the user's sessions; the organisation never drops to no enabled administrator, and
 * an administrator cannot disable or demote themselves (someone else must).
 */
export async function changeAccount(
  db: Database,
  caller: Caller,
  id: string,
  changes: AccountChanges,
): Promise<UserAccount> {
  const current = await findUserById(db, caller.orgId, id);
  if (current === undefined) throw missing(id);
  const role = changes.role ?? current.role;
  // Leaving the clerk role leaves the section too, unless the change names one (which is then refused).
  const section =
    changes.section !== undefined ? changes.section : role === 'clerk' ? (current.section?.code ?? null) : null;
  const problems: FieldProblem[] = [];
  if (changes.displayName !== undefined) problems.push(...displayNameProblems(changes.displayName));
  problems.push(...(await roleProblems(db, caller.orgId, role, section)));
  if (changes.password !== undefined) {
    for (const message of passwordProblems(changes.password, current.username)) {
      problems.push({ field: 'password', message });
    }
  }
  if (id === caller.user.id && (changes.disabled === true || role !== 'admin')) {
    problems.push({
      field: changes.disabled === true ? 'disabled' : 'role',
      message: '不能停用自己的账户或取消自己的管理员角色，请由另一位管理员操作',
    });
  }
  if (problems.length > 0) throw invalid('USER_INVALID', problems, `用户未修改：${problems[0]?.message}`);
  const passwordHash = changes.password === undefined ? undefined : await hashPassword(changes.password);
  return db.transaction(actorOf(caller), async (tx) => {
    const result = await updateUser(tx, caller.orgId, id, changes.version, {
      displayName: changes.displayName?.trim(),
      role: role as Role,
      section,
      disabled: changes.disabled,
    });
    if (result.outcome === 'missing') throw missing(id);
    if (result.outcome === 'stale') {
      throw new ServiceError(
        'conflict',
        'USER_STALE_VERSION',
        `用户 ${result.row.username} 未修改：您依据的是第 ${changes.version} 版，它已被改为第 ${result.row.version} 版；请在最新内容基础上重新修改`,
        { current: presentAccount(result.row) },
      );
    }
    if (passwordHash !== undefined) await setPasswordHash(tx, caller.orgId, id, passwordHash);
    if (passwordHash !== undefined || changes.disabled === true) await deleteUserSessions(tx, caller.orgId, id);
    if ((await countActiveAdmins(tx, caller.orgId)) === 0) {
      throw invalid('LAST_ADMIN', [{ field: 'role', message: '单位至少要保留一位未停用的系统管理员' }]);
    }
    return presentAccount((await findUserById(tx, caller.orgId, id)) as UserRow);
  });
}

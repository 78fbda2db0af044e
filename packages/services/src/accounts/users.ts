import type { Account, AccountRequest } from '@taizhang/contract';
import {
  type AccountState,
  isRole,
  type ProposedChange,
  ROLES,
  type Role,
  ruleOnAccountChange,
  ruleOnDecision,
} from '@taizhang/core';
import {
  type AccountRequestRow,
  type AccountRequestStatus,
  countActiveAdmins,
  type Database,
  decideAccountRequest,
  deleteUserSessions,
  findAccountRequest,
  findPendingAccountRequest,
  findRequestPassword,
  findUserById,
  findUserByName,
  insertAccountRequest,
  insertUser,
  listAccountRequests,
  listSections,
  listSignInFailures,
  listUsers,
  type Queryable,
  type RequestedFields,
  type SignInFailureRow,
  setPasswordHash,
  type UserRow,
  unlockUser,
  updateUser,
} from '@taizhang/db';
import { refuse, refuseField, refuseForm, refuseStale } from '../refusals.js';
import type { FieldProblem, ServiceError } from '../service-error.js';
import { actorOf, type Caller } from './caller.js';
import { hashPassword, passwordProblems } from './passwords.js';

/**
 * 用户管理 and 账户审批 (docs/api.md, "Accounts and approvals"): the administrator lists
 * accounts and proposes changes; what gives or restores access waits as a request until a
 * security officer approves it (core/access/duties.ts); the security officer also lifts locks
 * and reads the refused sign-ins.
 */

export function presentAccount(row: UserRow): Account {
  const { failedAttempts: _failedAttempts, ...rest } = row;
  return { ...rest, roleName: ROLES[row.role] };
}

const USERNAME = /^[A-Za-z0-9][A-Za-z0-9._-]{1,31}$/;
const USERNAME_RULE = '用户名应为 2 至 32 位英文字母、数字、点、下划线或连字符，并以字母或数字开头';

export async function listAccounts(db: Database, caller: Caller): Promise<Account[]> {
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

const STATUS_NAMES: Readonly<Record<AccountRequestStatus, string>> = {
  pending: '待审批',
  approved: '已批准',
  rejected: '已驳回',
  withdrawn: '已撤回',
};

function roleName(role: string | undefined): string {
  return role !== undefined && isRole(role) ? ROLES[role] : (role ?? '—');
}

/** Each requested change as a line a security officer reads before deciding. */
function summarise(row: AccountRequestRow, sections: ReadonlyMap<string, string>): string[] {
  const { changes, previous } = row;
  const section = (code: string | null | undefined) =>
    code === null || code === undefined ? '无' : `${sections.get(code) ?? code}（${code}）`;
  const line = (label: string, from: string | undefined, to: string) =>
    row.kind === 'create' || from === undefined ? `${label}：${to}` : `${label}：${from} → ${to}`;
  const lines: string[] = [];
  if (changes.displayName !== undefined) lines.push(line('姓名', previous.displayName, changes.displayName));
  if (changes.role !== undefined)
    lines.push(line('角色', previous.role && roleName(previous.role), roleName(changes.role)));
  if (changes.section !== undefined && (changes.section !== null || row.kind === 'change')) {
    lines.push(
      line('所属股室', 'section' in previous ? section(previous.section) : undefined, section(changes.section)),
    );
  }
  if (changes.disabled !== undefined) lines.push(changes.disabled ? '停用账户' : '启用账户');
  if (changes.password === true) lines.push(row.kind === 'create' ? '设置初始密码' : '重设密码');
  return lines;
}

function presentRequest(row: AccountRequestRow, sections: ReadonlyMap<string, string>): AccountRequest {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    username: row.username,
    userId: row.userId,
    targetRole: row.targetRole,
    targetRoleName: roleName(row.targetRole),
    changes: row.changes,
    summary: summarise(row, sections),
    reasons: row.reasons,
    requestedBy: row.requestedByName,
    requestedAt: row.requestedAt,
    decidedBy: row.decidedByName,
    decidedAt: row.decidedAt,
    decisionNote: row.decisionNote,
    version: row.version,
  };
}

async function sectionMap(q: Queryable, orgId: string): Promise<Map<string, string>> {
  return new Map((await listSections(q, orgId)).map((s) => [s.code, s.name]));
}

function missing(id: string): ServiceError {
  return refuse('USER_MISSING', { id });
}

function requestMissing(id: string): ServiceError {
  return refuse('REQUEST_MISSING', { id });
}

function pendingAlready(pending: AccountRequestRow, sections: ReadonlyMap<string, string>): ServiceError {
  return refuse(
    'REQUEST_PENDING',
    { username: pending.username, id: pending.id },
    { current: presentRequest(pending, sections) },
  );
}

function usernameTaken(username: string): ServiceError {
  return refuse('USERNAME_TAKEN', { username });
}

/** The caller as the separation-of-duties rules see them. */
const holder = (caller: Caller) => ({ id: caller.user.id, role: caller.user.role });

/**
 * Files a request for a new account (新建账户): checked now as the account will be, created only
 * when a security officer approves it. The initial password's hash waits unaudited.
 */
export async function createAccount(db: Database, caller: Caller, input: NewAccount): Promise<AccountRequest> {
  const section = input.section ?? null;
  const ruling = ruleOnAccountChange(holder(caller), null, {});
  if (ruling.kind === 'refused') throw refuse('FORBIDDEN', { problem: ruling.message });
  const problems: FieldProblem[] = [];
  if (!USERNAME.test(input.username)) problems.push({ field: 'username', message: USERNAME_RULE });
  problems.push(...displayNameProblems(input.displayName));
  problems.push(...(await roleProblems(db, caller.orgId, input.role, section)));
  for (const message of passwordProblems(input.password, input.username)) problems.push({ field: 'password', message });
  if (problems.length > 0) throw refuseForm('USER_INVALID', problems, { what: '用户未创建' });
  if ((await findUserByName(db, caller.orgId, input.username)) !== undefined) throw usernameTaken(input.username);
  const sections = await sectionMap(db, caller.orgId);
  const passwordHash = await hashPassword(input.password);
  const role = input.role as Role;
  const request = await db.transaction(actorOf(caller), (tx) =>
    insertAccountRequest(tx, caller.orgId, {
      kind: 'create',
      userId: null,
      username: input.username,
      targetRole: role,
      changes: { displayName: input.displayName.trim(), role, section, password: true },
      previous: {},
      reasons: ruling.kind === 'approval' ? ruling.reasons : [],
      requestedBy: caller.user.id,
      requestedByName: caller.user.username,
      passwordHash,
    }),
  );
  if (request === undefined) {
    const pending = await findPendingAccountRequest(db, caller.orgId, input.username);
    throw pending ? pendingAlready(pending, sections) : usernameTaken(input.username);
  }
  return presentRequest(request, sections);
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

/** What an account change does: applied at once, or filed as a request awaiting approval. */
export type AccountChangeOutcome =
  | { status: 'changed'; account: Account }
  | { status: 'requested'; request: AccountRequest };

/** The fields that would change, their values now, and the change as the duties rules read it. */
function diff(current: UserRow, changes: AccountChanges, role: string, section: string | null) {
  const next: RequestedFields = {};
  const previous: RequestedFields = {};
  const proposed: ProposedChange = {};
  const displayName = changes.displayName?.trim();
  if (displayName !== undefined && displayName !== current.displayName) {
    next.displayName = displayName;
    previous.displayName = current.displayName;
    proposed.displayName = true;
  }
  if (role !== current.role && isRole(role)) {
    next.role = role;
    previous.role = current.role;
    proposed.role = role;
  }
  if (section !== (current.section?.code ?? null)) {
    next.section = section;
    previous.section = current.section?.code ?? null;
    proposed.section = true;
  }
  if (changes.disabled !== undefined && changes.disabled !== current.disabled) {
    next.disabled = changes.disabled;
    previous.disabled = current.disabled;
    proposed.disabled = changes.disabled;
  }
  if (changes.password !== undefined) {
    next.password = true;
    proposed.password = true;
  }
  return { next, previous, proposed };
}

/** Whether a change would leave the organisation no enabled administrator. */
async function leavesNoAdmin(q: Queryable, orgId: string, current: UserRow, next: RequestedFields): Promise<boolean> {
  if (current.role !== 'admin' || current.disabled) return false;
  const stops = (next.role !== undefined && next.role !== 'admin') || next.disabled === true;
  return stops && (await countActiveAdmins(q, orgId)) <= 1;
}

const LAST_ADMIN = () => refuseField('LAST_ADMIN', 'role', {});

/**
 * Changes an account at the version it was read at (the administrator's 修改用户). A new name,
 * or disabling an ordinary account, applies at once (disabling ends the user's sessions); a
 * role or section, a reset password, enabling an account, and any change to the auditor's or
 * a security officer's account becomes a request for a security officer to approve. Nobody
 * changes their own role, section, password or enabled state here, and the organisation
 * never drops to no enabled administrator.
 */
export async function changeAccount(
  db: Database,
  caller: Caller,
  id: string,
  changes: AccountChanges,
): Promise<AccountChangeOutcome> {
  const current = await findUserById(db, caller.orgId, id);
  if (current === undefined) throw missing(id);
  if (current.version !== changes.version) throw stale(current, changes.version);
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
  const { next, previous, proposed } = diff(current, changes, role, section);
  const target: AccountState = { id: current.id, role: current.role, disabled: current.disabled };
  const ruling = ruleOnAccountChange(holder(caller), target, proposed);
  if (ruling.kind === 'refused') {
    if (ruling.field === '') throw refuse('FORBIDDEN', { problem: ruling.message });
    problems.push({ field: ruling.field, message: ruling.message });
  }
  if (problems.length > 0) throw refuseForm('USER_INVALID', problems, { what: '用户未修改' });
  if (await leavesNoAdmin(db, caller.orgId, current, next)) throw LAST_ADMIN();
  if (ruling.kind === 'approval') {
    const sections = await sectionMap(db, caller.orgId);
    const passwordHash = changes.password === undefined ? undefined : await hashPassword(changes.password);
    const request = await db.transaction(actorOf(caller), (tx) =>
      insertAccountRequest(tx, caller.orgId, {
        kind: 'change',
        userId: current.id,
        username: current.username,
        targetRole: current.role,
        changes: next,
        previous,
        reasons: ruling.reasons,
        requestedBy: caller.user.id,
        requestedByName: caller.user.username,
        passwordHash,
      }),
    );
    if (request === undefined) {
      const pending = await findPendingAccountRequest(db, caller.orgId, current.username);
      if (pending !== undefined) throw pendingAlready(pending, sections);
      throw missing(id);
    }
    return { status: 'requested', request: presentRequest(request, sections) };
  }
  const account = await db.transaction(actorOf(caller), async (tx) => {
    const result = await updateUser(tx, caller.orgId, id, changes.version, {
      displayName: next.displayName,
      disabled: next.disabled,
    });
    if (result.outcome === 'missing') throw missing(id);
    if (result.outcome === 'stale') throw stale(result.row, changes.version);
    if (next.disabled === true) await deleteUserSessions(tx, caller.orgId, id);
    if ((await countActiveAdmins(tx, caller.orgId)) === 0) throw LAST_ADMIN();
    return presentAccount(result.row);
  });
  return { status: 'changed', account };
}

function stale(row: UserRow, version: number): ServiceError {
  return refuseStale('USER_STALE_VERSION', `用户 ${row.username}`, version, row, presentAccount(row));
}

export interface RequestQuery {
  status?: AccountRequestStatus | undefined;
  offset: number;
  limit: number;
}

/** Account change requests, newest first (all, or of one status). */
export async function accountRequests(
  db: Database,
  caller: Caller,
  query: RequestQuery,
): Promise<{ total: number; rows: AccountRequest[] }> {
  const sections = await sectionMap(db, caller.orgId);
  const page = await listAccountRequests(db, caller.orgId, query);
  return { total: page.total, rows: page.rows.map((row) => presentRequest(row, sections)) };
}

/** A request that may still be decided, and the account it is about (null for a new one). */
async function pendingRequest(
  q: Queryable,
  caller: Caller,
  id: string,
  sections: ReadonlyMap<string, string>,
): Promise<{ request: AccountRequestRow; target: UserRow | null }> {
  const request = await findAccountRequest(q, caller.orgId, id);
  if (request === undefined) throw requestMissing(id);
  if (request.status !== 'pending') {
    throw refuse(
      'REQUEST_DECIDED',
      { id, how: `${STATUS_NAMES[request.status]}，不能再处理` },
      { current: presentRequest(request, sections) },
    );
  }
  const target = request.userId === null ? null : ((await findUserById(q, caller.orgId, request.userId)) ?? null);
  if (request.kind === 'change' && target === null) throw missing(request.userId ?? id);
  return { request, target };
}

function mayDecide(caller: Caller, request: AccountRequestRow, target: UserRow | null): void {
  const ruling = ruleOnDecision(holder(caller), {
    requestedBy: request.requestedBy,
    target: target && { id: target.id, role: target.role },
  });
  if (ruling.kind === 'refused') throw refuse(ruling.code, { problem: ruling.message });
}

/** Applies an approved request to the account (or creates it), within the approval's transaction. */
async function apply(tx: Queryable, caller: Caller, request: AccountRequestRow, target: UserRow | null) {
  const { changes } = request;
  const passwordHash = changes.password === true ? await findRequestPassword(tx, caller.orgId, request.id) : undefined;
  if (changes.password === true && passwordHash === undefined)
    throw new Error(`request ${request.id} lost its password`);
  if (target === null) {
    const role = changes.role ?? request.targetRole;
    const problems = await roleProblems(tx, caller.orgId, role, changes.section ?? null);
    if (problems.length > 0) throw refuseForm('USER_INVALID', problems, { what: '用户未创建' });
    const created = await insertUser(tx, caller.orgId, {
      username: request.username,
      displayName: changes.displayName ?? request.username,
      role,
      section: changes.section ?? null,
      passwordHash: passwordHash as string,
    });
    if (created === undefined) throw usernameTaken(request.username);
    return created;
  }
  const role = changes.role ?? target.role;
  const section =
    changes.section !== undefined ? changes.section : role === 'clerk' ? (target.section?.code ?? null) : null;
  const problems = await roleProblems(tx, caller.orgId, role, section);
  if (problems.length > 0) throw refuseForm('USER_INVALID', problems, { what: '用户未修改' });
  const result = await updateUser(tx, caller.orgId, target.id, target.version, {
    displayName: changes.displayName,
    role,
    section,
    disabled: changes.disabled,
  });
  if (result.outcome === 'missing') throw missing(target.id);
  if (result.outcome === 'stale') throw stale(result.row, target.version);
  if (passwordHash !== undefined) await setPasswordHash(tx, caller.orgId, target.id, passwordHash);
  if (passwordHash !== undefined || changes.disabled === true || changes.role !== undefined) {
    await deleteUserSessions(tx, caller.orgId, target.id);
  }
  if ((await countActiveAdmins(tx, caller.orgId)) === 0) throw LAST_ADMIN();
  return (await findUserById(tx, caller.orgId, target.id)) as UserRow;
}

/**
 * Approves a request (批准): applied as asked, checked again against the account as it now is,
 * in one transaction with the decision. Only a security officer who neither made the request
 * nor holds the account.
 */
export async function approveAccountRequest(
  db: Database,
  caller: Caller,
  id: string,
  note?: string | null | undefined,
): Promise<{ request: AccountRequest; account: Account }> {
  const sections = await sectionMap(db, caller.orgId);
  const { request, target } = await pendingRequest(db, caller, id, sections);
  mayDecide(caller, request, target);
  return db.transaction(actorOf(caller), async (tx) => {
    const account = await apply(tx, caller, request, target);
    const decided = await decideAccountRequest(tx, caller.orgId, id, {
      status: 'approved',
      by: caller.user.id,
      byName: caller.user.username,
      note: note?.trim() || null,
      userId: account.id,
    });
    if (decided === undefined) throw await decidedMeanwhile(tx, caller, id, sections);
    return { request: presentRequest(decided, sections), account: presentAccount(account) };
  });
}

async function decidedMeanwhile(
  q: Queryable,
  caller: Caller,
  id: string,
  sections: ReadonlyMap<string, string>,
): Promise<ServiceError> {
  const now = await findAccountRequest(q, caller.orgId, id);
  return refuse('REQUEST_DECIDED', { id, how: '被他人处理' }, { current: now && presentRequest(now, sections) });
}

/** Rejects a request (驳回), saying why; nothing of the account changes. */
export async function rejectAccountRequest(
  db: Database,
  caller: Caller,
  id: string,
  note?: string | null | undefined,
): Promise<AccountRequest> {
  const sections = await sectionMap(db, caller.orgId);
  const { request, target } = await pendingRequest(db, caller, id, sections);
  mayDecide(caller, request, target);
  const decided = await db.transaction(actorOf(caller), (tx) =>
    decideAccountRequest(tx, caller.orgId, id, {
      status: 'rejected',
      by: caller.user.id,
      byName: caller.user.username,
      note: note?.trim() || null,
    }),
  );
  if (decided === undefined) throw await decidedMeanwhile(db, caller, id, sections);
  return presentRequest(decided, sections);
}

/** Withdraws one's own pending request (撤回). */
export async function withdrawAccountRequest(db: Database, caller: Caller, id: string): Promise<AccountRequest> {
  const sections = await sectionMap(db, caller.orgId);
  const { request } = await pendingRequest(db, caller, id, sections);
  if (request.requestedBy !== caller.user.id) {
    throw refuse('REQUEST_NOT_YOURS', { id, by: request.requestedByName });
  }
  const decided = await db.transaction(actorOf(caller), (tx) =>
    decideAccountRequest(tx, caller.orgId, id, {
      status: 'withdrawn',
      by: caller.user.id,
      byName: caller.user.username,
    }),
  );
  if (decided === undefined) throw await decidedMeanwhile(db, caller, id, sections);
  return presentRequest(decided, sections);
}

/**
 * Lifts an account's sign-in lock (解除锁定), the security officer's: the lock and the count of
 * failures towards it are cleared, on the audit trail under the officer's name.
 */
export async function unlockAccount(db: Database, caller: Caller, id: string): Promise<Account> {
  const unlocked = await db.transaction(actorOf(caller), (tx) => unlockUser(tx, caller.orgId, id));
  if (unlocked === undefined) throw missing(id);
  return presentAccount(unlocked);
}

export interface SignInFailureView extends SignInFailureRow {
  reasonName: string;
}

const REASON_NAMES: Readonly<Record<SignInFailureRow['reason'], string>> = {
  unknown: '用户名不存在',
  wrong: '密码错误',
  locked: '账户已锁定',
  disabled: '账户已停用',
  throttled: '尝试过于频繁',
};

/** The refused sign-ins, newest first: for the security officer (the auditor reads them on the trail). */
export async function signInFailures(
  db: Database,
  caller: Caller,
  query: { offset: number; limit: number; username?: string | undefined },
): Promise<{ total: number; rows: SignInFailureView[] }> {
  const page = await listSignInFailures(db, caller.orgId, query);
  return { total: page.total, rows: page.rows.map((row) => ({ ...row, reasonName: REASON_NAMES[row.reason] })) };
}

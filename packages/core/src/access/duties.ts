/**
 * Separation of duties (三权分立) over accounts, as pure rules (docs/api.md, "Accounts and
 * approvals"): the administrator (系统管理员) proposes, the security officer (安全管理员)
 * approves, the auditor (安全审计员) reads the trail of both.
 *
 * What gives or restores access — a new account, a role or section, a reset password, an
 * enabled account — takes effect only when a security officer other than the proposer and
 * other than the account's holder approves it. What only takes access away (disabling an
 * account) or changes nothing of it (a display name) takes effect at once, except on the
 * auditor's and the security officers' own accounts, which the administrator never changes
 * alone. Nobody changes their own role, section, password (here: one's own password has its
 * own route, which asks for the current one), or enabled state.
 */
import { can, ROLES, type Role } from './permissions.js';

/** An account as the rules see it: who holds it, in which role. */
export interface AccountHolder {
  id: string;
  role: Role;
}

export interface AccountState extends AccountHolder {
  disabled: boolean;
}

/** What a proposed change does to an account; a part is present only when it changes something. */
export interface ProposedChange {
  /** the display name changes */
  displayName?: boolean;
  /** the role it changes to */
  role?: Role;
  /** the section changes (a clerk moved, or set along with the clerk role) */
  section?: boolean;
  /** the state it changes to: true disables, false enables */
  disabled?: boolean;
  /** a new password is set */
  password?: boolean;
}

export type AccountField = keyof ProposedChange;

export type ChangeRuling =
  /** not even as a request: the field and the reason, in Chinese */
  | { kind: 'refused'; field: AccountField | ''; message: string }
  /** a pending request, until a security officer approves it; why, in Chinese */
  | { kind: 'approval'; reasons: string[] }
  | { kind: 'immediate' };

/** Roles whose holders keep the administrator in check: their accounts change only with approval. */
export const GUARDED_ROLES: ReadonlySet<Role> = new Set<Role>(['auditor', 'security']);

function refusedOwn(change: ProposedChange, disabled: boolean): ChangeRuling | undefined {
  if (change.role !== undefined || change.section === true) {
    return { kind: 'refused', field: 'role', message: '不能修改本人的角色或所属股室' };
  }
  if (change.disabled === true) return { kind: 'refused', field: 'disabled', message: '不能停用本人的账户' };
  if (change.disabled === false && disabled) {
    return { kind: 'refused', field: 'disabled', message: '不能启用本人的账户' };
  }
  if (change.password === true) {
    return {
      kind: 'refused',
      field: 'password',
      message: '不能在用户管理中重设本人的密码，请点右上角的“修改密码”（须输入当前密码）',
    };
  }
  return undefined;
}

/**
 * How a change proposed by `actor` to `target` (null: a new account) takes effect: refused,
 * as a request awaiting approval, or at once.
 */
export function ruleOnAccountChange(
  actor: AccountHolder,
  target: AccountState | null,
  change: ProposedChange,
): ChangeRuling {
  if (!can({ role: actor.role, section: null }, 'users:manage')) {
    return { kind: 'refused', field: '', message: `${ROLES[actor.role] ?? actor.role}不能新建或修改用户` };
  }
  if (target === null) return { kind: 'approval', reasons: ['新建账户'] };
  if (target.id === actor.id) {
    const own = refusedOwn(change, target.disabled);
    if (own !== undefined) return own;
  }
  const enables = change.disabled === false && target.disabled;
  const changesAnything =
    change.displayName === true ||
    change.role !== undefined ||
    change.section === true ||
    change.disabled === true ||
    enables ||
    change.password === true;
  const reasons: string[] = [];
  if (GUARDED_ROLES.has(target.role) && changesAnything) reasons.push(`${ROLES[target.role]}的账户`);
  if (change.role !== undefined) reasons.push(`授予${ROLES[change.role]}角色`);
  else if (change.section === true) reasons.push('变更所属股室');
  if (enables) reasons.push('启用账户');
  if (change.password === true) reasons.push('重设密码');
  return reasons.length > 0 ? { kind: 'approval', reasons } : { kind: 'immediate' };
}

export type DecisionRuling =
  | { kind: 'refused'; code: 'FORBIDDEN' | 'REQUEST_OWN' | 'REQUEST_OWN_ACCOUNT'; message: string }
  | { kind: 'allowed' };

/**
 * Whether `approver` may approve or reject a request made by `requestedBy` about `target`
 * (null: an account yet to be created): a security officer, neither its proposer nor the
 * account's holder.
 */
export function ruleOnDecision(
  approver: AccountHolder,
  request: { requestedBy: string; target: AccountHolder | null },
): DecisionRuling {
  if (!can({ role: approver.role, section: null }, 'users:approve')) {
    return { kind: 'refused', code: 'FORBIDDEN', message: `${ROLES[approver.role] ?? approver.role}不能审批账户变更` };
  }
  if (request.requestedBy === approver.id) {
    return { kind: 'refused', code: 'REQUEST_OWN', message: '不能审批本人提交的申请，须由另一位安全管理员审批' };
  }
  if (request.target !== null && request.target.id === approver.id) {
    return {
      kind: 'refused',
      code: 'REQUEST_OWN_ACCOUNT',
      message: '不能审批对本人账户的变更，须由另一位安全管理员审批',
    };
  }
  return { kind: 'allowed' };
}

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AccountState, type ProposedChange, ruleOnAccountChange, ruleOnDecision } from './duties.js';
import { ROLES, type Role } from './permissions.js';

const roles = Object.keys(ROLES) as Role[];
const role = fc.constantFrom(...roles);
const id = fc.constantFrom('1', '2', '3');
const holder = fc.record({ id, role });
const account = fc.record({ id, role, disabled: fc.boolean() });
const change: fc.Arbitrary<ProposedChange> = fc.record(
  {
    displayName: fc.boolean(),
    role,
    section: fc.boolean(),
    disabled: fc.boolean(),
    password: fc.boolean(),
  },
  { requiredKeys: [] },
);

const admin = { id: '1', role: 'admin' } as const;
const clerk: AccountState = { id: '2', role: 'clerk', disabled: false };

/** Whether the change gives or restores any access: a role, a section, a password, an enabled account. */
const grants = (target: AccountState, c: ProposedChange) =>
  c.role !== undefined || c.section === true || c.password === true || (c.disabled === false && target.disabled);

describe('account changes under separation of duties (三权分立)', () => {
  it('lets only the administrator propose: every other role is refused', () => {
    fc.assert(
      fc.property(holder, fc.option(account, { nil: null }), change, (actor, target, c) => {
        fc.pre(actor.role !== 'admin');
        expect(ruleOnAccountChange(actor, target, c).kind).toBe('refused');
      }),
    );
  });

  it('never lets the administrator create, grant, reset or enable at once: each waits for approval', () => {
    fc.assert(
      fc.property(account, change, (target, c) => {
        const ruling = ruleOnAccountChange(admin, target, c);
        if (grants(target, c)) expect(ruling.kind).not.toBe('immediate');
      }),
    );
    expect(ruleOnAccountChange(admin, null, {})).toEqual({ kind: 'approval', reasons: ['新建账户'] });
  });

  it('never lets the administrator change the auditor’s or a security officer’s account alone', () => {
    fc.assert(
      fc.property(fc.constantFrom<Role>('auditor', 'security'), fc.boolean(), change, (r, disabled, c) => {
        const target = { id: '2', role: r, disabled };
        const ruling = ruleOnAccountChange(admin, target, c);
        const changes = c.displayName === true || c.role !== undefined || c.section === true || c.password === true;
        if (changes || c.disabled === true || (c.disabled === false && disabled)) {
          expect(ruling).toMatchObject({ kind: 'approval', reasons: expect.arrayContaining([`${ROLES[r]}的账户`]) });
        }
      }),
    );
  });

  it('lets nobody change their own role or section, disable or enable themselves, or reset their own password', () => {
    fc.assert(
      fc.property(change, fc.boolean(), (c, disabled) => {
        const self = { ...admin, disabled };
        const ruling = ruleOnAccountChange(admin, self, c);
        const own = c.role !== undefined || c.section === true || c.password === true || c.disabled === true;
        if (own || (c.disabled === false && disabled)) expect(ruling.kind).toBe('refused');
        else expect(ruling.kind).toBe('immediate');
      }),
    );
    expect(ruleOnAccountChange(admin, { ...admin, disabled: false }, { role: 'security' })).toMatchObject({
      kind: 'refused',
      field: 'role',
    });
  });

  it('takes at once only what removes access or changes none (a name, disabling) on ordinary accounts', () => {
    expect(ruleOnAccountChange(admin, clerk, { displayName: true })).toEqual({ kind: 'immediate' });
    expect(ruleOnAccountChange(admin, clerk, { disabled: true })).toEqual({ kind: 'immediate' });
    expect(ruleOnAccountChange(admin, { ...clerk, role: 'admin' }, { disabled: true })).toEqual({ kind: 'immediate' });
    expect(ruleOnAccountChange(admin, { ...clerk, disabled: true }, { disabled: false })).toEqual({
      kind: 'approval',
      reasons: ['启用账户'],
    });
    expect(ruleOnAccountChange(admin, clerk, { role: 'office', password: true })).toEqual({
      kind: 'approval',
      reasons: ['授予办公室汇总员角色', '重设密码'],
    });
    fc.assert(
      fc.property(account, change, (target, c) => {
        if (ruleOnAccountChange(admin, target, c).kind !== 'immediate') return;
        expect(grants(target, c)).toBe(false);
        // Anything at all done at once to a guardian's account would be the administrator acting alone.
        if (c.displayName === true || c.disabled === true) expect(['auditor', 'security']).not.toContain(target.role);
      }),
    );
  });
});

describe('approving a request', () => {
  it('is the security officer’s alone, never on their own request or their own account', () => {
    fc.assert(
      fc.property(holder, id, fc.option(holder, { nil: null }), (approver, requestedBy, target) => {
        const ruling = ruleOnDecision(approver, { requestedBy, target });
        const allowed = approver.role === 'security' && requestedBy !== approver.id && target?.id !== approver.id;
        expect(ruling.kind).toBe(allowed ? 'allowed' : 'refused');
      }),
    );
    const security = { id: '5', role: 'security' } as const;
    expect(ruleOnDecision(security, { requestedBy: '5', target: null })).toMatchObject({ code: 'REQUEST_OWN' });
    expect(ruleOnDecision(security, { requestedBy: '1', target: security })).toMatchObject({
      code: 'REQUEST_OWN_ACCOUNT',
    });
    expect(ruleOnDecision(admin, { requestedBy: '2', target: null })).toMatchObject({ code: 'FORBIDDEN' });
  });
});

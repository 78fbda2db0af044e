import { readFile } from 'node:fs/promises';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  can,
  granted,
  grantsFor,
  grantsOf,
  PERMISSIONS,
  type Permission,
  ROLES,
  type Role,
  sectionScope,
} from './permissions.js';

const clerk = { role: 'clerk', section: 'planfin' } as const;
const user = (role: Role) => ({ role, section: role === 'clerk' ? 'planfin' : null });

/**
 * The matrix as docs/api.md's "Roles" table states it: each role's permission codes, plus
 * `session`, which every signed-in user holds.
 */
async function documentedMatrix(): Promise<Record<string, Permission[]>> {
  const markdown = await readFile(new URL('../../../../docs/api.md', import.meta.url), 'utf8');
  const rows = [...markdown.matchAll(/^\|[^|]+\| `(\w+)` \|[^|]+\|((?: `[\w:]+`)+) \|$/gm)];
  return Object.fromEntries(
    rows.map(([, role = '', codes = '']) => [
      role,
      ['session', ...[...codes.matchAll(/`([\w:]+)`/g)].map((m) => m[1] as Permission)],
    ]),
  );
}

describe('the role matrix of docs/api.md', async () => {
  const table = await documentedMatrix();

  it('documents every role', () => {
    expect(Object.keys(table).sort()).toEqual(Object.keys(ROLES).sort());
  });

  for (const role of Object.keys(ROLES) as Role[]) {
    it(`${ROLES[role]} (${role}) may do exactly what the page says`, () => {
      const allowed = (Object.keys(PERMISSIONS) as Permission[]).filter((p) => can(user(role), p));
      expect(allowed).toEqual(table[role]);
      expect(grantsOf(role)).toEqual(table[role]);
      expect(allowed.length).toBeGreaterThan(1);
    });
  }

  it('keeps duties apart: the administrator edits no data and reads no audit; the auditor reads nothing else', () => {
    expect(can(user('admin'), 'data:read')).toBe(false);
    expect(can(user('admin'), 'values:write')).toBe(false);
    expect(can(user('admin'), 'audit:read')).toBe(false);
    expect(can(user('admin'), 'users:approve')).toBe(false);
    expect(can(user('auditor'), 'data:read')).toBe(false);
    expect(can(user('auditor'), 'users:manage')).toBe(false);
    expect(can(user('auditor'), 'users:read')).toBe(false);
  });

  it('gives the security officer approvals and account reads, but no data, no audit and no account edits', () => {
    expect(can(user('security'), 'users:approve')).toBe(true);
    expect(can(user('security'), 'users:read')).toBe(true);
    for (const p of ['data:read', 'audit:read', 'users:manage', 'values:write', 'ledgers:write'] as const) {
      expect(can(user('security'), p)).toBe(false);
    }
  });

  it('gives nobody both proposing and approving account changes, nor either with the audit trail', () => {
    for (const role of Object.keys(ROLES) as Role[]) {
      const grants = grantsOf(role);
      expect(grants.includes('users:manage') && grants.includes('users:approve'), role).toBe(false);
      if (grants.includes('audit:read'))
        expect(
          grants.filter((p) => p.startsWith('users:')),
          role,
        ).toEqual([]);
    }
  });

  it('leaves the leader read-only but for approving reports', () => {
    for (const p of [
      'values:write',
      'ledgers:write',
      'targets:write',
      'templates:write',
      'narratives:write',
    ] as const) {
      expect(can(user('leader'), p)).toBe(false);
    }
    expect(can(user('leader'), 'reports:approve')).toBe(true);
  });
});

describe('section confinement', () => {
  it('lets a clerk write their own section only', () => {
    expect(can(clerk, 'values:write', { section: 'planfin' })).toBe(true);
    expect(can(clerk, 'values:write', { section: 'housing' })).toBe(false);
    expect(can(clerk, 'ledgers:write', { section: 'housing' })).toBe(false);
    expect(sectionScope(clerk, 'ledgers:write')).toBe('planfin');
  });

  it('lets a clerk read every section', () => {
    expect(can(clerk, 'data:read', { section: 'housing' })).toBe(true);
    expect(sectionScope(clerk, 'data:read')).toBeNull();
  });

  it('leaves targets to the office: a clerk enters figures but never moves the goal they are measured by', () => {
    expect(can(user('office'), 'targets:write')).toBe(true);
    expect(can(clerk, 'targets:write')).toBe(false);
    expect(can(clerk, 'targets:write', { section: 'planfin' })).toBe(false);
    expect(can(user('admin'), 'targets:write')).toBe(false);
    expect(can(user('auditor'), 'targets:write')).toBe(false);
    // Targets are the whole organisation's: the office is confined to no section.
    expect(sectionScope(user('office'), 'targets:write')).toBeNull();
  });

  it('lets the office write any section', () => {
    expect(can(user('office'), 'ledgers:write', { section: 'housing' })).toBe(true);
    expect(sectionScope(user('office'), 'values:write')).toBeNull();
  });

  it('confines a clerk without a section to nothing', () => {
    const lost = { role: 'clerk', section: null } as const;
    expect(can(lost, 'values:write', { section: 'planfin' })).toBe(false);
    expect(can(lost, 'values:write', { section: '' })).toBe(false);
  });

  it('refuses a role it does not know', () => {
    expect(can({ role: 'root' as Role, section: null }, 'data:read')).toBe(false);
  });
});

describe('the grants sent with the signed-in user', () => {
  const roles = [...(Object.keys(ROLES) as Role[]), 'root' as Role];
  const sections = fc.constantFrom<string | null>(null, '', 'planfin', 'housing');

  it('answer every question exactly as `can` does, for any role, section, permission and resource', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...roles),
        sections,
        fc.constantFrom(...(Object.keys(PERMISSIONS) as Permission[])),
        fc.option(fc.constantFrom('', 'planfin', 'housing'), { nil: undefined }),
        (role, section, permission, resourceSection) => {
          const subject = { role, section };
          const resource = { section: resourceSection };
          expect(granted(grantsFor(subject), permission, resource)).toBe(can(subject, permission, resource));
        },
      ),
    );
  });

  it('name the section a clerk’s writes are confined to, and no section for what reaches every one', () => {
    expect(grantsFor(clerk)).toEqual([
      { permission: 'session', section: null },
      { permission: 'data:read', section: null },
      { permission: 'values:write', section: 'planfin' },
      { permission: 'ledgers:write', section: 'planfin' },
    ]);
    expect(grantsFor(user('auditor'))).toEqual([
      { permission: 'session', section: null },
      { permission: 'audit:read', section: null },
    ]);
  });
});

import type { User } from '@taizhang/contract';
import { grantsFor } from '@taizhang/core/browser';
import { describe, expect, it } from 'vitest';
import { homePath, mayOpen, mayWrite, pagesFor, writeScope } from './roles.js';

const user = (role: User['role'], section: string | null = null): User => ({
  id: '1',
  username: 'u',
  displayName: '用户',
  role,
  org: { code: 'o', name: '单位' },
  section: section ? { code: section, name: section } : null,
  // What the server sends with the user (services' sessionUser).
  grants: grantsFor({ role, section }),
});

describe('roles', () => {
  it('lists the menu of each role as docs/api.md allows', () => {
    expect(pagesFor(user('clerk', 'planfin')).map((p) => p.label)).toEqual([
      '我的待办',
      '指标填报',
      '台账',
      '领导驾驶舱',
    ]);
    expect(pagesFor(user('leader')).map((p) => p.label)).toEqual(['领导驾驶舱', '台账', '工作总结']);
    expect(pagesFor(user('admin')).map((p) => p.label)).toEqual(['用户管理', '台账设置']);
    expect(pagesFor(user('auditor')).map((p) => p.label)).toEqual(['审计日志']);
    expect(pagesFor(user('security')).map((p) => p.label)).toEqual(['账户审批']);
    expect(mayOpen(user('admin'), 'approvals')).toBe(false);
    expect(mayOpen(user('security'), 'users')).toBe(false);
    expect(pagesFor(user('office')).map((p) => p.label)).toEqual([
      '我的待办',
      '指标填报',
      '目标任务',
      '台账',
      '台账设置',
      '领导驾驶舱',
      '工作总结',
    ]);
    expect(mayOpen(user('office'), 'targets')).toBe(true);
    expect(mayOpen(user('clerk'), 'targets')).toBe(false);
    expect(mayOpen(user('leader'), 'targets')).toBe(false);
    expect(mayOpen(user('office'), 'reports')).toBe(true);
    expect(mayOpen(user('office'), 'audit')).toBe(false);
  });

  it('opens 台账设置 to those who define ledger types: the office and the administrator', () => {
    expect(mayOpen(user('office'), 'ledgerSettings')).toBe(true);
    expect(mayOpen(user('admin'), 'ledgerSettings')).toBe(true);
    for (const role of ['leader', 'auditor', 'security'] as const)
      expect(mayOpen(user(role), 'ledgerSettings')).toBe(false);
    expect(mayOpen(user('clerk', 'planfin'), 'ledgerSettings')).toBe(false);
  });

  it('lands each role on its first page', () => {
    expect(homePath(user('leader'))).toBe('/dashboard');
    expect(homePath(user('clerk'))).toBe('/todo');
    expect(homePath(user('auditor'))).toBe('/audit');
    expect(homePath(user('security'))).toBe('/approvals');
    // The administrator keeps 台账设置 too, and still starts at the user list.
    expect(homePath(user('admin'))).toBe('/users');
    expect(homePath(user('office'))).toBe('/todo');
  });

  it('lets a clerk write only their own section, the office every section, others none', () => {
    for (const permission of ['values:write', 'ledgers:write'] as const) {
      expect(mayWrite(user('clerk', 'planfin'), permission, 'planfin')).toBe(true);
      expect(mayWrite(user('clerk', 'planfin'), permission, 'housing')).toBe(false);
      expect(mayWrite(user('clerk', 'planfin'), permission)).toBe(true);
      expect(mayWrite(user('office'), permission, 'housing')).toBe(true);
      expect(mayWrite(user('leader'), permission, 'housing')).toBe(false);
      expect(mayWrite(user('leader'), permission)).toBe(false);
      for (const role of ['admin', 'auditor', 'security'] as const)
        expect(mayWrite(user(role), permission)).toBe(false);
    }
  });

  it('follows the grants the server sent, not the role: the page holds no matrix of its own', () => {
    const leader = user('leader');
    const entrusted = {
      ...leader,
      grants: [...leader.grants, { permission: 'targets:write' as const, section: null }],
    };
    expect(mayOpen(leader, 'targets')).toBe(false);
    expect(mayOpen(entrusted, 'targets')).toBe(true);
    expect(pagesFor({ ...leader, grants: [] })).toEqual([]);
    expect(homePath({ ...leader, grants: [] })).toBe('/login');
    const scoped = { ...user('office'), grants: [{ permission: 'ledgers:write' as const, section: 'housing' }] };
    expect(mayWrite(scoped, 'ledgers:write', 'housing')).toBe(true);
    expect(mayWrite(scoped, 'ledgers:write', 'planfin')).toBe(false);
  });

  it('names the section a write is confined to, from the grant', () => {
    expect(writeScope(user('clerk', 'planfin'), 'ledgers:write')).toBe('planfin');
    expect(writeScope(user('clerk'), 'ledgers:write')).toBe('');
    expect(writeScope(user('office'), 'values:write')).toBeNull();
    expect(writeScope(user('leader'), 'values:write')).toBeUndefined();
  });
});

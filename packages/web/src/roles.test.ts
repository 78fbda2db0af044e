import type { User } from '@taizhang/contract';
import { describe, expect, it } from 'vitest';
import { homePath, mayOpen, mayWrite, pagesFor } from './roles.js';

const user = (role: User['role'], section: string | null = null): User => ({
  id: '1',
  username: 'u',
  displayName: '用户',
  role,
  org: { code: 'o', name: '单位' },
  section: section ? { code: section, name: section } : null,
});

describe('roles', () => {
  it('lists the menu of each role as docs/api.md allows', () => {
    expect(pagesFor('clerk').map((p) => p.label)).toEqual(['我的待办', '指标填报', '台账', '领导驾驶舱']);
    expect(pagesFor('leader').map((p) => p.label)).toEqual(['领导驾驶舱', '台账', '工作总结']);
    expect(pagesFor('admin').map((p) => p.label)).toEqual(['用户管理']);
    expect(pagesFor('auditor').map((p) => p.label)).toEqual(['审计日志']);
    expect(pagesFor('security').map((p) => p.label)).toEqual(['账户审批']);
    expect(mayOpen('admin', 'approvals')).toBe(false);
    expect(mayOpen('security', 'users')).toBe(false);
    expect(pagesFor('office').map((p) => p.label)).toEqual([
      '我的待办',
      '指标填报',
      '目标任务',
      '台账',
      '领导驾驶舱',
      '工作总结',
    ]);
    expect(mayOpen('office', 'targets')).toBe(true);
    expect(mayOpen('clerk', 'targets')).toBe(false);
    expect(mayOpen('leader', 'targets')).toBe(false);
    expect(mayOpen('office', 'reports')).toBe(true);
    expect(mayOpen('office', 'audit')).toBe(false);
  });

  it('lands each role on its first page', () => {
    expect(homePath('leader')).toBe('/dashboard');
    expect(homePath('clerk')).toBe('/todo');
    expect(homePath('auditor')).toBe('/audit');
    expect(homePath('security')).toBe('/approvals');
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
});

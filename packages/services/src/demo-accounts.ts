import type { Role } from '@taizhang/core';
import { insertUser, type Queryable } from '@taizhang/db';
import { hashPassword } from './accounts/passwords.js';

/**
 * The demo district's accounts: one clerk for each section that keeps figures, and one of
 * every other role. Their password is printed by `npm start` and `taizhang serve --demo`:
 * it is demo-only, and the only secret in the repository.
 */
export const DEMO_PASSWORD = 'Taizhang@2021';

export interface DemoAccount {
  username: string;
  displayName: string;
  role: Role;
  section?: string | undefined;
}

/** The clerks' names are those the demo dataset records as having entered each section's figures. */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { username: 'office', displayName: '办公室 张明', role: 'office' },
  { username: 'leader', displayName: '局领导 王志远', role: 'leader' },
  { username: 'admin', displayName: '系统管理员 刘洋', role: 'admin' },
  { username: 'auditor', displayName: '安全审计员 郑芳', role: 'auditor' },
  { username: 'security', displayName: '安全管理员 韩雪', role: 'security' },
  { username: 'planfin', displayName: '李晓梅', role: 'clerk', section: 'planfin' },
  { username: 'realestate', displayName: '陈志强', role: 'clerk', section: 'realestate' },
  { username: 'construction', displayName: '刘海燕', role: 'clerk', section: 'construction' },
  { username: 'housing', displayName: '孙丽华', role: 'clerk', section: 'housing' },
  { username: 'urbanbuild', displayName: '王建国', role: 'clerk', section: 'urbanbuild' },
  { username: 'villages', displayName: '吴德明', role: 'clerk', section: 'villages' },
  { username: 'quality', displayName: '赵文博', role: 'clerk', section: 'quality' },
  { username: 'sanitation', displayName: '周国庆', role: 'clerk', section: 'sanitation' },
];

/** Hashes for the demo accounts, made outside the transaction that stores them (scrypt takes a while). */
export async function demoAccountHashes(): Promise<string[]> {
  return Promise.all(DEMO_ACCOUNTS.map(() => hashPassword(DEMO_PASSWORD)));
}

/** Adds the demo accounts to an organisation, with hashes from demoAccountHashes. */
export async function seedDemoAccounts(q: Queryable, orgId: string, hashes: readonly string[]): Promise<void> {
  for (const [i, account] of DEMO_ACCOUNTS.entries()) {
    await insertUser(q, orgId, {
      username: account.username,
      displayName: account.displayName,
      role: account.role,
      section: account.section ?? null,
      passwordHash: hashes[i] as string,
    });
  }
}

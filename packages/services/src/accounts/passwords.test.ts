import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../demo-accounts.js';
import { hashPassword, passwordProblems, verifyPassword } from './passwords.js';

describe('passwords', () => {
  it('are stored as scrypt$N$r$p$salt$hash, salted, and verified only by the right password', async () => {
    const [a, b] = await Promise.all([hashPassword('Correct-Horse1'), hashPassword('Correct-Horse1')]);
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]{44}$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('Correct-Horse1', a)).toBe(true);
    expect(await verifyPassword('correct-horse1', a)).toBe(false);
  });

  it('refuse a hash that is not one of ours, or whose cost would exhaust the server', async () => {
    expect(await verifyPassword('x', 'plain')).toBe(false);
    expect(await verifyPassword('x', `scrypt$${2 ** 30}$8$1$AAAA$AAAA`)).toBe(false);
    expect(await verifyPassword('x', 'scrypt$1000$8$1$AAAA$AAAA')).toBe(false);
  });

  it('must be 10 characters or more, of three kinds among upper, lower, digit and symbol, and not the user name', () => {
    expect(passwordProblems('Short1!', 'li')).toEqual(['密码太短：至少 10 位，现为 7 位']);
    expect(passwordProblems('alllowercase', 'li')).toEqual(['密码至少要包含大写字母、小写字母、数字、符号中的三类']);
    expect(passwordProblems('lowerUPPER99', 'li')).toEqual([]);
    expect(passwordProblems('Office@2021', 'office@2021')).toEqual(['密码不能与用户名相同']);
    expect(passwordProblems(DEMO_PASSWORD, 'planfin')).toEqual([]);
  });
});

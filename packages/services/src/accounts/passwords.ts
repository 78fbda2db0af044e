import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * Passwords (密码): hashed with scrypt, memory-hard so that a stolen table is slow to
 * guess at, stored as `scrypt$N$r$p$salt$hash` (base64) so that the cost can be raised
 * later without invalidating stored hashes.
 */

const COST = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_BYTES = 32;
const SALT_BYTES = 16;
/** scrypt needs 128 · N · r bytes; Node refuses above 32 MiB unless told, so allow twice what the cost needs. */
const maxmem = (N: number, r: number) => 256 * N * r;

function derive(password: string, salt: Buffer, N: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, KEY_BYTES, { N, r, p, maxmem: maxmem(N, r) }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, COST.N, COST.r, COST.p);
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64'), key.toString('base64')].join('$');
}

/** The parts of a stored hash, or undefined when it is not one this code wrote (or its cost is absurd). */
function parseHash(stored: string) {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  const N = Number(n);
  const R = Number(r);
  const P = Number(p);
  if (scheme !== 'scrypt' || salt === undefined || key === undefined) return undefined;
  // Bounds keep a tampered row from making one sign-in cost gigabytes or minutes.
  if (!Number.isInteger(Math.log2(N)) || N < 2 ** 10 || N > 2 ** 20 || !(R >= 1 && R <= 32) || !(P >= 1 && P <= 4)) {
    return undefined;
  }
  return { N, r: R, p: P, salt: Buffer.from(salt, 'base64'), key: Buffer.from(key, 'base64') };
}

/** Whether `password` is the one `stored` was made from; compared in constant time. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (parsed === undefined || parsed.key.length !== KEY_BYTES) return false;
  const key = await derive(password, parsed.salt, parsed.N, parsed.r, parsed.p);
  return timingSafeEqual(key, parsed.key);
}

/**
 * A hash of nothing anyone knows: checked against when the user does not exist, so that
 * an unknown name costs as long as a wrong password and the timing does not tell them apart.
 */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(randomBytes(18).toString('base64'));
  return decoy;
}

/** The password policy (密码策略), each rule with its reason in Chinese. */
export const PASSWORD_POLICY = {
  minLength: 10,
  maxLength: 128,
  /** of: upper-case letters, lower-case letters, digits, other symbols */
  minClasses: 3,
} as const;

export const PASSWORD_POLICY_TEXT =
  '密码至少 10 位，且至少包含大写字母、小写字母、数字、符号中的三类，不能与用户名相同';

/** What is wrong with a new password (empty when it meets the policy). */
export function passwordProblems(password: string, username: string): string[] {
  const problems: string[] = [];
  const length = [...password].length;
  if (length < PASSWORD_POLICY.minLength)
    problems.push(`密码太短：至少 ${PASSWORD_POLICY.minLength} 位，现为 ${length} 位`);
  if (length > PASSWORD_POLICY.maxLength) problems.push(`密码太长：最多 ${PASSWORD_POLICY.maxLength} 位`);
  const classes = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((pattern) => pattern.test(password)).length;
  if (classes < PASSWORD_POLICY.minClasses) {
    problems.push('密码至少要包含大写字母、小写字母、数字、符号中的三类');
  }
  if (password.toLowerCase() === username.toLowerCase()) problems.push('密码不能与用户名相同');
  return problems;
}

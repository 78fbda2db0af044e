import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../database.js';
import { seedDistrict, testEngines } from '../testing.js';
import { deleteSession, findSessionUser, insertSession } from './sessions.js';
import { findUserByName, insertUser, recordFailedLogin, setPasswordHash, updateUser } from './users.js';

const HASH = `scrypt$32768$8$1$${'a'.repeat(22)}$${'b'.repeat(43)}`;
const TOKEN = 'c'.repeat(64);

describe.each(testEngines())('accounts, sessions and the audit trail on $name', (engine) => {
  let db: Database;
  let orgId: string;
  beforeAll(async () => {
    db = await engine.open();
    orgId = await db.transaction('test', (tx) =>
      seedDistrict(tx, { code: 'acc', name: '账户区住建局' }, [{ code: 'plan', name: '计划股' }]),
    );
  });
  afterAll(async () => {
    await db?.close();
  });

  const trail = (table: string) =>
    db.query<{ actor: string; address: string | null; user_id: string | null; row: string }>(
      `select actor, address, user_id::text as user_id, coalesce(after, before)::text as row
       from audit_log where org_id = $1 and table_name = $2 order by id`,
      [orgId, table],
    );

  it('audits users with actor, address and user id, and never a password hash', async () => {
    const user = await db.transaction({ name: 'admin', address: '192.0.2.7', userId: '1' }, (tx) =>
      insertUser(tx, orgId, {
        username: 'Zhang',
        displayName: '张三',
        role: 'clerk',
        section: 'plan',
        passwordHash: HASH,
      }),
    );
    expect(user).toMatchObject({ username: 'Zhang', role: 'clerk', section: { code: 'plan', name: '计划股' } });
    await db.transaction({ name: 'Zhang', address: '192.0.2.8' }, (tx) =>
      setPasswordHash(tx, orgId, user?.id ?? '', HASH.replace('b', 'd')),
    );
    const users = await trail('users');
    expect(users.map((r) => [r.actor, r.address, r.user_id])).toEqual([
      ['admin', '192.0.2.7', '1'],
      ['Zhang', '192.0.2.8', null],
    ]);
    const everything = await db.query<{ row: string }>('select t::text as row from audit_log t');
    expect(everything.some((r) => r.row.includes('scrypt$'))).toBe(false);
    expect(await trail('user_credentials')).toEqual([]);
  });

  it('refuses a second user of the same name in any letter case', async () => {
    const again = await db.transaction('admin', (tx) =>
      insertUser(tx, orgId, {
        username: 'zhang',
        displayName: '另一个',
        role: 'office',
        section: null,
        passwordHash: HASH,
      }),
    );
    expect(again).toBeUndefined();
  });

  it('changes a profile only at its version, and reports a stale one with the row as it is', async () => {
    const user = await findUserByName(db, orgId, 'ZHANG');
    if (!user) throw new Error('no user');
    const changed = await db.transaction('admin', (tx) =>
      updateUser(tx, orgId, user.id, user.version, { displayName: '张三丰' }),
    );
    expect(changed).toMatchObject({ outcome: 'written', row: { displayName: '张三丰', version: user.version + 1 } });
    const stale = await db.transaction('admin', (tx) =>
      updateUser(tx, orgId, user.id, user.version, { disabled: true }),
    );
    expect(stale).toMatchObject({ outcome: 'stale', row: { disabled: false } });
    const same = await db.transaction('admin', (tx) =>
      updateUser(tx, orgId, user.id, user.version + 1, { displayName: '张三丰' }),
    );
    expect(same).toMatchObject({ outcome: 'unchanged' });
  });

  it('locks after the last allowed failure, without raising the version', async () => {
    const user = await findUserByName(db, orgId, 'zhang');
    if (!user) throw new Error('no user');
    for (let i = 1; i < 3; i++) {
      const result = await db.transaction('signin:zhang', (tx) =>
        recordFailedLogin(tx, orgId, user.id, 3, '2030-01-01T00:15:00Z'),
      );
      expect(result).toEqual({ failedAttempts: i, lockedUntil: null });
    }
    const locked = await db.transaction('signin:zhang', (tx) =>
      recordFailedLogin(tx, orgId, user.id, 3, '2030-01-01T00:15:00Z'),
    );
    expect(locked).toEqual({ failedAttempts: 0, lockedUntil: '2030-01-01T00:15:00.000Z' });
    expect((await findUserByName(db, orgId, 'zhang'))?.version).toBe(user.version);
  });

  it('keeps sessions off the trail, ends them when idle or expired, and marks them seen sparingly', async () => {
    const user = await findUserByName(db, orgId, 'zhang');
    if (!user) throw new Error('no user');
    const before = (await db.query<{ n: number }>('select count(*)::int as n from audit_log'))[0]?.n;
    await db.transaction('zhang', (tx) =>
      insertSession(tx, orgId, {
        tokenHash: TOKEN,
        userId: user.id,
        createdAt: '2030-01-01T08:00:00Z',
        expiresAt: '2030-01-01T20:00:00Z',
        address: '192.0.2.8',
        userAgent: 'test',
      }),
    );
    const lookup = (now: string) => findSessionUser(db, orgId, TOKEN, { now, idleSeconds: 1800, touchSeconds: 60 });
    expect((await lookup('2030-01-01T08:29:00Z'))?.user.username).toBe('Zhang');
    // within a minute of the last mark: nothing written
    expect((await lookup('2030-01-01T08:29:50Z'))?.user.username).toBe('Zhang');
    const seen = await db.query<{ at: string }>(
      `select to_char(last_seen_at at time zone 'UTC', 'HH24:MI:SS') as at from sessions where token_hash = $1`,
      [TOKEN],
    );
    expect(seen[0]?.at).toBe('08:29:00');
    // idle for more than 30 minutes since: ended
    expect(await lookup('2030-01-01T09:00:10Z')).toBeUndefined();
    expect(await lookup('2030-01-01T20:00:00Z')).toBeUndefined();
    await db.transaction('zhang', (tx) => deleteSession(tx, orgId, TOKEN));
    const after = (await db.query<{ n: number }>('select count(*)::int as n from audit_log'))[0]?.n;
    expect(after).toBe(before);
  });

  it('refuses to update, delete or truncate the trail, address and user id included', async () => {
    await expect(db.query(`update audit_log set address = 'forged'`)).rejects.toThrow(/append-only/);
    await expect(db.query(`update audit_log set user_id = 0`)).rejects.toThrow(/append-only/);
    await expect(db.query('delete from audit_log')).rejects.toThrow(/append-only/);
    await expect(db.query('truncate audit_log')).rejects.toThrow(/append-only/);
  });
});

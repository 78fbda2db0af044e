import type { Role } from '@taizhang/core';
import { testEngines } from '@taizhang/db/testing';
import { DEMO_PASSWORD } from '@taizhang/services';
import { describe, expect, it } from 'vitest';
import {
  ADDRESS,
  type Browser,
  demoServer,
  proposeAccount,
  SAME_NAME_OTHER_CASE,
  signIn,
} from '../../server.test-helpers.js';

/**
 * Separation of duties (三权分立, docs/api.md "Accounts and approvals"): the administrator
 * proposes, the security officer approves, the auditor reads the trail of both — walked
 * route by route, role by role, over real HTTP on a real database.
 */

/** A demo account of each role. */
const ACCOUNT_OF: Readonly<Record<Role, string>> = {
  clerk: 'planfin',
  office: 'office',
  leader: 'leader',
  admin: 'admin',
  auditor: 'auditor',
  security: 'security',
};
const ROLES = Object.keys(ACCOUNT_OF) as Role[];

/** Clerks whose passwords the walk asks to reset, in turn, so each request names an account with none pending. */
const TARGETS = ['realestate', 'construction', 'urbanbuild', 'villages', 'quality', 'sanitation'];

interface Account {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  disabled: boolean;
  version: number;
  lockedUntil: string | null;
}

interface Request_ {
  id: string;
  status: string;
  username: string;
  requestedBy: string;
  decidedBy: string | null;
  summary: string[];
  reasons: string[];
}

describe.each(testEngines())('separation of duties on $name', (engine) => {
  const server = demoServer(engine);
  const browsers = new Map<string, Browser>();
  const as = async (username: string) => {
    let browser = browsers.get(username);
    if (browser === undefined || (await browser.get('/api/session')).statusCode !== 200) {
      browser = await signIn(server.app, username);
      browsers.set(username, browser);
    }
    return browser;
  };
  const account = async (username: string): Promise<Account> => {
    const list = (await (await as('admin')).get('/api/users')).json() as Account[];
    const found = list.find((u) => u.username === username);
    if (found === undefined) throw new Error(`no account ${username}`);
    return found;
  };
  const request = async (id: string): Promise<Request_> => {
    const page = (await (await as('admin')).get('/api/users/requests?limit=500')).json() as { rows: Request_[] };
    const found = page.rows.find((r) => r.id === id);
    if (found === undefined) throw new Error(`no request ${id}`);
    return found;
  };
  let turn = 0;
  /** The administrator asks to reset a clerk's password: a pending request's id. */
  const fileRequest = async (by = 'admin'): Promise<string> => {
    const target = await account(TARGETS[turn++ % TARGETS.length] as string);
    const filed = await (await as(by)).send('PATCH', `/api/users/${target.id}`, {
      password: `Reset@${turn}pass`,
      version: target.version,
    });
    expect(filed.statusCode, filed.body).toBe(202);
    return filed.json().id;
  };
  const withdrawIfPending = async (id: string) => {
    const r = await request(id);
    if (r.status === 'pending') await (await as(r.requestedBy)).send('POST', `/api/users/requests/${id}/withdraw`);
  };

  interface Case {
    allowed: readonly Role[];
    /** the status of the allowed call */
    ok: number;
    /** the call for `role`: its URL and body, and what must stand unchanged when it is refused */
    make(role: Role): Promise<{ url: string; body?: unknown; unchanged?: () => Promise<void> }>;
  }

  const CASES: Record<string, Case> = {
    'GET /api/users': { allowed: ['admin', 'security'], ok: 200, make: async () => ({ url: '/api/users' }) },
    'POST /api/users': {
      allowed: ['admin'],
      ok: 202,
      make: async (role) => ({
        url: '/api/users',
        body: { username: `walk-${role}`, displayName: '新用户', role: 'office', password: 'Walk@user2021' },
        unchanged: async () => {
          const pending = (await (await as('admin')).get('/api/users/requests?status=pending')).json();
          expect(pending.rows.map((r: Request_) => r.username)).not.toContain(`walk-${role}`);
        },
      }),
    },
    'PATCH /api/users/:id': {
      allowed: ['admin'],
      ok: 200,
      make: async (role) => {
        const housing = await account('housing');
        return {
          url: `/api/users/${housing.id}`,
          body: { displayName: `孙丽华（${role}）`, version: housing.version },
          unchanged: async () => expect((await account('housing')).displayName).toBe(housing.displayName),
        };
      },
    },
    'POST /api/users/:id/unlock': {
      allowed: ['security'],
      ok: 200,
      make: async () => ({ url: `/api/users/${(await account('housing')).id}/unlock` }),
    },
    'GET /api/users/requests': {
      allowed: ['admin', 'security'],
      ok: 200,
      make: async () => ({ url: '/api/users/requests' }),
    },
    'POST /api/users/requests/:id/approve': {
      allowed: ['security'],
      ok: 200,
      make: async () => {
        const id = await fileRequest();
        return {
          url: `/api/users/requests/${id}/approve`,
          body: {},
          unchanged: async () => expect((await request(id)).status).toBe('pending'),
        };
      },
    },
    'POST /api/users/requests/:id/reject': {
      allowed: ['security'],
      ok: 200,
      make: async () => {
        const id = await fileRequest();
        return {
          url: `/api/users/requests/${id}/reject`,
          body: { note: '未见书面申请' },
          unchanged: async () => expect((await request(id)).status).toBe('pending'),
        };
      },
    },
    'POST /api/users/requests/:id/withdraw': {
      allowed: ['admin'],
      ok: 200,
      make: async () => {
        const id = await fileRequest();
        return {
          url: `/api/users/requests/${id}/withdraw`,
          unchanged: async () => expect((await request(id)).status).toBe('pending'),
        };
      },
    },
    'GET /api/users/signin-failures': {
      allowed: ['security'],
      ok: 200,
      make: async () => ({ url: '/api/users/signin-failures' }),
    },
  };

  it('walks every account route as every role: allowed or 403 exactly as the rules say', async () => {
    const accountRoutes = server.app.apiRoutes
      .filter((r) => r.url === '/api/users' || r.url.startsWith('/api/users/'))
      .map((r) => `${r.method} ${r.url}`);
    expect(accountRoutes.sort()).toEqual(Object.keys(CASES).sort());
    const outcomes: string[] = [];
    for (const [key, c] of Object.entries(CASES)) {
      const method = key.split(' ')[0] as 'GET' | 'POST' | 'PATCH';
      for (const role of ROLES) {
        const browser = await as(ACCOUNT_OF[role]);
        const call = await c.make(role);
        const response =
          method === 'GET' ? await browser.get(call.url) : await browser.send(method, call.url, call.body);
        if (c.allowed.includes(role)) {
          expect(response.statusCode, `${key} as ${role}: ${response.body}`).toBe(c.ok);
        } else {
          expect(response.statusCode, `${key} as ${role}`).toBe(403);
          expect(response.json().error).toMatchObject({ code: 'FORBIDDEN' });
          await call.unchanged?.();
        }
        outcomes.push(`${key} ${role} ${response.statusCode}`);
        const id = /requests\/(\d+)/.exec(call.url)?.[1];
        if (id !== undefined) await withdrawIfPending(id);
      }
    }
    expect(outcomes).toHaveLength(Object.keys(CASES).length * ROLES.length);
  }, 240_000);

  it('lets the administrator create an account only through the security officer’s approval', async () => {
    const admin = await as('admin');
    const filed = await proposeAccount(admin);
    expect(filed.statusCode).toBe(202);
    expect(filed.json()).toMatchObject({
      kind: 'create',
      status: 'pending',
      username: 'zhaoliu',
      requestedBy: 'admin',
      reasons: ['新建账户'],
      summary: ['姓名：赵六', '角色：股室填报员', '所属股室：村镇建设股（villages）', '设置初始密码'],
    });
    expect(JSON.stringify(filed.json())).not.toContain('Zhaoliu@2021');
    // Not yet an account: it cannot sign in, and the administrator cannot approve it.
    expect((await admin.get('/api/users')).json().map((u: Account) => u.username)).not.toContain('zhaoliu');
    const early = await server.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username: 'zhaoliu', password: 'Zhaoliu@2021' },
    });
    expect(early.statusCode).toBe(401);
    expect((await admin.send('POST', `/api/users/requests/${filed.json().id}/approve`, {})).statusCode).toBe(403);
    const again = await proposeAccount(admin, SAME_NAME_OTHER_CASE);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('REQUEST_PENDING');

    const security = await as('security');
    const approved = await security.send('POST', `/api/users/requests/${filed.json().id}/approve`, {
      note: '已核对人事通知',
    });
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({
      request: { status: 'approved', decidedBy: 'security', decisionNote: '已核对人事通知' },
      account: { username: 'zhaoliu', role: 'clerk', section: { code: 'villages' } },
    });
    await signIn(server.app, 'zhaoliu', 'Zhaoliu@2021');
    const twice = await security.send('POST', `/api/users/requests/${filed.json().id}/reject`, {});
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('REQUEST_DECIDED');

    // On the trail: the request by the administrator, the approval and the new account by the security officer.
    const auditor = await as('auditor');
    const requests = (await auditor.get('/api/audit?table=account_requests&limit=500')).json().rows;
    const ofThis = requests.filter((r: { after: { id: number } }) => String(r.after.id) === filed.json().id);
    expect(ofThis.map((r: { actor: string; action: string }) => `${r.action} ${r.actor}`).reverse()).toEqual([
      'insert admin',
      'update security',
    ]);
    expect(ofThis[0]).toMatchObject({ address: ADDRESS, after: { status: 'approved', decided_by_name: 'security' } });
    const users = (await auditor.get('/api/audit?table=users&actor=security')).json().rows;
    expect(users.some((r: { action: string; after: { username: string } }) => r.after.username === 'zhaoliu')).toBe(
      true,
    );
    expect(JSON.stringify(requests)).not.toContain('scrypt$');
  });

  it('lets the administrator disable an account at once, but not enable it again alone', async () => {
    const admin = await as('admin');
    const target = await account('zhaoliu');
    const disabled = await admin.send('PATCH', `/api/users/${target.id}`, { disabled: true, version: target.version });
    expect(disabled.statusCode).toBe(200);
    expect(disabled.json().disabled).toBe(true);
    const enable = await admin.send('PATCH', `/api/users/${target.id}`, {
      disabled: false,
      version: disabled.json().version,
    });
    expect(enable.statusCode).toBe(202);
    expect(enable.json()).toMatchObject({ reasons: ['启用账户'], summary: ['启用账户'] });
    expect((await account('zhaoliu')).disabled).toBe(true);
    const refused = await server.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username: 'zhaoliu', password: 'Zhaoliu@2021' },
    });
    expect(refused.statusCode).toBe(401);
    expect(
      (await (await as('security')).send('POST', `/api/users/requests/${enable.json().id}/approve`)).statusCode,
    ).toBe(200);
    expect((await account('zhaoliu')).disabled).toBe(false);
    await signIn(server.app, 'zhaoliu', 'Zhaoliu@2021');
  });

  it('resets a password and grants a role only on approval; a rejection leaves the account as it was', async () => {
    const admin = await as('admin');
    const target = await account('zhaoliu');
    const reset = await admin.send('PATCH', `/api/users/${target.id}`, {
      password: 'Another@pass2022',
      role: 'office',
      version: target.version,
    });
    expect(reset.statusCode).toBe(202);
    expect(reset.json().reasons).toEqual(['授予办公室汇总员角色', '重设密码']);
    expect(reset.json().summary).toEqual([
      '角色：股室填报员 → 办公室汇总员',
      '所属股室：村镇建设股（villages） → 无',
      '重设密码',
    ]);
    // Still the old password and role until a security officer decides.
    const still = await signIn(server.app, 'zhaoliu', 'Zhaoliu@2021');
    expect((await still.get('/api/session')).json().user.role).toBe('clerk');
    const rejected = await (await as('security')).send('POST', `/api/users/requests/${reset.json().id}/reject`, {
      note: '未见书面申请',
    });
    expect(rejected.json()).toMatchObject({ status: 'rejected', decisionNote: '未见书面申请' });
    expect((await account('zhaoliu')).role).toBe('clerk');

    const again = await admin.send('PATCH', `/api/users/${target.id}`, {
      password: 'Another@pass2022',
      role: 'office',
      version: (await account('zhaoliu')).version,
    });
    await (await as('security')).send('POST', `/api/users/requests/${again.json().id}/approve`);
    expect((await account('zhaoliu')).role).toBe('office');
    // The old password's sessions ended with the reset.
    expect((await still.get('/api/session')).statusCode).toBe(401);
    await signIn(server.app, 'zhaoliu', 'Another@pass2022');
  });

  it('never lets the administrator change the auditor’s or the security officer’s account alone', async () => {
    const admin = await as('admin');
    for (const username of ['auditor', 'security']) {
      const before = await account(username);
      for (const change of [
        { displayName: '改名' },
        { disabled: true },
        { password: 'Taken@over2022' },
        { role: 'office' },
      ]) {
        const response = await admin.send('PATCH', `/api/users/${before.id}`, {
          ...change,
          version: before.version,
        });
        expect(response.statusCode, `${username} ${JSON.stringify(change)}`).toBe(202);
        expect(response.json().reasons[0]).toMatch(/的账户$/);
        await admin.send('POST', `/api/users/requests/${response.json().id}/withdraw`);
      }
      expect(await account(username)).toEqual(before);
      await signIn(server.app, username, DEMO_PASSWORD);
    }
  });

  it('lets nobody change their own role, and no security officer approve a change to their own account', async () => {
    const admin = await as('admin');
    const self = await account('admin');
    for (const change of [{ role: 'security' }, { disabled: true }, { password: 'Mine@new2022' }]) {
      const response = await admin.send('PATCH', `/api/users/${self.id}`, { ...change, version: self.version });
      expect(response.statusCode, JSON.stringify(change)).toBe(422);
      expect(response.json().error.code).toBe('USER_INVALID');
    }
    // The security officer cannot file a change at all, to anyone.
    const security = await as('security');
    const officer = await account('security');
    const own = await security.send('PATCH', `/api/users/${officer.id}`, { role: 'admin', version: officer.version });
    expect(own.statusCode).toBe(403);

    // A change to the security officer's account waits for another security officer.
    const filed = await admin.send('PATCH', `/api/users/${officer.id}`, {
      displayName: '韩雪',
      version: officer.version,
    });
    const mine = await security.send('POST', `/api/users/requests/${filed.json().id}/approve`);
    expect(mine.statusCode).toBe(403);
    expect(mine.json().error.code).toBe('REQUEST_OWN_ACCOUNT');
    const second = await proposeAccount(admin, {
      username: 'security2',
      displayName: '安全管理员 周宁',
      role: 'security',
      section: undefined,
      password: 'Security2@2021',
    });
    await security.send('POST', `/api/users/requests/${second.json().id}/approve`);
    const other = await signIn(server.app, 'security2', 'Security2@2021');
    expect((await other.send('POST', `/api/users/requests/${filed.json().id}/approve`)).statusCode).toBe(200);
    expect((await account('security')).displayName).toBe('韩雪');
  });

  it('lets no security officer approve a request they made themselves', async () => {
    // admin2 files a request as an administrator, then becomes a security officer.
    const admin = await as('admin');
    const security = await as('security');
    const created = await proposeAccount(admin, {
      username: 'admin2',
      displayName: '系统管理员 二',
      role: 'admin',
      section: undefined,
      password: 'Admin2@2021x',
    });
    await security.send('POST', `/api/users/requests/${created.json().id}/approve`);
    const admin2 = await signIn(server.app, 'admin2', 'Admin2@2021x');
    browsers.set('admin2', admin2);
    const own = await fileRequest('admin2');
    expect((await request(own)).requestedBy).toBe('admin2');
    const moved = await admin.send('PATCH', `/api/users/${(await account('admin2')).id}`, {
      role: 'security',
      version: (await account('admin2')).version,
    });
    await security.send('POST', `/api/users/requests/${moved.json().id}/approve`);
    expect((await admin2.get('/api/session')).statusCode).toBe(401);
    const nowSecurity = await signIn(server.app, 'admin2', 'Admin2@2021x');
    const refused = await nowSecurity.send('POST', `/api/users/requests/${own}/approve`);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('REQUEST_OWN');
    // … nor withdraw someone else's: only its maker may.
    const theirs = await fileRequest('admin');
    expect((await admin.send('POST', `/api/users/requests/${own}/withdraw`)).json().error.code).toBe(
      'REQUEST_NOT_YOURS',
    );
    await withdrawIfPending(theirs);
    expect((await security.send('POST', `/api/users/requests/${own}/approve`)).statusCode).toBe(200);
  });

  it('keeps the administrator and the security officer out of the bureau’s data and the audit trail', async () => {
    for (const username of ['admin', 'security']) {
      const browser = await as(username);
      for (const url of ['/api/indicators', '/api/ledgers/complaints', '/api/dashboard', '/api/audit', '/api/todo']) {
        expect((await browser.get(url)).statusCode, `${username} ${url}`).toBe(403);
      }
    }
    const auditor = await as('auditor');
    expect((await auditor.get('/api/audit?table=account_requests')).statusCode).toBe(200);
    expect((await auditor.get('/api/users/requests')).statusCode).toBe(403);
  });
});

import { testEngines } from '@taizhang/db/testing';
import { describe, expect, it } from 'vitest';
import { demoServer, proposeAccount, SAME_NAME_OTHER_CASE, signIn } from '../../server.test-helpers.js';

describe.each(testEngines())('accounts over the demo district, on $name', (engine) => {
  const server = demoServer(engine);

  it('lets the administrator propose accounts under the policy, approved by the security officer, never leaving no administrator', async () => {
    const admin = await signIn(server.app, 'admin');
    const weak = await proposeAccount(admin, {
      username: 'weak',
      displayName: '弱密码',
      role: 'office',
      section: undefined,
      password: 'password',
    });
    expect(weak.statusCode).toBe(422);
    expect(weak.json().error.problems.map((p: { field: string }) => p.field)).toEqual(['password', 'password']);
    const clerkWithout = await proposeAccount(admin, {
      username: 'nosection',
      section: undefined,
      password: 'Nosection@2021',
    });
    expect(clerkWithout.json().error.problems).toEqual([{ field: 'section', message: '股室填报员必须指定所属股室' }]);
    const created = await proposeAccount(admin);
    expect(created.statusCode).toBe(202);
    expect(created.json()).toMatchObject({ kind: 'create', status: 'pending', username: 'zhaoliu' });
    expect(JSON.stringify(created.json())).not.toContain('scrypt');
    const security = await signIn(server.app, 'security');
    const approved = await security.send('POST', `/api/users/requests/${created.json().id}/approve`);
    expect(approved.json().account).toMatchObject({
      username: 'zhaoliu',
      roleName: '股室填报员',
      section: { code: 'villages' },
    });
    const taken = await proposeAccount(admin, SAME_NAME_OTHER_CASE);
    expect(taken.statusCode).toBe(409);
    const user = approved.json().account;
    await signIn(server.app, 'zhaoliu', 'Zhaoliu@2021');
    const promoting = await admin.send('PATCH', `/api/users/${user.id}`, { role: 'office', version: user.version });
    expect(promoting.statusCode).toBe(202);
    const promoted = await security.send('POST', `/api/users/requests/${promoting.json().id}/approve`);
    expect(promoted.json().account).toMatchObject({ role: 'office', section: null, version: user.version + 1 });
    const stale = await admin.send('PATCH', `/api/users/${user.id}`, { disabled: true, version: user.version });
    expect(stale.statusCode).toBe(409);
    const disabled = await admin.send('PATCH', `/api/users/${user.id}`, { disabled: true, version: user.version + 1 });
    expect(disabled.json().disabled).toBe(true);
    const refused = await server.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username: 'zhaoliu', password: 'Zhaoliu@2021' },
    });
    expect(refused.statusCode).toBe(401);
    const self = (await admin.get('/api/users')).json().find((u: { username: string }) => u.username === 'admin');
    const demote = await admin.send('PATCH', `/api/users/${self.id}`, { role: 'office', version: self.version });
    expect(demote.statusCode).toBe(422);
  });
});

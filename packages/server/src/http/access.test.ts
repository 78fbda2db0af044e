import { testEngines } from '@taizhang/db/testing';
import { describe, expect, it } from 'vitest';
import { demoServer, signIn } from '../server.test-helpers.js';

const complaint = (ref: string, section?: string) => ({
  ref,
  ...(section === undefined ? {} : { section }),
  fields: {
    channel: '12345热线',
    receivedAt: '2021-11-02T09:30:00+08:00',
    category: '违法建设',
    summary: '楼顶违规搭建',
  },
});

describe.each(testEngines())('who may do what, on $name', (engine) => {
  const server = demoServer(engine);

  describe('a section clerk (计划财务股, 城市建设股)', () => {
    it('enters their own section’s values, at the version read (409 with the current value when stale)', async () => {
      const clerk = await signIn(server.app, 'planfin');
      const url = '/api/indicators/fixed_asset_investment/values/2021/11';
      const first = await clerk.send('PUT', url, { value: '3.21', source: '区统计局月报' });
      expect(first.statusCode).toBe(200);
      expect(first.json()).toMatchObject({ period: 11, value: '3.21', version: 1, enteredBy: '李晓梅' });
      const second = await clerk.send('PUT', url, { value: '3.22', version: 1 });
      expect(second.json()).toMatchObject({ value: '3.22', version: 2 });
      const stale = await clerk.send('PUT', url, { value: '3.30', version: 1 });
      expect(stale.statusCode).toBe(409);
      expect(stale.json()).toMatchObject({
        error: { code: 'VALUE_STALE_VERSION', message: expect.stringContaining('第 2 版') },
        current: { value: '3.22', version: 2 },
      });
      const again = await clerk.send('PUT', url, { value: '3.40' });
      expect(again.statusCode).toBe(409);
      const values = await clerk.get('/api/indicators/fixed_asset_investment/values?year=2021');
      expect(values.json().values.at(-1)).toMatchObject({ period: 11, value: '3.22' });
      expect(values.json().prior).toHaveLength(12);
    });

    it('cannot enter another section’s indicator (403)', async () => {
      const clerk = await signIn(server.app, 'planfin');
      const response = await clerk.send('PUT', '/api/indicators/commodity_housing_sales_area/values/2021/11', {
        value: '1.00',
      });
      expect(response.statusCode).toBe(403);
      expect(response.json().error).toMatchObject({
        code: 'VALUE_SECTION_FORBIDDEN',
        message: expect.stringContaining('房地产市场监管股'),
      });
    });

    it('adds and changes their own section’s ledger rows', async () => {
      const clerk = await signIn(server.app, 'urbanbuild');
      const added = await clerk.send('POST', '/api/ledgers/complaints', complaint('WEB-UB-1'));
      expect(added.statusCode).toBe(201);
      expect(added.json()).toMatchObject({
        ref: 'WEB-UB-1',
        section: { code: 'urbanbuild', name: '城市建设股' },
        version: 1,
        createdBy: 'urbanbuild',
        fields: { category: '违法建设', closedAt: null },
      });
      const changed = await clerk.send('PATCH', '/api/ledgers/complaints/WEB-UB-1', {
        version: 1,
        changes: { repliedAt: '2021-11-03T10:00:00+08:00' },
      });
      expect(changed.statusCode).toBe(200);
      expect(changed.json()).toMatchObject({ version: 2, fields: { repliedAt: '2021-11-03T02:00:00Z' } });
    });

    it('cannot add a row into another section (403), nor see another section’s row to change it (404)', async () => {
      const clerk = await signIn(server.app, 'urbanbuild');
      const into = await clerk.send('POST', '/api/ledgers/complaints', complaint('WEB-UB-2', 'construction'));
      expect(into.statusCode).toBe(403);
      expect(into.json().error.code).toBe('LEDGER_SECTION_FORBIDDEN');
      // 12345-2021-000002 belongs to 建筑业管理股: for this clerk's edit it does not exist
      const theirs = await clerk.send('PATCH', '/api/ledgers/complaints/12345-2021-000002', {
        version: 1,
        changes: { summary: '改写' },
      });
      expect(theirs.statusCode).toBe(404);
      const none = await clerk.send('PATCH', '/api/ledgers/complaints/NO-SUCH-REF', { version: 1, changes: {} });
      // the same answer as for a ref that does not exist at all
      expect(none.statusCode).toBe(404);
      const said = (response: typeof none, ref: string) => JSON.stringify(response.json()).replace(ref, 'REF');
      expect(said(theirs, '12345-2021-000002')).toBe(said(none, 'NO-SUCH-REF'));
      // … though it reads every section's rows
      expect((await clerk.get('/api/ledgers/complaints/12345-2021-000002')).statusCode).toBe(200);
      const away = await clerk.send('PATCH', '/api/ledgers/complaints/12345-2021-000001', {
        version: 1,
        changes: { section: 'construction' },
      });
      expect(away.statusCode).toBe(403);
    });

    it('is told which fields break the ledger’s rules (422 with problems), and nothing is written', async () => {
      const clerk = await signIn(server.app, 'urbanbuild');
      const bad = complaint('WEB-UB-3');
      const response = await clerk.send('POST', '/api/ledgers/complaints', {
        ...bad,
        fields: { ...bad.fields, closedAt: '2021-11-01T09:00:00+08:00' },
      });
      expect(response.statusCode).toBe(422);
      expect(response.json().error).toMatchObject({ code: 'LEDGER_ROW_INVALID' });
      expect(response.json().error.problems.map((p: { field: string }) => p.field)).toContain('closedAt');
      expect((await clerk.get('/api/ledgers/complaints/WEB-UB-3')).statusCode).toBe(404);
    });
  });

  it('a stale ledger edit answers 409 with the row as it now is', async () => {
    const office = await signIn(server.app, 'office');
    const first = await office.send('PATCH', '/api/ledgers/complaints/12345-2021-000002', {
      version: 1,
      changes: { summary: '项目完工后工资未结清（已核实）' },
    });
    expect(first.statusCode).toBe(200);
    const stale = await office.send('PATCH', '/api/ledgers/complaints/12345-2021-000002', {
      version: 1,
      changes: { summary: '另一种写法' },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({
      error: { code: 'LEDGER_STALE_VERSION' },
      current: { ref: '12345-2021-000002', version: 2, fields: { summary: '项目完工后工资未结清（已核实）' } },
    });
  });

  it('the office checks values as a dataset is checked (422 with the field)', async () => {
    const office = await signIn(server.app, 'office');
    const quarter = await office.send('PUT', '/api/indicators/construction_output/values/2021/5', { value: '1.00' });
    expect(quarter.statusCode).toBe(422);
    expect(quarter.json().error.problems[0]).toMatchObject({
      field: 'period',
      message: expect.stringContaining('季度'),
    });
    const digits = await office.send('PUT', '/api/indicators/fixed_asset_investment/values/2021/12', {
      value: '1.234',
    });
    expect(digits.json().error.problems[0]).toMatchObject({
      field: 'value',
      message: expect.stringContaining('2 位小数'),
    });
    const text = await office.send('PUT', '/api/indicators/fixed_asset_investment/values/2021/12', { value: '1,000' });
    expect(text.json().error.problems[0].field).toBe('value');
    const derived = await office.send('PUT', '/api/indicators/sewage_tank_volume/values/2021/10', { value: '1' });
    expect(derived.json().error.code).toBe('VALUE_DERIVED');
  });

  it('the administrator manages users and nothing else', async () => {
    const admin = await signIn(server.app, 'admin');
    expect((await admin.get('/api/users')).statusCode).toBe(200);
    const refused = [
      await admin.get('/api/indicators'),
      await admin.get('/api/ledgers/complaints'),
      await admin.get('/api/audit'),
      await admin.send('PUT', '/api/indicators/fixed_asset_investment/values/2021/12', { value: '1.00' }),
      await admin.send('POST', '/api/ledgers/complaints', complaint('WEB-ADMIN')),
    ];
    for (const response of refused) {
      expect(response.statusCode).toBe(403);
      expect(response.json().error).toMatchObject({
        code: 'FORBIDDEN',
        message: expect.stringContaining('系统管理员'),
      });
    }
  });

  it('the auditor reads the audit trail and nothing else', async () => {
    const auditor = await signIn(server.app, 'auditor');
    expect((await auditor.get('/api/audit')).statusCode).toBe(200);
    expect((await auditor.get('/api/audit/export')).statusCode).toBe(200);
    for (const url of ['/api/indicators', '/api/ledgers/complaints', '/api/users', '/api/dashboard', '/api/todo']) {
      expect((await auditor.get(url)).statusCode, url).toBe(403);
    }
    expect((await auditor.send('POST', '/api/users', {})).statusCode).toBe(403);
  });

  it('the leader reads everything but audit and users, and writes nothing but approvals', async () => {
    const leader = await signIn(server.app, 'leader');
    for (const url of ['/api/indicators', '/api/dashboard', '/api/ledgers/complaints', '/api/reports/preview']) {
      expect((await leader.get(url)).statusCode, url).toBe(200);
    }
    for (const url of ['/api/audit', '/api/users']) expect((await leader.get(url)).statusCode, url).toBe(403);
    const writes = [
      await leader.send('PUT', '/api/indicators/fixed_asset_investment/values/2021/12', { value: '1.00' }),
      await leader.send('POST', '/api/ledgers/complaints', complaint('WEB-LEADER')),
      await leader.send('PATCH', '/api/ledgers/complaints/12345-2021-000001', { version: 1, changes: {} }),
      await leader.send('PUT', '/api/templates/work-summary', { text: 'x', version: 1 }),
      await leader.send('PUT', '/api/narratives/key_projects', { year: 2021, text: 'x', version: 1 }),
    ];
    for (const response of writes) expect(response.statusCode).toBe(403);
  });

  it('no route changes or removes audit records: the API has no write under /api/audit', () => {
    const auditWrites = server.app.apiRoutes.filter((r) => r.url.startsWith('/api/audit') && r.method !== 'GET');
    expect(auditWrites).toEqual([]);
  });
});

import { testEngines } from '@taizhang/db/testing';
import { describe, expect, it } from 'vitest';
import { ADDRESS, demoServer, signIn } from '../../server.test-helpers.js';

describe.each(testEngines())('the audit trail over the demo district, on $name', (engine) => {
  const server = demoServer(engine);

  it('exports the audit trail as CSV the auditor can open in Excel', async () => {
    const clerk = await signIn(server.app, 'urbanbuild');
    const row = (await clerk.get('/api/ledgers/complaints/12345-2021-000006')).json();
    const changed = await clerk.send('PATCH', '/api/ledgers/complaints/12345-2021-000006', {
      version: row.version,
      changes: { summary: '小区频繁停水（已恢复供水）' },
    });
    expect(changed.statusCode).toBe(200);
    const auditor = await signIn(server.app, 'auditor');
    // a ledger is filtered by its code: its rows are kept in a generated table
    const page = (await auditor.get('/api/audit?table=complaints&limit=3')).json();
    expect(page.total).toBeGreaterThan(3);
    expect(page.rows).toHaveLength(3);
    expect(page.rows[0]).toMatchObject({ table: expect.stringMatching(/^ledger_t\d+$/), tableName: '群众投诉台账' });
    const csv = await auditor.get('/api/audit/export?table=complaints&actor=urbanbuild');
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.startsWith('\uFEFF"编号","时间（北京时间）","操作人"')).toBe(true);
    expect(csv.body).toContain(`"urbanbuild","${ADDRESS}","修改","群众投诉台账"`);
    const none = (await auditor.get('/api/audit?from=2000-01-01&to=2000-12-31')).json();
    expect(none).toEqual({ total: 0, rows: [] });
  });

  it('names what the trail may be filtered by, the organisation’s ledgers by code, to the auditor only', async () => {
    const auditor = await signIn(server.app, 'auditor');
    const tables = (await auditor.get('/api/audit/tables')).json() as { table: string; name: string }[];
    expect(tables).toEqual(
      expect.arrayContaining([
        { table: 'indicator_values', name: '指标数值' },
        { table: 'complaints', name: '群众投诉台账' },
        { table: 'projects', name: '重点项目台账' },
      ]),
    );
    expect(tables.some((t) => /^ledger_t\d+$/.test(t.table))).toBe(false);
    const clerk = await signIn(server.app, 'urbanbuild');
    expect((await clerk.get('/api/audit/tables')).statusCode).toBe(403);
  });
});

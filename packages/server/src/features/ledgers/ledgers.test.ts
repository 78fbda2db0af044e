import { testEngines } from '@taizhang/db/testing';
import { describe, expect, it } from 'vitest';
import { demoServer, signIn } from '../../server.test-helpers.js';

describe.each(testEngines())('ledger rows over the demo district, on $name', (engine) => {
  const server = demoServer(engine);

  it('lists ledger rows with their total, searched, filtered by section, sorted and paged', async () => {
    const office = await signIn(server.app, 'office');
    const all = (await office.get('/api/ledgers/complaints?limit=5')).json();
    expect(all.rows).toHaveLength(5);
    expect(all.total).toBeGreaterThan(5);
    const water = (await office.get(`/api/ledgers/complaints?search=${encodeURIComponent('停水')}&limit=500`)).json();
    expect(water.total).toBe(water.rows.length);
    expect(water.rows.every((r: { fields: { summary: string } }) => r.fields.summary.includes('停水'))).toBe(true);
    const mine = (
      await office.get('/api/ledgers/complaints?section=quality&sort=receivedAt&order=desc&limit=500')
    ).json();
    expect(mine.rows.every((r: { section: { code: string } }) => r.section.code === 'quality')).toBe(true);
    const received = mine.rows.map((r: { fields: { receivedAt: string } }) => r.fields.receivedAt);
    expect(received).toEqual([...received].sort().reverse());
    const unknown = await office.get('/api/ledgers/nothing');
    expect(unknown.statusCode).toBe(404);
    const badSort = await office.get('/api/ledgers/complaints?sort=colour');
    expect(badSort.statusCode).toBe(422);
  });

  it('shows a ledger row’s history from the audit trail, by field name, with who (the address is for the auditor)', async () => {
    const clerk = await signIn(server.app, 'urbanbuild');
    const row = (await clerk.get('/api/ledgers/complaints/12345-2021-000006')).json();
    await clerk.send('PATCH', '/api/ledgers/complaints/12345-2021-000006', {
      version: row.version,
      changes: { summary: '小区频繁停水（已恢复供水）' },
    });
    const history = (await clerk.get('/api/ledgers/complaints/12345-2021-000006/history')).json();
    expect(history.map((h: { action: string }) => h.action)).toEqual(['insert', 'update']);
    expect(history[1]).toMatchObject({
      actor: 'urbanbuild',
      before: { summary: '小区频繁停水', section: 'urbanbuild' },
      after: { summary: '小区频繁停水（已恢复供水）', version: 2 },
    });
    expect(history.some((h: object) => 'address' in h)).toBe(false);
  });
});

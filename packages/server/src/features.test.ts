import { testEngines } from '@taizhang/db/testing';
import { describe, expect, it } from 'vitest';
import { ADDRESS, demoServer, proposeAccount, SAME_NAME_OTHER_CASE, signIn } from './server.test-helpers.js';

describe.each(testEngines())('the API over the demo district, on $name', (engine) => {
  const server = demoServer(engine);

  it('gives the context every page starts from', async () => {
    const clerk = await signIn(server.app, 'housing');
    const context = (await clerk.get('/api/context')).json();
    expect(context.org).toMatchObject({ code: 'shifanqu', shortName: '示范区' });
    expect(context.sections).toContainEqual({ code: 'housing', name: '住房保障股' });
    expect(context.period).toEqual({ year: 2021, through: 10, label: '2021年1－10月' });
    const complaints = context.ledgers.find((l: { code: string }) => l.code === 'complaints');
    expect(complaints.fields).toContainEqual(
      expect.objectContaining({ name: 'channel', type: 'enum', required: true, options: expect.any(Array) }),
    );
    expect(complaints.fields).toContainEqual(expect.objectContaining({ name: 'receivedAt', type: 'datetime' }));
    // A project's milestones: the stages and statuses come from the dataset schema, through the API.
    const projects = context.ledgers.find((l: { code: string }) => l.code === 'projects');
    const milestones = projects.fields.find((f: { name: string }) => f.name === 'milestones');
    expect(milestones).toMatchObject({ type: 'list' });
    expect(milestones.items.map((f: { name: string; type: string }) => `${f.name}:${f.type}`)).toEqual([
      'stage:enum',
      'status:enum',
      'plannedAt:date',
      'doneAt:date',
    ]);
    expect(milestones.items[0].options).toHaveLength(16);
    expect(milestones.items[1].options.map((o: { value: string }) => o.value)).toEqual(['计划', '进行中', '已完成']);
  });

  it('gives each indicator’s figures as the report rounds them, and the reason for any missing', async () => {
    const leader = await signIn(server.app, 'leader');
    const body = (await leader.get('/api/indicators?year=2021&through=10')).json();
    expect(body.period.label).toBe('2021年1－10月');
    const investment = body.indicators.find((i: { code: string }) => i.code === 'fixed_asset_investment');
    expect(investment).toMatchObject({
      name: '固定资产投资',
      unit: '亿元',
      section: { code: 'planfin', name: '计划财务股' },
      periodLabel: '1－10月',
      derived: false,
      ytd: expect.stringMatching(/^\d+\.\d\d$/),
      share: expect.stringMatching(/^\d+\.\d$/),
    });
    const full = (await leader.get('/api/indicators?year=2021&through=12')).json();
    const later = full.indicators.find((i: { code: string }) => i.code === 'fixed_asset_investment');
    expect(later.ytd).toBeNull();
    expect(later.missing.ytd).toBe('缺2021年11月、12月数据');
  });

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

  it('gives a clerk only their own section’s work to do', async () => {
    const clerk = await signIn(server.app, 'planfin');
    const todo = (await clerk.get('/api/todo?year=2021&through=12')).json();
    expect(todo.period.label).toBe('2021年1－12月');
    expect(todo.gaps.length).toBeGreaterThan(0);
    expect(todo.gaps.every((g: { section: string }) => g.section === 'planfin')).toBe(true);
    expect(todo.missing.every((m: { section: string }) => m.section === 'planfin')).toBe(true);
    const office = await signIn(server.app, 'office');
    const everyone = (await office.get('/api/todo?year=2021&through=12')).json();
    expect(new Set(everyone.gaps.map((g: { section: string }) => g.section)).size).toBeGreaterThan(1);
  });

  it('gives the leader’s dashboard: cards, monthly series, warnings, projects and complaints', async () => {
    const leader = await signIn(server.app, 'leader');
    const dashboard = (await leader.get('/api/dashboard?year=2021&through=10')).json();
    expect(dashboard.cards.length).toBeGreaterThan(0);
    expect(
      dashboard.cards.every(
        (c: { target: string | null; targetGrowth: string | null }) => c.target !== null || c.targetGrowth !== null,
      ),
    ).toBe(true);
    const investment = dashboard.series.find((s: { code: string }) => s.code === 'fixed_asset_investment');
    expect(investment.months.map((m: { month: number }) => m.month)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const card = dashboard.cards.find((c: { code: string }) => c.code === 'fixed_asset_investment');
    expect(investment.months[9].value).toBe(card.ytd);
    const output = dashboard.series.find((s: { code: string }) => s.code === 'construction_output');
    expect(output.months.map((m: { month: number }) => m.month)).toEqual([3, 6, 9]);
    expect(dashboard.complaints).toHaveLength(10);
    expect(dashboard.complaints.reduce((n: number, m: { received: number }) => n + m.received, 0)).toBeGreaterThan(0);
    expect(dashboard.projects.map((p: { category: string }) => p.category)).toEqual(
      expect.arrayContaining(['续建', '新建']),
    );
    for (const project of dashboard.projects) {
      expect(project.byStage.reduce((n: number, s: { count: number }) => n + s.count, 0)).toBe(project.count);
    }
  });

  it('previews the report as HTML and downloads it as Markdown and DOCX', async () => {
    const clerk = await signIn(server.app, 'quality');
    const preview = (await clerk.get('/api/reports/preview?year=2021&through=10')).json();
    expect(preview.html).toContain('<!DOCTYPE html>');
    expect(preview.html).toContain('工作总结');
    expect(preview.missing).toEqual([]);
    const md = await clerk.get('/api/reports/download?year=2021&through=10&format=md');
    expect(md.headers['content-type']).toContain('text/markdown');
    expect(md.headers['content-disposition']).toContain("filename*=UTF-8''");
    expect(decodeURIComponent(String(md.headers['content-disposition']))).toContain('示范区2021年1－10月工作总结.md');
    expect(md.body).toContain('工作总结');
    const docx = await clerk.get('/api/reports/download?year=2021&through=10&format=docx');
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('lets the office edit a template at its version, refusing one that does not render (422 with its line)', async () => {
    const office = await signIn(server.app, 'office');
    const template = (await office.get('/api/templates/work-summary')).json();
    const broken = await office.send('PUT', '/api/templates/work-summary', {
      text: `${template.text}\n{% if %}`,
      version: template.version,
    });
    expect(broken.statusCode).toBe(422);
    expect(broken.json().error.code).toBe('TEMPLATE_ERROR');
    expect(broken.json().error.problems[0]).toMatchObject({ field: 'text', line: expect.any(Number) });
    expect(broken.json().error.message).not.toContain('/tmp');
    const saved = await office.send('PUT', '/api/templates/work-summary', {
      text: `${template.text}\n`,
      version: template.version,
    });
    expect(saved.json().version).toBe(template.version + 1);
    const stale = await office.send('PUT', '/api/templates/work-summary', {
      text: template.text,
      version: template.version,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().current.version).toBe(template.version + 1);
    const preview = await office.send('POST', '/api/templates/preview', {
      text: "# 测试\n{{ 'fixed_asset_investment' | ytd }}亿元",
      year: 2021,
      through: 10,
    });
    expect(preview.statusCode).toBe(200);
    expect(preview.json().html).toContain('亿元');
  });

  it('lets the office edit a narrative at its version, and add a new one for a section', async () => {
    const office = await signIn(server.app, 'office');
    const narratives = (await office.get('/api/narratives?year=2021')).json();
    expect(narratives.length).toBeGreaterThan(0);
    const first = narratives[0];
    const saved = await office.send('PUT', `/api/narratives/${first.code}`, {
      year: 2021,
      through: first.through,
      text: `${first.text}（补充）`,
      version: first.version,
    });
    expect(saved.json()).toMatchObject({ code: first.code, version: first.version + 1 });
    const added = await office.send('PUT', '/api/narratives/new_block', {
      year: 2021,
      text: '新增的叙述段落。',
      section: 'office',
      title: '新段落',
    });
    expect(added.json()).toMatchObject({ code: 'new_block', version: 1, section: { code: 'office' } });
    const again = await office.send('PUT', '/api/narratives/new_block', { year: 2021, text: '再写一次。' });
    expect(again.statusCode).toBe(409);
  });

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

  it('exports the audit trail as CSV the auditor can open in Excel', async () => {
    const auditor = await signIn(server.app, 'auditor');
    const page = (await auditor.get('/api/audit?table=ledger_complaints&limit=3')).json();
    expect(page.total).toBeGreaterThan(3);
    expect(page.rows).toHaveLength(3);
    expect(page.rows[0]).toMatchObject({ table: 'ledger_complaints', tableName: '群众投诉台账' });
    const csv = await auditor.get('/api/audit/export?table=ledger_complaints&actor=urbanbuild');
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.startsWith('\uFEFF"编号","时间（北京时间）","操作人"')).toBe(true);
    expect(csv.body).toContain(`"urbanbuild","${ADDRESS}","修改","群众投诉台账"`);
    const none = (await auditor.get('/api/audit?from=2000-01-01&to=2000-12-31')).json();
    expect(none).toEqual({ total: 0, rows: [] });
  });
});

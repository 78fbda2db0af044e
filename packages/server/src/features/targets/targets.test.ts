import { testEngines } from '@taizhang/db/testing';
import { describe, expect, it } from 'vitest';
import { ADDRESS, demoServer, signIn } from '../../server.test-helpers.js';

interface IndicatorTarget {
  code: string;
  timeProgress: string;
  yearOnYear: boolean;
  target: { amount: string | null; growth: string | null; version: number } | null;
}

const CURVE = ['5', '10', '18', '26', '35', '50', '58', '66', '75', '84', '92', '100'];

describe.each(testEngines())('目标任务 through the API, on $name', (engine) => {
  const server = demoServer(engine);

  it('lists every indicator of the year with its target, or null, to everyone who reads data', async () => {
    for (const user of ['office', 'leader', 'planfin']) {
      const browser = await signIn(server.app, user);
      const response = await browser.get('/api/targets?year=2021');
      expect(response.statusCode, user).toBe(200);
      const body = response.json() as { year: number; indicators: IndicatorTarget[] };
      expect(body.year).toBe(2021);
      expect(body.indicators.find((i) => i.code === 'fixed_asset_investment')).toMatchObject({
        name: '固定资产投资',
        unit: '亿元',
        decimals: 2,
        section: { code: 'planfin', name: '计划财务股' },
        timeProgress: 'linear',
        yearOnYear: true,
        derived: false,
        target: { indicator: 'fixed_asset_investment', year: 2021, amount: '36.00', growth: null, planCurve: null },
      });
      expect(body.indicators.find((i) => i.code === 'residential_average_price')?.target).toBeNull();
    }
    const office = await signIn(server.app, 'office');
    // Without a year: the latest with data.
    expect((await office.get('/api/targets')).json().year).toBe(2021);
    expect(
      (await office.get('/api/targets?year=2020')).json().indicators.every((i: IndicatorTarget) => !i.target),
    ).toBe(true);
    const unknown = await office.get('/api/targets?year=2021&through=10');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.message).toContain('未知字段 through');
    for (const user of ['admin', 'auditor']) {
      expect((await (await signIn(server.app, user)).get('/api/targets')).statusCode, user).toBe(403);
    }
  });

  it('lets the office set a target, change it at its version, and refuses a stale one with the current target', async () => {
    const office = await signIn(server.app, 'office');
    const url = '/api/targets/residential_average_price/2021';
    const set = await office.send('PUT', url, { growth: '3.0' });
    expect(set.statusCode).toBe(200);
    expect(set.json()).toMatchObject({
      indicator: 'residential_average_price',
      year: 2021,
      amount: null,
      growth: '3.0',
      planCurve: null,
      version: 1,
      updatedAt: expect.stringMatching(/Z$/),
    });
    const changed = await office.send('PUT', url, { amount: '5600', growth: '3.5', version: 1 });
    expect(changed.json()).toMatchObject({ amount: '5600', growth: '3.5', version: 2 });
    const unchanged = await office.send('PUT', url, { amount: '5600', growth: '3.5', version: 2 });
    expect(unchanged.json().version).toBe(2);

    const stale = await office.send('PUT', url, { growth: '4', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({
      error: { code: 'TARGET_STALE_VERSION', message: expect.stringContaining('第 2 版') },
      current: { amount: '5600', growth: '3.5', version: 2 },
    });
    const again = await office.send('PUT', url, { growth: '4' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain('它已填写');
    const none = await office.send('PUT', '/api/targets/residential_average_price/2022', { growth: '4', version: 3 });
    expect(none.statusCode).toBe(409);
    expect(none.json().current).toBeNull();

    // The figures follow at once: the indicator now has a growth target and points over it.
    const figures = (await office.get('/api/indicators?year=2021&through=10')).json();
    const price = figures.indicators.find((i: { code: string }) => i.code === 'residential_average_price');
    expect(price).toMatchObject({ target: '5600', targetGrowth: '3.5' });
  });

  it('replaces the target as a whole: a part left out is cleared', async () => {
    const office = await signIn(server.app, 'office');
    const url = '/api/targets/real_estate_payroll/2021';
    const list = (await office.get('/api/targets?year=2021')).json() as { indicators: IndicatorTarget[] };
    const before = list.indicators.find((i) => i.code === 'real_estate_payroll')?.target;
    expect(before).toMatchObject({ amount: null, growth: '6' });
    const saved = await office.send('PUT', url, { amount: '4.20', version: before?.version });
    expect(saved.json()).toMatchObject({ amount: '4.20', growth: null, version: (before?.version ?? 0) + 1 });
    // null says the same as leaving a part out (and is not taken for an empty text)
    const back = await office.send('PUT', url, {
      amount: null,
      growth: '6',
      planCurve: null,
      version: saved.json().version,
    });
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json()).toMatchObject({ amount: null, growth: '6', planCurve: null });
  });

  it('checks a target as the dataset validator does, each problem at its field (422), writing nothing', async () => {
    const office = await signIn(server.app, 'office');
    const problems = async (url: string, body: object) => {
      const response = await office.send('PUT', url, body);
      expect(response.statusCode, JSON.stringify(body)).toBe(422);
      expect(response.json().error.code).toBe('TARGET_INVALID');
      return response.json().error.problems as { field: string; path: string; message: string }[];
    };
    expect(await problems('/api/targets/street_cleaning_rate/2021', { amount: '98', growth: '1' })).toEqual([
      {
        field: 'growth',
        path: '/growth',
        message:
          '指标 城区清扫保洁率 不作同比比较（yearOnYear: false），目标只能给出目标任务 amount，不能给出目标增速 growth',
      },
    ]);
    expect(await problems('/api/targets/fixed_asset_investment/2022', {})).toEqual([
      { field: '', path: '', message: '目标应至少给出 amount（目标任务）或 growth（目标增速）' },
    ]);
    expect(await problems('/api/targets/fixed_asset_investment/2022', { amount: '1,000' })).toEqual([
      expect.objectContaining({ field: 'amount', message: expect.stringContaining('千位分隔符') }),
    ]);
    const curve = [...CURVE];
    curve[6] = '45';
    expect(await problems('/api/targets/fixed_asset_investment/2022', { amount: '40', planCurve: curve })).toEqual([
      {
        field: 'planCurve',
        path: '/planCurve/6',
        message: '计划进度是逐月累计的百分比，不能减少：7 月为 45，比 6 月的 50 小',
      },
    ]);
    expect(
      await problems('/api/targets/fixed_asset_investment/2022', { amount: '40', planCurve: CURVE.slice(0, 11) }),
    ).toEqual([expect.objectContaining({ field: 'planCurve', message: '计划进度应恰好有 12 项，实际有 11 项' })]);
    const list = (await office.get('/api/targets?year=2022')).json() as { indicators: IndicatorTarget[] };
    expect(list.indicators.filter((i) => i.target !== null)).toEqual([]);

    const unknown = await office.send('PUT', '/api/targets/no_such_indicator/2021', { amount: '1' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('INDICATOR_UNKNOWN');
    const extra = await office.send('PUT', '/api/targets/fixed_asset_investment/2022', { amount: '1', note: 'x' });
    expect(extra.statusCode).toBe(400);
  });

  it('keeps a plan curve with the target', async () => {
    const office = await signIn(server.app, 'office');
    const saved = await office.send('PUT', '/api/targets/project_registration/2022', {
      amount: '20',
      planCurve: CURVE,
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().planCurve).toEqual(CURVE);
  });

  it('leaves targets to the office: a clerk and the leader are refused (403)', async () => {
    for (const user of ['planfin', 'leader']) {
      const browser = await signIn(server.app, user);
      const response = await browser.send('PUT', '/api/targets/fixed_asset_investment/2021', {
        amount: '40.00',
        version: 1,
      });
      expect(response.statusCode, user).toBe(403);
      expect(response.json().error).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('目标任务') });
    }
  });

  it('records who changed a target and from where on the audit trail', async () => {
    const office = await signIn(server.app, 'office');
    await office.send('PUT', '/api/targets/construction_output/2022', { growth: '9' });
    const auditor = await signIn(server.app, 'auditor');
    const page = (await auditor.get('/api/audit?table=indicator_targets&limit=1')).json();
    expect(page.rows[0]).toMatchObject({
      actor: 'office',
      address: ADDRESS,
      action: 'insert',
      tableName: '目标任务',
      after: expect.objectContaining({ year: 2022, growth: 9 }),
    });
  });
});

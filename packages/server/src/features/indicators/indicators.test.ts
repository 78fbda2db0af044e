import { testEngines } from '@taizhang/db/testing';
import { describe, expect, it } from 'vitest';
import { demoServer, signIn } from '../../server.test-helpers.js';

describe.each(testEngines())('indicator figures over the demo district, on $name', (engine) => {
  const server = demoServer(engine);

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
});

describe.each(testEngines())('entering an indicator value, on $name', (engine) => {
  const server = demoServer(engine);

  it('says whether an indicator is compared with last year, and keeps a comparable base with a value', async () => {
    const clerk = await signIn(server.app, 'planfin');
    const values = (await clerk.get('/api/indicators/fixed_asset_investment/values?year=2021')).json();
    expect(values.indicator).toMatchObject({ code: 'fixed_asset_investment', yearOnYear: true });
    const saved = await clerk.send('PUT', '/api/indicators/fixed_asset_investment/values/2021/11', {
      value: '3.10',
      comparableBase: '3.30',
    });
    expect(saved.json()).toMatchObject({ value: '3.10', comparableBase: '3.30', version: 1 });
    const cleared = await clerk.send('PUT', '/api/indicators/fixed_asset_investment/values/2021/11', {
      value: '3.10',
      comparableBase: null,
      version: 1,
    });
    expect(cleared.json()).toMatchObject({ comparableBase: null, version: 2 });
    const sanitation = await signIn(server.app, 'sanitation');
    const rate = (await sanitation.get('/api/indicators/street_cleaning_rate/values?year=2021')).json();
    expect(rate.indicator.yearOnYear).toBe(false);
    const refused = await sanitation.send('PUT', '/api/indicators/street_cleaning_rate/values/2021/11', {
      value: '98.0',
      comparableBase: '97.0',
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.problems[0].field).toBe('comparableBase');
  });
});

import { type Database, findOrganisation, type OrganisationRow } from '@taizhang/db';
import { testEngines } from '@taizhang/db/testing';
import { renderMarkdown } from '@taizhang/render';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCompleteness } from '../completeness.js';
import { loadedDataset } from '../dataset-fixture.test-helpers.js';
import { recreateDemo } from '../demo.js';
import { UserError } from '../user-error.js';
import { generateReport } from './generate.js';

const TWO_TEMPLATES = `format: taizhang-dataset/1
organisation: { code: other, name: 另一区住房和城乡建设局 }
sections:
  - { code: office, name: 办公室 }
indicators:
  - { code: fai, name: 固定资产投资, unit: 亿元, section: office, kind: flow, frequency: monthly, decimals: 2 }
values:
  - { indicator: fai, year: 2022, month: 1, value: 1.20 }
templates:
  - { code: monthly, name: 月报, text: "月报：{{ 'fai' | ytd }}亿元" }
  - { code: annual, name: 年报, text: "年报：{{ 'fai' | ytd }}亿元，上年同期{{ 'fai' | base }}亿元" }
`;

async function refusal(promise: Promise<unknown>): Promise<UserError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof UserError)) throw new Error(`expected a refusal, got ${String(error)}`);
  return error;
}

describe.each(testEngines())('choosing among stored templates on $name', (engine) => {
  const loaded = loadedDataset(engine, TWO_TEMPLATES, 'other');
  const period = { year: 2022, through: 1 };

  it('asks for a choice when several are stored and none is the default, naming them', async () => {
    const error = await refusal(generateReport(loaded.db, loaded.org, period));
    expect(error.code).toBe('TEMPLATE_CHOOSE');
    expect(error.message).toBe(
      '该单位有多个报告模板（annual（年报）、monthly（月报）），没有名为 work-summary 的默认模板，请选择其一',
    );
  });

  it('renders the one chosen by code, and names the stored ones for a code it lacks', async () => {
    expect(renderMarkdown(await generateReport(loaded.db, loaded.org, period, { templateCode: 'monthly' }))).toContain(
      '月报：1.20亿元',
    );
    const error = await refusal(generateReport(loaded.db, loaded.org, period, { templateCode: 'weekly' }));
    expect(error.code).toBe('TEMPLATE_NONE');
    expect(error.message).toBe('该单位没有代码为 weekly 的报告模板；已有：annual（年报）、monthly（月报）');
  });

  it('checks what every stored template would owe when none is the default, or the one named', async () => {
    const all = await checkCompleteness(loaded.db, loaded.org, period);
    expect(all.report?.map((m) => m.text)).toEqual(['【待填：固定资产投资 2021年1月（办公室）】']);
    const monthly = await checkCompleteness(loaded.db, loaded.org, period, 'monthly');
    expect(monthly.report).toEqual([]);
  });
});

/** The demo's starter templates, each for the period it is written for: whole, true to the data and owing nothing. */
describe.each(testEngines())('the starter templates on $name', (engine) => {
  let db: Database;
  let org: OrganisationRow;
  beforeAll(async () => {
    db = await engine.open();
    await recreateDemo(db, 'test');
    org = (await findOrganisation(db, 'shifanqu')) as OrganisationRow;
  });
  afterAll(async () => {
    await db?.close();
  });

  it.each([
    ['monthly-progress', 10, '1－10月完成29.02亿元，占全年目标36.00亿元的80.6％，慢于时序进度2.7个百分点'],
    ['quarterly', 9, '建筑业总产值1－3季度完成20.35亿元，同比增长16.9％'],
    ['half-year', 6, '占全年目标的45.7％，未实现时间过半、任务过半，慢于时序进度4.3个百分点'],
    ['half-year', 6, '项目入库完成9.03亿元，占全年目标的50.2％，实现时间过半、任务过半'],
  ])('%s renders 1－%i月 completely: %s', async (code, through, sentence) => {
    const doc = await generateReport(db, org, { year: 2021, through }, { templateCode: code });
    expect(doc.missing).toEqual([]);
    expect(renderMarkdown(doc)).toContain(sentence);
  });
});

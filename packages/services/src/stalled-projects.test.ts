import type { LedgerDef } from '@taizhang/core';
import { inGenerated, orgLedgerLookup, testEngines } from '@taizhang/db/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixed2, loadedDataset } from './dataset-fixture.test-helpers.js';
import { evaluateIndicators } from './indicator-figures.js';
import { addLedgerRow, LedgerRowRejected, updateLedger } from './ledgers.js';
import type { UserError } from './user-error.js';

// Progress reported in the period, one row reported after it (November) and one of the year before.
const DATASET = `format: taizhang-dataset/1
organisation: { code: stalled-projects, name: 复工区住房和城乡建设局 }
sections:
  - { code: realestate, name: 房地产市场监管股 }
indicators:
  - { code: progress_sum, name: progress_sum, unit: ％, section: realestate, kind: flow, frequency: monthly, decimals: 2, yearOnYear: false, derive: { ledger: stalled_projects, aggregate: sum, field: progress, date: progressAt } }
  - { code: resumed_count, name: resumed_count, unit: 个, section: realestate, kind: level, frequency: monthly, decimals: 0, yearOnYear: false, derive: { ledger: stalled_projects, aggregate: count, date: resumedAt } }
  - { code: completion_month, name: 东郡明珠竣工验收计划月份, unit: 月, section: realestate, kind: level, frequency: monthly, decimals: 0, yearOnYear: false, derive: { ledger: stalled_projects, aggregate: month, field: plannedCompletion, date: resumedAt, where: { name: 东郡明珠二标段项目 } } }
  - { code: any_completion_month, name: 最晚竣工验收计划月份, unit: 月, section: realestate, kind: level, frequency: monthly, decimals: 0, yearOnYear: false, derive: { ledger: stalled_projects, aggregate: month, field: plannedCompletion, date: resumedAt } }
ledgers:
  stalled_projects:
    - { ref: FG-1, section: realestate, name: 东郡明珠二标段项目, resumedAt: 2021-03-15, progress: 85, progressAt: 2021-10-28, plannedPreAcceptance: 2021-11-30, plannedCompletion: 2021-12-15 }
    - { ref: FG-2, section: realestate, name: 云龙花园三期, resumedAt: 2021-05-06, progress: "40.25", progressAt: 2021-09-30 }
    - { ref: FG-3, section: realestate, name: 星乐商业广场, resumedAt: 2021-06-01, progress: 60, progressAt: 2021-11-02 }
    - { ref: FG-0, section: realestate, name: 九曲安置小区, resumedAt: 2020-08-01, progress: 100, progressAt: 2020-12-20, completedAt: 2020-12-28 }
`;

describe.each(testEngines())('the stalled-project ledger on $name', (engine) => {
  const fixture = loadedDataset(engine, DATASET, 'stalled-projects');
  let ledgerOf: (code: string) => LedgerDef;
  beforeAll(async () => {
    ledgerOf = await orgLedgerLookup(fixture.db, fixture.org.id);
  });

  it('keeps the rows with their exact progress, and sums progress by the day it was reported', async () => {
    const stored = await fixture.db.query<{ ref: string; progress: string | null }>(
      inGenerated(
        ledgerOf,
        'select ref, progress::text as progress from ledger_stalled_projects where org_id = $1 order by ref',
      ),
      [fixture.org.id],
    );
    expect(stored).toEqual([
      { ref: 'FG-0', progress: '100' },
      { ref: 'FG-1', progress: '85' },
      { ref: 'FG-2', progress: '40.25' },
      { ref: 'FG-3', progress: '60' },
    ]);
    const figures = await evaluateIndicators(fixture.db, fixture.org.id, { year: 2021, through: 10 });
    const ytd = Object.fromEntries(figures.map((f) => [f.evaluation.indicator.code, fixed2(f.evaluation.ytd)]));
    // a flow: 2021's reports through October only; a level counts every project resumed by then
    expect(ytd).toEqual({
      progress_sum: '125.25',
      resumed_count: '4.00',
      completion_month: '12.00',
      any_completion_month: '12.00',
    });
  });

  it('takes a planned month from the row, gives none before the row exists, and follows a changed plan', async () => {
    const ytdOf = async (through: number) => {
      const figures = await evaluateIndicators(fixture.db, fixture.org.id, { year: 2021, through });
      const month = figures.find((f) => f.evaluation.indicator.code === 'completion_month')?.evaluation.ytd;
      return month?.ok ? month.value.toFixed() : month?.reason.code;
    };
    // FG-1 resumed on 15 March: in February there is no row, so no month (never 0)
    expect(await ytdOf(2)).toBe('missing-periods');
    expect(await ytdOf(3)).toBe('12');
    await updateLedger(
      fixture.db,
      fixture.org,
      ledgerOf('stalled_projects'),
      'FG-1',
      1,
      { text: JSON.stringify({ plannedCompletion: '2022-01-20' }), source: '--json' },
      '陈志强',
    );
    expect(await ytdOf(10)).toBe('1');
  });

  it('refuses on `ledger add` a share over 100 and one without its day, in Chinese, naming field and path', async () => {
    /** What `ledger add --json` answers for a new row FG-9 resumed on 1 April with these fields. */
    const refusalOf = (fields: object) =>
      addLedgerRow(
        fixture.db,
        fixture.org,
        ledgerOf('stalled_projects'),
        {
          text: JSON.stringify({
            ref: 'FG-9',
            section: 'realestate',
            name: '龙泉名苑',
            resumedAt: '2021-04-01',
            ...fields,
          }),
          source: '--json',
        },
        '张三',
      ).catch((error: unknown) => error);
    const over = await refusalOf({ progress: 120, progressAt: '2021-03-30' });
    expect(over).toBeInstanceOf(LedgerRowRejected);
    expect((over as UserError).details).toEqual([
      '/progress 已完成工程量比例（％）应为 0 至 100 的数，实际为 120（DATASET_RANGE）',
      '/progressAt 进度填报日期 2021-03-30 早于复工日期 2021-04-01；进度填报日期不能早于复工日期（LEDGER_DATE_ORDER）',
    ]);
    const undated = await refusalOf({ progress: 30 });
    expect(undated).toBeInstanceOf(LedgerRowRejected);
    expect((undated as UserError).details).toEqual([
      '/progress 复工项目（FG-9）填写了 progress（已完成工程量比例（％）），却没有 progressAt（进度填报日期）：工程进度须注明是哪一天填报的；请补填进度填报日期，或删去已完成工程量比例（LEDGER_MISSING_PREREQUISITE）',
    ]);
  });
});

import type { Gap } from '@taizhang/contract';
import { parseDataset } from '@taizhang/core';
import type { Database, OrganisationRow } from '@taizhang/db';
import { testEngines } from '@taizhang/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCompleteness } from './completeness.js';
import { writeDataset } from './load-dataset.js';
import { resolveOrganisation } from './organisation.js';

/**
 * Two counts of 2021 1－10月 with nothing stored for 2020: 消除旱厕座数 is not compared with
 * last year (yearOnYear: false), 农村危房改造户数 is. Only the second owes last year's values.
 */
function dataset() {
  const months = Array.from({ length: 10 }, (_, index) => index + 1);
  const values = ['toilets', 'dilapidated']
    .flatMap((indicator) =>
      months.map((month) => `  - { indicator: ${indicator}, year: 2021, month: ${month}, value: 3 }`),
    )
    .join('\n');
  const text = `format: taizhang-dataset/1
organisation: { code: counts, name: 计数区住房和城乡建设局 }
sections:
  - { code: village, name: 村镇建设股 }
indicators:
  - { code: toilets, name: 消除旱厕座数, unit: 座, section: village, kind: flow, frequency: monthly, decimals: 0, yearOnYear: false }
  - { code: dilapidated, name: 农村危房改造户数, unit: 户, section: village, kind: flow, frequency: monthly, decimals: 0 }
targets:
  - { indicator: toilets, year: 2021, amount: 40 }
  - { indicator: dilapidated, year: 2021, amount: 40 }
values:
${values}
`;
  const parsed = parseDataset(new TextEncoder().encode(text), 'counts.yaml');
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => p.message).join('\n'));
  return parsed.dataset;
}

describe.each(testEngines())('completeness of indicators without year-on-year comparison on $name', (engine) => {
  let db: Database;
  let org: OrganisationRow;
  beforeAll(async () => {
    db = await engine.open();
    await writeDataset(db, dataset(), 'test');
    org = await resolveOrganisation(db, 'counts');
  });
  afterAll(async () => {
    await db?.close();
  });

  /** What a gap says, in the fields this slice is about. */
  const owed = (gaps: readonly Gap[]) =>
    gaps.map(({ indicator, sectionName, role, year, periods }) => ({ indicator, sectionName, role, year, periods }));

  it('owes no prior year for an indicator without year-on-year comparison', async () => {
    const { gaps, indicatorCount } = await checkCompleteness(db, org, { year: 2021, through: 10 });
    expect(indicatorCount).toBe(2);
    expect(gaps.filter((gap) => gap.indicator === 'toilets')).toEqual([]);
    // The indicator compared with last year, with the same values, still owes 2020 1－10月.
    expect(owed(gaps)).toEqual([
      {
        indicator: 'dilapidated',
        sectionName: '村镇建设股',
        role: 'prior',
        year: 2020,
        periods: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
      },
    ]);
  });

  it('still owes this year’s missing months for it, and nothing of last year', async () => {
    const { gaps } = await checkCompleteness(db, org, { year: 2021, through: 12 });
    expect(owed(gaps.filter((gap) => gap.indicator === 'toilets'))).toEqual([
      { indicator: 'toilets', sectionName: '村镇建设股', role: 'current', year: 2021, periods: [11, 12] },
    ]);
  });
});

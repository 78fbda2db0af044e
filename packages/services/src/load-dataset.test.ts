import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Dataset } from '@taizhang/core';
import {
  type Database,
  findOrganisation,
  listIndicators,
  listNarratives,
  listTemplates,
  listValues,
} from '@taizhang/db';
import { snapshot, testEngines } from '@taizhang/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_DATASET } from './demo.js';
import { DatasetRejected, loadDatasetFile, readDataset, writeDataset } from './load-dataset.js';
import { resolveOrganisation } from './organisation.js';

let dir: string;
let demoText: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'taizhang-load-'));
  demoText = await readFile(DEMO_DATASET, 'utf8');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Writes a variant of the demo dataset, with `edit` applied to its text. */
async function variant(name: string, edit: (text: string) => string): Promise<string> {
  const file = join(dir, name);
  const edited = edit(demoText);
  expect(edited, `the edit for ${name} must change the file`).not.toBe(demoText);
  await writeFile(file, edited);
  return file;
}

/** A district of its own with what the work summary needs: a short name, a count without 同比, narratives, a template. */
const REPORT_DATASET = `format: taizhang-dataset/1
organisation:
  code: reports-district
  name: 报告区住房和城乡建设局
  shortName: 报告区
sections:
  - { code: planfin, name: 计划财务股 }
  - { code: village, name: 村镇建设股 }
indicators:
  - { code: dry_toilets_removed, name: 消除旱厕座数, unit: 座, section: village, kind: flow, frequency: monthly, decimals: 0, yearOnYear: false }
targets:
  - { indicator: dry_toilets_removed, year: 2021, amount: 120 }
values:
  - { indicator: dry_toilets_removed, year: 2021, month: 1, value: 12 }
narratives:
  - key: integrity_education
    year: 2021
    section: planfin
    title: 廉政教育
    text: |
      全年开展廉政警示教育6次。
  - key: integrity_education
    year: 2021
    through: 10
    section: planfin
    text: 1－{{ through }}月开展廉政警示教育5次。
  - { key: toilets, year: 2021, section: village, text: "1－{{ through }}月消除旱厕{{ 'dry_toilets_removed' | ytd }}座。" }
templates:
  - code: annual_summary
    name: 年度工作总结
    text: |
      # {{ org.short_name }}住房和城乡建设局{{ year }}年工作总结
      {% narrative 'integrity_education' %}
      {% narrative 'toilets' %}
`;

/** Replaces the first occurrence only, so each variant has exactly one fault. */
const once = (from: string, to: string) => (text: string) => text.replace(from, to);

async function rejection(db: Database, file: string): Promise<DatasetRejected> {
  const error = await loadDatasetFile(db, file, 'test').then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DatasetRejected);
  return error as DatasetRejected;
}

describe.each(testEngines())('loading datasets on $name', (engine) => {
  let db: Database;
  beforeAll(async () => {
    db = await engine.open();
  });
  afterAll(async () => {
    await db?.close();
  });

  it('loads the demo dataset, and loading it again changes nothing', async () => {
    const first = await loadDatasetFile(db, DEMO_DATASET, 'test');
    const dataset = await readDataset(DEMO_DATASET);
    expect(first.counts.values).toMatchObject({ inserted: dataset.values.length, updated: 0, unchanged: 0 });
    expect(first.counts.indicators.inserted).toBe(dataset.indicators.length);

    const before = await snapshot(db);
    const second = await loadDatasetFile(db, DEMO_DATASET, 'test');
    expect(second.counts.values).toMatchObject({ inserted: 0, updated: 0, unchanged: dataset.values.length });
    expect(second.counts.sections).toMatchObject({ inserted: 0, updated: 0 });
    expect(await snapshot(db)).toEqual(before);
  });

  it('loads narratives, templates, a short name and a count without 同比, and loading again changes nothing', async () => {
    const file = join(dir, 'reports.yaml');
    await writeFile(file, REPORT_DATASET);
    const first = await loadDatasetFile(db, file, 'test');
    expect(first.counts.narratives).toMatchObject({ inserted: 3, updated: 0, unchanged: 0 });
    expect(first.counts.templates).toMatchObject({ inserted: 1, updated: 0, unchanged: 0 });

    const before = await snapshot(db);
    const second = await loadDatasetFile(db, file, 'test');
    expect(second.counts.narratives).toMatchObject({ inserted: 0, updated: 0, unchanged: 3 });
    expect(second.counts.templates).toMatchObject({ inserted: 0, updated: 0, unchanged: 1 });
    expect(second.counts.organisations).toMatchObject({ unchanged: 1 });
    expect(await snapshot(db)).toEqual(before);

    const org = await resolveOrganisation(db, 'reports-district');
    expect(await findOrganisation(db, 'reports-district')).toMatchObject({ shortName: '报告区' });
    expect((await listIndicators(db, org.id)).map((i) => [i.code, i.yearOnYear])).toEqual([
      ['dry_toilets_removed', false],
    ]);
    expect((await listNarratives(db, org.id, 2021)).map((n) => [n.key, n.through, n.sectionName])).toEqual([
      ['integrity_education', undefined, '计划财务股'],
      ['integrity_education', 10, '计划财务股'],
      ['toilets', undefined, '村镇建设股'],
    ]);
    const [template] = await listTemplates(db, org.id);
    expect(template?.text).toBe(
      "# {{ org.short_name }}住房和城乡建设局{{ year }}年工作总结\n{% narrative 'integrity_education' %}\n{% narrative 'toilets' %}\n",
    );
  });

  it('rewrites a changed narrative in the same transaction as the rest, and refuses a bad one whole', async () => {
    const changed = join(dir, 'reports-changed.yaml');
    await writeFile(changed, REPORT_DATASET.replace('全年开展廉政警示教育6次。', '全年开展廉政警示教育8次。'));
    const summary = await loadDatasetFile(db, changed, 'test');
    expect(summary.counts.narratives).toMatchObject({ inserted: 0, updated: 1, unchanged: 2 });
    expect(summary.counts.values).toMatchObject({ inserted: 0, updated: 0, unchanged: 1 });

    const broken = join(dir, 'reports-broken.yaml');
    await writeFile(
      broken,
      REPORT_DATASET.replace('全年开展廉政警示教育6次。', '全年开展廉政警示教育9次。').replace(
        '{ key: toilets, year: 2021, section: village',
        '{ key: toilets, year: 2021, section: vilage',
      ),
    );
    const before = await snapshot(db);
    const error = await rejection(db, broken);
    expect(error.problems.map((p) => [p.code, p.path])).toEqual([['DATASET_UNKNOWN_SECTION', '/narratives/2/section']]);
    expect(error.problems[0]?.message).toContain('是不是想写 village？');
    expect(await snapshot(db)).toEqual(before);
  });

  it('writes narratives and templates all or nothing with the rest', async () => {
    const dataset = await readDataset(DEMO_DATASET);
    // Bypass validation: an empty template text is refused by the database itself, after everything else.
    const broken: Dataset = {
      ...dataset,
      organisation: { ...dataset.organisation, code: 'half-written-texts' },
      templates: [{ code: 'empty', name: '空模板', text: '' }],
    };
    const before = await snapshot(db);
    await expect(writeDataset(db, broken, 'test')).rejects.toThrow();
    expect(await snapshot(db)).toEqual(before);
  });

  it('updates a changed value in place, bumping its version', async () => {
    const file = await variant('changed.yaml', once('month: 1, value: 1.15', 'month: 1, value: 1.16'));
    const summary = await loadDatasetFile(db, file, 'test');
    expect(summary.counts.values).toMatchObject({ inserted: 0, updated: 1 });
    const org = await resolveOrganisation(db, 'shifanqu');
    const [value] = (await listValues(db, org.id, [2020])).filter(
      (v) => v.indicator === 'fixed_asset_investment' && v.period === 1,
    );
    expect(value).toMatchObject({ value: '1.16', version: 2 });
    await loadDatasetFile(db, DEMO_DATASET, 'test');
  });

  it('reads a bare entry date as Beijing time, whatever the server zone', async () => {
    const org = await resolveOrganisation(db, 'shifanqu');
    const values = await listValues(db, org.id, [2021]);
    const october = values.find((v) => v.indicator === 'fixed_asset_investment' && v.period === 10);
    expect(october?.enteredAt).toBe('2021-11-07T16:00:00Z');
    expect(october?.enteredBy).toBe('李晓梅');
  });

  const malformed: [string, () => Promise<string>, RegExp, RegExp][] = [
    ['a missing file', async () => join(dir, 'no-such-file.yaml'), /^$/, /不存在|找不到/],
    [
      'a binary file',
      async () => {
        const file = join(dir, 'binary.yaml');
        await writeFile(file, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0xff, 0xfe]));
        return file;
      },
      /^$/,
      /文本|二进制/,
    ],
    ['bad syntax', () => variant('syntax.yaml', once('sections:\n', 'sections: [\n')), /.*/, /语法|格式/],
    [
      'a wrong shape',
      () => variant('shape.yaml', once('indicators:\n', 'indicatorz:\n')),
      /.*/,
      /indicators|indicatorz/,
    ],
    [
      'a string where a number belongs',
      () => variant('string.yaml', once('month: 3, value: 1.38', 'month: 3, value: 一点三八')),
      /^\/values\/\d+\/value$/,
      /数/,
    ],
    [
      'an unknown section',
      () => variant('section.yaml', once('section: planfin', 'section: nosuchsection')),
      /^\/indicators\/0\/section$/,
      /nosuchsection/,
    ],
    [
      'a month 13',
      () => variant('month.yaml', once('year: 2021, month: 10', 'year: 2021, month: 13')),
      /^\/values\/\d+\/month$/,
      /13/,
    ],
    [
      'a duplicate code',
      () => variant('duplicate.yaml', once('code: project_registration', 'code: fixed_asset_investment')),
      /^\/indicators\/1\/code$/,
      /fixed_asset_investment/,
    ],
  ];

  it.each(malformed)(
    'refuses %s with the place and reason, leaving the database as it was',
    async (_, make, path, reason) => {
      const file = await make();
      const before = await snapshot(db);
      const error = await rejection(db, file);
      expect(error.problems.length).toBeGreaterThan(0);
      expect(error.problems.some((p) => path.test(p.path) && reason.test(p.message))).toBe(true);
      for (const problem of error.problems) expect(problem.file).toBe(file);
      expect(error.details.join('\n')).not.toMatch(/\n\s+at /);
      expect(await snapshot(db)).toEqual(before);
    },
  );

  it('writes all or nothing: a failure in the last step undoes the first', async () => {
    const dataset = await readDataset(DEMO_DATASET);
    // Bypass validation to make the database itself refuse the very last row.
    const broken: Dataset = {
      ...dataset,
      organisation: { ...dataset.organisation, code: 'half-written' },
      values: [...dataset.values, { ...(dataset.values[0] as Dataset['values'][number]), value: 'not a number' }],
    };
    const before = await snapshot(db);
    await expect(writeDataset(db, broken, 'test')).rejects.toThrow();
    expect(await snapshot(db)).toEqual(before);
  });
});

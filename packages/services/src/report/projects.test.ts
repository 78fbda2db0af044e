import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inlineText, type LedgerDef } from '@taizhang/core';
import { type Database, listLedgerRows, type OrganisationRow } from '@taizhang/db';
import { orgLedgerLookup, testEngines } from '@taizhang/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDatasetFile } from '../load-dataset.js';
import { resolveOrganisation } from '../organisation.js';
import { generateReport } from './generate.js';
import { periodProjects } from './projects.js';

// Three projects of the 2021 plan and one of 2020's, which a 2021 report leaves out.
const DATASET = `format: taizhang-dataset/1
organisation: { code: key-projects, name: 项目区住房和城乡建设局, shortName: 项目区 }
sections:
  - { code: urbanbuild, name: 城市建设股 }
indicators: []
templates:
  - code: work-summary
    name: 年度工作总结
    text: "重点项目{{ 'projects' | project_count }}个，续建{{ 'projects' | project_count: '续建' }}个，{% project_sentences '续建' %}新建{{ 'projects' | project_count: '新建' }}个，{% project_sentences '新建' %}"
ledgers:
  projects:
    - ref: XM-2020-01
      section: urbanbuild
      name: 旧城改造项目
      category: 新建
      plannedYear: 2020
    - ref: XM-2021-01
      section: urbanbuild
      name: 安厦·盛水湾财富中心
      category: 续建
      plannedYear: 2021
      plannedInvestment: 86000.50
      milestones:
        - { stage: 地下室, status: 已完成, doneAt: 2021-07-12 }
        - { stage: 主体施工, status: 进行中 }
        - { stage: 主体完工, status: 计划, plannedAt: 2022-10-31 }
    - ref: XM-2021-02
      section: urbanbuild
      name: 龙翔路东段
      category: 新建
      plannedYear: 2021
      milestones:
        - { stage: 开工, status: 已完成, plannedAt: 2021-09-30, doneAt: 2021-09-18 }
      facts: { length: 2.4 }
      progressText: "{{ project.name }}于{{ project.done['开工'].month }}月{{ project.done['开工'].day }}日已开工建设，全长{{ project.facts.length }}公里。"
    - ref: XM-2021-03
      section: urbanbuild
      name: 龙海路建设项目
      category: 新建
      plannedYear: 2021
      milestones:
        - { stage: 可研, status: 已完成, doneAt: 2021-03-15 }
        - { stage: 环评, status: 已完成, doneAt: 2021-04-20 }
      doneSuffix: 等前期手续报批
`;

let dir: string;
let file: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'taizhang-projects-'));
  file = join(dir, 'projects.yaml');
  await writeFile(file, DATASET);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe.each(testEngines())('key projects on $name', (engine) => {
  let ledgerOf: (code: string) => LedgerDef;
  let db: Database;
  let org: OrganisationRow;
  beforeAll(async () => {
    db = await engine.open();
    await loadDatasetFile(db, file, '载入员');
    org = await resolveOrganisation(db, 'key-projects');
    ledgerOf = await orgLedgerLookup(db, org.id);
  });
  afterAll(async () => {
    await db?.close();
  });

  it('keeps milestones and facts whole in jsonb, and a reload changes nothing', async () => {
    const [stored] = await listLedgerRows(db, org.id, ledgerOf('projects'), {
      limit: 10,
      offset: 0,
      orderBy: 'ref',
    });
    expect(stored).toMatchObject({ ref: 'XM-2020-01', milestones: null, facts: null });
    const rows = await listLedgerRows(db, org.id, ledgerOf('projects'), { limit: 10, offset: 0 });
    expect(rows[1]).toMatchObject({
      plannedInvestment: '86000.50',
      plannedYear: 2021,
      milestones: [
        { stage: '地下室', status: '已完成', doneAt: '2021-07-12' },
        { stage: '主体施工', status: '进行中' },
        { stage: '主体完工', status: '计划', plannedAt: '2022-10-31' },
      ],
    });
    expect(rows[2]?.facts).toEqual({ length: 2.4 });
    await loadDatasetFile(db, file, '载入员');
    const again = await listLedgerRows(db, org.id, ledgerOf('projects'), { limit: 10, offset: 0 });
    expect(again.map((row) => row.version)).toEqual([1, 1, 1, 1]);
  });

  it('finds a project by a stage of its milestones or that stage’s status, and a row without any', async () => {
    const search = async (text: string) =>
      (
        await listLedgerRows(db, org.id, ledgerOf('projects'), { search: text, limit: 10, offset: 0, orderBy: 'ref' })
      ).map((row) => row.ref);
    expect(await search('主体完工')).toEqual(['XM-2021-01']);
    expect(await search('环评')).toEqual(['XM-2021-03']);
    expect(await search('进行中')).toEqual(['XM-2021-01']);
    // a project without milestones is still found by its ref
    expect(await search('XM-2020')).toEqual(['XM-2020-01']);
  });

  it('gives a report the projects of its year, in ledger order', async () => {
    const projects = await periodProjects(db, org.id, { year: 2021, through: 10 });
    expect(projects.map((p) => [p.ref, p.category])).toEqual([
      ['XM-2021-01', '续建'],
      ['XM-2021-02', '新建'],
      ['XM-2021-03', '新建'],
    ]);
  });

  it('counts them by category, with the projects as provenance, and prints their sentences', async () => {
    const doc = await generateReport(db, org, { year: 2021, through: 10 });
    const text = doc.blocks.map((b) => (b.kind === 'closing' ? '' : inlineText(b.inlines))).join('');
    expect(text).toContain(
      '重点项目3个，续建1个，安厦·盛水湾财富中心已完成地下室施工建设，正在进行主体施工，计划2022年10月底主体完成。' +
        '新建2个，龙翔路东段于9月18日已开工建设，全长2.4公里。龙海路建设项目已完成可行性研究报告、项目环保等前期手续报批。',
    );
    const counts = doc.provenance.filter((p) => p.indicator.code === 'projects');
    expect(counts.map((p) => [p.text, p.ledgerRows])).toEqual([
      ['3', { ledger: 'projects', refs: ['XM-2021-01', 'XM-2021-02', 'XM-2021-03'], total: 3 }],
      ['1', { ledger: 'projects', refs: ['XM-2021-01'], total: 1 }],
      ['2', { ledger: 'projects', refs: ['XM-2021-02', 'XM-2021-03'], total: 2 }],
    ]);
  });
});

import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { LedgerDef, ReportDocument } from '@taizhang/core';
import { type Database, findOrganisation, type OrganisationRow } from '@taizhang/db';
import { inGenerated, orgLedgerLookup, testEngines } from '@taizhang/db/testing';
import { renderHtml, renderMarkdown } from '@taizhang/render';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCompleteness } from '../completeness.js';
import { recreateDemo } from '../demo.js';
import { UserError } from '../user-error.js';
import { generateReport } from './generate.js';
import { periodRankings } from './rankings.js';
import { seedPattern, seedSentences } from './seed.test-helpers.js';
import { assertComplete } from './strict.js';

/**
 * The bureau's 2021 work summary with its figures blanked, which the demo report must reproduce.
 * A copy is committed beside this test; TAIZHANG_SEED names another copy to check against
 * (`.ci/run` passes the shared original when there is one).
 */
const SEED_FILE =
  process.env.TAIZHANG_SEED ?? fileURLToPath(new URL('./fixtures/seed-work-summary-2021.txt', import.meta.url));

async function seedText(): Promise<string> {
  return readFile(SEED_FILE, 'utf8');
}

/** Outputs per engine, to prove PGlite and PostgreSQL give byte-identical reports. */
const outputs = new Map<string, { md: string; html: string }>();

describe.each(testEngines())('the demo report on $name', (engine) => {
  let db: Database;
  let org: OrganisationRow;
  let doc: ReportDocument;
  let md: string;
  let ledgerOf: (code: string) => LedgerDef;

  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(`${tmpdir()}/taizhang-report-`);
    db = await engine.open();
    await recreateDemo(db, 'test');
    org = (await findOrganisation(db, 'shifanqu')) as OrganisationRow;
    ledgerOf = await orgLedgerLookup(db, org.id);
    doc = await generateReport(db, org, { year: 2021, through: 10 });
    md = renderMarkdown(doc);
    outputs.set(engine.name, { md, html: renderHtml(doc) });
  });
  afterAll(async () => {
    await db?.close();
  });

  it('reproduces the seed sentence for sentence, every blank filled from data', async () => {
    const sentences = seedSentences(await seedText());
    expect(sentences.length).toBeGreaterThan(70);
    const unmatched = sentences.filter((sentence) => !seedPattern(sentence).test(md));
    expect(unmatched).toEqual([]);
  });

  it('fills every blank with a figure traced to its rows, and owes nothing', () => {
    expect(doc.missing).toEqual([]);
    expect(doc.provenance.length).toBeGreaterThan(80);
    // Each figure names the value rows or ledger rows it is computed from, or the target it restates.
    for (const figure of doc.provenance) {
      const traced = figure.sources.length > 0 || (figure.ledgerRows?.total ?? 0) > 0 || figure.target !== undefined;
      expect(traced, `${figure.indicator.code} ${figure.measure}`).toBe(true);
    }
    const handled = doc.provenance.find((p) => p.indicator.code === 'complaints_handled');
    expect(handled?.ledgerRows).toMatchObject({ ledger: 'complaints', total: 347 });
    expect(handled?.ledgerRows?.refs).toHaveLength(200);
    expect(md).not.toMatch(/XX|【/);
    expect(md).toContain(
      '一是全年固定资产投资目标任务36.00亿元，1－10月已完成投资29.02亿元，占全年目标的80.6％，预计年底能够完成全年目标任务。',
    );
  });

  it('derives its figures from ledger rows: changing a row changes exactly what depends on it', async () => {
    const sentence = async (marker: string) => {
      const text = renderMarkdown(await generateReport(db, org, { year: 2021, through: 10 }));
      return text.split('。').find((s) => s.includes(marker)) ?? '';
    };
    expect(await sentence('办结')).toContain('已办结5件，另外2件预计12月20日前办结');
    const before = renderMarkdown(await generateReport(db, org, { year: 2021, through: 10 }));

    // Closing a complaint changes no figure: the report counts complaints received.
    await db.transaction('test', (tx) =>
      tx.query(
        inGenerated(
          ledgerOf,
          `update ledger_complaints set replied_at = received_at + interval '1 day', closed_at = received_at + interval '2 days'
         where org_id = $1 and closed_at is null and ref = (select min(ref) from ledger_complaints where org_id = $1 and closed_at is null)`,
        ),
        [org.id],
      ),
    );
    expect(renderMarkdown(await generateReport(db, org, { year: 2021, through: 10 }))).toBe(before);

    // Completing a commitment in November changes nothing in the 1－10月 report: a past
    // period's figures are judged as of its end, so the report is the same whenever it is written.
    await db.transaction('test', (tx) =>
      tx.query(
        inGenerated(
          ledgerOf,
          `update ledger_commitments set done_at = '2021-11-05' where org_id = $1 and ref = 'BSS-2021-07'`,
        ),
        [org.id],
      ),
    );
    expect(renderMarkdown(await generateReport(db, org, { year: 2021, through: 10 }))).toBe(before);

    // Completing a commitment moves one from remaining to done, and nothing else.
    await db.transaction('test', (tx) =>
      tx.query(
        inGenerated(
          ledgerOf,
          `update ledger_commitments set done_at = '2021-10-30' where org_id = $1 and ref = 'BSS-2021-06'`,
        ),
        [org.id],
      ),
    );
    const after = renderMarkdown(await generateReport(db, org, { year: 2021, through: 10 }));
    // …and the latest due date of those still open moves from BSS-2021-06's to BSS-2021-07's.
    expect(await sentence('办结')).toContain('已办结6件，另外1件预计12月15日前办结');
    const changed = after.split('\n').filter((line, i) => line !== before.split('\n')[i]);
    expect(changed).toHaveLength(1);

    // A complaint received in October adds one to 1－10月; one received in November does not.
    for (const [ref, at] of [
      ['12345-2021-900001', '2021-10-31T23:30:00+08:00'],
      ['12345-2021-900002', '2021-11-01T00:10:00+08:00'],
    ]) {
      await db.transaction('test', (tx) =>
        tx.query(
          inGenerated(
            ledgerOf,
            `insert into ledger_complaints (org_id, ref, section_id, channel, received_at, category, summary)
           select $1, $2, id, '12345热线', $3::timestamptz, '物业管理', '新增投诉' from sections where org_id = $1 and code = 'office'`,
          ),
          [org.id, ref, at],
        ),
      );
    }
    expect(await sentence('群众投诉信件')).toContain('共计办理群众投诉信件348件');

    // Moving a milestone's planned date rewrites that project's generated sentence, and nothing else.
    const beforeMilestone = renderMarkdown(await generateReport(db, org, { year: 2021, through: 10 }));
    expect(await sentence('安厦')).toContain('计划2022年10月底主体完成');
    await db.transaction('test', (tx) =>
      tx.query(
        inGenerated(
          ledgerOf,
          `update ledger_projects set milestones = replace(milestones::text, '2022-10-31', '2022-09-30')::jsonb
         where org_id = $1 and ref = 'ZDXM-2021-01'`,
        ),
        [org.id],
      ),
    );
    const afterMilestone = renderMarkdown(await generateReport(db, org, { year: 2021, through: 10 }));
    expect(await sentence('安厦')).toContain('计划2022年9月底主体完成');
    expect(afterMilestone.replace('2022年9月底', '2022年10月底')).toBe(beforeMilestone);

    // Recategorising twenty complaints changes which problems the sentence names.
    expect(await sentence('群众投诉信件')).toContain('主要涉及物业管理、供水保障、拖欠民工工资等问题');
    await db.transaction('test', (tx) =>
      tx.query(
        inGenerated(
          ledgerOf,
          `update ledger_complaints set category = '房屋质量'
         where org_id = $1 and ref in (select ref from ledger_complaints where org_id = $1 and category = '物业管理' order by ref limit 20)`,
        ),
        [org.id],
      ),
    );
    expect(await sentence('群众投诉信件')).toContain('主要涉及物业管理、供水保障、房屋质量等问题');

    // A sixth township listed for batch 2 adds its households; its listing date places it in time.
    const beforeBatch = renderMarkdown(await generateReport(db, org, { year: 2021, through: 10 }));
    expect(await sentence('第二批')).toContain('第二批280户准备下达');
    await db.transaction('test', (tx) =>
      tx.query(
        inGenerated(
          ledgerOf,
          `insert into ledger_seismic_retrofits (org_id, ref, section_id, batch, township, households, status, listed_at)
         select $1, 'NFKZ-2021-2-06', id, 2, '星乐镇', 31, '待下达', '2021-10-29' from sections where org_id = $1 and code = 'villages'`,
        ),
        [org.id],
      ),
    );
    const afterBatch = renderMarkdown(await generateReport(db, org, { year: 2021, through: 10 }));
    expect(await sentence('第二批')).toContain('第二批311户准备下达');
    expect(afterBatch.replace('第二批311户', '第二批280户')).toBe(beforeBatch);

    // Moving 东郡明珠's planned pre-acceptance to December rewrites that month, and nothing else.
    expect(await sentence('东郡明珠')).toContain('计划11月底进行工程预验收');
    await db.transaction('test', (tx) =>
      tx.query(
        inGenerated(
          ledgerOf,
          `update ledger_stalled_projects set planned_pre_acceptance = '2021-12-05' where org_id = $1 and name = '东郡明珠二标段项目'`,
        ),
        [org.id],
      ),
    );
    expect(await sentence('东郡明珠')).toContain('计划12月底进行工程预验收，12月中旬竣工验收');

    // Another 20 亩 restored raises the restored area, its share, the area over plan and the points gained.
    expect(await sentence('复耕')).toContain(
      '累计复耕1238.75亩，复耕比例为占耕面积1256.38亩的98.6％，超上报自然资源部计划复耕面积66.75亩，提升复耕比例5.3个百分点',
    );
    await db.transaction('test', (tx) =>
      tx.query(
        inGenerated(
          ledgerOf,
          `insert into ledger_rectification (org_id, ref, section_id, item, quantity, unit, done_at)
         select $1, 'LHZG-TEST-01', id, '复耕', 17.63, '亩', '2021-10-15' from sections where org_id = $1 and code = 'urbanbuild'`,
        ),
        [org.id],
      ),
    );
    // 1256.38 of 1256.38 = 100.0％; 84.38 over 1172.00; 84.38 ÷ 1256.38 = 6.7 points
    expect(await sentence('复耕')).toContain(
      '累计复耕1256.38亩，复耕比例为占耕面积1256.38亩的100.0％，超上报自然资源部计划复耕面积84.38亩，提升复耕比例6.7个百分点',
    );
    await recreateDemo(db, 'test');
    org = (await findOrganisation(db, 'shifanqu')) as OrganisationRow;
    ledgerOf = await orgLedgerLookup(db, org.id);
  });

  it('gives the response and closure rates of complaints from the rows', async () => {
    const template = `${dir}/rates.liquid`;
    await writeFile(
      template,
      "答复率{{ 'complaints_replied' | rate: 'complaints_handled' }}％，办结率{{ 'complaints_closed' | rate: 'complaints_handled' }}％\n",
    );
    const counts = await db.query<{ replied: number; closed: number }>(
      inGenerated(
        ledgerOf,
        `select count(*) filter (where replied_at is not null)::int as replied, count(*) filter (where closed_at is not null)::int as closed
         from ledger_complaints where org_id = $1 and received_at < '2021-11-01T00:00:00+08:00' and received_at >= '2021-01-01T00:00:00+08:00'`,
      ),
      [org.id],
    );
    const { replied, closed } = counts[0] as { replied: number; closed: number };
    expect(replied).toBeGreaterThan(closed);
    const rate = (n: number) => ((n / 347) * 100).toFixed(1);
    const text = renderMarkdown(await generateReport(db, org, { year: 2021, through: 10 }, { templateFile: template }));
    expect(text.trim()).toBe(`答复率${rate(replied)}％，办结率${rate(closed)}％`);
  });

  it('ranks complaint categories from the rows of the period', async () => {
    const text = "{{ 'complaints' | top: 'category' }}";
    const [categories] = await periodRankings(db, org.id, { year: 2021, through: 10 }, text);
    expect(categories?.entries.slice(0, 3)).toEqual([
      { value: '物业管理', count: 121 },
      { value: '供水保障', count: 72 },
      { value: '拖欠民工工资', count: 56 },
    ]);
    expect(categories?.entries.reduce((sum, e) => sum + e.count, 0)).toBe(347);
    const [january] = await periodRankings(db, org.id, { year: 2021, through: 1 }, text);
    // A ledger read by no date, or a field it lacks, is not ranked: the template's filter says so.
    expect(await periodRankings(db, org.id, { year: 2021, through: 10 }, "{{ 'projects' | top: 'category' }}")).toEqual(
      [],
    );
    expect(
      await periodRankings(db, org.id, { year: 2021, through: 10 }, "{{ 'complaints' | top: 'nothing' }}"),
    ).toEqual([]);
    expect(january?.entries.reduce((sum, e) => sum + e.count, 0)).toBe(22);
  });

  it('says so when investment lags its target, instead of 预计年底能够完成', async () => {
    await db.transaction('test', (tx) =>
      tx.query(
        `update indicator_values set value = value / 2
         where org_id = $1 and year = 2021 and indicator_id = (select id from indicators where org_id = $1 and code = 'fixed_asset_investment')`,
        [org.id],
      ),
    );
    const lagging = renderMarkdown(await generateReport(db, org, { year: 2021, through: 10 }));
    const sentence = lagging.split('。').find((s) => s.includes('全年固定资产投资目标任务')) ?? '';
    expect(sentence).toContain('预计年底完成');
    expect(sentence).toContain('较全年目标少');
    expect(sentence).not.toContain('能够完成');
    await recreateDemo(db, 'test');
    org = (await findOrganisation(db, 'shifanqu')) as OrganisationRow;
    ledgerOf = await orgLedgerLookup(db, org.id);
  });

  it('marks a removed value, lists it in check, and refuses it in strict mode', async () => {
    await db.transaction('test', (tx) =>
      tx.query(
        `delete from indicator_values
         where org_id = $1 and year = 2021 and period = 10
           and indicator_id = (select id from indicators where org_id = $1 and code = 'fixed_asset_investment')`,
        [org.id],
      ),
    );
    const draft = await generateReport(db, org, { year: 2021, through: 10 });
    expect(renderMarkdown(draft)).toContain('【待填：固定资产投资 1－10月（计划财务股）】');
    const check = await checkCompleteness(db, org, { year: 2021, through: 10 });
    expect(check.gaps).toEqual([
      expect.objectContaining({ indicator: 'fixed_asset_investment', periods: [10], sectionName: '计划财务股' }),
    ]);
    expect(check.report?.map((m) => m.text)).toContain('【待填：固定资产投资 1－10月（计划财务股）】');
    expect(() => assertComplete(draft)).toThrow(UserError);
    try {
      assertComplete(draft);
    } catch (error) {
      expect((error as UserError).details.join('\n')).toContain('【待填：固定资产投资 1－10月（计划财务股）】');
    }
    await recreateDemo(db, 'test');
  });
});

describe('the demo report across engines', () => {
  it('is byte-identical in Markdown and HTML on every engine', () => {
    const all = [...outputs.values()];
    expect(all.length).toBe(testEngines().length);
    for (const output of all) {
      expect(output.md).toBe(all[0]?.md);
      expect(output.html).toBe(all[0]?.html);
    }
  });
});

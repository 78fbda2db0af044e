import type { IndicatorDef, Narrative, Organisation, ReportTemplate } from '@taizhang/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, Queryable } from '../database.js';
import { snapshot, testEngines } from '../testing.js';
import { listIndicators, upsertIndicators } from './indicators.js';
import { listNarratives, upsertNarratives } from './narratives.js';
import { deleteOrganisation, findOrganisation, upsertOrganisation } from './organisations.js';
import { upsertSections } from './sections.js';
import { findTemplate, listTemplates, upsertTemplates } from './templates.js';
import { UpsertCount } from './upsert-count.js';

// What the work summary needs beside the figures (migration 0002): the short name, indicators
// without year-on-year comparison, narrative blocks (叙述) and report templates (报告模板).

const SECTIONS = [
  { code: 'plan', name: '计划股' },
  { code: 'village', name: '村镇建设股' },
];

const NARRATIVES: Narrative[] = [
  { key: 'integrity', year: 2021, section: 'plan', title: '廉政教育', text: '全年开展廉政教育6次。\n' },
  { key: 'integrity', year: 2021, through: 10, section: 'plan', text: "1－{{ through }}月{{ 'fai' | ytd }}" },
  { key: 'toilets', year: 2021, section: 'village', text: '完成农村改厕。' },
  { key: 'integrity', year: 2022, section: 'plan', text: '次年' },
];

const TEMPLATES: ReportTemplate[] = [
  { code: 'annual', name: '年度工作总结', text: "# {{ org.short_name }}工作总结\n{% narrative 'integrity' %}\n" },
  { code: 'half-year', name: '半年工作总结', text: '# 半年' },
];

const TOILETS: IndicatorDef = {
  code: 'toilets',
  name: '消除旱厕座数',
  unit: '座',
  section: 'village',
  kind: 'flow',
  frequency: 'monthly',
  decimals: 0,
  timeProgress: 'linear',
  redThreshold: '10',
  yearOnYear: false,
};

describe.each(testEngines())('narratives, templates, short names and year-on-year on $name', (engine) => {
  let db: Database;
  beforeAll(async () => {
    db = await engine.open();
  });
  afterAll(async () => {
    await db?.close();
  });

  const org = (code: string, shortName?: string): Organisation => ({
    code,
    name: `${code} 住房和城乡建设局`,
    level: 'district',
    shortName,
  });

  /** The organisation and its sections, then `work` with its id, in one transaction. */
  async function withOrg<T>(code: string, actor: string, work: (tx: Queryable, id: string) => Promise<T>): Promise<T> {
    return db.transaction(actor, async (tx) => {
      const id = await upsertOrganisation(tx, org(code), new UpsertCount());
      await upsertSections(tx, id, SECTIONS, new UpsertCount());
      return work(tx, id);
    });
  }

  it('has migration 0002 applied: the new tables are empty and snapshotted', async () => {
    const applied = await db.query<{ version: string }>('select version from schema_migrations order by version');
    expect(applied.map((row) => row.version)).toContain('0002_reports');
    const tables = await snapshot(db);
    expect(tables.narratives).toEqual([]);
    expect(tables.report_templates).toEqual([]);
  });

  it('keeps a short name, leaves it alone when unchanged, and clears it when left out', async () => {
    const counts = [new UpsertCount(), new UpsertCount(), new UpsertCount()];
    await db.transaction('test', (tx) => upsertOrganisation(tx, org('short', '示范区'), counts[0] as UpsertCount));
    expect(await findOrganisation(db, 'short')).toMatchObject({ code: 'short', shortName: '示范区' });
    const before = await snapshot(db);
    await db.transaction('test', (tx) => upsertOrganisation(tx, org('short', '示范区'), counts[1] as UpsertCount));
    expect(await snapshot(db)).toEqual(before);
    await db.transaction('test', (tx) => upsertOrganisation(tx, org('short'), counts[2] as UpsertCount));
    expect(await findOrganisation(db, 'short')).toMatchObject({ shortName: null });
    expect(counts.map((c) => [c.inserted, c.updated, c.unchanged])).toEqual([
      [1, 0, 0],
      [0, 0, 1],
      [0, 1, 0],
    ]);
  });

  it('a parent city named in passing keeps the short name it was loaded with', async () => {
    await db.transaction('test', async (tx) => {
      await upsertOrganisation(
        tx,
        { code: 'city', name: '示范市住房和城乡建设局', level: 'city', shortName: '示范市' },
        new UpsertCount(),
      );
      await upsertOrganisation(tx, { ...org('district'), parent: { code: 'city', name: '示范市' } }, new UpsertCount());
    });
    expect(await findOrganisation(db, 'city')).toMatchObject({ name: '示范市住房和城乡建设局', shortName: '示范市' });
    expect(await findOrganisation(db, 'district')).toMatchObject({ parentCode: 'city', shortName: null });
  });

  it('stores whether an indicator is compared with last year, and a flip is an update', async () => {
    const first = new UpsertCount();
    const again = new UpsertCount();
    const flipped = new UpsertCount();
    const id = await withOrg('yoy', 'test', async (tx, orgId) => {
      await upsertIndicators(tx, orgId, [TOILETS, { ...TOILETS, code: 'fai', yearOnYear: true }], first);
      return orgId;
    });
    expect((await listIndicators(db, id)).map((i) => [i.code, i.yearOnYear])).toEqual([
      ['toilets', false],
      ['fai', true],
    ]);
    const before = await snapshot(db);
    await db.transaction('test', (tx) => upsertIndicators(tx, id, [TOILETS], again));
    expect(await snapshot(db)).toEqual(before);
    await db.transaction('test', (tx) => upsertIndicators(tx, id, [{ ...TOILETS, yearOnYear: true }], flipped));
    expect((await listIndicators(db, id))[0]).toMatchObject({ code: 'toilets', yearOnYear: true });
    expect([first.inserted, again.unchanged, flipped.updated]).toEqual([2, 1, 1]);
    // An indicator written before 0002 (without the column) is compared with last year.
    const [defaulted] = await db.query<{ yoy: boolean }>(
      `select column_default = 'true' as yoy from information_schema.columns
       where table_name = 'indicators' and column_name = 'year_on_year'`,
    );
    expect(defaulted?.yoy).toBe(true);
  });

  it('upserts narratives by (key, year, through): a second identical load changes nothing', async () => {
    const first = new UpsertCount();
    const second = new UpsertCount();
    const id = await withOrg('narrated', 'test', async (tx, orgId) => {
      await upsertNarratives(tx, orgId, NARRATIVES, first);
      return orgId;
    });
    expect(first).toMatchObject({ inserted: 4, updated: 0, unchanged: 0 });
    const before = await snapshot(db);
    await withOrg('narrated', 'test', (tx, orgId) => upsertNarratives(tx, orgId, NARRATIVES, second));
    expect(second).toMatchObject({ inserted: 0, updated: 0, unchanged: 4 });
    // A whole-year block (through null) is found again by its key: no second row, no new version.
    expect(await snapshot(db)).toEqual(before);

    const listed = await listNarratives(db, id, 2021);
    expect(
      listed.map(({ key, through, section, sectionName, title, version }) => ({
        key,
        through,
        section,
        sectionName,
        title,
        version,
      })),
    ).toEqual([
      { key: 'integrity', through: undefined, section: 'plan', sectionName: '计划股', title: '廉政教育', version: 1 },
      { key: 'integrity', through: 10, section: 'plan', sectionName: '计划股', title: undefined, version: 1 },
      {
        key: 'toilets',
        through: undefined,
        section: 'village',
        sectionName: '村镇建设股',
        title: undefined,
        version: 1,
      },
    ]);
    expect(listed[0]).not.toHaveProperty('through');
    expect(listed[0]?.text).toBe('全年开展廉政教育6次。\n');
    expect(listed[1]?.text).toBe("1－{{ through }}月{{ 'fai' | ytd }}");
    expect((await listNarratives(db, id, 2022)).map((n) => n.text)).toEqual(['次年']);
    expect(await listNarratives(db, id, 2020)).toEqual([]);
  });

  it('updates a changed narrative in place, bumping its version, and audits it', async () => {
    const count = new UpsertCount();
    const changed = NARRATIVES.map((n) =>
      n.key === 'integrity' && n.year === 2021 && n.through === undefined
        ? { ...n, section: 'village', title: undefined, text: '全年开展廉政教育8次。' }
        : n,
    );
    const id = await withOrg('narrated', '张三', (tx, orgId) =>
      upsertNarratives(tx, orgId, changed, count).then(() => orgId),
    );
    expect(count).toMatchObject({ inserted: 0, updated: 1, unchanged: 3 });
    const [whole] = await listNarratives(db, id, 2021);
    expect(whole).toMatchObject({ key: 'integrity', section: 'village', text: '全年开展廉政教育8次。', version: 2 });
    expect(whole).not.toHaveProperty('title');
    const trail = await db.query<{ actor: string; action: string; before: string | null; after: string | null }>(
      `select actor, action, before->>'text' as before, after->>'text' as after from audit_log
       where org_id = $1 and table_name = 'narratives' order by id`,
      [id],
    );
    expect(trail.filter((row) => row.action === 'insert')).toHaveLength(4);
    expect(trail.filter((row) => row.action === 'update')).toEqual([
      { actor: '张三', action: 'update', before: '全年开展廉政教育6次。\n', after: '全年开展廉政教育8次。' },
    ]);
  });

  it('refuses a second whole-year block of one key and year even when written directly', async () => {
    const [org] = await db.query<{ id: string }>("select id::text as id from organisations where code = 'narrated'");
    await expect(
      db.transaction('test', (tx) =>
        tx.query(
          `insert into narratives (org_id, key, year, section_id, text)
           select $1, 'toilets', 2021, id, '又一条' from sections where org_id = $1 and code = 'village'`,
          [org?.id],
        ),
      ),
    ).rejects.toThrow(/narratives_by_key|duplicate|unique/i);
  });

  it('upserts templates by code, finds one, and a second identical load changes nothing', async () => {
    const first = new UpsertCount();
    const second = new UpsertCount();
    const edited = new UpsertCount();
    const id = await withOrg('templated', 'test', (tx, orgId) =>
      upsertTemplates(tx, orgId, TEMPLATES, first).then(() => orgId),
    );
    expect(first).toMatchObject({ inserted: 2, updated: 0, unchanged: 0 });
    const before = await snapshot(db);
    await withOrg('templated', 'test', (tx, orgId) => upsertTemplates(tx, orgId, TEMPLATES, second));
    expect(second).toMatchObject({ inserted: 0, updated: 0, unchanged: 2 });
    expect(await snapshot(db)).toEqual(before);

    expect((await listTemplates(db, id)).map((t) => [t.code, t.name, t.version])).toEqual([
      ['annual', '年度工作总结', 1],
      ['half-year', '半年工作总结', 1],
    ]);
    expect(await findTemplate(db, id, 'annual')).toMatchObject({ code: 'annual', text: TEMPLATES[0]?.text });
    expect(await findTemplate(db, id, 'nosuch')).toBeUndefined();

    await withOrg('templated', '李四', (tx, orgId) =>
      upsertTemplates(tx, orgId, [{ code: 'annual', name: '年度工作总结（修改稿）', text: '# 新' }], edited),
    );
    expect(edited).toMatchObject({ inserted: 0, updated: 1, unchanged: 0 });
    expect(await findTemplate(db, id, 'annual')).toMatchObject({
      name: '年度工作总结（修改稿）',
      text: '# 新',
      version: 2,
    });
    const trail = await db.query<{ actor: string; action: string; after: string }>(
      `select actor, action, after->>'name' as after from audit_log
       where org_id = $1 and table_name = 'report_templates' order by id`,
      [id],
    );
    expect(trail.map((row) => [row.actor, row.action, row.after])).toEqual([
      ['test', 'insert', '年度工作总结'],
      ['test', 'insert', '半年工作总结'],
      ['李四', 'update', '年度工作总结（修改稿）'],
    ]);
  });

  it('keeps tenants apart: one organisation never sees another one’s narratives or templates', async () => {
    const other = await withOrg('other', 'test', (_, orgId) => Promise.resolve(orgId));
    expect(await listNarratives(db, other, 2021)).toEqual([]);
    expect(await listTemplates(db, other)).toEqual([]);
    expect(await findTemplate(db, other, 'annual')).toBeUndefined();
  });

  it('removing an organisation removes its narratives and templates, and the trail records it', async () => {
    await db.transaction('王五', (tx) => deleteOrganisation(tx, 'narrated'));
    await db.transaction('王五', (tx) => deleteOrganisation(tx, 'templated'));
    const left = await db.query<{ n: number }>(
      'select (select count(*) from narratives)::int + (select count(*) from report_templates)::int as n',
    );
    expect(left[0]?.n).toBe(0);
    const deletions = await db.query<{ actor: string; n: number }>(
      `select actor, count(*)::int as n from audit_log
       where action = 'delete' and table_name in ('narratives', 'report_templates') group by actor`,
    );
    expect(deletions).toEqual([{ actor: '王五', n: NARRATIVES.length + TEMPLATES.length }]);
  });
});

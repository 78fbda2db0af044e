// Benchmark: a report whose figures are derived from a large ledger.
//
// A synthetic district with 50,000 complaints, 20,000 supervision registrations and 200 key
// projects over 2017–2021, and twelve indicators derived from them (all complaints and one per category,
// counted by month; registrations and their building area per kind), rendered through a
// template that prints each one's 1－10月 figure and its growth, and the year's projects
// counted by category, each with its sentence generated from its milestones.
// Baseline, measured in the same run on the same database: the raw aggregate queries that
// give the same numbers (complaints per category and month, registrations and area per
// kind and month, for the two years; the year's projects with their milestones).
// PGlite in memory, and PostgreSQL too when DATABASE_URL is set. p50 of 20 runs after
// 3 warm-up runs.
import { LEDGER_CODES } from '@taizhang/core';
import { findOrganisation } from '@taizhang/db';
import { inGenerated, orgLedgerLookup } from '@taizhang/db/testing';
import { renderMarkdown } from '@taizhang/render';
import { generateReport, writeDataset } from '@taizhang/services';
import { eachEngine, p50, printTable, sequence } from './measure.mjs';

const YEARS = [2017, 2018, 2019, 2020, 2021];
const PER_YEAR = 10_000;
const REGISTRATIONS_PER_YEAR = 4_000;
const KINDS = ['安全监督', '质量监督', '竣工验收备案', '消防验收'];
const CATEGORIES = ['物业管理', '供水保障', '拖欠民工工资', '房屋质量', '违法建设', '燃气安全', '其他'];
const PERIOD = { year: 2021, through: 10 };

function dataset() {
  const random = sequence(50_000);
  const pad = (n) => String(n).padStart(2, '0');
  const complaints = [];
  for (const year of YEARS) {
    for (let i = 0; i < PER_YEAR; i++) {
      const month = 1 + Math.floor(random() * 12);
      const day = 1 + Math.floor(random() * 28);
      const hour = 8 + Math.floor(random() * 10);
      const category = CATEGORIES[Math.floor(random() ** 1.5 * CATEGORIES.length)];
      complaints.push({
        ref: `${year}-${String(i).padStart(6, '0')}`,
        section: 'office',
        channel: '12345热线',
        receivedAt: `${year}-${pad(month)}-${pad(day)}T${pad(hour)}:00:00+08:00`,
        category,
        summary: '投诉',
      });
    }
  }
  const supervision = [];
  for (const year of YEARS) {
    for (let i = 0; i < REGISTRATIONS_PER_YEAR; i++) {
      const month = 1 + Math.floor(random() * 12);
      const day = 1 + Math.floor(random() * 28);
      supervision.push({
        ref: `JD-${year}-${String(i).padStart(5, '0')}`,
        section: 'office',
        kind: KINDS[i % KINDS.length],
        projectName: `项目${i}`,
        buildingArea: (random() * 5).toFixed(2),
        registeredAt: `${year}-${pad(month)}-${pad(day)}`,
      });
    }
  }
  // 200 key projects, 40 in each year's plan, with their milestones.
  const categories = ['续建', '新建', '前期'];
  const stages = ['可研', '环评', '水保', '选址意见书', '开工', '地下室', '主体施工', '主体完工'];
  const projects = [];
  for (const year of YEARS) {
    for (let i = 0; i < 40; i++) {
      const done = Math.floor(random() * stages.length);
      const milestones = stages.map((stage, k) => {
        const month = 1 + ((k + i) % 10);
        if (k < done) return { stage, status: '已完成', doneAt: `${year}-${pad(month)}-15` };
        if (k === done) return { stage, status: '进行中' };
        return { stage, status: '计划', plannedAt: `${year + 1}-${pad(month)}-28` };
      });
      projects.push({
        ref: `XM-${year}-${pad(i)}`,
        section: 'office',
        name: `第${i + 1}号重点项目`,
        category: categories[i % categories.length],
        plannedYear: year,
        milestones,
      });
    }
  }
  const derived = (code, name, where, spec = { ledger: 'complaints', aggregate: 'count', date: 'receivedAt' }) => ({
    code,
    name,
    unit: '件',
    section: 'office',
    kind: 'flow',
    frequency: 'monthly',
    decimals: 0,
    timeProgress: 'linear',
    redThreshold: '10',
    yearOnYear: true,
    derive: { ...spec, ...(where ? { where } : {}) },
  });
  const registrations = { ledger: 'supervision', aggregate: 'count', date: 'registeredAt' };
  const area = { ledger: 'supervision', aggregate: 'sum', field: 'buildingArea', date: 'registeredAt' };
  const indicators = [
    derived('complaints_all', '群众投诉'),
    ...CATEGORIES.map((category, i) => derived(`complaints_c${i}`, `${category}投诉`, { category })),
    derived('registrations_safety', '安全监督登记', { kind: '安全监督' }, registrations),
    derived('registrations_quality', '质量监督登记', { kind: '质量监督' }, registrations),
    { ...derived('area_safety', '安全监督面积', { kind: '安全监督' }, area), unit: '万平方米', decimals: 2 },
    { ...derived('area_quality', '质量监督面积', { kind: '质量监督' }, area), unit: '万平方米', decimals: 2 },
  ];
  const projectText = `计划实施重点项目{{ 'projects' | project_count }}个。${categories
    .map((c) => `${c}{{ 'projects' | project_count: '${c}' }}个，{% project_sentences '${c}' %}`)
    .join('')}`;
  const text = indicators
    .map((i) => `${i.name}{{ period }}共{{ '${i.code}' | ytd }}件，同比{{ '${i.code}' | growth_phrase }}。`)
    .join('\n');
  return {
    organisation: { code: 'bench-ledgers', name: '基准区住房和城乡建设局', level: 'district' },
    sections: [{ code: 'office', name: '办公室' }],
    indicators,
    targets: [],
    values: [],
    narratives: [],
    templates: [{ code: 'work-summary', name: '基准', text: `# 基准报告\n${text}\n${projectText}` }],
    ledgerTypes: [],
    // every ledger the catalogue knows, empty but for the complaints
    ledgers: { ...Object.fromEntries(LEDGER_CODES.map((code) => [code, []])), complaints, supervision, projects },
  };
}

const rows = [];
async function bench(engine, db, data) {
  const loadStart = Date.now();
  await writeDataset(db, data, 'bench');
  const load = Date.now() - loadStart;
  const org = await findOrganisation(db, 'bench-ledgers');
  // the raw queries are written in the preset's field names, put in its generated tables' names
  const ledgerOf = await orgLedgerLookup(db, org.id);
  const sql = (text) => inGenerated(ledgerOf, text);
  const raw = await p50(() =>
    db
      .query(
        sql(`select category, extract(year from received_at at time zone 'UTC' + interval '8 hours') as y,
         extract(month from (received_at at time zone 'UTC') + interval '8 hours') as m, count(*)
       from ledger_complaints where org_id = $1 and received_at >= '2020-01-01T00:00:00+08:00'
         and received_at < '2022-01-01T00:00:00+08:00'
       group by 1, 2, 3`),
        [org.id],
      )
      .then(() =>
        db.query(
          sql(`select kind, extract(year from registered_at) as y, extract(month from registered_at) as m, count(*),
           sum(building_area)
         from ledger_supervision where org_id = $1 and registered_at >= '2020-01-01' and registered_at < '2022-01-01'
         group by 1, 2, 3`),
          [org.id],
        ),
      )
      .then(() =>
        db.query(sql('select ref, category, milestones from ledger_projects where org_id = $1 and planned_year = $2'), [
          org.id,
          PERIOD.year,
        ]),
      ),
  );
  const report = await p50(async () => renderMarkdown(await generateReport(db, org, PERIOD)));
  rows.push([
    engine,
    `load ${data.ledgers.complaints.length} complaints, ${data.ledgers.supervision.length} registrations, ${data.ledgers.projects.length} projects (once)`,
    load,
    '—',
    Number.NaN,
  ]);
  rows.push([
    engine,
    `report: ${data.indicators.length} derived indicators and the year's projects, Markdown`,
    report,
    'raw aggregate queries',
    raw,
  ]);
}

const data = dataset();
await eachEngine((engine, db) => bench(engine, db, data));

printTable('p50 of 20 runs after 3 warm-up runs', rows);

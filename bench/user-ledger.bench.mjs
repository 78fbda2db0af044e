// Benchmark: a report derived from a ledger type the organisation defined itself (台账设置),
// kept in its generated table (ledger_t<id>, columns c<n>), at 1,000,000 rows.
//
// A public parking register (lots, spaces, status dated by completion, district) defined in
// the dataset's ledgerTypes; three derived indicators: lots built and spaces added in the year
// by completion day (flows, by month, this year and last), and lots under construction at the
// period's end (a level read as each row stood then). The rows are filled by SQL straight into
// the generated table, with the audit triggers off as for a restore: what is measured is the
// report, not the filling.
// Baseline, measured in the same run on the same table: the raw aggregate queries that give the
// same numbers (built lots and their spaces per month of the two years; lots under
// construction at the period's end).
// PostgreSQL only (DATABASE_URL): the figure the issue asks for. p50 of 10 runs after 2 warm-up runs.
import { findLedgerType, findOrganisation } from '@taizhang/db';
import { renderMarkdown } from '@taizhang/render';
import { generateReport, writeDataset } from '@taizhang/services';
import { eachEngine, p50, printTable } from './measure.mjs';

const ROWS = 1_000_000;
const PERIOD = { year: 2022, through: 10 };
const DISTRICTS = ['城东', '城西', '城南', '城北', '新区', '开发区'];

const PARKING = {
  code: 'parking',
  name: '公共停车场台账',
  rowTitle: '停车场',
  fields: [
    { code: 'lotName', title: '停车场名称', type: 'text', required: true },
    { code: 'spaces', title: '泊位数', type: 'integer', unit: '个', min: 0, required: true },
    {
      code: 'status',
      title: '建设状态',
      type: 'choice',
      values: ['在建', '已建成'],
      required: true,
      datedBy: { 已建成: 'completedAt' },
    },
    { code: 'completedAt', title: '建成日期', type: 'date' },
    { code: 'district', title: '片区', type: 'choice', values: DISTRICTS },
  ],
};

function dataset() {
  const indicator = (code, name, kind, derive) => ({
    code,
    name,
    unit: '个',
    section: 'traffic',
    kind,
    frequency: 'monthly',
    decimals: 0,
    timeProgress: 'linear',
    redThreshold: '10',
    yearOnYear: kind === 'flow',
    derive: { ledger: 'parking', ...derive },
  });
  const built = { date: 'completedAt', where: { status: '已建成' } };
  const indicators = [
    indicator('lots_built', '建成公共停车场', 'flow', { aggregate: 'count', ...built }),
    indicator('spaces_added', '新增停车泊位', 'flow', { aggregate: 'sum', field: 'spaces', ...built }),
    indicator('lots_building', '在建公共停车场', 'level', { aggregate: 'count', where: { status: '在建' } }),
  ];
  const text = `# 基准报告\n${indicators
    .map(
      (i) =>
        `${i.name}{{ period }}{{ '${i.code}' | ytd }}个${i.kind === 'flow' ? `，同比{{ '${i.code}' | growth_phrase }}` : ''}。`,
    )
    .join('\n')}`;
  return {
    organisation: { code: 'bench-user-ledger', name: '基准区住房和城乡建设局', level: 'district' },
    sections: [{ code: 'traffic', name: '市政交通股' }],
    ledgerTypes: [PARKING],
    indicators,
    targets: [],
    values: [],
    narratives: [],
    templates: [{ code: 'work-summary', name: '基准', text }],
    ledgers: {},
  };
}

/**
 * ROWS lots over 2013–2022: every fifth still under construction, the rest completed on a day
 * spread over the ten years; spaces 10–509.
 */
async function fill(db, orgId) {
  const type = await findLedgerType(db, orgId, 'parking');
  const [section] = await db.query("select id from sections where org_id = $1 and code = 'traffic'", [orgId]);
  const c = type.columns;
  const table = `"${type.table}"`;
  await db.exec('set session_replication_role = replica');
  await db.query(
    `insert into ${table} (org_id, ref, section_id, "${c.lotName}", "${c.spaces}", "${c.status}", "${c.completedAt}", "${c.district}")
     select $1, 'TCC-' || g, $2, '停车场' || g, 10 + g % 500,
       case when g % 5 = 0 then '在建' else '已建成' end,
       case when g % 5 = 0 then null else date '2013-01-01' + ((g::bigint * 7919) % 3652)::int end,
       ($3::text[])[1 + g % 6]
     from generate_series(1, $4::int) g`,
    [orgId, section.id, DISTRICTS, ROWS],
  );
  await db.exec('set session_replication_role = origin');
  await db.exec(`analyze ${table}`);
  return { table, c };
}

const rows = [];
async function bench(engine, db) {
  if (engine !== 'PostgreSQL') return;
  await writeDataset(db, dataset(), 'bench');
  const org = await findOrganisation(db, 'bench-user-ledger');
  const fillStart = Date.now();
  const { table, c } = await fill(db, org.id);
  const filled = Date.now() - fillStart;
  const month = (column) => `extract(month from ${column})`;
  const raw = await p50(
    () =>
      db
        .query(
          `select extract(year from "${c.completedAt}") as y, ${month(`"${c.completedAt}"`)} as m, count(*), sum("${c.spaces}")
           from ${table} where org_id = $1 and "${c.status}" = '已建成'
             and "${c.completedAt}" >= '2021-01-01' and "${c.completedAt}" < '2023-01-01'
           group by 1, 2`,
          [org.id],
        )
        .then(() =>
          db.query(
            `select count(*) from ${table} where org_id = $1 and ("${c.status}" = '在建'
               or ("${c.status}" = '已建成' and ("${c.completedAt}" is null or "${c.completedAt}" >= '2022-11-01')))`,
            [org.id],
          ),
        ),
    10,
    2,
  );
  const report = await p50(async () => renderMarkdown(await generateReport(db, org, PERIOD)), 10, 2);
  rows.push([engine, `fill ${ROWS.toLocaleString('en')} lots by SQL (once, not compared)`, filled, '—', Number.NaN]);
  rows.push([
    engine,
    'report: 3 indicators derived from the user-defined ledger, Markdown',
    report,
    'raw aggregate queries',
    raw,
  ]);
}

if (process.env.DATABASE_URL === undefined) {
  console.log('bench/user-ledger.bench.mjs measures PostgreSQL only: set DATABASE_URL to run it.');
} else {
  await eachEngine(bench);
  printTable('p50 of 10 runs after 2 warm-up runs', rows);
}

// Benchmark: validating, loading and evaluating a large indicator ledger.
//
// A synthetic organisation with 20 sections, 240 indicators (monthly flows, quarterly
// flows, monthly levels) and 2016–2021 values (~15,000 rows). Each figure is reported
// against a baseline measured in the same run on the same database, so the ratios mean
// something on a noisy machine:
//   - validate: parseDataset of the YAML text, against YAML.parse of the same text alone;
//   - load: the first all-or-nothing load and a reload that changes nothing, against one
//     plain multi-row insert of the same values into a scratch table;
//   - evaluate: every indicator's figures for 2021 1－10月 (what `taizhang indicators`
//     computes), against the raw SQL aggregate (sum per indicator for the two years).
// Runs on PGlite in memory, and also on PostgreSQL when DATABASE_URL is set.
import { performance } from 'node:perf_hooks';
import { parseDataset } from '@taizhang/core';
import { evaluateIndicators, writeDataset } from '@taizhang/services';
import YAML from 'yaml';
import { eachEngine, p50, printTable, sequence } from './measure.mjs';

const median = (work) => p50(work, REPEAT, 0);

const SECTIONS = 20;
const INDICATORS = 240;
const YEARS = [2016, 2017, 2018, 2019, 2020, 2021];
const REPEAT = 7;

function syntheticDataset() {
  const random = sequence(7455);
  const sections = Array.from({ length: SECTIONS }, (_, i) => ({ code: `s${i}`, name: `第${i + 1}股` }));
  const indicators = Array.from({ length: INDICATORS }, (_, i) => {
    const kind = i % 8 === 7 ? 'level' : 'flow';
    const frequency = i % 8 === 6 ? 'quarterly' : 'monthly';
    return {
      code: `i${i}`,
      name: `指标${i + 1}`,
      unit: '万元',
      section: `s${i % SECTIONS}`,
      kind,
      frequency,
      decimals: 2,
    };
  });
  const targets = indicators.map((ind, i) =>
    i % 2 === 0
      ? { indicator: ind.code, year: 2021, amount: '5000.00' }
      : { indicator: ind.code, year: 2021, growth: '8' },
  );
  const values = [];
  for (const ind of indicators) {
    for (const year of YEARS) {
      const periods = ind.frequency === 'quarterly' ? 4 : 12;
      const last = year === 2021 ? (ind.frequency === 'quarterly' ? 3 : 10) : periods;
      for (let period = 1; period <= last; period++) {
        const value = (100 + random() * 900).toFixed(2);
        values.push({
          indicator: ind.code,
          year,
          [ind.frequency === 'quarterly' ? 'quarter' : 'month']: period,
          value,
        });
      }
    }
  }
  return {
    format: 'taizhang-dataset/1',
    organisation: { code: 'bench', name: '基准区住房和城乡建设局' },
    sections,
    indicators,
    targets,
    values,
  };
}

async function time(work) {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

const rows = [];
function report(engine, what, ms, baselineName, baselineMs) {
  rows.push([engine, what, ms, baselineName, baselineMs]);
}

async function benchEngine(engine, db, dataset) {
  const load = await time(() => writeDataset(db, dataset, 'bench'));
  const reload = await time(() => writeDataset(db, dataset, 'bench'));
  const plain = await time(() =>
    db.transaction('bench', async (tx) => {
      await tx.exec(
        'create temporary table bench_plain (indicator text, year int, period int, value numeric) on commit drop',
      );
      await tx.query('insert into bench_plain select * from unnest($1::text[], $2::int[], $3::int[], $4::numeric[])', [
        dataset.values.map((v) => v.indicator),
        dataset.values.map((v) => v.year),
        dataset.values.map((v) => v.period),
        dataset.values.map((v) => v.value),
      ]);
    }),
  );
  report(engine, `first load (${dataset.values.length} values)`, load, 'plain insert', plain);
  report(engine, 'reload, nothing changed', reload, 'plain insert', plain);

  const [{ id }] = await db.query("select id::text as id from organisations where code = 'bench'");
  const evaluate = await median(() => evaluateIndicators(db, id, { year: 2021, through: 10 }));
  const raw = await median(() =>
    db.query(
      'select indicator_id, year, sum(value) from indicator_values where org_id = $1 and year = any($2::int[]) group by 1, 2',
      [id, [2020, 2021]],
    ),
  );
  report(engine, `evaluate ${INDICATORS} indicators, 1－10月`, evaluate, 'raw SQL sum', raw);
}

const dataset = syntheticDataset();
const text = YAML.stringify(dataset);
const bytes = new TextEncoder().encode(text);
const parsed = parseDataset(bytes, 'bench.yaml');
if (!parsed.ok) throw new Error(`synthetic dataset rejected: ${parsed.problems[0].message}`);
const validate = await median(() => parseDataset(bytes, 'bench.yaml'));
const yamlOnly = await median(() => YAML.parse(text));
report('—', `validate (${(bytes.length / 1e6).toFixed(1)} MB YAML)`, validate, 'YAML.parse', yamlOnly);

await eachEngine((engine, db) => benchEngine(engine, db, parsed.dataset));

printTable(`median of ${REPEAT} runs where repeated`, rows);

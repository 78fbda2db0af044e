// Benchmark: a ledger of 100,000 rows to and from Excel (docs/excel.md).
//
// The demo district's complaints ledger, filled with 100,000 complaints (ten fields: text,
// choices, date-times, a date). Export: Taizhang writes the whole ledger as a workbook (rows
// read in batches, every cell converted, drop-downs, styles). Import: Taizhang imports that
// workbook into the emptied ledger (guard, read, plan and check every row, write them all and
// their audit records in one transaction).
// Baselines, measured in the same run on the same rows: exceljs alone writing the same cells to
// a workbook (streaming, the rows already in memory), and exceljs alone reading the file back
// (streaming, every cell visited). Peak memory is the process's resident set, sampled every 10 ms,
// above what it was before the step. p50 of 3 runs after 1 warm-up run. PGlite in a data directory
// (as the server keeps it), PostgreSQL when DATABASE_URL names a server.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { PassThrough, Readable } from 'node:stream';
import { ledgerSheetColumns } from '@taizhang/core';
import { listSections, openDatabase, UpsertCount, upsertLedgerRows } from '@taizhang/db';
import { createScratchPostgres } from '@taizhang/db/testing';
import {
  commitLedgerImport,
  exportLedgerWorkbook,
  findLedger,
  recreateDemo,
  resolveOrganisation,
} from '@taizhang/services';
import ExcelJS from 'exceljs';
import { sequence } from './measure.mjs';

const ROWS = 100_000;
const RUNS = 3;
const CHANNELS = ['12345热线', '市长信箱', '来信', '来访', '网络', '电话', '其他'];
const CATEGORIES = ['物业管理', '供水保障', '违法建设', '拖欠民工工资', '房屋质量', '燃气安全'];
const SECTIONS = ['urbanbuild', 'realestate', 'construction', 'housing', 'quality'];

function complaints() {
  const random = sequence(20211105);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const rows = [];
  for (let i = 1; i <= ROWS; i++) {
    const received = Date.UTC(2021, 0, 1) + Math.floor(random() * 300 * 86_400_000);
    const iso = (ms) => new Date(ms).toISOString().replace('.000Z', 'Z');
    const closed = random() < 0.8;
    rows.push({
      ref: `B-${String(i).padStart(6, '0')}`,
      section: pick(SECTIONS),
      channel: pick(CHANNELS),
      receivedAt: iso(received),
      category: pick(CATEGORIES),
      summary: `${pick(CATEGORIES)}问题反映第${i}号`,
      dueDate: new Date(received + 14 * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10),
      ...(closed ? { repliedAt: iso(received + 86_400_000), closedAt: iso(received + 3 * 86_400_000) } : {}),
      ...(closed ? { satisfaction: '满意' } : {}),
    });
  }
  return rows;
}

/** Runs `work`, returning its time and the peak resident memory above the start, in MB. */
async function measured(work) {
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 10);
  const start = performance.now();
  const result = await work();
  const ms = performance.now() - start;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  return { ms, mb: (peak - before) / 1024 / 1024, result };
}

/** The median of `RUNS` runs after one warm-up; `prepare` runs untimed before each. */
async function median(work, prepare = async () => {}) {
  await prepare();
  await work();
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    await prepare();
    runs.push(await measured(work));
  }
  runs.sort((a, b) => a.ms - b.ms);
  return runs[Math.floor(runs.length / 2)];
}

function collect() {
  const out = new PassThrough();
  const chunks = [];
  out.on('data', (chunk) => chunks.push(chunk));
  return { out, bytes: () => Buffer.concat(chunks) };
}

/**
 * PGlite in a data directory, as `taizhang serve` keeps it (in memory, a file's growth is
 * copied over and over and dominates a large write), then a scratch database of the
 * PostgreSQL server in DATABASE_URL when there is one.
 */
async function eachEngine(work) {
  const dir = await mkdtemp(join(tmpdir(), 'taizhang-bench-xlsx-'));
  const pglite = await openDatabase({ dataDir: join(dir, 'data') });
  try {
    await work('PGlite', pglite);
  } finally {
    await pglite.close();
    await rm(dir, { recursive: true, force: true });
  }
  if (!process.env.DATABASE_URL) return;
  const scratch = await createScratchPostgres(process.env.DATABASE_URL);
  const postgres = await openDatabase({ url: scratch.url });
  try {
    await work('PostgreSQL', postgres);
  } finally {
    await postgres.close();
    await scratch.drop();
  }
}

const results = [];
await eachEngine(async (engine, db) => {
  await recreateDemo(db, 'bench');
  const org = await resolveOrganisation(db);
  const ledger = await findLedger(db, org.id, 'complaints');
  const rows = complaints();
  const empty = async () => {
    await db.transaction('bench', (tx) => tx.query(`delete from ${ledger.table} where org_id = $1`, [org.id]));
  };
  await empty();
  await db.transaction('bench', async (tx) => {
    for (let i = 0; i < rows.length; i += 5000) {
      await upsertLedgerRows(tx, org.id, ledger, rows.slice(i, i + 5000), new UpsertCount());
    }
  });

  let file;
  const exported = await median(async () => {
    const sink = collect();
    await exportLedgerWorkbook(db, org, ledger, sink.out);
    file = sink.bytes();
  });

  // exceljs alone, writing the same cells from memory
  const sections = (await listSections(db, org.id)).map((s) => ({ code: s.code, name: s.name }));
  const columns = ledgerSheetColumns(ledger, sections);
  const cells = rows.map((row) =>
    columns.map((c) => (c.kind === 'dateTime' && row[c.key] ? new Date(row[c.key]) : (row[c.key] ?? null))),
  );
  const written = await median(async () => {
    const sink = collect();
    const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink.out, useStyles: true, useSharedStrings: false });
    const sheet = book.addWorksheet('群众投诉台账');
    sheet.columns = columns.map((c) => ({ header: c.title, key: c.key, width: c.width, style: { numFmt: c.numFmt } }));
    for (const values of cells) sheet.addRow(values).commit();
    sheet.commit();
    await book.commit();
  });

  const imported = await median(async () => {
    const result = await commitLedgerImport(
      db,
      org,
      { bytes: file, file: 'bench.xlsx', ledger: 'complaints' },
      'bench',
    );
    if (result.counts.inserted !== ROWS) throw new Error(`imported ${result.counts.inserted} rows, not ${ROWS}`);
  }, empty);

  // exceljs alone, reading the same file and visiting every cell
  const read = await median(async () => {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([file]), {
      worksheets: 'emit',
      sharedStrings: 'cache',
      styles: 'cache',
    });
    let n = 0;
    for await (const sheet of reader) {
      for await (const row of sheet) {
        row.eachCell(() => {
          n++;
        });
      }
    }
    if (n < ROWS) throw new Error('read too few cells');
  });

  results.push([engine, 'export 100,000 rows', exported, 'exceljs writes them', written]);
  results.push([engine, 'import 100,000 rows', imported, 'exceljs reads them', read]);
  console.error(`${engine}: workbook of ${ROWS} rows, ${(file.length / 1024 / 1024).toFixed(1)} MB`);
});

console.log(
  `Node ${process.version}; a ledger of ${ROWS.toLocaleString('en')} rows to and from xlsx, p50 of ${RUNS} runs\n`,
);
console.log('| engine | what | ms | peak MB | baseline | baseline ms | baseline peak MB | ratio |');
console.log('|---|---|---:|---:|---|---:|---:|---:|');
for (const [engine, what, t, baseline, b] of results) {
  console.log(
    `| ${engine} | ${what} | ${t.ms.toFixed(0)} | ${t.mb.toFixed(0)} | ${baseline} | ${b.ms.toFixed(0)} | ${b.mb.toFixed(0)} | ${(t.ms / b.ms).toFixed(1)} |`,
  );
}

import { PassThrough } from 'node:stream';
import {
  type Database,
  ledgerRowBatches,
  listLedgerRows,
  type OrganisationRow,
  type StoredLedgerRow,
  UpsertCount,
  upsertLedgerRows,
} from '@taizhang/db';
import { inColumns, snapshot, testEngines } from '@taizhang/db/testing';
import { renderDocx, renderHtml, renderMarkdown } from '@taizhang/render';
import ExcelJS from 'exceljs';
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { recreateDemo } from '../demo.js';
import { findLedger, orgLedgers } from '../ledger-catalogue.js';
import { addLedgerRow, updateLedger } from '../ledgers.js';
import { resolveOrganisation } from '../organisation.js';
import { generateReport } from '../report/generate.js';
import { UserError } from '../user-error.js';
import { exportLedgerWorkbook } from './ledger-export.js';
import { commitLedgerImport, type LedgerImportRequest, previewLedgerImport } from './ledger-import.js';

const PERIOD = { year: 2021, through: 10 };

async function exported(db: Database, org: OrganisationRow, code: string, template = false): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise((resolve) => out.on('end', resolve));
  await exportLedgerWorkbook(db, org, await findLedger(db, org.id, code), out, { template });
  await done;
  return Buffer.concat(chunks);
}

async function reports(db: Database, org: OrganisationRow) {
  const doc = await generateReport(db, org, PERIOD);
  return { md: renderMarkdown(doc), html: renderHtml(doc), docx: Buffer.from(await renderDocx(doc)) };
}

/** The workbook after `edit`, written back as a spreadsheet program would (shared strings, no streaming). */
async function edited(
  bytes: Buffer,
  edit: (sheet: ExcelJS.Worksheet, book: ExcelJS.Workbook) => void,
): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = book.worksheets.find((s) => s.state === 'visible' && s.name !== '填写说明') as ExcelJS.Worksheet;
  edit(sheet, book);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The column (1-based) whose header is `title`. */
function columnOf(sheet: ExcelJS.Worksheet, title: string): number {
  let found = 0;
  sheet.getRow(1).eachCell((cell, index) => {
    if (cell.value === title) found = index;
  });
  if (found === 0) throw new Error(`no column ${title}`);
  return found;
}

/** What a refusal says, in full: its message and every line of detail. */
async function refusal(work: Promise<unknown>): Promise<{ code: string; text: string }> {
  try {
    await work;
  } catch (error) {
    if (error instanceof UserError) return { code: error.code, text: [error.message, ...error.details].join('\n') };
    throw error;
  }
  return { code: 'none', text: '' };
}

describe.each(testEngines())('ledgers to and from Excel on $name', (engine) => {
  let db: Database;
  let org: OrganisationRow;
  const request = (bytes: Buffer, extra: Partial<LedgerImportRequest> = {}): LedgerImportRequest => ({
    bytes,
    file: '群众投诉.xlsx',
    ...extra,
  });

  beforeAll(async () => {
    db = await engine.open();
  });
  beforeEach(async () => {
    await recreateDemo(db, 'test');
    org = await resolveOrganisation(db);
  });
  afterAll(async () => {
    await db?.close();
  });

  it('exports the complaints and imports them into a fresh demo, giving a byte-identical report', async () => {
    const before = await reports(db, org);
    const bytes = await exported(db, org, 'complaints');
    const complaints = await findLedger(db, org.id, 'complaints');
    const total = (await db.query<{ n: number }>(`select count(*)::int as n from ${complaints.table}`))[0]?.n ?? 0;
    expect(total).toBeGreaterThan(10);

    // A fresh demo holds the same rows: every row is as stored, nothing is written but the record of the import.
    const same = await commitLedgerImport(db, org, request(bytes), 'test');
    expect(same.counts).toEqual({ inserted: 0, updated: 0, unchanged: total });

    // Without its complaints the report changes; imported again, it is the same to the byte.
    await db.transaction('test', (tx) => tx.query(`delete from ${complaints.table} where org_id = $1`, [org.id]));
    expect((await reports(db, org)).md).not.toBe(before.md);
    const result = await commitLedgerImport(db, org, request(bytes), 'test');
    expect(result.counts).toEqual({ inserted: total, updated: 0, unchanged: 0 });
    const after = await reports(db, org);
    expect(after.md).toBe(before.md);
    expect(after.html).toBe(before.html);
    expect(after.docx.equals(before.docx)).toBe(true);

    // One audit record per inserted row, and one for the import with its file name and counts.
    const trail = await db.query<{ table_name: string; n: number }>(
      `select table_name, count(*)::int as n from audit_log where org_id = $1 and action = 'insert'
         and table_name in ($2, 'ledger_imports') and id > (select max(id) from audit_log where table_name = 'ledger_imports') - $3 - 1
       group by table_name order by table_name`,
      [org.id, complaints.table, total],
    );
    expect(trail).toHaveLength(2);
    expect(trail).toEqual(
      expect.arrayContaining([
        { table_name: complaints.table, n: total },
        { table_name: 'ledger_imports', n: 1 },
      ]),
    );
    const [record] = await db.query<{ after: Record<string, unknown> }>(
      `select after from audit_log where table_name = 'ledger_imports' order by id desc limit 1`,
    );
    expect(record?.after).toMatchObject({
      file_name: '群众投诉.xlsx',
      inserted: total,
      updated: 0,
      unchanged: 0,
      ledger: 'complaints',
    });
  });

  it('reads every ledger in batches exactly as a list reads it, filtered alike', async () => {
    for (const ledger of await orgLedgers(db, org.id)) {
      for (const filter of [{}, { section: 'realestate' }, { search: '小区' }]) {
        const listed = await listLedgerRows(db, org.id, ledger, { ...filter, limit: 100_000, offset: 0 });
        const batched: StoredLedgerRow[] = [];
        for await (const batch of ledgerRowBatches(db, org.id, ledger, filter, 7)) batched.push(...batch);
        expect(batched, `${ledger.code} ${JSON.stringify(filter)}`).toEqual(listed);
      }
    }
  });

  it('writes no formula, real dates and numbers, and keeps text that starts like a formula as text', async () => {
    const complaints = await findLedger(db, org.id, 'complaints');
    const hostile = ['=HYPERLINK("http://example.com","点我")', '+1+2', '-3', '@SUM(A1)', '\t=1'];
    for (const [i, summary] of hostile.entries()) {
      await addLedgerRow(
        db,
        org,
        complaints,
        {
          fields: {
            ref: `F-${i}`,
            section: 'office',
            channel: '12345热线',
            receivedAt: '2021-05-01 09:30',
            category: '其他',
            summary,
          },
          source: 'test',
        },
        'test',
      );
    }
    const bytes = await exported(db, org, 'complaints');
    // No cell of any sheet holds a formula.
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
    for (const sheet of book.worksheets) {
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          expect(cell.formula).toBeUndefined();
          expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
        }),
      );
    }
    const sheet = book.getWorksheet('群众投诉台账') as ExcelJS.Worksheet;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const summaryColumn = columnOf(sheet, '内容摘要');
    const texts = new Map<string, ExcelJS.Cell>();
    sheet.eachRow((row, n) => {
      if (n > 1) texts.set(String(row.getCell(1).value), row.getCell(summaryColumn));
    });
    for (const [i, summary] of hostile.entries()) {
      const cell = texts.get(`F-${i}`) as ExcelJS.Cell;
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.value).toBe(summary);
      // formatted as text: typed again in a spreadsheet, it stays text
      expect(cell.numFmt).toBe('@');
    }
    // A date-time is a real date, at its Beijing wall-clock time.
    const received = sheet.getRow(2).getCell(columnOf(sheet, '受理时间'));
    expect(received.value).toBeInstanceOf(Date);
    // A list field offers its values.
    const channel = sheet.getCell(`${String.fromCharCode(64 + columnOf(sheet, '来源渠道'))}2`);
    expect(channel.dataValidation?.type).toBe('list');

    // Read back, the texts are as written.
    const plan = (await previewLedgerImport(db, org, request(bytes))).plan;
    expect(plan.problems).toEqual([]);
    expect(plan.counts.updated).toBe(0);
  });

  it('previews inserts, updates with their changes and rows left alone, and maps headers worded otherwise', async () => {
    const bytes = await exported(db, org, 'complaints');
    const changed = await edited(bytes, (sheet) => {
      const summary = columnOf(sheet, '内容摘要');
      sheet.getRow(2).getCell(summary).value = '改过的摘要';
      const next = sheet.addRow([]);
      next.getCell(1).value = 'NEW-1';
      next.getCell(columnOf(sheet, '承办股室')).value = '办公室';
      next.getCell(columnOf(sheet, '来源渠道')).value = '12345热线';
      next.getCell(columnOf(sheet, '受理时间')).value = '2021/6/1 8:05';
      next.getCell(columnOf(sheet, '问题类别')).value = '物业管理';
      next.getCell(summary).value = '新增的投诉';
      sheet.getRow(1).getCell(columnOf(sheet, '问题类别')).value = '投诉类别';
    });
    const unmapped = await previewLedgerImport(db, org, request(changed));
    expect(unmapped.headers.find((h) => h.header === '投诉类别')?.title).toBeUndefined();
    expect(unmapped.absent).toContainEqual({ title: '问题类别', required: true });
    // Without its category the new row is refused; the others keep theirs.
    expect(unmapped.plan.problems.map((p) => p.row)).toEqual([unmapped.plan.rows.length + 2]);

    const preview = await previewLedgerImport(db, org, request(changed, { mapping: { 投诉类别: '问题类别' } }));
    expect(preview.plan.problems).toEqual([]);
    const { counts, rows } = preview.plan;
    expect(counts.inserted).toBe(1);
    expect(counts.updated).toBe(1);
    const update = rows.find((r) => r.action === 'update');
    expect(update?.changes).toEqual([
      { field: 'summary', title: '内容摘要', before: expect.any(String), after: '改过的摘要' },
    ]);
    const insert = rows.find((r) => r.action === 'insert');
    // 2021/6/1 8:05 in a sheet is Beijing time
    expect(Date.parse(String(insert?.row.receivedAt))).toBe(Date.parse('2021-06-01T00:05:00Z'));

    await commitLedgerImport(
      db,
      org,
      { ...request(changed, { mapping: { 投诉类别: '问题类别' } }), fingerprint: preview.fingerprint },
      'test',
    );
    const complaints = await findLedger(db, org.id, 'complaints');
    const [row] = await db.query<{ summary: string; version: number }>(
      inColumns(complaints, `select summary as summary, version from ${complaints.table} where ref = $1`),
      [update?.ref],
    );
    expect(row).toEqual({ summary: '改过的摘要', version: 2 });
  });

  it('refuses a workbook with bad rows, naming each row, cell and reason, and changes nothing', async () => {
    const bytes = await exported(db, org, 'complaints');
    const bad = await edited(bytes, (sheet) => {
      sheet.getRow(2).getCell(columnOf(sheet, '受理时间')).value = '昨天下午';
      sheet.getRow(3).getCell(columnOf(sheet, '来源渠道')).value = '微博';
      sheet.getRow(4).getCell(1).value = sheet.getRow(5).getCell(1).value;
      sheet.getRow(6).getCell(columnOf(sheet, '办理时限')).value = '2021-02-30';
    });
    const before = await snapshot(db);
    const { code, text } = await refusal(commitLedgerImport(db, org, request(bad), 'test'));
    expect(code).toBe('XLSX_ROWS_REJECTED');
    expect(text).toMatch(/第 2 行 [A-Z]+2（受理时间）：受理时间应为北京时间的日期和时刻/);
    expect(text).toMatch(/第 3 行 [A-Z]+3（来源渠道）：.*微博/);
    expect(text).toMatch(/第 5 行 A5（投诉编号）：编号 .* 与第 4 行重复/);
    expect(text).toMatch(/第 6 行 [A-Z]+6（办理时限）：办理时限“2021-02-30”不是真实的日期/);
    expect(await snapshot(db)).toEqual(before);
  });

  it('reads back every Chinese character of a large sheet, wherever the inflated chunks split them', async () => {
    const complaints = await findLedger(db, org.id, 'complaints');
    const rows = Array.from({ length: 3000 }, (_, i) => ({
      ref: `ZH-${String(i).padStart(5, '0')}`,
      section: 'quality',
      channel: '12345热线',
      receivedAt: '2021-03-02T01:12:00Z',
      category: '质量安全监督站转办',
      summary: `住宅小区${i}号楼外墙保温层脱落，业主多次反映未得到处理，请质量安全监督站核查`,
    }));
    await db.transaction('test', (tx) => upsertLedgerRows(tx, org.id, complaints, rows, new UpsertCount()));
    const bytes = await exported(db, org, 'complaints');
    const plan = (await previewLedgerImport(db, org, request(bytes))).plan;
    expect(plan.problems).toEqual([]);
    expect(plan.counts.updated).toBe(0);
    expect(plan.counts.unchanged).toBeGreaterThan(3000);
  });

  it('reads a formula as its cached value and flags it', async () => {
    const bytes = await exported(db, org, 'supervision');
    const withFormula = await edited(bytes, (sheet) => {
      const area = columnOf(sheet, '建筑面积（万平方米）');
      sheet.getRow(2).getCell(area).value = { formula: '1+2.5', result: 3.5 } as ExcelJS.CellFormulaValue;
    });
    const preview = await previewLedgerImport(db, org, request(withFormula, { file: '质量安全.xlsx' }));
    expect(preview.ledger.code).toBe('supervision');
    expect(preview.plan.formulas).toEqual([expect.objectContaining({ row: 2, column: '建筑面积（万平方米）' })]);
    const row = preview.plan.rows.find((r) => r.line === 2);
    // as the sheet shows it: the column's two places
    expect(row?.row.buildingArea).toBe('3.50');
  });

  it('refuses what is not a workbook, and hostile workbooks, in bounded time, changing nothing', async () => {
    const before = await snapshot(db);
    const bytes = await exported(db, org, 'complaints');
    const cases: { bytes: Buffer; code: string; says: RegExp; limits?: LedgerImportRequest['limits'] }[] = [
      { bytes: Buffer.from('编号,来源渠道\nA,12345热线\n'), code: 'XLSX_NOT_WORKBOOK', says: /不是 xlsx 格式/ },
      { bytes: Buffer.alloc(0), code: 'XLSX_NOT_WORKBOOK', says: /不是 xlsx 格式/ },
      { bytes: bytes.subarray(0, Math.floor(bytes.length / 2)), code: 'XLSX_NOT_WORKBOOK', says: /不完整/ },
      {
        bytes: Buffer.from(zipSync({ 'word/document.xml': strToU8('<w:document/>') })),
        code: 'XLSX_NOT_WORKBOOK',
        says: /没有工作簿/,
      },
      { bytes, code: 'XLSX_TOO_MANY_ROWS', says: /超过 5 行数据/, limits: { maxRows: 5 } },
      { bytes, code: 'XLSX_TOO_LARGE', says: /文件大小超过上限/, limits: { maxFileBytes: 1000 } },
    ];
    // A zip bomb: a sheet that inflates a thousandfold, past the limit, stopped as the bytes come out.
    const bomb = zipSync(
      {
        'xl/workbook.xml': strToU8('<workbook><sheets><sheet name="群众投诉台账" r:id="rId1"/></sheets></workbook>'),
        'xl/worksheets/sheet1.xml': new Uint8Array(64 * 1024 * 1024).fill(32),
      },
      { level: 9 },
    );
    expect(bomb.length).toBeLessThan(1024 * 1024);
    cases.push({
      bytes: Buffer.from(bomb),
      code: 'XLSX_TOO_LARGE',
      says: /解压后的内容超过上限 16 MB/,
      limits: { maxInflatedBytes: 16 * 1024 * 1024 },
    });
    // A part that is not deflate at all.
    const corrupt = Buffer.from(bytes);
    corrupt.fill(0xff, 200, 600);
    cases.push({ bytes: corrupt, code: 'XLSX_NOT_WORKBOOK', says: /已损坏|无法解压/ });
    for (const c of cases) {
      const { code, text } = await refusal(commitLedgerImport(db, org, request(c.bytes, { limits: c.limits }), 'test'));
      expect({ case: cases.indexOf(c), code, text }).toMatchObject({
        case: cases.indexOf(c),
        code: c.code,
        text: expect.stringMatching(c.says),
      });
      expect(text).toContain('数据库未做任何改动');
    }
    expect(await snapshot(db)).toEqual(before);
  });

  it('refuses a missing sheet and merged header cells', async () => {
    const bytes = await exported(db, org, 'complaints');
    const renamed = await edited(bytes, (sheet) => {
      sheet.name = 'Sheet1';
    });
    expect(await refusal(previewLedgerImport(db, org, request(renamed)))).toMatchObject({
      code: 'XLSX_LEDGER_UNKNOWN',
      text: expect.stringContaining('Sheet1'),
    });
    expect(await refusal(previewLedgerImport(db, org, request(renamed, { ledger: 'complaints' })))).toMatchObject({
      code: 'XLSX_SHEET_MISSING',
      text: expect.stringContaining('没有名为“群众投诉台账”的工作表'),
    });
    // named explicitly, the sheet is read
    const named = await previewLedgerImport(db, org, request(renamed, { ledger: 'complaints', sheet: 'Sheet1' }));
    expect(named.plan.problems).toEqual([]);

    const merged = await edited(bytes, (sheet) => sheet.mergeCells('B1:C1'));
    expect(await refusal(previewLedgerImport(db, org, request(merged)))).toMatchObject({
      code: 'XLSX_MERGED_CELLS',
      text: expect.stringContaining('B1:C1'),
    });
  });

  it('confines a clerk to their section, and refuses a commit whose preview no longer holds', async () => {
    const bytes = await exported(db, org, 'complaints');
    const clerk = await previewLedgerImport(db, org, request(bytes, { scope: 'housing' }));
    expect(clerk.plan.problems.length).toBeGreaterThan(0);
    expect(clerk.plan.problems[0]?.reason).toMatch(/其他股室的记录/);

    const preview = await previewLedgerImport(db, org, request(bytes));
    const complaints = await findLedger(db, org.id, 'complaints');
    const first = preview.plan.rows[0];
    await updateLedger(
      db,
      org,
      complaints,
      first?.ref ?? '',
      1,
      { fields: { summary: '另有人改过' }, source: 'test' },
      'test',
    );
    const before = await snapshot(db);
    const stale = await refusal(
      commitLedgerImport(db, org, { ...request(bytes), fingerprint: preview.fingerprint }, 'test'),
    );
    expect(stale.code).toBe('XLSX_PREVIEW_STALE');
    expect(await snapshot(db)).toEqual(before);
  });

  it('gives a template with no rows and an instructions sheet, which imports as nothing', async () => {
    const bytes = await exported(db, org, 'complaints', true);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(['填写说明', '群众投诉台账']);
    expect(book.getWorksheet('群众投诉台账')?.rowCount).toBe(1);
    const guide = book.getWorksheet('填写说明') as ExcelJS.Worksheet;
    expect(guide.getRow(1).values).toEqual([undefined, '列标题', '是否必填', '填写要求']);
    expect(JSON.stringify(guide.getSheetValues())).toContain('受理时间');
    const preview = await previewLedgerImport(db, org, request(bytes));
    expect(preview.plan.counts).toEqual({ inserted: 0, updated: 0, unchanged: 0 });
  });
});

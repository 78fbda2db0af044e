import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capture } from '../io.test-helpers.js';
import { EXIT, main } from '../main.js';

/** `taizhang export` and `taizhang import` on an embedded database (the services' tests cover PostgreSQL). */
describe('taizhang export and import', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'taizhang-excel-'));
    expect(await taizhang('demo')).toMatchObject({ code: EXIT.ok });
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function taizhang(...argv: string[]) {
    const io = capture();
    const code = await main([...argv, '--data', join(dir, 'data')], io, { DATABASE_URL: '' });
    return { code, out: io.text.out, err: io.text.err };
  }

  it('exports a ledger, filtered, and its template, to the file asked for and nothing beside it', async () => {
    const file = join(dir, 'out', '投诉.xlsx');
    const all = await taizhang('export', 'complaints', '--out', file);
    expect(all).toMatchObject({ code: EXIT.ok, out: `${file}\n` });
    const count = Number(/群众投诉台账 (\d+) 条记录/.exec(all.err)?.[1]);
    expect(count).toBeGreaterThan(100);
    const some = await taizhang(
      'export',
      'complaints',
      '--out',
      join(dir, 'out', 'part.xlsx'),
      '--section',
      'realestate',
    );
    const part = Number(/(\d+) 条记录/.exec(some.err)?.[1]);
    expect(part).toBeGreaterThan(0);
    expect(part).toBeLessThan(count);
    const template = await taizhang('export', 'complaints', '--template', '--out', join(dir, 'out', 't.xlsx'));
    expect(template.err).toContain('导入模板');
    // written through a partial file renamed whole: none is left behind
    expect((await readdir(join(dir, 'out'))).sort()).toEqual(['part.xlsx', 't.xlsx', '投诉.xlsx']);
  });

  it('imports an edited workbook: previews the change with --dry-run, then writes it', async () => {
    const file = join(dir, 'edit.xlsx');
    await taizhang('export', 'commitments', '--out', file);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const sheet = book.worksheets[0] as ExcelJS.Worksheet;
    const ref = String(sheet.getRow(2).getCell(1).value);
    sheet.getRow(2).getCell(7).value = '办结佐证：照片 12 张';
    sheet.getRow(1).getCell(7).value = '佐证材料';
    await book.xlsx.writeFile(file);

    const unmapped = await taizhang('import', file, '--dry-run');
    expect(unmapped.code).toBe(EXIT.ok);
    expect(unmapped.out).toContain('未对应的列（不导入；可用 --map 对应）：G1 佐证材料');
    expect(unmapped.out).toContain('新增 0 行，更新 0 行');

    const dry = await taizhang('import', file, '--dry-run', '--map', '佐证材料=办结佐证');
    expect(dry.code).toBe(EXIT.ok);
    expect(dry.out).toContain('佐证材料 → 办结佐证');
    expect(dry.out).toMatch(new RegExp(`2\\s+${ref}\\s+更新\\s+办结佐证：.* → 办结佐证：照片 12 张`));
    expect(dry.err).toContain('未写入数据库');
    const before = await taizhang('ledger', 'show', 'commitments', ref);
    expect(JSON.parse(before.out).version).toBe(1);

    const done = await taizhang('import', file, '--map', '佐证材料=办结佐证');
    expect(done).toMatchObject({ code: EXIT.ok });
    expect(done.err).toContain('新增 0 行，更新 1 行');
    const after = JSON.parse((await taizhang('ledger', 'show', 'commitments', ref)).out);
    expect(after).toMatchObject({ version: 2, evidence: '办结佐证：照片 12 张' });
  });

  it('refuses bad rows with every problem named, and unreadable files, exiting 2', async () => {
    const file = join(dir, 'bad.xlsx');
    await taizhang('export', 'commitments', '--out', file);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const sheet = book.worksheets[0] as ExcelJS.Worksheet;
    sheet.getRow(3).getCell(4).value = '下个月';
    await book.xlsx.writeFile(file);
    for (const argv of [[], ['--dry-run']]) {
      const bad = await taizhang('import', file, ...argv);
      expect(bad.code).toBe(EXIT.userError);
      expect(bad.err).toContain('bad.xlsx 未导入：发现 1 处问题，数据库未做任何改动');
      expect(bad.err).toMatch(/工作表“我为群众办实事台账”第 3 行 D3（公开承诺日期）：公开承诺日期应为日期/);
    }
    await writeFile(join(dir, 'text.xlsx'), '编号,名称\n');
    expect((await taizhang('import', join(dir, 'text.xlsx'))).err).toContain('不是可以读取的 Excel 工作簿');
    expect((await taizhang('import', join(dir, 'none.xlsx'))).err).toContain('找不到要导入的文件');
    expect((await taizhang('import', file, '--map', '佐证材料')).err).toContain('--map 应写成');
    expect(existsSync(join(dir, 'none.xlsx'))).toBe(false);
    expect((await readFile(join(dir, 'text.xlsx'), 'utf8')).length).toBeGreaterThan(0);
  });
});

import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, launchChromium, newContext, screenshot, signIn, startDemoApp } from './harness.js';

/**
 * 导出 and 导入 in a real browser: the office exports the complaints ledger, the workbook is
 * edited as a person would in a spreadsheet (with exceljs here: one summary changed, one
 * complaint added), imported through the preview drawer — which shows the change and the new
 * row before anything is written — and the changed row is then in the ledger. Screenshots of
 * the preview at an office monitor's width and a phone's go to out/screenshots.
 */

const CHANGED = '小区楼顶违规加建（已拆除，导入）';
const NEW_REF = 'IMPORT-2021-0001';

describe('ledger export and import in Chromium', () => {
  let app: App;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let dir: string;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startDemoApp(), launchChromium()]);
    dir = await mkdtemp(join(tmpdir(), 'taizhang-e2e-xlsx-'));
    context = await newContext(browser);
    page = await context.newPage();
    await page.setViewportSize({ width: 1366, height: 768 });
    await signIn(page, app, 'office');
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await app?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('exports the complaints, imports an edited workbook through the preview, and shows the changed row', async () => {
    await page.goto(`${app.url}/ledgers/complaints`);
    await page.getByTestId('ledger-table').locator('tbody tr.ant-table-row').first().waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('ledger-export').locator('button').first().click(),
    ]);
    expect(download.suggestedFilename()).toBe('群众投诉台账.xlsx');
    const exported = join(dir, 'exported.xlsx');
    await download.saveAs(exported);

    // Edited as in a spreadsheet: the first complaint's summary, and a new complaint at the end.
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await readFile(exported)) as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('群众投诉台账') as ExcelJS.Worksheet;
    const titles = (sheet.getRow(1).values as unknown[]).map(String);
    const at = (title: string) => titles.indexOf(title);
    const first = String(sheet.getRow(2).getCell(1).value);
    sheet.getRow(2).getCell(at('内容摘要')).value = CHANGED;
    const added = sheet.addRow([]);
    added.getCell(1).value = NEW_REF;
    added.getCell(at('承办股室')).value = '城市建设股';
    added.getCell(at('来源渠道')).value = '12345热线';
    added.getCell(at('受理时间')).value = '2021-10-20 09:30';
    added.getCell(at('问题类别')).value = '供水保障';
    added.getCell(at('内容摘要')).value = '小区二次供水水压不足';
    const edited = join(dir, '群众投诉（修改）.xlsx');
    await writeFile(edited, Buffer.from(await book.xlsx.writeBuffer()));

    await page.getByTestId('ledger-import').click();
    const drawer = page.getByTestId('import-drawer');
    await drawer.locator('input[type="file"]').setInputFiles(edited);
    await expect.poll(() => page.getByTestId('import-summary').textContent()).toContain('新增 1 行，更新 1 行');
    const rows = page.getByTestId('import-rows');
    await expect.poll(() => rows.textContent()).toContain(CHANGED);
    expect(await rows.textContent()).toContain(NEW_REF);
    // Nothing is written before the import is confirmed.
    await page.setViewportSize({ width: 1366, height: 768 });
    await screenshot(page, 'ledger-import-preview-1366');
    await page.setViewportSize({ width: 375, height: 812 });
    await screenshot(page, 'ledger-import-preview-375');
    await page.setViewportSize({ width: 1366, height: 768 });

    await page.getByTestId('import-commit').click();
    await page.locator('.ant-message').getByText('已导入群众投诉台账：新增 1 行，更新 1 行').waitFor();

    // The changed row, as the ledger now shows it.
    await page.getByTestId('ledger-search').locator('input').fill(first);
    await page.getByTestId('ledger-search').locator('input').press('Enter');
    await expect.poll(() => page.getByTestId('ledger-table').locator('tbody').textContent()).toContain(CHANGED);
    await page.getByTestId('ledger-search').locator('input').fill(NEW_REF);
    await page.getByTestId('ledger-search').locator('input').press('Enter');
    await expect
      .poll(() => page.getByTestId('ledger-table').locator('tbody').textContent())
      .toContain('小区二次供水水压不足');
    await screenshot(page, 'ledger-after-import-1366');
  });

  it('refuses a workbook with a bad row, naming its row and cell, and writes nothing', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('群众投诉台账');
    sheet.addRow(['投诉编号', '承办股室', '来源渠道', '受理时间', '问题类别', '内容摘要']);
    sheet.addRow(['BAD-1', '城市建设股', '飞鸽传书', '昨天', '供水保障', '停水']);
    const bad = join(dir, 'bad.xlsx');
    await writeFile(bad, Buffer.from(await book.xlsx.writeBuffer()));
    await page.goto(`${app.url}/ledgers/complaints`);
    await page.getByTestId('ledger-import').click();
    await page.getByTestId('import-drawer').locator('input[type="file"]').setInputFiles(bad);
    const problems = page.getByTestId('import-problems');
    await expect.poll(() => problems.textContent()).toContain('C2（来源渠道）');
    expect(await problems.textContent()).toContain('D2（受理时间）');
    expect(await page.getByTestId('import-commit').isDisabled()).toBe(true);
    await screenshot(page, 'ledger-import-problems-1366');
  });
});

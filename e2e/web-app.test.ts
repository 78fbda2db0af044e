import { unzipSync } from 'fflate';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, launchChromium, newContext, screenshot, signIn, startDemoApp } from './harness.js';

/**
 * The web application in a real browser, as the bureau's staff use it: a clerk enters a
 * figure and the dashboard and the report follow; sections are kept apart; two people
 * editing one row are told of each other instead of overwriting. Screenshots of the main
 * pages go to out/screenshots for a person to look at.
 */

interface IndicatorFiguresJson {
  code: string;
  ytd: string | null;
}

const PERIOD = 'year=2021&through=10';
const INVESTMENT = 'fixed_asset_investment';

describe('the web application in Chromium', () => {
  let app: App;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    [app, browser] = await Promise.all([startDemoApp(), launchChromium()]);
  });
  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close()));
    await browser?.close();
    await app?.close();
  });

  async function pageAs(username?: string): Promise<Page> {
    const context = await newContext(browser);
    contexts.push(context);
    const page = await context.newPage();
    if (username) await signIn(page, app, username);
    return page;
  }

  async function ytdOf(page: Page, code: string): Promise<string> {
    const response = await page.request.get(`${app.url}/api/indicators?${PERIOD}`);
    expect(response.status()).toBe(200);
    const body = (await response.json()) as { indicators: IndicatorFiguresJson[] };
    return body.indicators.find((i) => i.code === code)?.ytd ?? '';
  }

  it('renders the Chinese sign-in page, and refuses a wrong password in Chinese', async () => {
    const page = await pageAs();
    await page.goto(app.url);
    await page.waitForURL(/\/login/);
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    await expect.poll(() => page.getByTestId('login-submit').textContent()).toContain('登录');
    await screenshot(page, '01-login');
    await page.getByTestId('login-username').fill('planfin');
    await page.getByTestId('login-password').fill('wrong-password-1');
    await page.getByTestId('login-submit').click();
    await expect.poll(() => page.getByTestId('login-error').textContent()).toMatch(/用户名或密码/);
  });

  it('lets a clerk enter a value, and the dashboard shows the new year-to-date figure', async () => {
    const page = await pageAs('planfin');
    const before = await ytdOf(page, INVESTMENT);
    expect(before).toBe('29.02');
    const values = await page.request.get(`${app.url}/api/indicators/${INVESTMENT}/values?year=2021`);
    const october = ((await values.json()) as { values: { period: number; value: string }[] }).values.find(
      (v) => v.period === 10,
    );
    expect(october).toBeDefined();
    const raised = (Number(october?.value) + 1).toFixed(2);

    await page.getByTestId('nav-indicators').click();
    const input = page.getByTestId(`indicator-value-${INVESTMENT}`);
    await input.fill(raised);
    await page.getByTestId(`indicator-source-${INVESTMENT}`).fill('区统计局月报（更正）');
    await page.getByTestId(`indicator-save-${INVESTMENT}`).click();
    await page
      .getByText(/已保存/)
      .first()
      .waitFor();
    await screenshot(page, '02-indicators');

    await page.getByTestId('nav-dashboard').click();
    const card = page.getByTestId(`dashboard-card-${INVESTMENT}`);
    await expect.poll(() => card.textContent(), { timeout: 15_000 }).toContain('30.02');
    await page.getByTestId('chart-trend').waitFor();
    await screenshot(page, '03-dashboard');
    expect(await ytdOf(page, INVESTMENT)).toBe('30.02');
  });

  it('lets the office preview the report and download a DOCX that carries the new value', async () => {
    const page = await pageAs('office');
    await page.getByTestId('nav-reports').click();
    const frame = page.frameLocator('[data-testid="report-frame"]');
    await expect
      .poll(() => frame.locator('body').textContent(), { timeout: 20_000 })
      .toContain('1－10月已完成投资30.02亿元');
    await screenshot(page, '04-report');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-docx').click()]);
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    const path = await download.path();
    const { readFile } = await import('node:fs/promises');
    const files = unzipSync(new Uint8Array(await readFile(path)));
    const xml = new TextDecoder().decode(files['word/document.xml']);
    const text = xml.replace(/<[^>]+>/g, '');
    expect(text).toContain('1－10月已完成投资30.02亿元');

    // Another stored template: the month's progress report, written from the same figures.
    await page.getByTestId('report-template').click();
    await page.locator('.ant-select-item-option', { hasText: '月度工作进展' }).click();
    await expect.poll(() => frame.locator('body').textContent(), { timeout: 20_000 }).toContain('1－10月完成30.02亿元');
    await screenshot(page, '04-report-monthly');
  });

  it("keeps a clerk to their own section: no entry for another section's figures, 403 from the server", async () => {
    const page = await pageAs('planfin');
    await page.goto(`${app.url}/indicators?focus=commodity_housing_sales_area`);
    await page.getByTestId(`indicator-row-${INVESTMENT}`).waitFor();
    expect(await page.getByTestId('indicator-value-commodity_housing_sales_area').count()).toBe(0);
    await screenshot(page, '05-clerk-indicators');

    await page.goto(`${app.url}/users`);
    await page.getByTestId('forbidden').waitFor();

    const session = (await (await page.request.get(`${app.url}/api/session`)).json()) as { csrfToken: string };
    const refused = await page.request.put(`${app.url}/api/indicators/commodity_housing_sales_area/values/2021/10`, {
      headers: { 'x-csrf-token': session.csrfToken },
      data: { value: '1.00' },
    });
    expect(refused.status()).toBe(403);
    const body = (await refused.json()) as { error: { message: string } };
    expect(body.error.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('tells the second of two people editing one row about the first change, instead of overwriting it', async () => {
    const [first, second] = await Promise.all([pageAs('office'), pageAs('office')]);
    const list = await first.request.get(`${app.url}/api/ledgers/complaints?limit=1&sort=ref&order=asc`);
    const ref = ((await list.json()) as { rows: { ref: string }[] }).rows[0]?.ref ?? '';
    expect(ref).not.toBe('');

    const openEditor = async (page: Page) => {
      await page.goto(`${app.url}/ledgers/complaints`);
      await page.getByTestId('ledger-search').locator('input').fill(ref);
      await page.getByTestId('ledger-search').locator('input').press('Enter');
      await page.getByTestId(`ledger-edit-${ref}`).click();
      await page.getByTestId('ledger-form').waitFor();
    };
    await openEditor(first);
    await openEditor(second);

    await first.getByTestId('ledger-field-summary').fill('第一位办理人的修改');
    await first.getByTestId('ledger-submit').click();
    await first
      .getByText(/已保存|已修改/)
      .first()
      .waitFor();

    await second.getByTestId('ledger-field-summary').fill('第二位办理人的修改');
    await second.getByTestId('ledger-submit').click();
    const conflict = second.getByTestId('ledger-conflict');
    await conflict.waitFor();
    expect(await conflict.textContent()).toContain('第一位办理人的修改');
    await screenshot(second, '06-ledger-conflict');

    const row = await first.request.get(`${app.url}/api/ledgers/complaints/${encodeURIComponent(ref)}`);
    expect(((await row.json()) as { fields: { summary: string } }).fields.summary).toBe('第一位办理人的修改');
  });

  it("lets the office move a project's milestone in the list editor, and the report's sentence follows", async () => {
    const page = await pageAs('office');
    await page.goto(`${app.url}/ledgers/projects`);
    await page.getByTestId('ledger-edit-ZDXM-2021-01').click();
    await page.getByTestId('ledger-form').waitFor();
    // 主体完工 is the fifth milestone of 安厦·盛水湾财富中心, planned for 2022-10-31.
    const planned = page.getByTestId('milestone-planned-4');
    expect(await planned.inputValue()).toBe('2022-10-31');
    await planned.click();
    await planned.fill('2022-09-30');
    await planned.press('Enter');
    await screenshot(page, '07-milestones');
    await page.getByTestId('ledger-submit').click();
    await page
      .getByText(/已保存/)
      .first()
      .waitFor();
    // The saved row reads as text, one line per milestone.
    await expect
      .poll(() => page.getByTestId('ledger-details').textContent())
      .toContain('主体完工：计划（计划 2022-09-30）');

    await page.goto(`${app.url}/reports`);
    const frame = page.frameLocator('[data-testid="report-frame"]');
    await expect
      .poll(() => frame.locator('body').textContent(), { timeout: 20_000 })
      .toContain('计划2022年9月底主体完成');
  });
});

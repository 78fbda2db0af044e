import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, launchChromium, newContext, screenshot, signIn, startDemoApp } from './harness.js';

/**
 * 台账设置 in a real browser: the office defines a ledger type as data — a public parking
 * register kept by 城市建设股 — and at once rows are added to it through the form generated from
 * its fields; a field renamed in 台账设置 is the ledger's column title; a clerk of another
 * section may read the new ledger but not add to it, nor open 台账设置. Screenshots of the page
 * at an office monitor's width and a phone's go to out/screenshots.
 */

const CODE = 'parking';
const NAME = '公共停车场台账';
/** The owning section S, and a clerk of another section. */
const SECTION = { code: 'urbanbuild', name: '城市建设股' };
const OTHER_CLERK = 'planfin';
const PARK = '滨河路公共停车场';

interface LedgerTypeJson {
  code: string;
  name: string;
  builtIn: boolean;
  version: number;
  rows: number;
  definition: { section?: string; fields: { code: string; title: string; type: string }[] };
}

describe('台账设置 in Chromium', () => {
  let app: App;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  /** the office, through the whole story */
  let office: Page;
  /** the number the new row was given */
  let ref = '';

  beforeAll(async () => {
    [app, browser] = await Promise.all([startDemoApp(), launchChromium()]);
  });
  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close()));
    await browser?.close();
    await app?.close();
  });

  async function pageAs(username: string): Promise<Page> {
    const context = await newContext(browser);
    contexts.push(context);
    const page = await context.newPage();
    await page.setViewportSize({ width: 1366, height: 768 });
    await signIn(page, app, username);
    return page;
  }

  /**
   * Picks `label` in the antd select `testId`: the option of that select's own list (a list
   * closed a moment ago may still be fading out), typed first when the select is searchable
   * (a long list renders only the options in view). A pick the page lost — the row re-rendered
   * under the open list as another input settled — is made again, up to three times.
   */
  async function choose(page: Page, testId: string, label: string, search = false): Promise<void> {
    const select = page.getByTestId(testId);
    for (let attempt = 1; ; attempt += 1) {
      // Opened unless it still is (a click on an open select would close it).
      if ((await select.locator('input[role="combobox"]').getAttribute('aria-expanded')) !== 'true')
        await select.click();
      const input = select.locator('input[role="combobox"][aria-expanded="true"]');
      const list = await input.getAttribute('aria-controls');
      if (search) await input.fill(label);
      await page.locator(`.ant-select-dropdown:has([id="${list}"]) .ant-select-item-option[title="${label}"]`).click();
      const picked = await expect
        .poll(() => select.textContent(), { timeout: 3_000 })
        .toContain(label)
        .then(
          () => true,
          () => false,
        );
      if (picked) return;
      if (attempt === 3) throw new Error(`${testId}: ${label} was not picked after three tries`);
    }
  }

  async function csrfToken(page: Page): Promise<string> {
    const session = (await (await page.request.get(`${app.url}/api/session`)).json()) as { csrfToken: string };
    return session.csrfToken;
  }

  async function ledgerType(page: Page, code: string): Promise<LedgerTypeJson | undefined> {
    const response = await page.request.get(`${app.url}/api/ledger-types`);
    expect(response.status()).toBe(200);
    return ((await response.json()) as LedgerTypeJson[]).find((type) => type.code === code);
  }

  async function columnTitles(page: Page): Promise<string> {
    return (await page.getByTestId('ledger-table').locator('thead').textContent()) ?? '';
  }

  it('lists the built-in ledgers read-only, and lets the office define a new one with three fields', async () => {
    office = await pageAs('office');
    await office.getByTestId('nav-ledgerSettings').click();
    await office.waitForURL(/\/ledger-settings/);
    await office.getByTestId('ledger-type-builtin-complaints').waitFor();

    // A built-in ledger is shown with its fields, and cannot be changed.
    await office.getByTestId('ledger-type-view-complaints').click();
    await office.getByTestId('ledger-type-builtin').waitFor();
    expect(await office.getByTestId('ledger-type-builtin').textContent()).toContain('内置台账，定义随系统提供');
    expect(await office.getByTestId('ledger-type-fields').textContent()).toContain('受理时间');
    expect(await office.getByTestId('ledger-type-save').count()).toBe(0);
    await office.keyboard.press('Escape');
    await office.getByTestId('ledger-type-view').waitFor({ state: 'detached' });

    await office.getByTestId('ledger-type-new').click();
    await office.getByTestId('ledger-type-code').fill(CODE);
    await office.getByTestId('ledger-type-name').fill(NAME);
    await office.getByTestId('ledger-type-row-title').fill('停车场');
    await choose(office, 'ledger-type-section', SECTION.name, true);
    await office.getByTestId('ledger-type-numbering').fill('TCC-{year}-{seq:3}');
    for (let i = 0; i < 3; i += 1) await office.getByTestId('type-field-add').click();

    await office.getByTestId('type-field-title-0').fill('停车场名称');
    await office.getByTestId('type-field-code-0').fill('name');
    await office.getByTestId('type-field-required-0').check();

    // Left without a code, a field is given one: field2 for the second.
    await office.getByTestId('type-field-title-1').fill('泊位数');
    await choose(office, 'type-field-type-1', '整数');
    await office.getByTestId('type-field-unit-1').fill('个');
    expect(await office.getByTestId('type-field-code-1').getAttribute('placeholder')).toBe('field2');

    await office.getByTestId('type-field-title-2').fill('状态');
    await choose(office, 'type-field-type-2', '选项');
    await office.getByTestId('type-field-values-2').click();
    for (const value of ['在建', '已建成']) {
      await office.keyboard.type(value);
      await office.keyboard.press('Enter');
    }
    await office.keyboard.press('Escape');
    await screenshot(office, 'ledger-settings-new-1366');

    await office.getByTestId('ledger-type-save').click();
    const row = office.getByTestId(`ledger-type-row-${CODE}`);
    await row.waitFor();
    await expect.poll(() => row.textContent()).toContain(SECTION.name);
    expect(await row.textContent()).toContain(NAME);
    await screenshot(office, 'ledger-settings-1366');

    const stored = await ledgerType(office, CODE);
    expect(stored).toMatchObject({ name: NAME, builtIn: false, version: 1, rows: 0 });
    expect(stored?.definition.section).toBe(SECTION.code);
    expect(stored?.definition.fields).toMatchObject([
      { code: 'name', title: '停车场名称', type: 'text', required: true },
      { code: 'field2', title: '泊位数', type: 'integer', unit: '个' },
      { code: 'field3', title: '状态', type: 'choice', values: ['在建', '已建成'] },
    ]);
  });

  it('adds a row to the new ledger through the form generated from its fields', async () => {
    await office.getByTestId('nav-ledgers').click();
    await choose(office, 'ledger-select', NAME, true);
    await office.waitForURL(new RegExp(`/ledgers/${CODE}`));
    await office.getByTestId('ledger-table').waitFor();
    expect(await columnTitles(office)).toContain('泊位数');

    await office.getByTestId('ledger-add').click();
    await office.getByTestId('ledger-form').waitFor();
    // The ledger is 城市建设股's: the form opens in that section, and it cannot be changed.
    const section = office.getByTestId('ledger-field-section');
    await expect.poll(() => section.textContent()).toContain(SECTION.name);
    expect(await section.getAttribute('class')).toContain('ant-select-disabled');
    await office.getByTestId('ledger-field-name').fill(PARK);
    await office.getByTestId('ledger-field-field2').fill('120');
    await choose(office, 'ledger-field-field3', '在建');
    // 编号 left empty: the ledger's 编号规则 numbers the row.
    await office.getByTestId('ledger-submit').click();
    const details = office.getByTestId('ledger-details');
    await details.waitFor();
    await expect.poll(() => details.textContent()).toContain(PARK);
    expect(await details.textContent()).toMatch(/TCC-\d{4}-001/);
    await office.keyboard.press('Escape');

    const table = office.getByTestId('ledger-table');
    await expect.poll(() => table.textContent()).toContain(PARK);
    await screenshot(office, 'ledger-custom-1366');
    const rows = await office.request.get(`${app.url}/api/ledgers/${CODE}`);
    expect(rows.status()).toBe(200);
    const page = (await rows.json()) as { rows: { ref: string; section: { code: string }; fields: object }[] };
    expect(page.rows).toHaveLength(1);
    expect(page.rows[0]).toMatchObject({ section: { code: SECTION.code }, fields: { name: PARK, field2: 120 } });
    ref = page.rows[0]?.ref ?? '';
    expect(ref).toMatch(/^TCC-\d{4}-001$/);
  });

  it("renames a field in 台账设置, and the ledger's column takes the new title", async () => {
    await office.getByTestId('nav-ledgerSettings').click();
    await office.getByTestId(`ledger-type-edit-${CODE}`).click();
    const title = office.getByTestId('type-field-title-1');
    await expect.poll(() => title.inputValue()).toBe('泊位数');
    // A saved field keeps its code and its type.
    expect(await office.getByTestId('type-field-code-1').isDisabled()).toBe(true);
    await title.fill('停车泊位数');
    await screenshot(office, 'ledger-settings-edit-1366');
    await office.getByTestId('ledger-type-save').click();
    await office.getByTestId('ledger-type-form').waitFor({ state: 'detached' });
    await expect.poll(async () => (await ledgerType(office, CODE))?.version).toBe(2);
    const fields = (await ledgerType(office, CODE))?.definition.fields ?? [];
    expect(fields.map((field) => [field.code, field.title])).toEqual([
      ['name', '停车场名称'],
      ['field2', '停车泊位数'],
      ['field3', '状态'],
    ]);

    await office.goto(`${app.url}/ledgers/${CODE}`);
    await office.getByTestId('ledger-table').waitFor();
    await expect.poll(() => columnTitles(office)).toContain('停车泊位数');
    expect(await office.getByTestId('ledger-table').textContent()).toContain(PARK);
  });

  it('refuses to drop a choice value a row still holds, naming the row, and keeps the definition', async () => {
    await office.getByTestId('nav-ledgerSettings').click();
    await office.getByTestId(`ledger-type-edit-${CODE}`).click();
    const values = office.getByTestId('type-field-values-2');
    await values.locator('.ant-select-selection-item[title="在建"] .ant-select-selection-item-remove').click();
    await office.getByTestId('ledger-type-save').click();
    const refusal = office.getByTestId('ledger-type-error');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain(ref);
    await screenshot(office, 'ledger-settings-refused-1366');
    expect((await ledgerType(office, CODE))?.version).toBe(2);
    await office.keyboard.press('Escape');
  });

  it('keeps a clerk of another section from adding to the new ledger and from 台账设置', async () => {
    const clerk = await pageAs(OTHER_CLERK);
    await clerk.goto(`${app.url}/ledgers/${CODE}`);
    const table = clerk.getByTestId('ledger-table');
    await expect.poll(() => table.textContent()).toContain(PARK);
    // The ledger is 城市建设股's: no 新增 for a clerk of 计划财务股 …
    expect(await clerk.getByTestId('ledger-add').count()).toBe(0);
    expect(await clerk.getByTestId(`ledger-edit-${ref}`).count()).toBe(0);
    // … and the server refuses the row, even one put in the clerk's own section.
    const headers = { 'x-csrf-token': await csrfToken(clerk) };
    for (const section of [OTHER_CLERK, SECTION.code]) {
      const refused = await clerk.request.post(`${app.url}/api/ledgers/${CODE}`, {
        headers,
        data: { fields: { section, name: '越权登记的停车场' } },
      });
      expect(refused.status()).toBe(403);
    }

    // 台账设置 is not on the clerk's menu, says 无权访问, and its API refuses.
    await clerk.getByTestId('nav-ledgers').waitFor();
    expect(await clerk.getByTestId('nav-ledgerSettings').count()).toBe(0);
    await clerk.goto(`${app.url}/ledger-settings`);
    await clerk.getByTestId('forbidden').waitFor();
    expect((await clerk.request.get(`${app.url}/api/ledger-types`)).status()).toBe(403);
    const create = await clerk.request.post(`${app.url}/api/ledger-types`, {
      headers,
      data: { definition: { code: 'sneaky', name: '越权台账', rowTitle: '条目', fields: [] } },
    });
    expect(create.status()).toBe(403);
  });

  it('flags a deadline passed for a row not yet done, and none for a row done', async () => {
    // Commitments' 承诺办结日期 is a deadline done by 办结日期 (the preset's `due`): BSS-2021-07 is open
    // and due 2021-12-15, long past; BSS-2021-01 is done.
    await office.goto(`${app.url}/ledgers/commitments`);
    await office.getByTestId('ledger-table').waitFor();
    const flag = office.getByTestId('due-BSS-2021-07');
    await expect.poll(() => flag.textContent()).toMatch(/^逾期 \d+ 天$/);
    expect(await office.getByTestId('due-BSS-2021-01').count()).toBe(0);
    await screenshot(office, 'ledger-due-1366');
  });

  it('is usable on a phone: the list and the field editor fit its width', async () => {
    await office.setViewportSize({ width: 375, height: 812 });
    await office.goto(`${app.url}/ledger-settings`);
    await office.getByTestId(`ledger-type-row-${CODE}`).waitFor();
    // What the page is wide, as the browser lays it out (e2e is compiled without the DOM's types).
    const width = async () => Number(await office.evaluate('document.documentElement.scrollWidth'));
    expect(await width()).toBeLessThanOrEqual(375);
    await screenshot(office, 'ledger-settings-phone');

    await office.getByTestId(`ledger-type-open-${CODE}`).click();
    await office.getByTestId('type-field-0').waitFor();
    await expect.poll(() => office.getByTestId('type-field-title-1').inputValue()).toBe('停车泊位数');
    expect(await width()).toBeLessThanOrEqual(375);
    await screenshot(office, 'ledger-settings-edit-phone');
  });
});

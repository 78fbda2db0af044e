import { XLSX_CONTENT_TYPE } from '@taizhang/contract';
import { testEngines } from '@taizhang/db/testing';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { type Browser, demoServer, signIn } from '../../server.test-helpers.js';

/** Uploads a workbook as a page does: the file itself is the body. */
function upload(who: Browser, url: string, bytes: Buffer) {
  return who.upload(url, bytes, XLSX_CONTENT_TYPE);
}

async function edited(bytes: Buffer, edit: (sheet: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  edit(book.getWorksheet('群众投诉台账') as ExcelJS.Worksheet);
  return Buffer.from(await book.xlsx.writeBuffer());
}

describe.each(testEngines())('ledger workbooks over HTTP, on $name', (engine) => {
  const server = demoServer(engine);

  it('exports a ledger as filtered, previews an edited workbook and imports exactly what was previewed', async () => {
    const clerk = await signIn(server.app, 'urbanbuild');
    const file = await clerk.get('/api/ledger-workbooks/complaints?section=urbanbuild');
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe(XLSX_CONTENT_TYPE);
    expect(file.headers['content-disposition']).toContain(encodeURIComponent('群众投诉台账.xlsx'));
    const bytes = file.rawPayload;

    const changed = await edited(bytes, (sheet) => {
      sheet.getRow(2).getCell(6).value = '改过的摘要（导入）';
    });
    const query = `?file=${encodeURIComponent('投诉.xlsx')}`;
    const preview = await upload(clerk, `/api/ledger-workbooks/complaints/preview${query}`, changed);
    expect(preview.statusCode).toBe(200);
    const plan = preview.json();
    expect(plan.counts.updated).toBe(1);
    expect(plan.problems).toEqual([]);
    expect(plan.rows[0]).toMatchObject({
      line: 2,
      action: 'update',
      changes: [{ title: '内容摘要', after: '改过的摘要（导入）' }],
    });

    const done = await upload(
      clerk,
      `/api/ledger-workbooks/complaints/import${query}&fingerprint=${plan.fingerprint}`,
      changed,
    );
    expect(done.statusCode).toBe(200);
    expect(done.json().counts).toMatchObject({ updated: 1, inserted: 0 });
    const ref = plan.rows[0].ref as string;
    const row = (await clerk.get(`/api/ledgers/complaints/${encodeURIComponent(ref)}`)).json();
    expect(row).toMatchObject({ version: 2, fields: { summary: '改过的摘要（导入）' }, updatedBy: 'urbanbuild' });

    // the same file again: previewed before the change, it no longer holds
    const again = await upload(
      clerk,
      `/api/ledger-workbooks/complaints/import${query}&fingerprint=${plan.fingerprint}`,
      changed,
    );
    expect(again.statusCode).toBe(409);
    expect(again.json().current.counts).toMatchObject({ updated: 0 });
  });

  it('keeps a clerk to their section, a leader out, and refuses what is not a workbook', async () => {
    const office = await signIn(server.app, 'office');
    const all = (await office.get('/api/ledger-workbooks/complaints')).rawPayload;
    const clerk = await signIn(server.app, 'quality');
    const query = `?file=x.xlsx`;
    const preview = (await upload(clerk, `/api/ledger-workbooks/complaints/preview${query}`, all)).json();
    expect(preview.problems.length).toBeGreaterThan(0);
    expect(preview.problems[0].reason).toContain('其他股室的记录');
    const refused = await upload(
      clerk,
      `/api/ledger-workbooks/complaints/import${query}&fingerprint=${preview.fingerprint}`,
      all,
    );
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.details.length).toBe(preview.problems.length);
    expect(refused.json().current.problems).toEqual(preview.problems);

    const leader = await signIn(server.app, 'leader');
    expect((await upload(leader, `/api/ledger-workbooks/complaints/preview${query}`, all)).statusCode).toBe(403);
    expect((await leader.get('/api/ledger-workbooks/complaints?template=true')).statusCode).toBe(200);

    const junk = await upload(office, `/api/ledger-workbooks/complaints/preview${query}`, Buffer.from('hello'));
    expect(junk.statusCode).toBe(422);
    expect(junk.json().error.message).toContain('不是可以读取的 Excel 工作簿');
    const json = await office.send('POST', `/api/ledger-workbooks/complaints/preview${query}`, { rows: [] });
    expect(json.statusCode).toBe(400);
  });
});

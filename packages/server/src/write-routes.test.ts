import { XLSX_CONTENT_TYPE } from '@taizhang/contract';
import { testEngines } from '@taizhang/db/testing';
import { DEMO_PASSWORD } from '@taizhang/services';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { ADDRESS, type Browser, demoServer, signIn } from './server.test-helpers.js';

type Method = 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One valid request of a write route: who sends it, what, and the table its audit record names. */
interface WriteCase {
  user: string;
  url: string;
  body?: (browser: Browser) => Promise<unknown> | unknown;
  status: number;
  /** who the audit record names; the user by default */
  actor?: string;
  table?: string;
  /** the request signs in itself (POST /api/session): no session of its own */
  anonymous?: boolean;
  /** what `:id` stands for, made by the administrator beforehand; the housing clerk's user id by default */
  id?: (admin: Browser) => Promise<string>;
  /** a request other than a JSON body (an uploaded workbook), made whole */
  send?: (browser: Browser) => Promise<LightMyRequestResponse>;
}

/** The urban-construction clerk's complaints, exported, one summary changed: a workbook to upload. */
async function editedComplaints(browser: Browser): Promise<Buffer> {
  const exported = await browser.get('/api/ledger-workbooks/complaints?section=urbanbuild');
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
  const sheet = book.getWorksheet('群众投诉台账') as ExcelJS.Worksheet;
  sheet.getRow(2).getCell(6).value = '导入时改过的摘要';
  return Buffer.from(await book.xlsx.writeBuffer());
}

const PREVIEW_URL = `/api/ledger-workbooks/complaints/preview?file=${encodeURIComponent('投诉.xlsx')}`;

/** The administrator asks to reset a clerk's password: the pending request's id. */
async function resetRequest(admin: Browser, username: string): Promise<string> {
  const users = (await admin.get('/api/users')).json() as { id: string; username: string; version: number }[];
  const user = users.find((u) => u.username === username);
  const filed = await admin.send('PATCH', `/api/users/${user?.id}`, {
    password: 'Reset@pass2022',
    version: user?.version,
  });
  if (filed.statusCode !== 202) throw new Error(`no request filed for ${username}: ${filed.body}`);
  return (filed.json() as { id: string }).id;
}

/**
 * Every write route of the API, keyed as registered. A route added without a case here fails
 * the first test: every write must be shown to leave its audit record (or to need none).
 */
const CASES: Record<string, WriteCase> = {
  'POST /api/session': {
    user: 'housing',
    url: '/api/session',
    body: () => ({ username: 'housing', password: DEMO_PASSWORD }),
    status: 200,
    actor: 'signin:housing',
    table: 'users',
    anonymous: true,
  },
  'DELETE /api/session': { user: 'housing', url: '/api/session', status: 204 },
  'PUT /api/session/password': {
    user: 'sanitation',
    url: '/api/session/password',
    body: () => ({ current: DEMO_PASSWORD, next: 'Sanitation@2022' }),
    status: 204,
    table: 'users',
  },
  'PUT /api/indicators/:code/values/:year/:period': {
    user: 'planfin',
    url: '/api/indicators/project_registration/values/2021/11',
    body: () => ({ value: '2.50', note: '快报数' }),
    status: 200,
    table: 'indicator_values',
  },
  'PUT /api/targets/:code/:year': {
    user: 'office',
    url: '/api/targets/residential_average_price/2021',
    body: () => ({ growth: '3.0' }),
    status: 200,
    table: 'indicator_targets',
  },
  'POST /api/ledgers/:ledger': {
    user: 'urbanbuild',
    url: '/api/ledgers/complaints',
    body: () => ({
      ref: 'WALK-1',
      fields: { channel: '网络', receivedAt: '2021-11-03T08:00:00+08:00', category: '供水保障', summary: '停水' },
    }),
    status: 201,
    // a ledger's rows are kept in its generated table, named on the trail by the ledger
    table: '群众投诉台账',
  },
  'PATCH /api/ledgers/:ledger/:ref': {
    user: 'urbanbuild',
    url: '/api/ledgers/complaints/12345-2021-000001',
    body: () => ({ version: 1, changes: { summary: '小区楼顶违规加建（已拆除）' } }),
    status: 200,
    // a ledger's rows are kept in its generated table, named on the trail by the ledger
    table: '群众投诉台账',
  },
  'POST /api/ledger-workbooks/:ledger/preview': {
    user: 'urbanbuild',
    url: PREVIEW_URL,
    send: async (browser) => browser.upload(PREVIEW_URL, await editedComplaints(browser), XLSX_CONTENT_TYPE),
    status: 200,
  },
  'POST /api/ledger-workbooks/:ledger/import': {
    user: 'urbanbuild',
    url: '/api/ledger-workbooks/complaints/import',
    send: async (browser) => {
      const workbook = await editedComplaints(browser);
      const preview = (await browser.upload(PREVIEW_URL, workbook, XLSX_CONTENT_TYPE)).json() as {
        fingerprint: string;
      };
      const url = `/api/ledger-workbooks/complaints/import?file=${encodeURIComponent('投诉.xlsx')}&fingerprint=${preview.fingerprint}`;
      return browser.upload(url, workbook, XLSX_CONTENT_TYPE);
    },
    status: 200,
    // each changed row on the trail, named by its ledger, beside the import's own record (台账导入)
    table: '群众投诉台账',
  },
  'POST /api/ledger-types': {
    user: 'office',
    url: '/api/ledger-types',
    body: () => ({
      definition: {
        code: 'walk_parking',
        name: '公共停车场台账',
        rowTitle: '停车场',
        fields: [{ code: 'lotName', title: '停车场名称', type: 'text', required: true }],
      },
    }),
    status: 201,
    table: 'ledger_types',
  },
  'PUT /api/ledger-types/:code': {
    user: 'office',
    url: '/api/ledger-types/walk_parking',
    body: async (browser) => {
      const types = (await browser.get('/api/ledger-types')).json() as {
        code: string;
        version: number;
        definition: Record<string, unknown>;
      }[];
      const type = types.find((t) => t.code === 'walk_parking');
      return { version: type?.version, definition: { ...type?.definition, name: '城区公共停车场台账' } };
    },
    status: 200,
    table: 'ledger_types',
  },
  'POST /api/reports/approvals': {
    user: 'leader',
    url: '/api/reports/approvals',
    body: () => ({ year: 2021, through: 10, note: '同意印发' }),
    status: 201,
    table: 'report_approvals',
  },
  'PUT /api/templates/:code': {
    user: 'office',
    url: '/api/templates/work-summary',
    body: async (browser) => {
      const template = (await browser.get('/api/templates/work-summary')).json();
      return { text: `${template.text}\n`, version: template.version };
    },
    status: 200,
    table: 'report_templates',
  },
  'POST /api/templates/preview': {
    user: 'office',
    url: '/api/templates/preview',
    body: () => ({ text: '# {{ org.name }}{{ year }}年1－{{ through }}月工作总结', year: 2021, through: 10 }),
    status: 200,
  },
  'PUT /api/narratives/:code': {
    user: 'office',
    url: '/api/narratives/key_projects',
    body: async (browser) => {
      const narratives = (await browser.get('/api/narratives?year=2021')).json() as {
        code: string;
        through: number | null;
        text: string;
        version: number;
      }[];
      const block = narratives.find((n) => n.code === 'key_projects');
      return { year: 2021, through: block?.through ?? null, text: `${block?.text}。`, version: block?.version };
    },
    status: 200,
    table: 'narratives',
  },
  'POST /api/users': {
    user: 'admin',
    url: '/api/users',
    body: () => ({
      username: 'newclerk',
      displayName: '新股室填报员',
      role: 'clerk',
      section: 'housing',
      password: 'Newclerk@2021',
    }),
    status: 202,
    table: 'account_requests',
  },
  'PATCH /api/users/:id': {
    user: 'admin',
    url: '/api/users/:id',
    body: () => ({ displayName: '孙丽华（住房保障股）', version: 1 }),
    status: 200,
    table: 'users',
  },
  'POST /api/users/:id/unlock': { user: 'security', url: '/api/users/:id/unlock', status: 200, table: 'users' },
  'POST /api/users/requests/:id/approve': {
    user: 'security',
    url: '/api/users/requests/:id/approve',
    id: (admin) => resetRequest(admin, 'quality'),
    status: 200,
    table: 'account_requests',
  },
  'POST /api/users/requests/:id/reject': {
    user: 'security',
    url: '/api/users/requests/:id/reject',
    body: () => ({ note: '未见书面申请' }),
    id: (admin) => resetRequest(admin, 'villages'),
    status: 200,
    table: 'account_requests',
  },
  'POST /api/users/requests/:id/withdraw': {
    user: 'admin',
    url: '/api/users/requests/:id/withdraw',
    id: (admin) => resetRequest(admin, 'realestate'),
    status: 200,
    table: 'account_requests',
  },
};

describe.each(testEngines())('every write route leaves its audit record, on $name', (engine) => {
  const server = demoServer(engine);

  it('has a case for every write route the server registers', () => {
    const writes = server.app.apiRoutes.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.url}`);
    expect(writes.sort()).toEqual(Object.keys(CASES).sort());
  });

  it('records actor and address for each write, and nothing for a route that declares it changes nothing', async () => {
    const auditor = await signIn(server.app, 'auditor');
    const admin = await signIn(server.app, 'admin');
    const users = (await admin.get('/api/users')).json() as { id: string; username: string }[];
    const newest = async () => {
      const page = (await auditor.get('/api/audit?limit=1')).json() as { rows: { id: string }[] };
      return BigInt(page.rows[0]?.id ?? '0');
    };
    for (const route of server.app.apiRoutes.filter((r) => r.method !== 'GET')) {
      const key = `${route.method} ${route.url}`;
      const c = CASES[key] as WriteCase;
      const id = c.id ? await c.id(admin) : (users.find((u) => u.username === 'housing')?.id ?? '');
      const url = c.url.replace(':id', id);
      const since = await newest();
      let response: LightMyRequestResponse;
      if (c.anonymous) {
        response = await server.app.inject({
          method: route.method as Method,
          url,
          payload: (await c.body?.(auditor)) as object,
          remoteAddress: ADDRESS,
        });
      } else {
        const browser = await signIn(server.app, c.user);
        // Signing in writes its own record: count from after it.
        const after = await newest();
        response = c.send
          ? await c.send(browser)
          : await browser.send(route.method as Method, url, await c.body?.(browser));
        expect(after).toBeGreaterThanOrEqual(since);
        const records = await recordsSince(auditor, after);
        check(key, route.unaudited, response, c, records);
        continue;
      }
      check(key, route.unaudited, response, c, await recordsSince(auditor, since));
    }
  });

  it('never puts a password hash on the trail', async () => {
    const auditor = await signIn(server.app, 'auditor');
    // A new account's initial password waits with its request, apart from both audited tables.
    const requests = (await auditor.get('/api/audit/export?table=account_requests')).body;
    expect(requests).toContain('newclerk');
    expect(requests).toContain('""password"":true');
    const users = (await auditor.get('/api/audit/export?table=users')).body;
    for (const csv of [requests, users]) expect(csv).not.toContain('scrypt$');
  });
});

interface Record_ {
  id: string;
  actor: string;
  address: string | null;
  table: string;
  tableName: string;
}

async function recordsSince(auditor: Browser, since: bigint): Promise<Record_[]> {
  const page = (await auditor.get('/api/audit?limit=200')).json() as { rows: Record_[] };
  return page.rows.filter((r) => BigInt(r.id) > since);
}

function check(
  key: string,
  unaudited: string | undefined,
  response: LightMyRequestResponse,
  c: WriteCase,
  records: Record_[],
) {
  expect(response.statusCode, `${key}: ${response.body}`).toBe(c.status);
  if (unaudited !== undefined) {
    expect(records, `${key} declares it changes nothing (${unaudited})`).toEqual([]);
    return;
  }
  const ours = records.filter((r) => r.table === c.table || r.tableName === c.table);
  expect(ours.length, `${key} left no audit record in ${c.table}`).toBeGreaterThan(0);
  for (const record of ours) expect(record, key).toMatchObject({ actor: c.actor ?? c.user, address: ADDRESS });
}

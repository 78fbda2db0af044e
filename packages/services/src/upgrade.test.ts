import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { countLedgerRows, type Database, findOrganisation, type OrganisationRow } from '@taizhang/db';
import { restoredEngines, testEngines } from '@taizhang/db/testing';
import { renderDocx, renderHtml, renderMarkdown } from '@taizhang/render';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from './accounts/caller.js';
import { ledgerRowHistory, verifyAuditTrail } from './audit.js';
import { recreateDemo } from './demo.js';
import { findLedger, orgLedgers } from './ledger-catalogue.js';
import { listLedger } from './ledgers.js';
import { generateReport } from './report/generate.js';

/**
 * A database made by the release before the preset's ledgers moved into generated tables
 * (schema 0014) upgrades in place. The fixture is that release's own database: `pg_dump
 * --inserts` of PostgreSQL after `taizhang demo`, a dataset of a second district with an
 * organisation-defined 公共停车场台账 (`nanhu`), and two edits of a commitment made and taken
 * back (so a row has version 3 and a history). Credentials and sessions are left out of it.
 */
const FIXTURE = fileURLToPath(new URL('../../db/fixtures/release-0014.sql.gz', import.meta.url));

/** Rows per ledger, and the newest version among them, in the fixture (counted when it was made). */
const FIXTURE_ROWS: Readonly<Record<string, number>> = {
  complaints: 347,
  commitments: 7,
  supervision: 154,
  renovations: 12,
  rent_subsidies: 8,
  seismic_retrofits: 11,
  campaign_works: 60,
  infrastructure: 14,
  rectification: 23,
  projects: 10,
  stalled_projects: 1,
};

const PERIOD = { year: 2021, through: 10 };

const DUMP = gunzipSync(readFileSync(FIXTURE)).toString('utf8');

/** Sees every row's history with its address, as the auditor does. */
const AUDITOR = { orgId: '', user: { role: 'admin', section: null }, address: null } as unknown as Caller;

describe.each(restoredEngines(DUMP))('a database of the previous release upgraded on $name', (engine) => {
  let upgraded: Database;
  let fresh: Database;
  let org: OrganisationRow;

  beforeAll(async () => {
    upgraded = await engine.open();
    fresh = await (testEngines().find((e) => e.name === engine.name) as typeof engine).open();
    await recreateDemo(fresh, 'test');
    org = (await findOrganisation(upgraded, 'shifanqu')) as OrganisationRow;
  });
  afterAll(async () => {
    await upgraded?.close();
    await fresh?.close();
  });

  it('keeps every row of every ledger, each in its generated table', async () => {
    for (const ledger of await orgLedgers(upgraded, org.id)) {
      expect(ledger.table, ledger.code).toMatch(/^ledger_t\d+$/);
      expect(await countLedgerRows(upgraded, org.id, ledger, {}), ledger.code).toBe(FIXTURE_ROWS[ledger.code]);
    }
    const [legacy] = await upgraded.query<{ n: number }>(
      `select count(*)::int as n from pg_class where relname ~ '^ledger_[a-z_]+$'
         and relname not in ('ledger_types', 'ledger_presets', 'ledger_imports') and relkind = 'r'`,
    );
    expect(legacy?.n).toBe(0);
  });

  it('gives a byte-identical demo report to a database made by this release', async () => {
    const freshOrg = (await findOrganisation(fresh, 'shifanqu')) as OrganisationRow;
    const before = await generateReport(fresh, freshOrg, PERIOD);
    const after = await generateReport(upgraded, org, PERIOD);
    expect(renderMarkdown(after)).toBe(renderMarkdown(before));
    expect(renderHtml(after)).toBe(renderHtml(before));
    expect(Buffer.from(await renderDocx(after)).equals(Buffer.from(await renderDocx(before)))).toBe(true);
  });

  it('keeps versions and reads a row’s history on across the move', async () => {
    const commitments = await findLedger(upgraded, org.id, 'commitments');
    const [first] = await listLedger(upgraded, org, commitments, { limit: 1, orderBy: 'ref' });
    expect(first?.version).toBe(3);
    const history = await ledgerRowHistory(upgraded, { ...AUDITOR, orgId: org.id }, commitments, first?.ref as string);
    expect(history.map((h) => [h.action, h.after?.version])).toEqual([
      ['insert', 1],
      ['update', 2],
      ['update', 3],
    ]);
    expect(history[1]?.after?.evidence).toMatch(/（补充材料）$/);
    expect(history[1]?.actor).toBe('办公室 张三');
  });

  it('keeps an organisation’s own ledger type and its rows, and gives it the preset as well', async () => {
    const nanhu = (await findOrganisation(upgraded, 'nanhu')) as OrganisationRow;
    const ledgers = await orgLedgers(upgraded, nanhu.id);
    expect(ledgers.map((l) => l.code)).toEqual([...Object.keys(FIXTURE_ROWS), 'parking']);
    const parking = await findLedger(upgraded, nanhu.id, 'parking');
    const rows = await listLedger(upgraded, nanhu, parking, { orderBy: 'ref' });
    expect(rows.map((r) => [r.ref, r.spaces, r.version])).toEqual([
      ['TCC-2022-001', 320, 1],
      ['TCC-2022-002', 90, 2],
    ]);
    const complaints = await findLedger(upgraded, nanhu.id, 'complaints');
    expect(await countLedgerRows(upgraded, nanhu.id, complaints, {})).toBe(1);
  });

  it('keeps the audit chain whole, the move’s own records included', async () => {
    const report = await verifyAuditTrail(upgraded);
    expect(report.breaks).toEqual([]);
    expect(report.intact).toBe(true);
  });
});

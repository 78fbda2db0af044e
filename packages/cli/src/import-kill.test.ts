/**
 * An import is one transaction: a `taizhang import` killed with SIGKILL at any instant —
 * while the embedded database opens, while the workbook is read, while rows are written,
 * while it commits or closes — leaves the database as it was before the import or as it is
 * after it, never between, and its audit trail whole. Every process here is a real one,
 * running the built command (`npm test` builds first).
 */
import { spawn } from 'node:child_process';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { type Database, openDatabase } from '@taizhang/db';
import {
  exportLedgerWorkbook,
  findLedger,
  recreateDemo,
  resolveOrganisation,
  verifyAuditTrail,
} from '@taizhang/services';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../bin/taizhang.js', import.meta.url));
/** The embedded database whatever the test run's DATABASE_URL: the crash of interest is PGlite's. */
const ENV = { ...process.env, DATABASE_URL: '' };
const KILLS = 20;

/** A deterministic spread of instants, so a failure can be repeated: a small linear congruential generator. */
function instants(count: number, span: number, seed = 20211105): number[] {
  let state = seed;
  const next = () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
  // spread over the whole run and a little past it, one instant in each slice
  return Array.from({ length: count }, (_, i) => Math.round(((i + next()) / count) * span * 1.15));
}

function run(argv: string[], killAfter?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  const child = spawn(process.execPath, [BIN, ...argv], { env: ENV, stdio: 'ignore' });
  const timer = killAfter === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfter);
  return new Promise((resolve) =>
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal });
    }),
  );
}

async function state(dataDir: string): Promise<{ rows: number; imports: number; trail: boolean }> {
  const db: Database = await openDatabase({ dataDir, lock: { onStaleCleared: () => {} } });
  try {
    const org = await resolveOrganisation(db);
    const complaints = await findLedger(db, org.id, 'complaints');
    const [counts] = await db.query<{ rows: number; imports: number }>(
      `select (select count(*)::int from ${complaints.table}) as rows, (select count(*)::int from ledger_imports) as imports`,
    );
    const trail = await verifyAuditTrail(db, org.id);
    return { rows: counts?.rows ?? -1, imports: counts?.imports ?? -1, trail: trail.intact };
  } finally {
    await db.close();
  }
}

describe('taizhang import killed with SIGKILL', () => {
  let dir: string;
  let base: string;
  let workbook: string;
  let total: number;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'taizhang-import-kill-'));
    base = join(dir, 'base');
    workbook = join(dir, '群众投诉台账.xlsx');
    // The demo, its complaints exported, then taken out: the import puts every one of them back.
    const db = await openDatabase({ dataDir: base });
    try {
      await recreateDemo(db, 'test');
      const org = await resolveOrganisation(db);
      const complaints = await findLedger(db, org.id, 'complaints');
      const out = new PassThrough();
      const chunks: Buffer[] = [];
      out.on('data', (chunk: Buffer) => chunks.push(chunk));
      total = await exportLedgerWorkbook(db, org, complaints, out);
      await writeFile(workbook, Buffer.concat(chunks));
      await db.transaction('test', (tx) => tx.query(`delete from ${complaints.table}`));
    } finally {
      await db.close();
    }
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('leaves the database before or after the import at 20 instants, never between', async () => {
    expect(total).toBeGreaterThan(100);
    // How long a whole import takes here, to spread the kills over it.
    const whole = join(dir, 'whole');
    await cp(base, whole, { recursive: true });
    const started = Date.now();
    expect((await run(['import', workbook, '--data', whole])).code).toBe(0);
    const span = Date.now() - started;
    expect(await state(whole)).toEqual({ rows: total, imports: 1, trail: true });

    const outcomes: string[] = [];
    for (const [i, delay] of instants(KILLS, span).entries()) {
      const data = join(dir, `kill-${i}`);
      await cp(base, data, { recursive: true });
      const ended = await run(['import', workbook, '--data', data], delay);
      const after = await state(data);
      // before: no row and no import record; after: every row and the one record; the trail verifies either way
      expect({ delay, ...after }).toSatisfy(
        (s: { rows: number; imports: number; trail: boolean }) =>
          s.trail && ((s.rows === 0 && s.imports === 0) || (s.rows === total && s.imports === 1)),
      );
      outcomes.push(`${delay}ms ${ended.signal ?? `exit ${ended.code}`} → ${after.rows === 0 ? 'before' : 'after'}`);
      await rm(data, { recursive: true, force: true });
    }
    // The instants reach both sides of the commit: some kills land before it, some after.
    expect(outcomes.some((o) => o.endsWith('before'))).toBe(true);
    expect(outcomes.some((o) => o.includes('SIGKILL'))).toBe(true);
    expect(outcomes.some((o) => o.endsWith('after'))).toBe(true);
  }, 600_000);
});

import { type Database, type Row, UpsertCount, upsertOrganisation, upsertSections } from '@taizhang/db';
import { testEngines } from '@taizhang/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReadCache } from './read-cache.js';

/**
 * A data version read just before a change commits, whose answer arrives after the change's
 * notice (or after the notices were lost, or a write of this process), must serve that one
 * read only: kept, it would stand for a version that is gone, and every later read would be
 * served the old result until the next change.
 */
describe.each(testEngines())('a version read while the data moves, on $name', (engine) => {
  let db: Database;
  let orgId: string;

  beforeAll(async () => {
    db = await engine.open();
    orgId = await db.transaction('test', (tx) =>
      upsertOrganisation(tx, { code: 'race', name: 'race', level: 'district' }, new UpsertCount()),
    );
  });
  afterAll(async () => {
    await db?.close();
  });

  /** The database, with the answer of the next version read held until `release` (the query itself has run). */
  function holdingNextVersionRead(): { db: Database; release(): void } {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let holding = true;
    return {
      release: () => release(),
      db: {
        ...db,
        async query<T extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<T[]> {
          const rows = await db.query<T>(sql, params);
          if (holding && sql.includes('from data_versions')) {
            holding = false;
            await gate;
          }
          return rows;
        },
      },
    };
  }

  const args = () => ({ caller: { orgId, address: null, user: { username: 'office' } }, year: 2021 });
  let section = 0;
  const change = () =>
    db.transaction('test', (tx) =>
      upsertSections(tx, orgId, [{ code: `s${++section}`, name: '股室' }], new UpsertCount()),
    );

  for (const [what, between] of [
    ['the notice of a change', (cache: ReadCache) => cache.orgChanged(orgId)],
    ['a write of this process', (cache: ReadCache) => cache.mayHaveWritten()],
    [
      'the loss and return of the notices',
      (cache: ReadCache) => {
        cache.distrust();
        cache.trustNotifications();
      },
    ],
  ] as const) {
    it(`does not keep it past ${what}`, async () => {
      const cache = new ReadCache();
      cache.trustNotifications();
      let computed = 0;
      const compute = async () => ++computed;
      // Cached, and served again while the version stands.
      const cached = await cache.get(db, 'indicators', args(), compute);
      expect(await cache.get(db, 'indicators', args(), compute)).toBe(cached);
      // Another change and its notice: the next read reads the version again, and that read is held.
      await change();
      cache.orgChanged(orgId);
      const held = holdingNextVersionRead();
      const first = cache.get(held.db, 'indicators', args(), compute);
      // The version has been read; before its answer is used, a change commits and is told.
      await new Promise((resolve) => setTimeout(resolve, 50));
      await change();
      between(cache);
      held.release();
      const before = await first;
      // The next read sees the change: it reads the version again instead of the one kept.
      expect(await cache.get(db, 'indicators', args(), compute)).toBe((before as number) + 1);
    });
  }
});

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Figure } from '@taizhang/core';
import type { Database, OrganisationRow } from '@taizhang/db';
import type { TestEngine } from '@taizhang/db/testing';
import { afterAll, beforeAll } from 'vitest';
import { loadDatasetFile } from './load-dataset.js';
import { resolveOrganisation } from './organisation.js';

/**
 * A fresh database of `engine` holding the dataset `text`, loaded through the real file
 * loader, for the enclosing `describe`: read `db` and `org` inside its tests.
 */
export function loadedDataset(
  engine: TestEngine,
  text: string,
  orgCode: string,
): { db: Database; org: OrganisationRow } {
  const state = {} as { db: Database; org: OrganisationRow };
  let dir: string | undefined;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'taizhang-fixture-'));
    const file = join(dir, 'fixture.yaml');
    await writeFile(file, text);
    state.db = await engine.open();
    await loadDatasetFile(state.db, file, '载入员');
    state.org = await resolveOrganisation(state.db, orgCode);
  });
  afterAll(async () => {
    await state.db?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });
  return state;
}

/** A figure's value with two decimals; a missing figure fails the test with its reason. */
export function fixed2(figure: Figure): string {
  if (!figure.ok) throw new Error(`expected a figure, got ${figure.reason.code}`);
  return figure.value.toFixed(2);
}

import { fileURLToPath } from 'node:url';
import { type Database, deleteOrganisation } from '@taizhang/db';
import { type LoadSummary, readDataset, writeDatasetIn } from './load-dataset.js';

/** The demo district's dataset, shipped in the repository. */
export const DEMO_DATASET = fileURLToPath(new URL('../../../demo/shifanqu.yaml', import.meta.url));

/**
 * (Re)creates the demo district: its organisation and everything it holds are removed and
 * loaded afresh in one transaction, so a failed run leaves the previous demo in place.
 * Other organisations in the same database are not touched.
 */
export async function recreateDemo(db: Database, actor: string): Promise<LoadSummary> {
  const dataset = await readDataset(DEMO_DATASET);
  return db.transaction(actor, async (tx) => {
    await deleteOrganisation(tx, dataset.organisation.code);
    return writeDatasetIn(tx, dataset);
  });
}

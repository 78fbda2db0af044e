import { fileURLToPath } from 'node:url';
import { type Actor, type Database, deleteOrganisation } from '@taizhang/db';
import { demoAccountHashes, seedDemoAccounts } from './demo-accounts.js';
import { type LoadSummary, readDataset, writeDatasetIn } from './load-dataset.js';

/** The demo district's dataset, shipped in the repository. */
export const DEMO_DATASET = fileURLToPath(new URL('../../../demo/shifanqu.yaml', import.meta.url));

/**
 * (Re)creates the demo district: its organisation and everything it holds — its demo
 * accounts (demo-accounts.ts) included — are removed and loaded afresh in one transaction,
 * so a failed run leaves the previous demo in place. Other organisations in the same
 * database are not touched.
 */
export async function recreateDemo(db: Database, actor: Actor): Promise<LoadSummary> {
  const [dataset, hashes] = await Promise.all([readDataset(DEMO_DATASET), demoAccountHashes()]);
  return db.transaction(actor, async (tx) => {
    await deleteOrganisation(tx, dataset.organisation.code);
    const summary = await writeDatasetIn(tx, dataset);
    await seedDemoAccounts(tx, summary.organisation.id, hashes);
    return summary;
  });
}

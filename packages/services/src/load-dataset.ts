import { readFile } from 'node:fs/promises';
import { type Dataset, fileProblem, formatProblem, type Problem, parseDataset, toChinaInstant } from '@taizhang/core';
import {
  type Database,
  installLedgerPreset,
  type Queryable,
  UpsertCount,
  upsertIndicators,
  upsertLedgerRows,
  upsertNarratives,
  upsertOrganisation,
  upsertSections,
  upsertTargets,
  upsertTemplates,
  upsertValues,
} from '@taizhang/db';
import { orgLedgers } from './ledger-catalogue.js';
import { LedgerTypesRejected, storeLedgerTypes } from './ledger-types.js';
import { UserError } from './user-error.js';

/** A dataset file that cannot be loaded, with every problem found in it. */
export class DatasetRejected extends UserError {
  constructor(
    readonly file: string,
    readonly problems: readonly Problem[],
  ) {
    super(
      'DATASET_REJECTED',
      `数据集 ${file} 未载入：发现 ${problems.length} 处问题，数据库未做任何改动`,
      problems.map(formatProblem),
    );
  }
}

export interface LoadSummary {
  organisation: { id: string; code: string; name: string };
  counts: {
    organisations: UpsertCount;
    sections: UpsertCount;
    indicators: UpsertCount;
    targets: UpsertCount;
    values: UpsertCount;
    narratives: UpsertCount;
    templates: UpsertCount;
    /** the file's own ledger types (台账类型) */
    ledgerTypes: UpsertCount;
    /** 台账 rows, per ledger code */
    ledgers: Record<string, UpsertCount>;
  };
  /** each ledger's Chinese name, by code */
  ledgerNames: Record<string, string>;
}

/** What `taizhang load` reports: the counts written, and the warnings the file deserves. */
export interface LoadReport extends LoadSummary {
  /** things to check that did not stop the load (a milestone done before its planned day) */
  warnings: Problem[];
}

/** Reads and validates a dataset file; throws DatasetRejected naming every problem. */
export async function readDataset(file: string): Promise<Dataset> {
  return (await readCheckedDataset(file)).dataset;
}

/** `readDataset`, with the warnings of a file that may be loaded. */
export async function readCheckedDataset(file: string): Promise<{ dataset: Dataset; warnings: Problem[] }> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new DatasetRejected(file, [fileProblem(code === 'ENOENT' ? 'missing' : 'unreadable', file, code)]);
  }
  const parsed = parseDataset(bytes, file);
  if (!parsed.ok) throw new DatasetRejected(file, parsed.problems);
  return { dataset: parsed.dataset, warnings: parsed.warnings };
}

/**
 * Writes a validated dataset in one transaction: everything or nothing. Rows are matched
 * by their natural keys, so loading the same dataset again changes nothing.
 */
export async function writeDataset(db: Database, dataset: Dataset, actor: string): Promise<LoadSummary> {
  return db.transaction(actor, (tx) => writeDatasetIn(tx, dataset));
}

/** The writes of `writeDataset`, inside a transaction the caller holds. */
export async function writeDatasetIn(tx: Queryable, dataset: Dataset): Promise<LoadSummary> {
  const counts = {
    organisations: new UpsertCount(),
    sections: new UpsertCount(),
    indicators: new UpsertCount(),
    targets: new UpsertCount(),
    values: new UpsertCount(),
    narratives: new UpsertCount(),
    templates: new UpsertCount(),
    ledgerTypes: new UpsertCount(),
    ledgers: {} as Record<string, UpsertCount>,
  };
  const orgId = await upsertOrganisation(tx, dataset.organisation, counts.organisations);
  await upsertSections(tx, orgId, dataset.sections, counts.sections);
  // the preset's ledgers, the first time the organisation loads a dataset of its own
  await installLedgerPreset(tx, orgId);
  await storeLedgerTypes(tx, orgId, dataset.ledgerTypes, counts.ledgerTypes);
  const ledgers = await orgLedgers(tx, orgId);
  for (const ledger of ledgers) {
    const count = new UpsertCount();
    counts.ledgers[ledger.code] = count;
    await upsertLedgerRows(tx, orgId, ledger, dataset.ledgers[ledger.code] ?? [], count);
  }
  await upsertIndicators(tx, orgId, dataset.indicators, counts.indicators);
  await upsertTargets(tx, orgId, dataset.targets, counts.targets);
  const values = dataset.values.map((value) =>
    value.enteredAt === undefined ? value : { ...value, enteredAt: toChinaInstant(value.enteredAt) },
  );
  await upsertValues(tx, orgId, values, counts.values);
  await upsertNarratives(tx, orgId, dataset.narratives, counts.narratives);
  await upsertTemplates(tx, orgId, dataset.templates, counts.templates);
  return {
    organisation: { id: orgId, code: dataset.organisation.code, name: dataset.organisation.name },
    counts,
    ledgerNames: Object.fromEntries(ledgers.map((ledger) => [ledger.code, ledger.label])),
  };
}

/** `taizhang load FILE`: validate the whole file, then write it all-or-nothing. */
export async function loadDatasetFile(db: Database, file: string, actor: string): Promise<LoadReport> {
  const { dataset, warnings } = await readCheckedDataset(file);
  try {
    return { ...(await writeDataset(db, dataset, actor)), warnings };
  } catch (error) {
    // A type the file changes against what the database keeps: refused as the file's problem.
    if (error instanceof LedgerTypesRejected) throw new DatasetRejected(file, error.problems);
    throw error;
  }
}

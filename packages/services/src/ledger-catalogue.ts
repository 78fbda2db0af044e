import type { LedgerField, LedgerInfo } from '@taizhang/contract';
import {
  closestName,
  DEFAULT_REF_TITLE,
  DEFAULT_WARN_DAYS,
  type LedgerColumn,
  type LedgerDef,
  makeProblem,
  stageItemColumns,
} from '@taizhang/core';
import { listLedgerTypes, type Queryable, storedLedgerDef } from '@taizhang/db';
import { refuseProblem } from './refusals.js';

/**
 * An organisation's ledgers (台账): the preset's, installed with the organisation, then the
 * types it defined itself (台账设置 or a dataset's ledgerTypes), each compiled from its stored
 * definition. Every service that reads or writes rows by a ledger's code resolves it here.
 */
export async function orgLedgers(q: Queryable, orgId: string): Promise<LedgerDef[]> {
  return (await listLedgerTypes(q, orgId)).map(storedLedgerDef);
}

/** The organisation's ledger a command or a route names, or a refusal listing the ones it has. */
export async function findLedger(q: Queryable, orgId: string, code: string): Promise<LedgerDef> {
  const ledgers = await orgLedgers(q, orgId);
  const found = ledgers.find((ledger) => ledger.code === code);
  if (found !== undefined) return found;
  const codes = ledgers.map((ledger) => ledger.code);
  const problem = makeProblem({ file: '', path: '' }, 'unknownLedger', {
    ledger: code,
    suggestion: closestName(code, codes),
    known: ledgers.map((ledger) => `${ledger.code}（${ledger.label}）`),
  });
  throw refuseProblem(problem, 'not-found');
}

function fieldInfo(column: LedgerColumn): LedgerField {
  const base = {
    name: column.field,
    label: column.title,
    required: column.required,
    ...(column.definition.retired === true ? { retired: true } : {}),
    ...(column.definition.due === undefined
      ? {}
      : {
          due: {
            ...(column.definition.due.doneBy === undefined ? {} : { doneBy: column.definition.due.doneBy }),
            warnDays: column.definition.due.warnDays ?? DEFAULT_WARN_DAYS,
          },
        }),
  };
  if (column.values !== undefined) {
    return { ...base, type: 'enum', options: column.values.map((value) => ({ value, label: value })) };
  }
  switch (column.type) {
    case 'dateTime':
      return { ...base, type: 'datetime' };
    case 'json':
      return column.kind === 'stages'
        ? { ...base, type: 'list', items: stageItemColumns(column.definition).map(fieldInfo) }
        : { ...base, type: 'object' };
    default:
      return { ...base, type: column.type };
  }
}

/** A ledger as the web app builds its forms, columns and filters from it. */
export function ledgerInfo(def: LedgerDef): LedgerInfo {
  const { refTitle, numbering, section } = def.definition;
  return {
    code: def.code,
    label: def.label,
    rowTitle: def.rowTitle,
    refTitle: refTitle ?? DEFAULT_REF_TITLE,
    ...(numbering === undefined ? {} : { numbering }),
    ...(section === undefined ? {} : { section }),
    fields: def.columns.map(fieldInfo),
  };
}

/** The organisation's ledgers as the web app builds its pages from them. */
export async function ledgerCatalogue(q: Queryable, orgId: string): Promise<LedgerInfo[]> {
  return (await orgLedgers(q, orgId)).map(ledgerInfo);
}

import type { LedgerField, LedgerInfo } from '@taizhang/contract';
import {
  DEFAULT_REF_TITLE,
  LEDGER_CODES,
  LEDGERS,
  type LedgerCode,
  type LedgerColumn,
  stageItemColumns,
} from '@taizhang/core';

function fieldInfo(column: LedgerColumn): LedgerField {
  const base = { name: column.field, label: column.title, required: column.required };
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

export function ledgerInfo(code: LedgerCode): LedgerInfo {
  const def = LEDGERS[code];
  const { refTitle, numbering } = def.definition;
  return {
    code,
    label: def.label,
    rowTitle: def.rowTitle,
    refTitle: refTitle ?? DEFAULT_REF_TITLE,
    ...(numbering === undefined ? {} : { numbering }),
    fields: def.columns.map(fieldInfo),
  };
}

export function ledgerCatalogue(): LedgerInfo[] {
  return LEDGER_CODES.map(ledgerInfo);
}

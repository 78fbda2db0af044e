import type { LedgerField, LedgerInfo } from '@taizhang/contract';
import {
  datasetSchema,
  LEDGER_CODES,
  LEDGERS,
  type LedgerCode,
  type LedgerColumn,
  listItemColumns,
} from '@taizhang/core';

/** A jsonb field is a list (milestones) or an object (facts), as the dataset schema says. */
function jsonShape(code: LedgerCode, field: string): 'list' | 'object' {
  const defs = datasetSchema.$defs as unknown as Record<string, { properties?: Record<string, { type?: string }> }>;
  return defs[LEDGERS[code].schemaDef]?.properties?.[field]?.type === 'array' ? 'list' : 'object';
}

function fieldInfo(code: LedgerCode, column: LedgerColumn): LedgerField {
  const base = { name: column.field, label: column.title, required: column.required };
  if (column.values !== undefined) {
    return { ...base, type: 'enum', options: column.values.map((value) => ({ value, label: value })) };
  }
  switch (column.type) {
    case 'dateTime':
      return { ...base, type: 'datetime' };
    case 'json': {
      const shape = jsonShape(code, column.field);
      const items = shape === 'list' ? listItemColumns(LEDGERS[code].schemaDef, column.field) : undefined;
      return items === undefined
        ? { ...base, type: shape }
        : { ...base, type: shape, items: items.map((item) => fieldInfo(code, item)) };
    }
    default:
      return { ...base, type: column.type };
  }
}

export function ledgerInfo(code: LedgerCode): LedgerInfo {
  const def = LEDGERS[code];
  return { code, label: def.label, rowTitle: def.rowTitle, fields: def.columns.map((c) => fieldInfo(code, c)) };
}

export function ledgerCatalogue(): LedgerInfo[] {
  return LEDGER_CODES.map(ledgerInfo);
}

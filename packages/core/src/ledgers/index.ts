// Item ledgers (台账): docs/ledgers.md. Fields are defined once, in the dataset schema.
export { isLedgerCode, LEDGER_CODES, LEDGERS, type LedgerDef, ledgerColumn } from './catalogue.js';
export {
  type LedgerColumn,
  type LedgerFieldType,
  ledgerColumns,
  listItemColumns,
  ROW_KEYS,
  SQL_TYPES,
  snakeCase,
} from './columns.js';
export { isBefore, type Moment, readMoment } from './dates.js';
export type { LedgerRowCheck, LedgerRule, ProblemSink } from './rules.js';
export {
  checkLedgerRow,
  LEDGER_BOOKKEEPING_FIELDS,
  type LedgerInputResult,
  type LedgerRowOptions,
  type LedgerRowResult,
  ledgerInputOf,
  ledgerRowInput,
  mergeLedgerChanges,
  parseLedgerInput,
  toLedgerRow,
  validateLedgerRow,
} from './validate.js';

// Item ledgers (台账): docs/ledgers.md. Each is a ledger type, defined as data (definition.ts); the
// built-in ones are the preset presets/seed-ledgers.json.
export {
  compileLedgerType,
  isLedgerCode,
  LEDGER_CODES,
  LEDGERS,
  type LedgerDef,
  type LedgerStorage,
  ledgerColumn,
  presetLedger,
} from './catalogue.js';
export {
  type LedgerColumn,
  type LedgerFieldType,
  ledgerColumns,
  ROW_KEYS,
  SQL_TYPES,
  snakeCase,
  stageItemColumns,
} from './columns.js';
export { isBefore, type Moment, readMoment } from './dates.js';
export {
  DEFAULT_MAX_LENGTH,
  DEFAULT_REF_TITLE,
  DEFAULT_WARN_DAYS,
  type DueDefinition,
  type FieldDefinition,
  type FieldKind,
  type LedgerTypeDefinition,
  type LedgerTypePreset,
  type PersonalKind,
  RESERVED_FIELD_CODES,
  type RuleDefinition,
  STAGE_DONE,
  STAGE_STATUSES,
  type StageStatus,
} from './definition.js';
export {
  absentRequired,
  type FieldChange,
  type FormulaCell,
  headerProblems,
  type ImportAction,
  type ImportPlan,
  type PlanContext,
  type PlannedRow,
  planImport,
  type SheetProblem,
  type SheetRow,
  sameValue,
} from './import-plan.js';
export { formatRef, nextRef, refLikePattern } from './numbering.js';
export { SEED_PRESET } from './preset.js';
export type { LedgerRowCheck, LedgerRule, ProblemSink } from './rules.js';
export {
  type CellValue,
  cellOf,
  columnLetter,
  decimalFormat,
  type HeaderMatch,
  ledgerSheetColumns,
  matchHeaders,
  NO,
  readCell,
  type SheetCell,
  type SheetColumn,
  type SheetSection,
  sheetNameOf,
  YES,
} from './sheet.js';
export { checkLedgerType, type TypeProblemSink } from './type-checks.js';
export { checkLedgerTypeInput, type KnownLedger, type LedgerTypeInputResult, sameLedgerType } from './type-input.js';
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
  retiredFieldProblems,
  toLedgerRow,
  validateLedgerRow,
} from './validate.js';

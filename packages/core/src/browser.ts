/**
 * The rules the web app shows, for the browser: who may do what, how a period is named, and
 * how a figure is rounded and phrased (the report's own rules, so the screen says what the
 * report prints). Nothing here reaches YAML, ajv, LiquidJS or Node, so the web bundle takes
 * only these modules and decimal.js (web/scripts/bundle-size.mjs holds the budget); the web
 * imports `@taizhang/core/browser`, never the package root.
 */
export * from './access/index.js';
export { parseDecimal, toFixedHalfUp } from './arithmetic/decimal.js';
export {
  type FieldDefinition,
  type FieldKind,
  type LedgerTypeDefinition,
  RESERVED_FIELD_CODES,
} from './ledgers/definition.js';
export { formatRef } from './ledgers/numbering.js';
export * from './period/index.js';
export { growthPhrase, timeProgressPhrase } from './report/phrases.js';

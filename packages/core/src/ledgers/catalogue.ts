import { datasetSchema, type SchemaNode } from '../format/schema.js';
import type { LedgerCode } from '../model.js';
import { campaignWorkRules } from './campaign-works.js';
import { type LedgerColumn, ledgerColumns } from './columns.js';
import { commitmentRules } from './commitments.js';
import { complaintRules } from './complaints.js';
import { infrastructureRules } from './infrastructure.js';
import { projectRules } from './projects.js';
import { rectificationRules } from './rectification.js';
import { renovationRules } from './renovations.js';
import { rentSubsidyRules } from './rent-subsidies.js';
import type { LedgerRule } from './rules.js';
import { seismicRetrofitRules } from './seismic-retrofits.js';
import { stalledProjectRules } from './stalled-projects.js';
import { supervisionRules } from './supervision.js';

/** One ledger (台账): where it is kept, what it is called, its fields and its rules. */
export interface LedgerDef {
  code: LedgerCode;
  /** its table, `ledger_<code>` */
  table: `ledger_${LedgerCode}`;
  /** the ledger's Chinese name, 群众投诉台账 (the schema's title of `ledgers.<code>`) */
  label: string;
  /** what one row is called, 群众投诉 (the title of its `$defs` entry) */
  rowTitle: string;
  /** its `$defs` entry in the dataset schema, `ledger_<code>` */
  schemaDef: `ledger_${LedgerCode}`;
  /** its fields beside `ref` and `section`, derived from the schema */
  columns: readonly LedgerColumn[];
  /** the rules across its fields */
  rules: readonly LedgerRule[];
}

const RULES: Readonly<Record<LedgerCode, readonly LedgerRule[]>> = {
  complaints: complaintRules,
  commitments: commitmentRules,
  supervision: supervisionRules,
  renovations: renovationRules,
  rent_subsidies: rentSubsidyRules,
  seismic_retrofits: seismicRetrofitRules,
  campaign_works: campaignWorkRules,
  infrastructure: infrastructureRules,
  rectification: rectificationRules,
  projects: projectRules,
  stalled_projects: stalledProjectRules,
};

const listed = ((datasetSchema.properties.ledgers as SchemaNode).properties ?? {}) as Readonly<
  Record<string, SchemaNode>
>;
const definitions = datasetSchema.$defs as unknown as Readonly<Record<string, SchemaNode>>;

function define(code: LedgerCode): LedgerDef {
  const schemaDef = `ledger_${code}` as const;
  return {
    code,
    table: `ledger_${code}`,
    label: String(listed[code]?.title ?? code),
    rowTitle: String(definitions[schemaDef]?.title ?? code),
    schemaDef,
    columns: ledgerColumns(schemaDef),
    rules: RULES[code],
  };
}

/** The ledgers there are, by code, in the order the schema lists them. */
export const LEDGERS: Readonly<Record<LedgerCode, LedgerDef>> = {
  complaints: define('complaints'),
  commitments: define('commitments'),
  supervision: define('supervision'),
  renovations: define('renovations'),
  rent_subsidies: define('rent_subsidies'),
  seismic_retrofits: define('seismic_retrofits'),
  campaign_works: define('campaign_works'),
  infrastructure: define('infrastructure'),
  rectification: define('rectification'),
  projects: define('projects'),
  stalled_projects: define('stalled_projects'),
};

export const LEDGER_CODES: readonly LedgerCode[] = Object.keys(listed).filter(isLedgerCode);

export function isLedgerCode(code: string): code is LedgerCode {
  return Object.hasOwn(RULES, code);
}

/** A field of a ledger by its dataset name, or undefined when the ledger has no such field. */
export function ledgerColumn(code: LedgerCode, field: string): LedgerColumn | undefined {
  return LEDGERS[code].columns.find((column) => column.field === field);
}

import { unitFactor } from '../arithmetic/units.js';
import type { Findings } from '../format/findings.js';
import { closestName } from '../format/suggest.js';
import type { LedgerColumn, LedgerDef } from '../ledgers/index.js';

type Fields = Readonly<Record<string, unknown>>;

const isScalar = (value: unknown) => ['string', 'number', 'boolean'].includes(typeof value);

/** `{ not: null }`: the field is set. */
const isNotNull = (value: unknown) =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  Object.keys(value).join() === 'not' &&
  (value as { not: unknown }).not === null;

/** The aggregates of a numeric field. */
const NUMERIC_AGGREGATES = ['sum', 'avg', 'min', 'max'];
/** The aggregates whose monthly values cannot be added up into a year's: levels and rates only. */
const NOT_ADDITIVE = ['avg', 'min', 'max', 'month'];

/** How messages name the fields of a spec. */
const ROLES = { date: '日期字段 date', year: '年度字段 year', field: '汇总字段 field' } as const;

/** The indicator a derive spec belongs to, as its checks need it. */
export interface DerivedIndicator {
  /** how messages name it */
  indicator: string;
  kind?: string | undefined;
  unit?: string | undefined;
}

/**
 * A derived indicator's spec against the ledger it names: the ledger exists; rows are placed
 * by a date or date-time `date`, an integer `year`, or (a level or rate) neither; a flow has a
 * `date`; `sum`, `avg`, `min` and `max` have a numeric `field` in a unit the indicator's
 * converts from; `avg`, `min`, `max` and `month` serve levels and rates; `month` has a date
 * `field`; every filter names a field and gives a value, a non-empty list of values, or null.
 * The SQL that evaluates the spec is built from these names, so nothing unchecked reaches it.
 */
export function checkDerive(
  findings: Findings,
  derive: Fields,
  path: string,
  of: DerivedIndicator,
  ledgers: readonly LedgerDef[],
): void {
  const { indicator, kind } = of;
  const ledger = derive.ledger;
  if (typeof ledger !== 'string') return;
  const def = ledgers.find((candidate) => candidate.code === ledger);
  if (def === undefined) {
    const known = ledgers.map((candidate) => candidate.code);
    findings.at(`${path}/ledger`, 'unknownLedger', { ledger, suggestion: closestName(ledger, known), known });
    return;
  }
  const columns = def.columns;
  const fields = columns.map((c) => c.field);
  const field = (role: string, name: unknown, at: string) => {
    if (typeof name !== 'string') return undefined;
    const column = columns.find((c) => c.field === name);
    if (!column) {
      findings.at(at, 'deriveUnknownField', {
        indicator,
        role,
        field: name,
        ledger,
        suggestion: closestName(name, fields),
        known: fields,
      });
    }
    return column;
  };
  const requireType = (
    column: LedgerColumn | undefined,
    key: keyof typeof ROLES,
    types: readonly string[],
    expected: string,
  ) => {
    const role = ROLES[key];
    if (column && !types.includes(column.type)) {
      findings.at(`${path}/${key}`, 'deriveFieldType', {
        indicator,
        role,
        field: column.field,
        expected,
      });
    }
  };

  requireType(field(ROLES.date, derive.date, `${path}/date`), 'date', ['date', 'dateTime'], '日期或时间');
  requireType(field(ROLES.year, derive.year, `${path}/year`), 'year', ['integer'], '整数（年份）');
  if (derive.date !== undefined && derive.year !== undefined) findings.at(path, 'derivePlacedTwice', { indicator });
  else if (derive.date === undefined && kind === 'flow') findings.at(path, 'deriveFlowWithoutDate', { indicator });

  const aggregate = String(derive.aggregate);
  if (NOT_ADDITIVE.includes(aggregate) && kind !== undefined) {
    if (aggregate === 'month' && kind !== 'level') {
      findings.at(`${path}/aggregate`, 'deriveMonthOfLevel', { indicator, kind });
    } else if (aggregate !== 'month' && kind === 'flow') {
      findings.at(`${path}/aggregate`, 'deriveNotFlow', { indicator, aggregate, kind });
    }
  }
  if (NUMERIC_AGGREGATES.includes(aggregate)) {
    if (derive.field === undefined)
      findings.at(path, 'deriveWithoutField', { indicator, aggregate, what: '汇总哪个数值字段' });
    const summed = field(ROLES.field, derive.field, `${path}/field`);
    requireType(summed, 'field', ['decimal', 'integer'], '数值');
    const fieldUnit = summed?.definition.unit;
    if (summed && fieldUnit !== undefined && of.unit !== undefined && unitFactor(fieldUnit, of.unit) === undefined) {
      findings.at(`${path}/field`, 'deriveUnit', { indicator, field: summed.field, fieldUnit, unit: of.unit });
    }
  } else if (aggregate === 'month') {
    if (derive.field === undefined)
      findings.at(path, 'deriveWithoutField', { indicator, aggregate: 'month', what: '取哪个日期字段的月份' });
    // Dates only: a date-time's month would depend on the time zone it is read in.
    requireType(field(ROLES.field, derive.field, `${path}/field`), 'field', ['date'], '日期');
  } else if (aggregate === 'count' && derive.field !== undefined) {
    findings.at(`${path}/field`, 'deriveCountWithField', { indicator });
  }
  const where = derive.where;
  if (typeof where === 'object' && where !== null && !Array.isArray(where)) {
    for (const [name, value] of Object.entries(where)) {
      field('筛选字段', name, `${path}/where/${name}`);
      const valid =
        value === null ||
        isScalar(value) ||
        isNotNull(value) ||
        (Array.isArray(value) && value.length > 0 && value.every(isScalar));
      if (!valid) findings.at(`${path}/where/${name}`, 'deriveWhereValue', { indicator, field: name });
    }
  }
}

import type { Findings } from '../format/findings.js';
import { closestName } from '../format/suggest.js';
import { isLedgerCode, LEDGER_CODES, LEDGERS } from '../ledgers/index.js';

type Fields = Readonly<Record<string, unknown>>;

const isScalar = (value: unknown) => ['string', 'number', 'boolean'].includes(typeof value);

/** `{ not: null }`: the field is set. */
const isNotNull = (value: unknown) =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  Object.keys(value).join() === 'not' &&
  (value as { not: unknown }).not === null;

/**
 * A derived indicator's spec against the ledger it names: the ledger exists, `date` is a
 * date or date-time field of it, `sum` has a numeric `field`, `month` a date `field` and a
 * level indicator, and every filter names a
 * field and gives a value, a non-empty list of values, or null. The SQL that evaluates
 * the spec is built from these names, so nothing unchecked reaches it.
 */
export function checkDerive(
  findings: Findings,
  derive: Fields,
  path: string,
  indicator: string,
  kind: string | undefined,
): void {
  const ledger = derive.ledger;
  if (typeof ledger !== 'string') return;
  if (!isLedgerCode(ledger)) {
    findings.at(`${path}/ledger`, 'unknownLedger', {
      ledger,
      suggestion: closestName(ledger, LEDGER_CODES),
      known: LEDGER_CODES,
    });
    return;
  }
  const columns = LEDGERS[ledger].columns;
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

  const date = field('日期字段 date', derive.date, `${path}/date`);
  if (date && date.type !== 'date' && date.type !== 'dateTime') {
    findings.at(`${path}/date`, 'deriveFieldType', {
      indicator,
      role: '日期字段 date',
      field: date.field,
      expected: '日期或时间',
    });
  }
  if (derive.aggregate === 'sum') {
    if (derive.field === undefined)
      findings.at(path, 'deriveWithoutField', { indicator, aggregate: 'sum', what: '汇总哪个数值字段' });
    const summed = field('汇总字段 field', derive.field, `${path}/field`);
    if (summed && summed.type !== 'decimal' && summed.type !== 'integer') {
      findings.at(`${path}/field`, 'deriveFieldType', {
        indicator,
        role: '汇总字段 field',
        field: summed.field,
        expected: '数值',
      });
    }
  } else if (derive.aggregate === 'month') {
    if (kind !== undefined && kind !== 'level')
      findings.at(`${path}/aggregate`, 'deriveMonthOfLevel', { indicator, kind });
    if (derive.field === undefined)
      findings.at(path, 'deriveWithoutField', { indicator, aggregate: 'month', what: '取哪个日期字段的月份' });
    const dated = field('汇总字段 field', derive.field, `${path}/field`);
    // Dates only: a date-time's month would depend on the time zone it is read in.
    if (dated && dated.type !== 'date') {
      findings.at(`${path}/field`, 'deriveFieldType', {
        indicator,
        role: '汇总字段 field',
        field: dated.field,
        expected: '日期',
      });
    }
  } else if (derive.aggregate === 'count' && derive.field !== undefined) {
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

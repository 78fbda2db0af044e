import { Decimal, decimalPlaces } from '../arithmetic/decimal.js';
import { templateTextError } from '../report/engine.js';
import { readMoment } from './dates.js';
import { type FieldDefinition, STAGE_DONE } from './definition.js';
import type { LedgerRule } from './rules.js';

/**
 * The checks a field's own definition asks for beyond what the JSON Schema can say: a decimal's
 * bounds and digits compared exactly as written, a text that may hold report tags, the dates
 * and statuses of a list of stages.
 */

/** A decimal field is within its bounds and has no more digits than its definition allows. */
function decimalRule(field: FieldDefinition): LedgerRule | undefined {
  const min = field.min === undefined ? undefined : new Decimal(field.min);
  const max = field.max === undefined ? undefined : new Decimal(field.max);
  // 0 as the least is the schema's (nonNegativeDecimal), with its own message.
  const checkMin = min !== undefined && !min.isZero() ? min : undefined;
  if (checkMin === undefined && max === undefined && field.decimals === undefined) return undefined;
  return (row) => {
    const text = row.text(field.code);
    if (text === undefined) return;
    const value = new Decimal(text);
    if ((checkMin !== undefined && value.lessThan(checkMin)) || (max !== undefined && value.greaterThan(max))) {
      row.report(field.code, 'range', {
        label: row.title(field.code),
        min: min?.toNumber(),
        max: max?.toNumber(),
        integer: false,
        actual: text,
      });
      return;
    }
    const places = decimalPlaces(text);
    if (field.decimals !== undefined && places > field.decimals) {
      row.report(field.code, 'fieldPrecision', {
        label: row.title(field.code),
        literal: text,
        places,
        decimals: field.decimals,
      });
    }
  };
}

/**
 * A text that may hold template tags is rendered within the report: one that does not parse
 * is refused when written, with its line and column, instead of being found by the report.
 */
function templateRule(field: FieldDefinition): LedgerRule {
  return (row) => {
    const text = row.text(field.code);
    if (text === undefined) return;
    const error = templateTextError(text, '', true);
    if (error) {
      row.report(field.code, 'templateText', { owner: row.owner, label: row.title(field.code), error: error.message });
    }
  };
}

/**
 * A list of stages (a key project's milestones): every date is a real day, and a stage has
 * a completion day when it is 已完成, and only then. A completion before the planned day is
 * allowed (done early) but flagged, since it is as often a date typed in the wrong field. The
 * shape of each item (stage and status among the allowed, dates written as dates) is the
 * schema's.
 */
function stagesRule(field: FieldDefinition): LedgerRule {
  return (row) => {
    const stages = row.value(field.code);
    if (!Array.isArray(stages)) return;
    stages.forEach((item: unknown, index) => {
      if (typeof item !== 'object' || item === null) return;
      const stage = item as Readonly<Record<string, unknown>>;
      const name = String(stage.stage);
      let datesSound = true;
      for (const [part, label] of [
        ['plannedAt', '计划完成日期'],
        ['doneAt', '完成日期'],
      ] as const) {
        const value = stage[part];
        if (typeof value === 'string' && readMoment(value) === undefined) {
          row.reportAt([field.code, index, part], 'impossibleDate', {
            label: `节点“${name}”的${label}`,
            actual: value,
          });
          datesSound = false;
        }
      }
      if (!datesSound) return;
      const done = stage.status === STAGE_DONE;
      const { plannedAt, doneAt } = stage;
      if (done && typeof doneAt === 'string' && typeof plannedAt === 'string' && doneAt < plannedAt) {
        row.warnAt([field.code, index, 'doneAt'], 'milestoneDoneEarly', {
          owner: row.owner,
          stage: name,
          doneAt,
          plannedAt,
        });
      }
      if (done && doneAt === undefined) {
        row.reportAt([field.code, index, 'status'], 'milestoneDoneAtMissing', { owner: row.owner, stage: name });
      } else if (!done && doneAt !== undefined) {
        row.reportAt([field.code, index, 'doneAt'], 'milestoneDoneAtNotDone', {
          owner: row.owner,
          stage: name,
          status: String(stage.status),
        });
      }
    });
  };
}

/** The rules a field's definition implies. */
export function fieldRules(field: FieldDefinition): LedgerRule[] {
  switch (field.type) {
    case 'decimal': {
      const rule = decimalRule(field);
      return rule === undefined ? [] : [rule];
    }
    case 'text':
      return field.template === true ? [templateRule(field)] : [];
    case 'stages':
      return [stagesRule(field)];
    default:
      return [];
  }
}

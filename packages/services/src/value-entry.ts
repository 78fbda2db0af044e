import type { IndicatorValues, Value } from '@taizhang/contract';
import { decimalPlaces, type IndicatorDef } from '@taizhang/core';
import {
  type Database,
  enterIndicatorValue,
  type IndicatorRow,
  listIndicatorValues,
  type StoredValue,
} from '@taizhang/db';
import type { Caller } from './accounts/caller.js';
import { findIndicator } from './find-indicator.js';
import { refuse, refuseField, refuseForm } from './refusals.js';
import { saveAtVersion } from './save-at-version.js';
import type { FieldProblem } from './service-error.js';

/** 指标填报: one indicator value entered from a form, checked as a dataset value would be. */

export function valueView(v: StoredValue): Value {
  return {
    period: v.period,
    value: v.value,
    comparableBase: v.comparableBase ?? null,
    note: v.note ?? null,
    source: v.source ?? null,
    version: v.version,
    enteredBy: v.enteredBy ?? null,
    enteredAt: v.enteredAt,
  };
}

/** An indicator's entered values of a year, and last year's beside them. */
export async function indicatorValues(
  db: Database,
  orgId: string,
  code: string,
  year: number,
): Promise<IndicatorValues> {
  const indicator = await findIndicator(db, orgId, code);
  const values = await listIndicatorValues(db, orgId, code, [year - 1, year]);
  return {
    indicator: {
      code: indicator.code,
      name: indicator.name,
      unit: indicator.unit,
      decimals: indicator.decimals,
      frequency: indicator.frequency,
      section: { code: indicator.section, name: indicator.sectionName },
      derived: indicator.derive !== undefined,
      yearOnYear: indicator.yearOnYear,
    },
    year,
    values: values.filter((v) => v.year === year).map(valueView),
    prior: values.filter((v) => v.year === year - 1).map(valueView),
  };
}

export interface ValueInput {
  code: string;
  year: number;
  /** month 1–12, or quarter 1–4 for a quarterly indicator */
  period: number;
  value: string;
  comparableBase?: string | null | undefined;
  note?: string | null | undefined;
  source?: string | null | undefined;
  /** the version read; absent for a new value */
  version?: number | undefined;
}

const PLAIN_DECIMAL = /^-?\d+(\.\d+)?$/;

function decimalProblems(field: string, label: string, text: string, indicator: IndicatorDef): FieldProblem[] {
  if (!PLAIN_DECIMAL.test(text)) {
    return [{ field, message: `${label}应为普通数字，如 12.35、-3、0.10（不要带单位、千位分隔符或科学计数法）` }];
  }
  if (decimalPlaces(text) > indicator.decimals) {
    return [{ field, message: `${indicator.name}的${label}最多 ${indicator.decimals} 位小数，实际为 ${text}` }];
  }
  return [];
}

function entryProblems(indicator: IndicatorRow, input: ValueInput): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const perYear = indicator.frequency === 'quarterly' ? 4 : 12;
  if (!Number.isInteger(input.period) || input.period < 1 || input.period > perYear) {
    problems.push({
      field: 'period',
      message:
        indicator.frequency === 'quarterly'
          ? `${indicator.name}是季报指标，期间应为季度 1－4，实际为 ${input.period}`
          : `${indicator.name}是月报指标，期间应为月份 1－12，实际为 ${input.period}`,
    });
  }
  problems.push(...decimalProblems('value', '数值', input.value, indicator));
  if (input.comparableBase != null) {
    if (!indicator.yearOnYear) {
      problems.push({ field: 'comparableBase', message: `${indicator.name}不作同比，不能填上年同期可比数` });
    } else {
      problems.push(...decimalProblems('comparableBase', '上年同期可比数', input.comparableBase, indicator));
    }
  }
  for (const field of ['note', 'source'] as const) {
    if ((input[field]?.length ?? 0) > 500) problems.push({ field, message: '备注和来源最多 500 字' });
  }
  return problems;
}

/**
 * Enters one value for a period: checked like a dataset value (period within the indicator's
 * frequency, a plain decimal with no more decimals than the indicator's), refused for a
 * derived indicator (its values come from its ledger), and written only at the version read
 * (409 with the value as it now is). `scope` is the section the caller may write (a clerk's),
 * or null for every section.
 */
export async function enterValue(
  db: Database,
  caller: Caller,
  input: ValueInput,
  scope: string | null,
): Promise<Value> {
  const indicator = await findIndicator(db, caller.orgId, input.code);
  if (scope !== null && indicator.section !== scope) {
    throw refuse('VALUE_SECTION_FORBIDDEN', { indicator: indicator.name, section: indicator.sectionName });
  }
  if (indicator.derive !== undefined) {
    throw refuseField('VALUE_DERIVED', 'value', { indicator: indicator.name });
  }
  const problems = entryProblems(indicator, input);
  if (problems.length > 0) throw refuseForm('VALUE_INVALID', problems, {});
  const entry = {
    indicator: indicator.code,
    year: input.year,
    period: input.period,
    value: input.value,
    comparableBase: input.comparableBase ?? null,
    note: input.note ?? null,
    source: input.source ?? null,
    enteredBy: caller.user.displayName,
  };
  const stored = await saveAtVersion(
    db,
    caller,
    input.version,
    (tx, version) => enterIndicatorValue(tx, caller.orgId, entry, version),
    {
      code: 'VALUE_STALE_VERSION',
      subject: `${indicator.name}该期数值`,
      by: (v) => v.enteredBy ?? null,
      view: valueView,
    },
  );
  return valueView(stored);
}

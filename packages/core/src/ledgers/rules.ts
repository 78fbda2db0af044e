import type { ProblemArgs, ProblemKey } from '../errors.js';
import type { LedgerFieldType } from './columns.js';
import { isBefore, readMoment } from './dates.js';
import type { RuleDefinition } from './definition.js';

/** Where a rule reports: a dataset's Findings (with lines), or a plain list for one row. */
export interface ProblemSink {
  at<K extends ProblemKey>(path: string, key: K, args: ProblemArgs<K>): void;
  /** something to check that does not stop the row from being written */
  warn<K extends ProblemKey>(path: string, key: K, args: ProblemArgs<K>): void;
}

/** What a rule across fields sees of one row. */
export interface LedgerRowCheck {
  /** how messages name the row: 群众投诉（12345-2021-000118） */
  readonly owner: string;
  /** a field written in the row, sound or not */
  present(field: string): boolean;
  /** a field as written, when it is present and no problem was found in it so far */
  text(field: string): string | undefined;
  type(field: string): LedgerFieldType | undefined;
  /** its Chinese title: 办结时间 */
  title(field: string): string;
  /** its key and title, as messages name a field to add or remove: closedAt（办结时间） */
  name(field: string): string;
  /** a problem at a field of the row */
  report<K extends ProblemKey>(field: string, key: K, args: ProblemArgs<K>): void;
  /** a field as written (a list, an object), when it is present and no problem was found in it so far */
  value(field: string): unknown;
  /** a problem inside a field: `segments` lead from the row to it, ['milestones', 0, 'doneAt'] */
  reportAt<K extends ProblemKey>(segments: readonly (string | number)[], key: K, args: ProblemArgs<K>): void;
  /** a warning inside a field: the row is written, and whoever wrote it is told to check it */
  warnAt<K extends ProblemKey>(segments: readonly (string | number)[], key: K, args: ProblemArgs<K>): void;
}

/** A rule across the fields of one row (docs/ledgers.md); it reports what it finds. */
export type LedgerRule = (row: LedgerRowCheck) => void;

/**
 * `field` is not before `earlier`: two date-times as instants, a date against the other's
 * Beijing day (docs/ledgers.md). A date-time written as a date alone is its midnight in Beijing,
 * as the database will store it, so a row once accepted passes again when next edited.
 */
export function notBefore(field: string, earlier: string): LedgerRule {
  return (row) => {
    const laterText = row.text(field);
    const earlierText = row.text(earlier);
    const kinds = { later: dayOrTime(row.type(field)), earlier: dayOrTime(row.type(earlier)) };
    if (laterText === undefined || earlierText === undefined || kinds.later === undefined) return;
    if (kinds.earlier === undefined) return;
    const later = readMoment(laterText);
    const first = readMoment(earlierText);
    if (later === undefined || first === undefined) return;
    const { before, byDay } = isBefore(later, first, { later: kinds.later, earlier: kinds.earlier });
    if (!before) return;
    row.report(field, 'dateOrder', {
      label: row.title(field),
      value: laterText,
      earlierLabel: row.title(earlier),
      earlier: earlierText,
      // Worth saying only where a time was written and set aside, or a time was taken for midnight.
      byDay: byDay && (kinds.later === 'dateTime' || kinds.earlier === 'dateTime'),
      midnight: !byDay && (later.dateOnly || first.dateOnly),
    });
  };
}

function dayOrTime(type: LedgerFieldType | undefined): 'date' | 'dateTime' | undefined {
  return type === 'date' || type === 'dateTime' ? type : undefined;
}

/** A title without the unit it ends with, as advice names a field: 已完成工程量比例（％） → 已完成工程量比例. */
function withoutUnit(title: string): string {
  return title.replace(/（[^（）]*）$/, '') || title;
}

/**
 * A row that gives `field` must give `needed` too; `reason` (written with the rule) tells the
 * clerk why: 没有答复群众的投诉不能办结.
 */
export function requires(field: string, needed: string, reason?: string): LedgerRule {
  return (row) => {
    if (row.text(field) === undefined || row.present(needed)) return;
    row.report(field, 'missingPrerequisite', {
      owner: row.owner,
      field: row.name(field),
      needed: row.name(needed),
      fieldTitle: withoutUnit(row.title(field)),
      neededTitle: withoutUnit(row.title(needed)),
      reason,
    });
  };
}

/**
 * A row whose `condition` is one of `values` must give `field`: a retrofit 已完工 has a
 * completion date. A condition with a problem of its own decides nothing.
 */
export function requiredWhen(field: string, condition: string, values: readonly string[]): LedgerRule {
  return (row) => {
    const actual = row.text(condition);
    if (actual === undefined || !values.includes(actual) || row.present(field)) return;
    row.report(condition, 'requiredByStatus', {
      owner: row.owner,
      conditionLabel: row.title(condition),
      condition: actual,
      field: row.name(field),
    });
  };
}

/**
 * `field` belongs only to rows whose `condition` is one of `values`: a fire-protection
 * acceptance date on a safety-supervision registration is a slip, not data.
 */
export function onlyWhen(field: string, condition: string, values: readonly string[]): LedgerRule {
  return (row) => {
    const actual = row.text(condition);
    if (actual === undefined || values.includes(actual) || !row.present(field)) return;
    row.report(field, 'notApplicable', {
      owner: row.owner,
      conditionLabel: row.title(condition),
      condition: actual,
      field: row.name(field),
      allowed: values,
    });
  };
}

/** `field` is what `condition` implies: 复耕 is measured in 亩, never in 棵. */
export function impliedBy(field: string, condition: string, implied: Readonly<Record<string, string>>): LedgerRule {
  return (row) => {
    const actual = row.text(condition);
    const value = row.text(field);
    if (actual === undefined || value === undefined || !Object.hasOwn(implied, actual)) return;
    const expected = implied[actual] as string;
    if (value === expected) return;
    row.report(field, 'valueMismatch', {
      owner: row.owner,
      conditionLabel: row.title(condition),
      condition: actual,
      label: row.title(field),
      expected,
      actual: value,
    });
  };
}

/** A rule written as data (a ledger type's `rules`) as the check it stands for. */
export function ruleOf(rule: RuleDefinition): LedgerRule {
  switch (rule.rule) {
    case 'notBefore':
      return notBefore(rule.field, rule.earlier);
    case 'requires':
      return requires(rule.field, rule.needs, rule.reason);
    case 'requiredWhen':
      return requiredWhen(rule.field, rule.when, rule.in);
    case 'onlyWhen':
      return onlyWhen(rule.field, rule.when, rule.in);
    case 'impliedBy':
      return impliedBy(rule.field, rule.when, rule.implies);
  }
}

import { type LedgerRule, notBefore, requires } from './rules.js';

/** The most a share of works done can be, in per cent. */
const FULL = 100;

/**
 * A share written as a plain non-negative decimal (the schema's) is at most 100, compared
 * exactly as written: 100.000 is full, 100.0000000000000001 is over (as numeric would say).
 */
function overFull(text: string): boolean {
  const match = /^([0-9]+)(?:\.([0-9]+))?$/.exec(text);
  if (match === null) return false;
  const whole = BigInt(match[1] as string);
  if (whole !== BigInt(FULL)) return whole > BigInt(FULL);
  return /[1-9]/.test(match[2] ?? '');
}

/** `field`, a percentage, is not over 100. */
function percentage(field: string): LedgerRule {
  return (row) => {
    const value = row.text(field);
    if (value === undefined || !overFull(value)) return;
    row.report(field, 'range', { label: row.title(field), min: 0, max: FULL, integer: false, actual: value });
  };
}

/**
 * 停工项目复工复产: a share of works done is a percentage and is reported on a day, not
 * before the work resumed; the completion acceptance is not planned before the
 * pre-acceptance, and not held before the work resumed.
 */
export const stalledProjectRules: readonly LedgerRule[] = [
  percentage('progress'),
  requires('progress', 'progressAt', 'progressWithoutDate'),
  notBefore('progressAt', 'resumedAt'),
  notBefore('plannedCompletion', 'plannedPreAcceptance'),
  notBefore('completedAt', 'resumedAt'),
];

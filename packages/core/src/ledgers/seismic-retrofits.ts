import { type LedgerRule, notBefore, onlyWhen, requiredWhen } from './rules.js';

const DONE = ['已完工'];

/**
 * 农房抗震改造: a batch is done (已完工) on a day, and only a done batch has that day —
 * otherwise a figure counting completions by date would count houses still being built; and
 * not before the batch was listed (列入计划).
 */
export const seismicRetrofitRules: readonly LedgerRule[] = [
  requiredWhen('completedAt', 'status', DONE),
  onlyWhen('completedAt', 'status', DONE),
  notBefore('completedAt', 'listedAt'),
];

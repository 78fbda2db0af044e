import { type LedgerRule, notBefore, onlyWhen, requiredWhen } from './rules.js';

const BUILT = ['已建成'];

/**
 * 基础设施工程: a work built (已建成) has a completion day not before its start, and one
 * still under construction (在建) has none — the figures count 在建 and 已建成 apart.
 */
export const infrastructureRules: readonly LedgerRule[] = [
  notBefore('completedAt', 'startedAt'),
  requiredWhen('completedAt', 'status', BUILT),
  onlyWhen('completedAt', 'status', BUILT),
];

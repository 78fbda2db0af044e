import { type LedgerRule, notBefore, requires } from './rules.js';

/** 老旧小区改造: a community cannot be finished before, or without, being started. */
export const renovationRules: readonly LedgerRule[] = [
  notBefore('completedAt', 'startedAt'),
  requires('completedAt', 'startedAt', 'completedWithoutStart'),
];

import { type LedgerRule, notBefore } from './rules.js';

/**
 * 我为群众办实事: a commitment announced to the public (公开承诺) cannot be due, or done,
 * before the day it was announced.
 */
export const commitmentRules: readonly LedgerRule[] = [
  notBefore('dueDate', 'announcedAt'),
  notBefore('doneAt', 'announcedAt'),
];

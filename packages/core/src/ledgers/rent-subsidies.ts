import type { LedgerRule } from './rules.js';

/**
 * 廉租住房补贴发放: a batch has no rule across its fields; that households and amounts are
 * not negative, and that it was paid on a real day, the schema already says.
 */
export const rentSubsidyRules: readonly LedgerRule[] = [];

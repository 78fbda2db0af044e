import type { LedgerRule } from './rules.js';

/**
 * 七个专项行动: a completed piece of work has no rule across its fields; its type, a
 * quantity of at least one and its completion day are the schema's to check.
 */
export const campaignWorkRules: readonly LedgerRule[] = [];

import { type LedgerRule, notBefore, requires } from './rules.js';

/**
 * 群众投诉台账: a complaint is received (受理), answered (答复) and closed (办结), and the
 * citizen may then rate it (满意度). Nothing happens before it was received; a complaint
 * nobody answered cannot be closed, and only a closed one can be rated.
 */
export const complaintRules: readonly LedgerRule[] = [
  notBefore('dueDate', 'receivedAt'),
  notBefore('repliedAt', 'receivedAt'),
  notBefore('closedAt', 'receivedAt'),
  requires('closedAt', 'repliedAt', 'closedWithoutReply'),
  requires('satisfaction', 'closedAt', 'ratedWithoutClose'),
];

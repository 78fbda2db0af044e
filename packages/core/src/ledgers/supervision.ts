import { type LedgerRule, notBefore, onlyWhen, requires } from './rules.js';

const FIRE = ['消防验收'];

/**
 * 质量安全监督登记: a registration is accepted (受理) first. Only a work under quality
 * supervision can be a new start (新开工); only a fire-protection acceptance is inspected
 * (验收) and gets an opinion letter (验收意见书), which cannot come before the inspection.
 */
export const supervisionRules: readonly LedgerRule[] = [
  onlyWhen('newStart', 'kind', ['质量监督']),
  onlyWhen('acceptedAt', 'kind', FIRE),
  onlyWhen('opinionIssuedAt', 'kind', FIRE),
  notBefore('acceptedAt', 'registeredAt'),
  notBefore('opinionIssuedAt', 'acceptedAt'),
  requires('opinionIssuedAt', 'acceptedAt', 'opinionWithoutAcceptance'),
];

import { impliedBy, type LedgerRule } from './rules.js';

/**
 * 龙湖项目整改: each kind of work is measured in one unit, as the work summary prints it,
 * so that a sum over the rows of one item never adds 米 to 亩.
 */
export const RECTIFICATION_UNITS: Readonly<Record<string, string>> = {
  拆除永久性建筑物: '栋',
  拆除龙骨栈道及景观平台: '亩',
  拆除栏杆: '米',
  移除树木: '棵',
  复耕: '亩',
};

export const rectificationRules: readonly LedgerRule[] = [impliedBy('unit', 'item', RECTIFICATION_UNITS)];

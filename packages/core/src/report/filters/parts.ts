import { type Liquid, Tag, type TagToken, type TopLevelToken } from 'liquidjs';
import { type Decimal, ZERO } from '../../arithmetic/decimal.js';
import type { Figure } from '../../arithmetic/figure.js';
import { formatNumber } from '../format.js';
import type { ReportIndicator } from '../input.js';
import type { ReportScope } from '../scope.js';

/**
 * Parts and totals (分项与合计): `{% parts_of 'sales', 'sales_east', 'sales_west' %}` declares
 * that the parts add up to the total (regions, categories). Before any of them is printed the
 * engine adds them up; when they do not, every one of them prints a 【待核】 marker instead of a
 * figure, listed by `taizhang check` and refused by `--strict`, so the report states nothing
 * false about them. docs/report-template.md, "Parts and totals".
 */

/** The measures of values that parts add up in: the period's figure and last year's. */
const ADDITIVE: Readonly<Record<string, { label: string; figure: (i: ReportIndicator) => Figure }>> = {
  ytd: { label: '累计', figure: (i) => i.evaluation.ytd },
  base: { label: '上年同期', figure: (i) => i.evaluation.base },
};

export interface PartsDeclaration {
  total: ReportIndicator;
  parts: readonly ReportIndicator[];
  line: number;
}

/**
 * Whether parts add up to their total: exactly, up to the rounding of what is printed (each
 * part and the total may each be off by half a unit of the last printed place, so the sum by
 * at most (parts + 1) halves). A missing figure decides nothing: its own marker says so.
 */
export function partsMismatch(
  declaration: PartsDeclaration,
  measure: string,
): { sum: Decimal; total: Decimal; label: string } | undefined {
  const additive = ADDITIVE[measure];
  if (!additive) return undefined;
  const total = additive.figure(declaration.total);
  if (!total.ok) return undefined;
  let sum = ZERO;
  for (const part of declaration.parts) {
    const figure = additive.figure(part);
    if (!figure.ok) return undefined;
    sum = sum.plus(figure.value);
  }
  const decimals = declaration.total.evaluation.indicator.decimals;
  const slack = ZERO.plus(0.5)
    .times(declaration.parts.length + 1)
    .div(10 ** decimals);
  return sum.minus(total.value).abs().greaterThan(slack)
    ? { sum, total: total.value, label: additive.label }
    : undefined;
}

export function registerParts(liquid: Liquid, scope: ReportScope): void {
  class PartsOfTag extends Tag {
    constructor(token: TagToken, remain: TopLevelToken[], engine: Liquid) {
      super(token, remain, engine);
      if (scope.renderer.budget.depth > 0) throw new Error('parts_of 只能写在报告模板中，不能写在叙述或进展表述里');
      const codes = [...token.args.matchAll(/(['"])([^'"]*)\1/g)].map((m) => m[2] as string);
      const rest = token.args.replace(/(['"])([^'"]*)\1/g, '').replace(/[\s,]/g, '');
      if (codes.length < 3 || rest !== '') {
        throw new Error("parts_of 应写作 {% parts_of '合计指标', '分项1', '分项2' %}，至少两个分项");
      }
      if (scope.syntaxOnly) return;
      const [total, ...parts] = codes.map((code) => scope.indicatorOf(code));
      const unit = (total as ReportIndicator).evaluation.indicator.unit;
      for (const part of parts) {
        const { code, unit: partUnit } = part.evaluation.indicator;
        if (partUnit !== unit) throw new Error(`分项 ${code} 的单位 ${partUnit} 与合计的单位 ${unit} 不同`);
      }
      scope.declareParts({ total: total as ReportIndicator, parts, line: token.getPosition()[0] ?? 0 });
    }
    render(): void {}
  }
  liquid.registerTag('parts_of', PartsOfTag);
}

/** The marker's words for parts that do not add up. */
export function partsMismatchText(
  declaration: PartsDeclaration,
  mismatch: { sum: Decimal; total: Decimal; label: string },
): string {
  const { indicator } = declaration.total.evaluation;
  const sum = formatNumber(mismatch.sum, indicator.decimals);
  const total = formatNumber(mismatch.total, indicator.decimals);
  return `【待核：${indicator.name}${mismatch.label}的分项之和${sum}${indicator.unit}与合计${total}${indicator.unit}不符】`;
}

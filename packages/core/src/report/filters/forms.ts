import { type Liquid, Tag, type TagToken, type TopLevelToken } from 'liquidjs';
import { Decimal } from '../../arithmetic/decimal.js';
import { unitFactor } from '../../arithmetic/units.js';
import { formatNumber, NUMBER_STYLE_CHOICES, type NumberStyle, SEED_STYLE } from '../format.js';
import type { ReportScope } from '../scope.js';
import { describe, TemplateFigure, TemplateGap } from '../values.js';

/**
 * The number-form family: how a figure is written, declared by the template.
 *   {% number_style percent: '%', thousands: ',', dash: '—' %}   the whole report's style
 *   {{ x | approx }}  2937 → 2900余;  approx: '近' → 近3000;  approx: '超' → 超2900
 *   {{ x | in_unit: '亿元' }}  a figure kept in 万元 printed in 亿元
 * docs/report-template.md, "Number forms" (数字写法).
 */

const APPROXIMATIONS = ['余', '近', '超'] as const;
type Approximation = (typeof APPROXIMATIONS)[number];

/**
 * An approximate quantity as offices write it. The step is the place the template names, or by
 * default the second significant digit (2937 → hundreds). 余 and 超 round down (2900余, 超2900), 近
 * rounds up (近3000); a value already on the step is printed as it is, since 余/超/近 would be false.
 */
export function approximate(value: Decimal, kind: Approximation, step?: Decimal): string {
  const size = value.abs().truncated();
  const unit = step ?? (size.lessThan(100) ? new Decimal(1) : new Decimal(10).pow(size.toFixed().length - 2));
  const down = value.div(unit).floor().times(unit);
  const up = value.div(unit).ceil().times(unit);
  const plain = (v: Decimal) => formatNumber(v, 0);
  if (kind === '近') return up.equals(value) ? plain(value) : `近${plain(up)}`;
  if (down.equals(value)) return plain(value);
  return kind === '余' ? `${plain(down)}余` : `超${plain(down)}`;
}

export function registerForms(liquid: Liquid, scope: ReportScope): void {
  const figureOf = (name: string, value: unknown): TemplateFigure | TemplateGap => {
    if (value instanceof TemplateFigure || value instanceof TemplateGap) return value;
    throw new Error(`过滤器 ${name} 应作用于数字，如 {{ 'parking_spaces' | ytd | ${name} }}，实际为${describe(value)}`);
  };

  liquid.registerFilter('approx', (value: unknown, kind: unknown, step: unknown) => {
    const figure = figureOf('approx', value);
    if (figure instanceof TemplateGap) return figure;
    const chosen = kind === undefined || kind === null ? '余' : kind;
    if (!APPROXIMATIONS.includes(chosen as Approximation)) {
      throw new Error(
        `approx 的写法应为 ${APPROXIMATIONS.map((a) => `'${a}'`).join('、')} 之一，实际为 ${String(kind)}`,
      );
    }
    if (step !== undefined && (typeof step !== 'number' || !(step > 0) || !Number.isInteger(step))) {
      throw new Error(`approx 的取整位应为正整数（如 100），实际为 ${String(step)}`);
    }
    const steps = step === undefined ? undefined : new Decimal(step);
    return figure.derive({
      value: figure.exact,
      unit: figure.unit,
      decimals: 0,
      text: (v) => approximate(v, chosen as Approximation, steps),
      measure: `approx:${String(chosen)}${step === undefined ? '' : `:${step}`}`,
      label: `约数，${chosen}`,
    });
  });

  liquid.registerFilter('in_unit', (value: unknown, unit: unknown, decimals: unknown) => {
    const figure = figureOf('in_unit', value);
    if (figure instanceof TemplateGap) return figure;
    const factor = typeof unit === 'string' && figure.unit !== '' ? unitFactor(figure.unit, unit) : undefined;
    if (factor === undefined || typeof unit !== 'string') {
      throw new Error(`不能把${describe(figure)}（${figure.unit || '无单位'}）换算为 ${String(unit)}`);
    }
    if (decimals !== undefined && (typeof decimals !== 'number' || !Number.isInteger(decimals) || decimals < 0)) {
      throw new Error(`in_unit 的小数位数应为非负整数，实际为 ${String(decimals)}`);
    }
    const places = typeof decimals === 'number' ? decimals : figure.decimals;
    return figure.derive({
      value: figure.exact.times(factor),
      unit,
      decimals: places,
      text: (v) => formatNumber(v, places),
      measure: `in_unit:${unit}:${places}`,
      label: `折合${unit}`,
    });
  });

  class NumberStyleTag extends Tag {
    constructor(token: TagToken, remain: TopLevelToken[], engine: Liquid) {
      super(token, remain, engine);
      // Parsed, not rendered: the style holds for the whole report, the variables included.
      if (scope.renderer.budget.depth > 0) throw new Error('number_style 只能写在报告模板中，不能写在叙述或进展表述里');
      if (scope.styleDeclared) throw new Error('number_style 只能写一次');
      scope.registry.style = parseStyle(token.args);
      scope.styleDeclared = true;
    }
    render(): void {}
  }
  liquid.registerTag('number_style', NumberStyleTag);
}

/** `percent: '%', thousands: ','` → the style, each option checked against its choices. */
function parseStyle(args: string): NumberStyle {
  const style: NumberStyle = { ...SEED_STYLE };
  const option = /\s*(\w+)\s*:\s*(['"])(.*?)\2\s*(,|$)/y;
  let at = 0;
  while (at < args.trim().length) {
    option.lastIndex = at;
    const match = option.exec(args);
    if (!match)
      throw new Error(`number_style 应写作 {% number_style percent: '%', thousands: ',' %}，实际为 ${args.trim()}`);
    const [, key = '', , value = ''] = match;
    const choices = NUMBER_STYLE_CHOICES[key as keyof NumberStyle];
    if (!choices)
      throw new Error(`number_style 没有选项 ${key}；可用：${Object.keys(NUMBER_STYLE_CHOICES).join('、')}`);
    if (!choices.includes(value)) {
      throw new Error(`number_style 的 ${key} 应为 ${choices.map((c) => `'${c}'`).join('、')} 之一，实际为 '${value}'`);
    }
    style[key as keyof NumberStyle] = value;
    at = option.lastIndex;
  }
  return style;
}

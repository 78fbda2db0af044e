import type { FilterImplOptions, Liquid } from 'liquidjs';
import { type Decimal, roundHalfUp, ZERO } from '../../arithmetic/decimal.js';
import { describeNoFigure } from '../../arithmetic/figure.js';
import type { SourceRow } from '../document.js';
import { formatNumber, PERCENT_DECIMALS } from '../format.js';
import type { ReportScope } from '../scope.js';
import { type FilterImpl, lineOf } from '../template-engine.js';
import { bareNumber, describe, sameUnit, TemplateFigure, TemplateGap } from '../values.js';
import { MEASURE_NAMES, measureValue } from './figures.js';

/**
 * The arithmetic family: Liquid's math filters made exact on figures. `plus`, `minus`,
 * `times`, `divided_by`, `abs`, `round`, `ceil`, `floor`, `at_least`, `at_most` and `sum`
 * compute in decimals when a figure takes part, and give a figure again, whose provenance
 * lists its inputs; `percent_of` is a ratio in per cent. Without a figure they are Liquid's
 * own. What cannot be computed correctly — figures of different units added or compared,
 * text where a number belongs, a division by the number 0 — is a template error naming the
 * line; a division by a figure that is zero is a 【无法计算】 marker, as any figure without
 * data. Every other Liquid filter refuses a figure instead of reading its token as text.
 */

/** A number taking part in a computation: a figure, or a bare number written in the template. */
type Operand =
  | { figure: TemplateFigure; value: Decimal; decimals: number; unit: string; term: string; key: string }
  | { figure?: undefined; value: Decimal; decimals: number; unit: ''; term: string; key: string };

/** Filters of Liquid that keep working on a figure: they only place its printed token in text. */
const TEXT_FILTERS = new Set(['default', 'append', 'prepend']);

const isTyped = (value: unknown) => value instanceof TemplateFigure || value instanceof TemplateGap;

export function registerArithmetic(liquid: Liquid, scope: ReportScope): void {
  const builtins: Record<string, FilterImplOptions> = { ...liquid.filters };

  /** Liquid's own filter, for values that hold no figure. */
  const builtin = (name: string, impl: FilterImpl, args: unknown[]): unknown => {
    const options = builtins[name];
    const handler = typeof options === 'function' ? options : options?.handler;
    if (!handler) throw new Error(`未知的过滤器 ${name}`);
    return handler.apply(impl as never, args as [unknown, ...unknown[]]);
  };

  const operand = (name: string, value: unknown): Operand | TemplateGap => {
    if (value instanceof TemplateGap) return value;
    if (value instanceof TemplateFigure) {
      return {
        figure: value,
        value: value.exact,
        decimals: value.decimals,
        unit: value.unit,
        term: value.term,
        key: value.key,
      };
    }
    if (typeof value === 'number') {
      const bare = bareNumber(value);
      const text = bare.value.toFixed();
      return { ...bare, unit: '', term: text, key: text };
    }
    throw new Error(`过滤器 ${name} 用于数字时，参数应为数字，实际为${describe(value)}`);
  };

  /** The operands, or the first gap among them (a figure computed from a missing one is missing too). */
  const operands = (name: string, values: unknown[]): Operand[] | TemplateGap => {
    const found: Operand[] = [];
    for (const value of values) {
      const o = operand(name, value);
      if (o instanceof TemplateGap) return o;
      found.push(o);
    }
    return found;
  };

  const unitOf = (name: string, parts: readonly Operand[]): string => {
    const [first, ...rest] = parts as [Operand, ...Operand[]];
    let unit = first.unit;
    for (const part of rest) {
      if (!sameUnit(unit, part.unit)) {
        throw new Error(
          `过滤器 ${name} 不能对单位不同的数字计算：${first.term}（${unit}）与${part.term}（${part.unit}）`,
        );
      }
      unit ||= part.unit;
    }
    return unit;
  };

  interface Result {
    value: Decimal;
    unit: string;
    decimals: number;
  }

  /** A computed figure; its provenance names the formula and lists the figures it comes from. */
  const computed = (name: string, label: string, symbol: string, parts: readonly Operand[], result: Result) => {
    const inputs = parts.flatMap((p) => (p.figure ? [p.figure] : []));
    const first = inputs[0] as TemplateFigure;
    const sources = new Set<SourceRow>(inputs.flatMap((i) => i.origin.sources));
    const formula = parts.length === 1 ? `${label}（${parts[0]?.term}）` : parts.map((p) => p.term).join(` ${symbol} `);
    return new TemplateFigure(
      scope.registry,
      result.value,
      result.unit,
      result.decimals,
      (value) => formatNumber(value, result.decimals),
      {
        indicator: {
          code: [...new Set(inputs.map((i) => i.origin.indicator.code))].join('、'),
          name: formula,
          unit: result.unit,
          section: first.origin.indicator.section,
          sectionName: first.origin.indicator.sectionName,
        },
        measure: name,
        measureLabel: label,
        periodLabel: first.origin.periodLabel,
        sources: [...sources],
      },
      `${name}(${parts.map((p) => p.key).join(',')})@${result.decimals}`,
      inputs,
    );
  };

  /** A computation that has no value for the data (a share of a zero figure): its marker, owed. */
  const cannot = (impl: FilterImpl, label: string, parts: readonly Operand[]) => {
    const first = parts.find((p) => p.figure)?.figure as TemplateFigure;
    const formula = parts.map((p) => p.term).join('、');
    const reason = describeNoFigure({ code: 'zero-denominator' });
    return new TemplateGap(() =>
      scope.ledgerMarker({
        text: `【无法计算：${formula} ${label}（${reason}）】`,
        subject: first.origin.indicator.code,
        subjectName: first.origin.indicator.name,
        section: first.origin.indicator.section,
        sectionName: first.origin.indicator.sectionName,
        reason,
        line: lineOf(impl),
      }),
    );
  };

  /**
   * Registers a math filter: exact on figures, Liquid's own otherwise. `compute` gets the
   * operands, the filter's value first.
   */
  const math = (
    name: string,
    compute: (impl: FilterImpl, parts: Operand[]) => TemplateFigure | TemplateGap,
    arity: number,
  ) => {
    liquid.registerFilter(name, function (this: FilterImpl, value: unknown, ...args: unknown[]) {
      const given = [value, ...args.slice(0, arity - 1)];
      if (!given.some(isTyped)) return builtin(name, this, [value, ...args]);
      if (given.length < arity || given.some((g) => g === undefined)) {
        throw new Error(`过滤器 ${name} 少了参数`);
      }
      const parts = operands(name, given);
      return parts instanceof TemplateGap ? parts : compute(this, parts);
    });
  };

  const maxDecimals = (parts: readonly Operand[]) => Math.max(...parts.map((p) => p.decimals));

  math(
    'plus',
    (_, parts) => {
      const [a, b] = parts as [Operand, Operand];
      const result = { value: a.value.plus(b.value), unit: unitOf('plus', parts), decimals: maxDecimals(parts) };
      return computed('plus', '合计', '＋', parts, result);
    },
    2,
  );

  math(
    'minus',
    (_, parts) => {
      const [a, b] = parts as [Operand, Operand];
      const result = { value: a.value.minus(b.value), unit: unitOf('minus', parts), decimals: maxDecimals(parts) };
      return computed('minus', '差', '－', parts, result);
    },
    2,
  );

  math(
    'times',
    (_, parts) => {
      const [a, b] = parts as [Operand, Operand];
      // A scaled figure keeps its unit; a product of two units has no unit the engine knows.
      const unit = a.unit === '' || b.unit === '' ? a.unit || b.unit : '';
      const decimals = a.figure && b.figure ? maxDecimals(parts) : ((a.figure ?? b.figure)?.decimals ?? 0);
      return computed('times', '乘积', '×', parts, { value: a.value.times(b.value), unit, decimals });
    },
    2,
  );

  math(
    'divided_by',
    (impl, parts) => {
      const [a, b] = parts as [Operand, Operand];
      if (b.value.isZero()) {
        if (!b.figure) throw new Error('过滤器 divided_by 的除数是 0');
        return cannot(impl, '商', parts);
      }
      // A figure divided by a bare number keeps its unit; a quotient of two figures is a ratio without one.
      const unit = b.figure ? '' : a.unit;
      const decimals = b.figure ? Math.max(2, maxDecimals(parts)) : a.decimals;
      return computed('divided_by', '商', '÷', parts, { value: a.value.div(b.value), unit, decimals });
    },
    2,
  );

  math(
    'percent_of',
    (impl, parts) => {
      const [a, b] = parts as [Operand, Operand];
      unitOf('percent_of', parts);
      if (b.value.isZero()) return cannot(impl, '比率', parts);
      const value = a.value.div(b.value).times(100);
      return computed('percent_of', '比率', '÷', parts, { value, unit: '％', decimals: PERCENT_DECIMALS });
    },
    2,
  );

  math(
    'abs',
    (_, parts) => {
      const [a] = parts as [Operand];
      return computed('abs', '绝对值', '', parts, { value: a.value.abs(), unit: a.unit, decimals: a.decimals });
    },
    1,
  );

  liquid.registerFilter('round', function (this: FilterImpl, value: unknown, places: unknown) {
    if (!isTyped(value)) return builtin('round', this, [value, places]);
    const decimals = places === undefined ? 0 : places;
    if (typeof decimals !== 'number' || !Number.isInteger(decimals) || decimals < 0 || decimals > 10) {
      throw new Error(`过滤器 round 的位数应为 0 到 10 的整数，实际为${describe(places)}`);
    }
    const parts = operands('round', [value]);
    if (parts instanceof TemplateGap) return parts;
    const [a] = parts as [Operand];
    return computed('round', `保留${decimals}位小数`, '', parts, {
      value: roundHalfUp(a.value, decimals),
      unit: a.unit,
      decimals,
    });
  });

  for (const [name, label, round] of [
    ['ceil', '向上取整', (v: Decimal) => v.ceil()],
    ['floor', '向下取整', (v: Decimal) => v.floor()],
  ] as const) {
    math(
      name,
      (_, parts) => {
        const [a] = parts as [Operand];
        return computed(name, label, '', parts, { value: round(a.value), unit: a.unit, decimals: 0 });
      },
      1,
    );
  }

  for (const [name, label, pick] of [
    ['at_least', '不小于', (a: Decimal, b: Decimal) => (a.lessThan(b) ? b : a)],
    ['at_most', '不大于', (a: Decimal, b: Decimal) => (a.greaterThan(b) ? b : a)],
  ] as const) {
    math(
      name,
      (_, parts) => {
        const [a, b] = parts as [Operand, Operand];
        return computed(name, label, '、', parts, {
          value: pick(a.value, b.value),
          unit: unitOf(name, parts),
          decimals: maxDecimals(parts),
        });
      },
      2,
    );
  }

  liquid.registerFilter('sum', function (this: FilterImpl, list: unknown, measure: unknown) {
    if (!Array.isArray(list)) {
      if (isTyped(list)) throw new Error("过滤器 sum 应作用于列表，如 {{ '东城,西城' | split: ',' | sum }}");
      return builtin('sum', this, [list, measure]);
    }
    const named = measure === undefined ? 'ytd' : measure;
    const items = list.map((item) =>
      typeof item === 'string' ? measureValue(scope, measureName(named), item, lineOf(this)) : item,
    );
    if (!items.some(isTyped)) return builtin('sum', this, [list, measure]);
    if (items.length === 0) throw new Error('过滤器 sum 的列表是空的');
    const parts = operands('sum', items);
    if (parts instanceof TemplateGap) return parts;
    const value = parts.reduce((total, p) => total.plus(p.value), ZERO);
    return computed('sum', '合计', '＋', parts, { value, unit: unitOf('sum', parts), decimals: maxDecimals(parts) });
  });

  // `modulo` and every other Liquid filter would read a figure's token as text: refused.
  guardOthers(liquid, builtins);
}

function measureName(name: unknown): string {
  if (typeof name !== 'string' || !MEASURE_NAMES.includes(name)) {
    throw new Error(`过滤器 sum 的参数应为数字过滤器名（${MEASURE_NAMES.join('、')}），实际为${describe(name)}`);
  }
  return name;
}

/** The names of Liquid's filters that only refuse figures: Liquid's own, not the report's vocabulary. */
export const GUARDED_BUILTINS = new Set<string>();

function guardOthers(liquid: Liquid, builtins: Record<string, FilterImplOptions>): void {
  for (const [name, options] of Object.entries(builtins)) {
    if (TEXT_FILTERS.has(name) || liquid.filters[name] !== options) continue;
    GUARDED_BUILTINS.add(name);
    const handler = typeof options === 'function' ? options : options.handler;
    const guarded = function (this: unknown, ...args: unknown[]) {
      const figure = args.find(isTyped);
      if (figure !== undefined) throw new Error(`过滤器 ${name} 不能用于数字（${describe(figure)}）`);
      return handler?.apply(this as never, args as [unknown, ...unknown[]]);
    };
    liquid.registerFilter(name, typeof options === 'function' ? guarded : { ...options, handler: guarded });
  }
}

import {
  type Context,
  type Emitter,
  ForTag,
  Liquid,
  LiquidError,
  type Parser,
  TablerowTag,
  Tag,
  type TagToken,
  type Template,
  type TopLevelToken,
  toValue,
} from 'liquidjs';
import { type Decimal, ZERO } from '../arithmetic/decimal.js';
import type { IndicatorEvaluation } from '../arithmetic/evaluate.js';
import { describeNoFigure, type Figure, type NoFigure } from '../arithmetic/figure.js';
import type { Target } from '../model.js';
import { chineseDate, parseCalendarDate } from '../period/calendar-date.js';
import { monthsLabel, periodEnd, periodName, quarterName } from '../period/report-period.js';
import { parseBlocks } from './blocks.js';
import type { ReportDocument, SourceRow } from './document.js';
import { formatEntered, formatNumber, formatPercent } from './format.js';
import { completePhrase, forecastPhrase, growthPhrase, pointsPhrase } from './phrases.js';
import { projectDates, projectSentence, type ReportProject } from './projects.js';
import { Registry, TOKEN_CHARS } from './registry.js';

/** One indicator as the report sees it: its figures for the period and the rows behind them. */
export interface ReportIndicator {
  evaluation: IndicatorEvaluation;
  sectionName: string;
  /** value rows of this year and last year */
  rows: readonly SourceRow[];
  /** this year's target, if any */
  target?: Target | undefined;
  /** for a derived indicator: the ledger rows behind this year's figure */
  ledgerRows?: { ledger: string; refs: string[]; total: number } | undefined;
}

/** 叙述 block: qualitative text, itself a small template. */
export interface ReportNarrative {
  key: string;
  year: number;
  through?: number | undefined;
  section: string;
  sectionName: string;
  title?: string | undefined;
  text: string;
}

/** A ledger field's values ranked by row count for the period (群众投诉 by 问题类别). */
export interface ReportRanking {
  ledger: string;
  /** the ledger's Chinese name, e.g. 群众投诉台账 */
  ledgerName: string;
  field: string;
  /** the field's Chinese title, e.g. 问题类别 */
  fieldTitle: string;
  entries: readonly { value: string; count: number }[];
}

/** The latest date of a ledger's rows still open at the period's end (承诺办结日期 of unfinished commitments). */
export interface ReportLatest {
  ledger: string;
  ledgerName: string;
  field: string;
  fieldTitle: string;
  /** YYYY-MM-DD, or null when no row is open */
  value: string | null;
  /** the open rows */
  refs: readonly string[];
}

export interface ReportInput {
  template: {
    text: string;
    /** how messages name it: a file name, or 模板 work-summary */
    source: string;
  };
  organisation: { code: string; name: string; shortName?: string | undefined };
  year: number;
  through: number;
  /** 成文日期 as printed; defaults to the last day of the period */
  date?: string | undefined;
  indicators: readonly ReportIndicator[];
  narratives: readonly ReportNarrative[];
  rankings?: readonly ReportRanking[] | undefined;
  latest?: readonly ReportLatest[] | undefined;
  /** 重点项目 of the report's year, in ledger order (`project_count`, `project_sentences`) */
  projects?: readonly ReportProject[] | undefined;
}

/** A template that cannot be rendered: bad syntax, an unknown variable, filter or indicator code. */
export class TemplateError extends Error {
  constructor(
    readonly source: string,
    readonly reason: string,
    readonly line?: number | undefined,
    readonly column?: number | undefined,
  ) {
    super(
      `${source}${line === undefined ? '' : ` 第${line}行${column === undefined ? '' : `第${column}列`}`}：${reason}`,
    );
    this.name = 'TemplateError';
  }
}

/** What a filter sees of its call site: LiquidJS binds `this` to the filter token. */
interface FilterImpl {
  token: { getPosition(): number[] };
}

type RowSet = 'current' | 'base' | 'target' | 'forecast' | 'none';

interface Measure {
  label: string;
  figure(e: IndicatorEvaluation): Figure;
  print(value: Decimal, e: IndicatorEvaluation): string;
  rows: RowSet;
  /** measured against the year's target, which the provenance then names */
  usesTarget?: boolean;
}

const amount = (value: Decimal, e: IndicatorEvaluation) => formatNumber(value, e.indicator.decimals);
const percent = (value: Decimal) => formatPercent(value);

/** The figure filters of docs/report-template.md, by name. */
const MEASURES: Record<string, Measure> = {
  ytd: { label: '累计', figure: (e) => e.ytd, print: amount, rows: 'current' },
  base: { label: '上年同期', figure: (e) => e.base, print: amount, rows: 'base' },
  target: { label: '全年目标', figure: (e) => e.targetAmount, print: amount, rows: 'target', usesTarget: true },
  target_growth: {
    label: '目标增速',
    figure: (e) => e.targetGrowth,
    print: formatEntered,
    rows: 'none',
    usesTarget: true,
  },
  share: { label: '完成率', figure: (e) => e.completionShare, print: percent, rows: 'target', usesTarget: true },
  growth: { label: '同比', figure: (e) => e.growth, print: percent, rows: 'base' },
  points: { label: '超目标百分点', figure: (e) => e.pointsOverTarget, print: percent, rows: 'base', usesTarget: true },
  progress: { label: '时序进度', figure: (e) => e.timeProgress, print: percent, rows: 'none' },
  forecast: { label: '预计全年', figure: (e) => e.forecast, print: amount, rows: 'forecast' },
  shortfall: {
    label: '预计差额',
    figure: (e) => (e.forecastGap.ok ? { ok: true, value: e.forecastGap.value.negated() } : e.forecastGap),
    print: (value, e) => amount(value.lessThan(0) ? ZERO : value, e),
    rows: 'forecast',
    usesTarget: true,
  },
};

/**
 * Renders a report template for a period into the document model. Pure: no I/O, and no clock
 * but the one that bounds the render's time (TEMPLATE_LIMITS).
 */
export function renderReport(input: ReportInput): ReportDocument {
  const registry = new Registry();
  const byCode = new Map(input.indicators.map((indicator) => [indicator.evaluation.indicator.code, indicator]));
  const budget = new RenderBudget();
  const liquid = createLiquid(budget);

  const indicatorOf = (code: unknown): ReportIndicator => {
    const found = typeof code === 'string' ? byCode.get(code) : undefined;
    if (!found) {
      throw new Error(
        typeof code === 'string'
          ? `未知的指标代码 ${code}`
          : "过滤器应作用于加引号的指标代码，如 {{ 'fixed_asset_investment' | ytd }}",
      );
    }
    return found;
  };

  const lineOf = (impl: FilterImpl) => impl.token.getPosition()[0] ?? 0;

  const rowsFor = (indicator: ReportIndicator, set: RowSet): SourceRow[] => {
    const e = indicator.evaluation;
    const covered = new Set(e.periods);
    const current = indicator.rows.filter((r) => r.year === e.year && covered.has(r.period));
    const prior = indicator.rows.filter((r) => r.year === e.year - 1);
    switch (set) {
      case 'current':
        return current;
      case 'base':
        return [...current, ...prior.filter((r) => covered.has(r.period))];
      case 'target':
        return e.targetAmountImplied ? [...current, ...prior] : current;
      case 'forecast':
        return [...current, ...prior];
      case 'none':
        return [];
    }
  };

  /** The marker for a figure that cannot be given, registered as owed. */
  const marker = (indicator: ReportIndicator, measureLabel: string, reason: NoFigure, line: number): string => {
    const e = indicator.evaluation;
    const { name, code, section } = e.indicator;
    let text: string;
    if (reason.code === 'missing-periods') {
      const year = reason.year === input.year ? '' : `${reason.year}年`;
      text = `【待填：${name} ${year}${e.periodLabel}（${indicator.sectionName}）】`;
    } else if (reason.code === 'no-target') {
      text = `【待填：${name} ${input.year}年目标（${indicator.sectionName}）】`;
    } else {
      text = `【无法计算：${name} ${measureLabel}（${describeNoFigure(reason)}）】`;
    }
    return registry.marker(text, (ref) => ({
      ref,
      text,
      subject: code,
      subjectName: name,
      periodLabel: e.periodLabel,
      section,
      sectionName: indicator.sectionName,
      reason: describeNoFigure(reason),
      line,
    }));
  };

  interface Printing {
    measure: string;
    label: string;
    text: (value: Decimal) => string;
    rows: RowSet;
    usesTarget?: boolean | undefined;
  }

  /** A printed figure, or its marker. */
  const print = (indicator: ReportIndicator, figure: Figure, how: Printing, line: number): string => {
    if (!figure.ok) return marker(indicator, how.label, figure.reason, line);
    const e = indicator.evaluation;
    const printed = how.text(figure.value);
    const target = how.usesTarget ? indicator.target : undefined;
    return registry.figure(`${e.indicator.code}|${how.measure}|${printed}`, (ref) => ({
      ref,
      indicator: {
        code: e.indicator.code,
        name: e.indicator.name,
        unit: e.indicator.unit,
        section: e.indicator.section,
        sectionName: indicator.sectionName,
      },
      measure: how.measure,
      measureLabel: how.label,
      periodLabel: e.periodLabel,
      text: printed,
      exact: figure.value.toFixed(),
      sources: rowsFor(indicator, how.rows),
      ledgerRows: how.rows === 'none' ? undefined : indicator.ledgerRows,
      target: target && { year: target.year, amount: target.amount, growth: target.growth },
    }));
  };

  for (const [name, measure] of Object.entries(MEASURES)) {
    liquid.registerFilter(name, function (this: FilterImpl, code: unknown) {
      const indicator = indicatorOf(code);
      const e = indicator.evaluation;
      const how = { ...measure, measure: name, text: (v: Decimal) => measure.print(v, e) };
      return print(indicator, measure.figure(e), how, lineOf(this));
    });
  }

  /** The year-to-date figures of several indicators, or the marker of the first that has none. */
  const ytds = (impl: FilterImpl, indicators: readonly ReportIndicator[]): Decimal[] | string => {
    const values: Decimal[] = [];
    for (const indicator of indicators) {
      const ytd = indicator.evaluation.ytd;
      if (!ytd.ok) return marker(indicator, '累计', ytd.reason, lineOf(impl));
      values.push(ytd.value);
    }
    return values;
  };

  /** A figure computed from several indicators: its provenance lists the rows of them all. */
  const printCombined = (impl: FilterImpl, indicators: readonly ReportIndicator[], figure: Figure, how: Printing) => {
    const [first, ...others] = indicators as [ReportIndicator, ...ReportIndicator[]];
    const rows = [first.rows, ...others.map((o) => o.rows)].flat();
    return print({ ...first, rows }, figure, how, lineOf(impl));
  };

  /** numerator ÷ denominator × 100, or why not. */
  const percentOf = (numerator: Decimal, denominator: Decimal): Figure =>
    denominator.isZero()
      ? { ok: false, reason: { code: 'zero-denominator' } }
      : { ok: true, value: numerator.div(denominator).times(100) };

  liquid.registerFilter('rate', function (this: FilterImpl, code: unknown, denominatorCode: unknown) {
    const indicators = [indicatorOf(code), indicatorOf(denominatorCode)];
    const values = ytds(this, indicators);
    if (typeof values === 'string') return values;
    const [n, d] = values as [Decimal, Decimal];
    const of = indicatorOf(denominatorCode).evaluation.indicator;
    const how = {
      measure: `rate:${of.code}`,
      label: `占${of.name}比率`,
      text: formatPercent,
      rows: 'current' as const,
    };
    return printCombined(this, indicators, percentOf(n, d), how);
  });

  liquid.registerFilter('excess', function (this: FilterImpl, code: unknown, otherCode: unknown) {
    const indicators = [indicatorOf(code), indicatorOf(otherCode)];
    const values = ytds(this, indicators);
    if (typeof values === 'string') return values;
    const [a, b] = values as [Decimal, Decimal];
    const self = indicatorOf(code).evaluation.indicator;
    const other = indicatorOf(otherCode).evaluation.indicator;
    const how = {
      measure: `excess:${other.code}`,
      label: `超出${other.name}`,
      text: (v: Decimal) => formatNumber(v, self.decimals),
      rows: 'current' as const,
    };
    return printCombined(this, indicators, { ok: true, value: a.minus(b) }, how);
  });

  liquid.registerFilter(
    'rate_points',
    function (this: FilterImpl, code: unknown, otherCode: unknown, denominatorCode: unknown) {
      const indicators = [indicatorOf(code), indicatorOf(otherCode), indicatorOf(denominatorCode)];
      const values = ytds(this, indicators);
      if (typeof values === 'string') return values;
      const [a, b, d] = values as [Decimal, Decimal, Decimal];
      const mine = percentOf(a, d);
      const theirs = percentOf(b, d);
      // Both rates unrounded: the gain is (a − b) ÷ d, not the difference of two printed rates.
      const figure: Figure = !mine.ok
        ? mine
        : !theirs.ok
          ? theirs
          : { ok: true, value: mine.value.minus(theirs.value) };
      const other = indicatorOf(otherCode).evaluation.indicator;
      const of = indicatorOf(denominatorCode).evaluation.indicator;
      const how = {
        measure: `rate_points:${other.code}:${of.code}`,
        label: `占${of.name}比率高出${other.name}的百分点`,
        text: formatPercent,
        rows: 'current' as const,
      };
      return printCombined(this, indicators, figure, how);
    },
  );

  liquid.registerFilter('growth_phrase', function (this: FilterImpl, code: unknown, up: unknown, down: unknown) {
    const indicator = indicatorOf(code);
    const text = (g: Decimal) => growthPhrase(g, word(up, '增长'), word(down, '下降'));
    return print(
      indicator,
      indicator.evaluation.growth,
      { measure: 'growth_phrase', label: '同比', text, rows: 'base' },
      lineOf(this),
    );
  });

  liquid.registerFilter('points_phrase', function (this: FilterImpl, code: unknown, over: unknown, under: unknown) {
    const indicator = indicatorOf(code);
    const text = (p: Decimal) => pointsPhrase(p, word(over, '超额完成'), word(under, '低于目标'));
    return print(
      indicator,
      indicator.evaluation.pointsOverTarget,
      { measure: 'points_phrase', label: '超目标百分点', text, rows: 'base', usesTarget: true },
      lineOf(this),
    );
  });

  liquid.registerFilter('forecast_phrase', function (this: FilterImpl, code: unknown, option: unknown) {
    const indicator = indicatorOf(code);
    const e = indicator.evaluation;
    if (!e.forecast.ok) return marker(indicator, '预计全年', e.forecast.reason, lineOf(this));
    const forecast = e.forecast.value;
    const { unit, decimals } = e.indicator;
    const text = (gap: Decimal) => forecastPhrase({ forecast, gap, unit, decimals, withAmount: option === 'amount' });
    const how: Printing = { measure: 'forecast_phrase', label: '预计全年', text, rows: 'forecast', usesTarget: true };
    return print(indicator, e.forecastGap, how, lineOf(this));
  });

  liquid.registerFilter(
    'complete_phrase',
    function (this: FilterImpl, code: unknown, ofCode: unknown, whenComplete: unknown, prefix: unknown) {
      const done = indicatorOf(code);
      const of = indicatorOf(ofCode);
      if (!of.evaluation.ytd.ok) return marker(of, '累计', of.evaluation.ytd.reason, lineOf(this));
      const total = of.evaluation.ytd.value;
      const { unit, decimals } = done.evaluation.indicator;
      const text = (value: Decimal) =>
        completePhrase({
          done: value,
          of: total,
          unit,
          decimals,
          whenComplete: word(whenComplete, '已全部完成'),
          prefix: word(prefix, '已完成'),
        });
      const how: Printing = {
        measure: `complete:${of.evaluation.indicator.code}`,
        label: '完成情况',
        text,
        rows: 'current',
      };
      return print({ ...done, rows: [...done.rows, ...of.rows] }, done.evaluation.ytd, how, lineOf(this));
    },
  );

  liquid.registerFilter('top', function (this: FilterImpl, ledger: unknown, field: unknown, count: unknown) {
    const ranking = (input.rankings ?? []).find((r) => r.ledger === ledger && r.field === field);
    if (!ranking) {
      const known = (input.rankings ?? []).map((r) => `'${r.ledger}' | top: '${r.field}'`).join('、') || '无';
      throw new Error(`没有可排名的台账字段 ${String(ledger)}.${String(field)}；可用：${known}`);
    }
    const n = typeof count === 'number' && Number.isInteger(count) && count > 0 ? count : 3;
    const chosen = ranking.entries.slice(0, n);
    const label = monthsLabel(input.through);
    if (chosen.length === 0) {
      const text = `【待填：${ranking.ledgerName} ${label}（无记录）】`;
      return registry.marker(text, (ref) => ({
        ref,
        text,
        subject: ranking.ledger,
        subjectName: ranking.ledgerName,
        periodLabel: label,
        section: '',
        sectionName: '',
        reason: `${label}没有${ranking.ledgerName}记录`,
        line: lineOf(this),
      }));
    }
    const text = chosen.map((e) => e.value).join('、');
    return registry.figure(`${ranking.ledger}|top:${ranking.field}|${text}`, (ref) => ({
      ref,
      indicator: { code: ranking.ledger, name: ranking.ledgerName, unit: '件', section: '', sectionName: '' },
      measure: `top:${ranking.field}`,
      measureLabel: `按${ranking.fieldTitle}排名`,
      periodLabel: label,
      text,
      exact: ranking.entries.map((e) => `${e.value} ${e.count}`).join('；'),
      sources: [],
      ledgerRows: { ledger: ranking.ledger, refs: [], total: ranking.entries.reduce((sum, e) => sum + e.count, 0) },
    }));
  });

  liquid.registerFilter('latest', function (this: FilterImpl, ledger: unknown, field: unknown) {
    const fact = (input.latest ?? []).find((f) => f.ledger === ledger && f.field === field);
    if (!fact) {
      const known = (input.latest ?? []).map((f) => `'${f.ledger}' | latest: '${f.field}'`).join('、') || '无';
      throw new Error(`没有可用的台账日期 ${String(ledger)}.${String(field)}；可用：${known}`);
    }
    const label = monthsLabel(input.through);
    if (fact.value === null) {
      const text = `【待填：${fact.ledgerName} ${fact.fieldTitle}（${label}末没有未办结的记录）】`;
      return registry.marker(text, (ref) => ({
        ref,
        text,
        subject: fact.ledger,
        subjectName: fact.ledgerName,
        periodLabel: label,
        section: '',
        sectionName: '',
        reason: `${label}末没有未办结的记录`,
        line: lineOf(this),
      }));
    }
    const text = dateInYear(fact.value, input.year);
    return registry.figure(`${fact.ledger}|latest:${fact.field}|${text}`, (ref) => ({
      ref,
      indicator: { code: fact.ledger, name: fact.ledgerName, unit: '', section: '', sectionName: '' },
      measure: `latest:${fact.field}`,
      measureLabel: `未办结事项最晚${fact.fieldTitle}`,
      periodLabel: label,
      text,
      exact: fact.value ?? undefined,
      sources: [],
      ledgerRows: { ledger: fact.ledger, refs: [...fact.refs], total: fact.refs.length },
    }));
  });

  liquid.registerFilter('period_label', (code: unknown) => indicatorOf(code).evaluation.periodLabel);

  liquid.registerFilter('quarter_name', function (this: FilterImpl, code: unknown) {
    const indicator = indicatorOf(code);
    const e = indicator.evaluation;
    if (!e.quarterly) throw new Error(`指标 ${e.indicator.code} 不是季度指标，不能用 quarter_name`);
    if (e.periods.length === 0) return marker(indicator, '季度', { code: 'no-complete-quarter' }, lineOf(this));
    return quarterName(e.periods.length);
  });

  /** Booleans for {% if %}: undecidable without data, so missing data is owed and counts as false. */
  const decide = (
    impl: FilterImpl,
    indicator: ReportIndicator,
    label: string,
    figure: Figure,
    test: (v: Decimal) => boolean,
  ) => {
    if (figure.ok) return test(figure.value);
    marker(indicator, label, figure.reason, lineOf(impl));
    return false;
  };
  liquid.registerFilter('meets_target', function (this: FilterImpl, code: unknown) {
    const indicator = indicatorOf(code);
    return decide(this, indicator, '预计全年', indicator.evaluation.forecastGap, (gap) => gap.greaterThanOrEqualTo(0));
  });
  liquid.registerFilter('beats_growth_target', function (this: FilterImpl, code: unknown) {
    const indicator = indicatorOf(code);
    return decide(this, indicator, '超目标百分点', indicator.evaluation.pointsOverTarget, (p) =>
      p.greaterThanOrEqualTo(0),
    );
  });
  liquid.registerFilter('is_complete', function (this: FilterImpl, code: unknown, ofCode: unknown) {
    const done = indicatorOf(code);
    const of = indicatorOf(ofCode);
    if (!of.evaluation.ytd.ok) return decide(this, of, '累计', of.evaluation.ytd, () => false);
    const total = of.evaluation.ytd.value;
    return decide(this, done, '累计', done.evaluation.ytd, (value) => !value.lessThan(total));
  });

  registerNarrativeTag(liquid, budget, input, registry);
  registerProjects(liquid, budget, input, registry);

  const globals = {
    org: {
      code: input.organisation.code,
      name: input.organisation.name,
      short_name: input.organisation.shortName ?? input.organisation.name,
    },
    year: input.year,
    through: input.through,
    period: monthsLabel(input.through),
    period_name: periodName(input.through) ?? monthsLabel(input.through),
    report_date: input.date ?? chineseDate(periodEnd({ year: input.year, through: input.through })),
  };

  const rendered = renderText(liquid, budget, input.template.text, globals, input.template.source);
  const { title, blocks } = parseBlocks(rendered, registry.provenance, registry.missing);
  return {
    title,
    blocks,
    provenance: registry.provenance,
    missing: registry.missing,
    meta: {
      organisation: { code: input.organisation.code, name: input.organisation.name },
      year: input.year,
      through: input.through,
      date: globals.report_date,
      issued: parseCalendarDate(globals.report_date),
    },
  };
}

/** 12月20日 in the report's own year, 2022年1月15日 in another. */
function dateInYear(iso: string, year: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y === year ? '' : `${y}年`}${m}月${d}日`;
}

/** A phrase's optional word argument ('上涨'), or its default. */
function word(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : fallback;
}

/**
 * The budget of one report render (模板渲染预算): what a template, with the narratives and
 * progress texts it brings in, may consume before it is refused with a TemplateError naming
 * the limit. The bureau's report uses a small fraction of each; the limits keep a mistaken or
 * hostile template (`{% for i in (1..800000) %}`) to seconds and megabytes of the worker that
 * renders it, so it cannot take the server down. docs/report-template.md, "Limits" (上限).
 */
export const TEMPLATE_LIMITS = {
  /** characters of one template, narrative or progress text, checked before it is parsed (LiquidJS parseLimit) */
  templateChars: 1_000_000,
  /** iterations of {% for %} and {% tablerow %} bodies in total, nested loops and narratives included */
  loopIterations: 100_000,
  /**
   * characters written in total (2 MB): text captured with {% capture %} or rendered by a
   * narrative counts each time it is written, so a nested part counts twice
   */
  outputChars: 2 * 1024 * 1024,
  /** milliseconds of rendering, one deadline shared with the narratives rendered within (LiquidJS renderLimit) */
  renderMs: 5_000,
  /**
   * string characters and array items that LiquidJS creates (ranges, append, split, concat…),
   * counted before they are created, so `(1..800000000)` is refused without being built (LiquidJS memoryLimit)
   */
  allocations: 2_000_000,
  /** narratives and progress texts rendered within one another (a narrative that names itself) */
  nesting: 10,
} as const;

/** One limit of TEMPLATE_LIMITS reached; the message names it, and the render's line is added. */
class LimitExceeded extends Error {}

const limitMessages = {
  loop: () => `模板循环次数超过上限 ${TEMPLATE_LIMITS.loopIterations} 次`,
  output: () =>
    `模板输出超过上限 ${TEMPLATE_LIMITS.outputChars / 1024 / 1024} MB（${TEMPLATE_LIMITS.outputChars} 个字符）`,
  time: () => `模板渲染超过时限 ${TEMPLATE_LIMITS.renderMs / 1000} 秒`,
  allocations: () =>
    `模板生成的文字和列表超过上限 ${TEMPLATE_LIMITS.allocations} 个字符或项（范围 (a..b) 过大，或反复拼接）`,
  parse: () => `模板长度超过上限 ${TEMPLATE_LIMITS.templateChars} 个字符`,
  nesting: () => `叙述或进展表述层层嵌套超过 ${TEMPLATE_LIMITS.nesting} 层（是否引用了自身？）`,
};

/** What one render has used of TEMPLATE_LIMITS, beyond what LiquidJS counts itself. */
class RenderBudget {
  iterations = 0;
  output = 0;
  depth = 0;
  /** the bodies of loops, whose every rendering is one iteration */
  readonly loopBodies = new WeakSet<Template[]>();
  /** texts parsed once per render, however often a loop brings a narrative in */
  readonly parsed = new Map<string, Template[]>();
}

/** An emitter that counts every character written into the render's output budget. */
class CountedEmitter implements Emitter {
  buffer = '';
  constructor(private readonly budget: RenderBudget) {}

  write(html: unknown): void {
    const text = stringify(html);
    this.budget.output += text.length;
    if (this.budget.output > TEMPLATE_LIMITS.outputChars) throw new LimitExceeded(limitMessages.output());
    this.buffer += text;
  }
}

/** As LiquidJS prints a value: arrays joined, nothing for null. */
function stringify(value: unknown): string {
  const v = toValue(value);
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return v.map(stringify).join('');
  return String(v);
}

/**
 * A Liquid engine that can read nothing but what it is given: no file system (include,
 * render and layout are refused), own properties only, strict about every name, and
 * bounded by TEMPLATE_LIMITS so a template cannot hang the server or exhaust its memory.
 */
function createLiquid(budget: RenderBudget): Liquid {
  const liquid = new Liquid({
    templates: {},
    strictVariables: true,
    strictFilters: true,
    ownPropertyOnly: true,
    dynamicPartials: false,
    relativeReference: false,
    parseLimit: TEMPLATE_LIMITS.templateChars,
    renderLimit: TEMPLATE_LIMITS.renderMs,
    memoryLimit: TEMPLATE_LIMITS.allocations,
  });
  for (const tag of ['include', 'render', 'layout', 'block']) {
    liquid.registerTag(tag, {
      parse() {
        throw new Error(`模板不能引用其他文件（${tag}）`);
      },
      render() {
        return '';
      },
    });
  }
  // LiquidJS checks its time limit only between templates and counts no iterations or output.
  // Every loop body and every emitter passes through renderTemplates, so that is where the
  // iterations are counted (an empty body too) and where each output gets a counting emitter.
  class CountedFor extends ForTag {
    constructor(token: TagToken, remain: TopLevelToken[], engine: Liquid, parser: Parser) {
      super(token, remain, engine, parser);
      budget.loopBodies.add(this.templates);
    }
  }
  class CountedTablerow extends TablerowTag {
    constructor(token: TagToken, remain: TopLevelToken[], engine: Liquid, parser: Parser) {
      super(token, remain, engine, parser);
      budget.loopBodies.add(this.templates);
    }
  }
  liquid.registerTag('for', CountedFor);
  liquid.registerTag('tablerow', CountedTablerow);
  const renderer = liquid.renderer;
  const renderTemplates = renderer.renderTemplates.bind(renderer);
  renderer.renderTemplates = function* (templates: Template[], context: Context, emitter?: Emitter) {
    if (budget.loopBodies.has(templates) && ++budget.iterations > TEMPLATE_LIMITS.loopIterations) {
      throw new LimitExceeded(limitMessages.loop());
    }
    return yield* renderTemplates(templates, context, emitter ?? new CountedEmitter(budget));
  };
  return liquid;
}

const LIQUID_POSITION = /,? ?line:\d+, col:\d+.*$/s;

/** Renders template text; any failure becomes a TemplateError naming `source` and the line. */
function renderText(liquid: Liquid, budget: RenderBudget, text: string, scope: object, source: string): string {
  try {
    let templates = budget.parsed.get(text);
    if (!templates) {
      templates = liquid.parse(text.replace(TOKEN_CHARS, ''));
      budget.parsed.set(text, templates);
    }
    return liquid.renderSync(templates, scope);
  } catch (error) {
    if (error instanceof TemplateError) throw error;
    if (error instanceof LiquidError) {
      const [line, column] = error.token?.getPosition() ?? [];
      const inner = error.originalError instanceof TemplateError ? error.originalError : undefined;
      if (inner) throw inner;
      const message = (error.originalError?.message ?? error.message).replace(LIQUID_POSITION, '');
      throw new TemplateError(source, translate(message), line, column);
    }
    throw new TemplateError(source, translate(error instanceof Error ? error.message : String(error)));
  }
}

/**
 * A narrative or progress text rendered where its tag stands: in a context that shares the
 * render's deadline and allocation count, within the nesting limit.
 */
function renderNested(
  liquid: Liquid,
  budget: RenderBudget,
  text: string,
  context: Context,
  scope: object,
  source: string,
): string {
  if (budget.depth >= TEMPLATE_LIMITS.nesting) throw new LimitExceeded(limitMessages.nesting());
  budget.depth++;
  try {
    return renderText(liquid, budget, text, context.spawn(scope), source);
  } finally {
    budget.depth--;
  }
}

/** LiquidJS's messages in the words of the office that edits templates. */
function translate(message: string): string {
  const rules: [RegExp, (m: RegExpExecArray) => string][] = [
    [/^template render limit exceeded$/, limitMessages.time],
    [/^memory alloc limit exceeded$/, limitMessages.allocations],
    [/^parse length limit exceeded$/, limitMessages.parse],
    [/^undefined variable: (.+)$/, (m) => `未定义的变量 ${m[1]}`],
    [/^undefined filter: (.+)$/, (m) => `未知的过滤器 ${m[1]}`],
    [/^tag "?([^"]+)"? not found$/, (m) => `未知的标签 ${m[1]}`],
    [/^output "(.+)" not closed$/, (m) => `输出 ${m[1]} 没有闭合（缺少 }}）`],
    [/^tag "(.+)" not closed$/, (m) => `标签 ${m[1]} 没有闭合（缺少 %}）`],
    [/^tag (.+) not closed$/, (m) => `标签 ${m[1]} 没有结束标签`],
  ];
  for (const [pattern, say] of rules) {
    const match = pattern.exec(message);
    if (match) return say(match);
  }
  return message;
}

/** {% narrative 'key' %}: the latest block of that key for the period, rendered in the same context. */
function registerNarrativeTag(liquid: Liquid, budget: RenderBudget, input: ReportInput, registry: Registry): void {
  class NarrativeTag extends Tag {
    private readonly key: string;
    private readonly line: number;

    constructor(token: TagToken, remain: TopLevelToken[], engine: Liquid) {
      super(token, remain, engine);
      const match = /^\s*(['"])([A-Za-z][A-Za-z0-9_.-]*)\1\s*$/.exec(token.args);
      if (!match) throw new Error(`narrative 标签应写作 {% narrative '代码' %}，实际为 ${token.args.trim()}`);
      this.key = match[2] as string;
      this.line = token.getPosition()[0] ?? 0;
    }

    render(context: Context, emitter: Emitter): void {
      const chosen = input.narratives
        .filter((n) => n.key === this.key && n.year === input.year && (n.through ?? 0) <= input.through)
        .sort((a, b) => (b.through ?? 0) - (a.through ?? 0))[0];
      if (chosen) {
        emitter.write(renderNested(liquid, budget, chosen.text, context, context.getAll(), `叙述 ${chosen.key}`));
        return;
      }
      const known = input.narratives.find((n) => n.key === this.key);
      const sectionName = known?.sectionName ?? '办公室';
      const name = known?.title ?? this.key;
      const text = `【待填：叙述 ${name}（${sectionName}）】`;
      emitter.write(
        registry.marker(text, (ref) => ({
          ref,
          text,
          subject: this.key,
          subjectName: name,
          periodLabel: monthsLabel(input.through),
          section: known?.section ?? '',
          sectionName,
          reason: '未填写叙述',
          line: this.line,
        })),
      );
    }
  }
  liquid.registerTag('narrative', NarrativeTag);
}

const PROJECT_CATEGORIES = ['续建', '新建', '前期'];

function projectCategory(given: unknown, what: string): string | undefined {
  if (given === undefined || given === null || given === '') return undefined;
  if (typeof given === 'string' && PROJECT_CATEGORIES.includes(given)) return given;
  throw new Error(`${what}的项目类别应为 ${PROJECT_CATEGORIES.join('、')} 之一，实际为 ${String(given)}`);
}

/**
 * 重点项目 of the report's year: `{{ 'projects' | project_count: '续建' }}`, their number (all
 * of them without a category), a figure whose provenance lists the projects; and
 * `{% project_sentences '新建' %}`, the sentence of each project of a category in ledger order.
 */
function registerProjects(liquid: Liquid, budget: RenderBudget, input: ReportInput, registry: Registry): void {
  const projects = input.projects ?? [];
  liquid.registerFilter('project_count', (ledger: unknown, category: unknown) => {
    if (ledger !== 'projects') {
      throw new Error(`project_count 应作用于 'projects'，如 {{ 'projects' | project_count: '续建' }}`);
    }
    const chosen = projectCategory(category, 'project_count ');
    const counted = projects.filter((p) => chosen === undefined || p.category === chosen);
    const text = String(counted.length);
    const label = monthsLabel(input.through);
    return registry.figure(`projects|count:${chosen ?? ''}|${text}`, (ref) => ({
      ref,
      indicator: { code: 'projects', name: '重点项目台账', unit: '个', section: '', sectionName: '' },
      measure: `project_count${chosen === undefined ? '' : `:${chosen}`}`,
      measureLabel: `${input.year}年${chosen ?? ''}重点项目数`,
      periodLabel: label,
      text,
      exact: text,
      sources: [],
      ledgerRows: { ledger: 'projects', refs: counted.map((p) => p.ref), total: counted.length },
    }));
  });

  class ProjectSentencesTag extends Tag {
    private readonly category: string;

    constructor(token: TagToken, remain: TopLevelToken[], engine: Liquid) {
      super(token, remain, engine);
      const match = /^\s*(['"])([^'"]*)\1\s*$/.exec(token.args);
      const category = projectCategory(match?.[2], 'project_sentences 标签');
      if (category === undefined) {
        throw new Error(`project_sentences 标签应写作 {% project_sentences '新建' %}，实际为 ${token.args.trim()}`);
      }
      this.category = category;
    }

    render(context: Context, emitter: Emitter): void {
      for (const project of projects.filter((p) => p.category === this.category)) {
        if (project.progressText === undefined) {
          emitter.write(projectSentence(project, input).replace(TOKEN_CHARS, ''));
          continue;
        }
        const scope = {
          ...(context.getAll() as object),
          project: {
            ref: project.ref,
            name: project.name,
            category: project.category,
            facts: project.facts ?? {},
            ...projectDates(project),
          },
        };
        const source = `重点项目 ${project.ref} 的进展表述`;
        emitter.write(renderNested(liquid, budget, project.progressText, context, scope, source));
      }
    }
  }
  liquid.registerTag('project_sentences', ProjectSentencesTag);
}

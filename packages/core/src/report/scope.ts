import type { Decimal } from '../arithmetic/decimal.js';
import { describeNoFigure, type Figure, type NoFigure } from '../arithmetic/figure.js';
import { monthsLabel } from '../period/report-period.js';
import type { SourceRow } from './document.js';
import { type PartsDeclaration, partsMismatch, partsMismatchText } from './filters/parts.js';
import { formatNumber, stylePeriod } from './format.js';
import type { ReportIndicator, ReportInput } from './input.js';
import type { Registry } from './registry.js';
import type { TemplateRenderer } from './template-engine.js';
import { TemplateFigure, TemplateGap } from './values.js';

/** Which of an indicator's value rows a figure is computed from. */
export type RowSet = 'current' | 'base' | 'target' | 'forecast' | 'all' | 'none';

/** How a figure of an indicator is named, printed and traced. */
export interface Printing {
  /** the filter, with its arguments: ytd, rate:old_community_planned */
  measure: string;
  /** 累计, 完成率 */
  label: string;
  unit: string;
  decimals: number;
  /** its text; by default the number to `decimals` places */
  text?: ((value: Decimal) => string) | undefined;
  rows: RowSet;
  /** measured against the year's target, which the provenance then names */
  usesTarget?: boolean | undefined;
}

/** What a ledger-derived gap says (a ranking with no rows, a date with no open row, a narrative not written). */
export interface LedgerGap {
  text: string;
  subject: string;
  subjectName: string;
  reason: string;
  line: number;
  section?: string | undefined;
  sectionName?: string | undefined;
}

/**
 * One render's shared state, as the filter and tag families see it: the input, the registry
 * of what was printed, the engine, and the helpers that turn an indicator's figures into
 * template values or markers.
 */
export class ReportScope {
  private readonly byCode: ReadonlyMap<string, ReportIndicator>;
  /** 1－10月 (1月 for January): the label of ledger facts of the period */
  readonly periodLabel: string;
  /** the template has declared its number style ({% number_style %}) */
  styleDeclared = false;
  /** a text is only being checked, over no data: tags that name indicators check their form alone */
  syntaxOnly = false;
  /** parts declared to add up to a total ({% parts_of %}), by the code of each part and of the total */
  private readonly partsByCode = new Map<string, PartsDeclaration>();

  constructor(
    readonly input: ReportInput,
    readonly registry: Registry,
    readonly renderer: TemplateRenderer,
  ) {
    this.byCode = new Map(input.indicators.map((indicator) => [indicator.evaluation.indicator.code, indicator]));
    this.periodLabel = monthsLabel(input.through);
  }

  indicatorOf(code: unknown): ReportIndicator {
    const found = typeof code === 'string' ? this.byCode.get(code) : undefined;
    if (!found) {
      throw new Error(
        typeof code === 'string'
          ? `未知的指标代码 ${code}`
          : "过滤器应作用于加引号的指标代码，如 {{ 'fixed_asset_investment' | ytd }}",
      );
    }
    return found;
  }

  /** Declares parts of a total; an indicator is in one declaration at most. */
  declareParts(declaration: PartsDeclaration): void {
    for (const member of [declaration.total, ...declaration.parts]) {
      const { code } = member.evaluation.indicator;
      const earlier = this.partsByCode.get(code);
      if (earlier) throw new Error(`指标 ${code} 已在第${earlier.line}行的 parts_of 中`);
      this.partsByCode.set(code, declaration);
    }
  }

  /**
   * The gap that stands for a figure of a part or total whose parts do not add up (its marker
   * owed when printed or tested), or undefined when they do or the indicator is in no declaration.
   */
  partsGap(indicator: ReportIndicator, measure: string, line: number): TemplateGap | undefined {
    const declaration = this.partsByCode.get(indicator.evaluation.indicator.code);
    if (!declaration) return undefined;
    const mismatch = partsMismatch(declaration, measure);
    if (!mismatch) return undefined;
    const { total } = declaration;
    const { code, name, section } = total.evaluation.indicator;
    return new TemplateGap(() =>
      this.ledgerMarker({
        text: partsMismatchText(declaration, mismatch),
        subject: code,
        subjectName: name,
        section,
        sectionName: total.sectionName,
        reason: `分项 ${declaration.parts.map((p) => p.evaluation.indicator.name).join('、')} 之和与合计不符`,
        line,
      }),
    );
  }

  /** A period label (1－10月) with the dash of the report's number style. */
  label(text: string): string {
    return stylePeriod(text, this.registry.style);
  }

  /** The marker for a figure that cannot be given, registered as owed. */
  marker(indicator: ReportIndicator, measureLabel: string, reason: NoFigure, line: number): string {
    const e = indicator.evaluation;
    const { name, code, section } = e.indicator;
    let text: string;
    if (reason.code === 'missing-periods') {
      const year = reason.year === this.input.year ? '' : `${reason.year}年`;
      text = `【待填：${name} ${year}${e.periodLabel}（${indicator.sectionName}）】`;
    } else if (reason.code === 'no-target') {
      text = `【待填：${name} ${this.input.year}年目标（${indicator.sectionName}）】`;
    } else {
      text = `【无法计算：${name} ${measureLabel}（${describeNoFigure(reason)}）】`;
    }
    return this.registry.marker(text, (ref) => ({
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
  }

  /** The marker of a ledger fact or text the period lacks. */
  ledgerMarker(gap: LedgerGap): string {
    return this.registry.marker(gap.text, (ref) => ({
      ref,
      text: gap.text,
      subject: gap.subject,
      subjectName: gap.subjectName,
      periodLabel: this.periodLabel,
      section: gap.section ?? '',
      sectionName: gap.sectionName ?? '',
      reason: gap.reason,
      line: gap.line,
    }));
  }

  /** An indicator's figure as a template value, or the gap that stands for it. */
  value(indicator: ReportIndicator, figure: Figure, how: Printing, line: number): TemplateFigure | TemplateGap {
    if (!figure.ok) return new TemplateGap(() => this.marker(indicator, how.label, figure.reason, line));
    const e = indicator.evaluation;
    const target = how.usesTarget ? indicator.target : undefined;
    return new TemplateFigure(
      this.registry,
      figure.value,
      how.unit,
      how.decimals,
      how.text ?? ((value) => formatNumber(value, how.decimals)),
      {
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
        sources: rowsFor(indicator, how.rows),
        ledgerRows: how.rows === 'none' ? undefined : indicator.ledgerRows,
        target: target && { year: target.year, amount: target.amount, growth: target.growth },
      },
      `${e.indicator.code}|${how.measure}`,
    );
  }

  /** A printed phrase or figure: its token, or its marker. */
  print(indicator: ReportIndicator, figure: Figure, how: Printing, line: number): string {
    return this.value(indicator, figure, how, line).valueOf();
  }
}

function rowsFor(indicator: ReportIndicator, set: RowSet): SourceRow[] {
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
    case 'all':
      return [...indicator.rows];
    case 'none':
      return [];
  }
}

/**
 * The document model a report template renders to, and every renderer (Markdown, HTML,
 * DOCX) reads from. It knows the official structure of a 公文 body — a title, headings
 * at the four levels 一、（一）1.（1）, paragraphs, the seed's "──" lead paragraphs and a
 * closing (署名 and 成文日期) — and which pieces of text are computed figures.
 */
import type { CalendarDate } from '../period/calendar-date.js';

/** A run of text inside a block. */
export type Inline =
  | { kind: 'text'; text: string }
  /** A computed figure as printed ("29.02", "80.6", "增长6.7％"); `ref` indexes ReportDocument.provenance. */
  | { kind: 'figure'; text: string; ref: number }
  /** A figure that cannot be given: 【待填：固定资产投资 1－10月（计划财务股）】; `ref` indexes ReportDocument.missing. */
  | { kind: 'marker'; text: string; ref: number };

/** Heading levels of GB/T 9704-2012 §7.3.3: 一、 黑体; （一） 楷体; 1. and （1） 仿宋. */
export type HeadingLevel = 1 | 2 | 3 | 4;

export type Block =
  | { kind: 'heading'; level: HeadingLevel; inlines: Inline[] }
  /**
   * A body paragraph, indented two characters. `lead` marks the seed's "──" paragraphs,
   * whose first sentence (to the first "。") is their heading and is set in bold.
   */
  | { kind: 'paragraph'; inlines: Inline[]; lead: boolean }
  /** Right-aligned closing lines after the body: the issuing organisation and the date. */
  | { kind: 'closing'; lines: Inline[][] };

/** One value row behind a figure. */
export interface SourceRow {
  year: number;
  /** month, or quarter when `quarterly` */
  period: number;
  quarterly: boolean;
  value: string;
  comparableBase?: string | undefined;
  enteredBy?: string | undefined;
  /** UTC ISO instant */
  enteredAt?: string | undefined;
  source?: string | undefined;
}

/** Where a printed figure comes from: the indicator, the measure, the period, and the rows. */
export interface Provenance {
  ref: number;
  indicator: { code: string; name: string; unit: string; section: string; sectionName: string };
  /** ytd, target, share, growth, … (the template filter that printed it) */
  measure: string;
  /** 累计, 全年目标, 完成率, 同比, … */
  measureLabel: string;
  /** 1－10月, 1－3季度 */
  periodLabel: string;
  /** as printed */
  text: string;
  /** the unrounded value, when the figure is a number */
  exact?: string | undefined;
  /** the value rows the figure is computed from (this year's, then last year's) */
  sources: SourceRow[];
  /** for a figure derived from a ledger: the rows behind it (their refs, at most 200, and how many) */
  ledgerRows?: { ledger: string; refs: string[]; total: number } | undefined;
  /** for a figure computed in the template (a sum, a difference…): the figures it is computed from */
  inputs?: number[] | undefined;
  /** the target the figure is measured against (目标任务), when it is */
  target?: { year: number; amount?: string | undefined; growth?: string | undefined } | undefined;
}

/** A figure the report needed and could not give, with the section that owes it. */
export interface MissingFigure {
  ref: number;
  /** the marker as printed */
  text: string;
  /** indicator code, or narrative key */
  subject: string;
  subjectName: string;
  periodLabel: string;
  section: string;
  sectionName: string;
  /** why: 缺2021年10月数据, 上年同期为零…, 未填写叙述 */
  reason: string;
  /** template line that asked for it */
  line?: number | undefined;
}

export interface ReportDocument {
  title: Inline[];
  blocks: Block[];
  provenance: Provenance[];
  missing: MissingFigure[];
  meta: {
    organisation: { code: string; name: string };
    year: number;
    through: number;
    /** 成文日期 as printed, e.g. 2021年10月31日: from the period or an option, never the clock */
    date: string;
    /** the 成文日期 as a day of the calendar; undefined when the printed one is not a date (待定) */
    issued: CalendarDate | undefined;
  };
}

/** The plain text of a run of inlines. */
export function inlineText(inlines: readonly Inline[]): string {
  return inlines.map((inline) => inline.text).join('');
}

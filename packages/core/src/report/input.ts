import type { IndicatorEvaluation } from '../arithmetic/evaluate.js';
import type { Target } from '../model.js';
import type { SourceRow } from './document.js';
import type { ReportProject } from './projects.js';

/** What a report is rendered from: the template, the period and every figure, text and ledger fact it may print. */

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
  /** the same indicator evaluated for the periods its growth is compared with (`growth_compare_phrase`) */
  earlier?: EarlierEvaluations | undefined;
}

/** Which earlier period a growth rate is compared with. */
export type EarlierPeriod = 'previous' | 'last_year' | 'last_year_full';

/**
 * An indicator evaluated for earlier periods: the previous period of the same year (1－9月 for
 * 1－10月, the previous quarter for a quarterly one), the same period of last year, and last year
 * in full. An evaluation is absent when there is no such period (1月 has no previous one).
 */
export interface EarlierEvaluations {
  previous?: IndicatorEvaluation | undefined;
  last_year?: IndicatorEvaluation | undefined;
  last_year_full?: IndicatorEvaluation | undefined;
  /** value rows of the year before last, behind last year's growth */
  olderRows: readonly SourceRow[];
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

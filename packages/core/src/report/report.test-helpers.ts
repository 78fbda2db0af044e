import { indicator as indicatorDef } from '../arithmetic/arithmetic.test-helpers.js';
import { evaluateIndicator } from '../arithmetic/evaluate.js';
import type { IndicatorDef } from '../model.js';
import { inlineText, type ReportDocument } from './document.js';
import { type ReportIndicator, renderReport } from './engine.js';

/** A report of 2021 1－10月 (or 1－`through`月) of a test bureau, from a template and indicators. */
export function renderTemplate(template: string, indicators: readonly ReportIndicator[], through = 10): ReportDocument {
  return renderReport({
    template: { text: template, source: 'test.liquid' },
    organisation: { code: 'x', name: '测试区住房和城乡建设局' },
    year: 2021,
    through,
    indicators,
    narratives: [],
  });
}

/** The body's text, paragraphs joined without breaks (closing lines left out). */
export const bodyText = (doc: ReportDocument): string =>
  doc.blocks.map((b) => (b.kind === 'closing' ? '' : inlineText(b.inlines))).join('');

/** A level indicator of 2021 with `value` at October, and `prior` a year before when given. */
export function level(
  code: string,
  value: string,
  { unit = '亿元', decimals = 2, prior }: { unit?: string; decimals?: number; prior?: string } = {},
): ReportIndicator {
  const def: IndicatorDef = {
    ...indicatorDef({ code, section: 'planfin' }),
    name: code,
    unit,
    decimals,
    kind: 'level',
  };
  const before = prior === undefined ? [] : [{ period: 10, value: prior }];
  return {
    evaluation: evaluateIndicator({
      indicator: def,
      year: 2021,
      throughMonth: 10,
      current: [{ period: 10, value }],
      prior: before,
    }),
    sectionName: '计划财务股',
    rows: [
      { year: 2021, period: 10, value, quarterly: false },
      ...before.map((r) => ({ ...r, year: 2020, quarterly: false })),
    ],
  };
}

import { chineseDate, parseCalendarDate } from '../period/calendar-date.js';
import { monthsLabel, periodEnd, periodName } from '../period/report-period.js';
import { parseBlocks } from './blocks.js';
import type { ReportDocument } from './document.js';
import { GUARDED_BUILTINS, registerArithmetic } from './filters/arithmetic.js';
import { registerComparisons } from './filters/comparisons.js';
import { registerDecisions } from './filters/decisions.js';
import { registerFigures } from './filters/figures.js';
import { registerForms } from './filters/forms.js';
import { registerLedgers } from './filters/ledgers.js';
import { registerNarratives } from './filters/narratives.js';
import { registerParts } from './filters/parts.js';
import { registerPeriods } from './filters/periods.js';
import { registerPhrases } from './filters/phrases.js';
import { registerProjects } from './filters/projects.js';
import type { ReportInput } from './input.js';
import { Registry } from './registry.js';
import { ReportScope } from './scope.js';
import { TemplateError, TemplateRenderer } from './template-engine.js';

export type {
  EarlierEvaluations,
  EarlierPeriod,
  ReportIndicator,
  ReportInput,
  ReportLatest,
  ReportNarrative,
  ReportRanking,
} from './input.js';
export { TEMPLATE_LIMITS, TemplateError } from './template-engine.js';

/**
 * The families of the template language (docs/report-template.md), one module each.
 * Arithmetic comes first: it takes Liquid's own filters as they are before any other.
 */
const FAMILIES = [
  registerArithmetic,
  registerFigures,
  registerPhrases,
  registerComparisons,
  registerDecisions,
  registerPeriods,
  registerLedgers,
  registerProjects,
  registerNarratives,
  registerForms,
  registerParts,
];

/** A render's machinery with every family registered, over no data: for what a text may say, not what it prints. */
function blankScope(): ReportScope {
  const scope = new ReportScope(EMPTY_INPUT, new Registry(), new TemplateRenderer());
  scope.syntaxOnly = true;
  for (const register of FAMILIES) register(scope.renderer.liquid, scope);
  return scope;
}

/**
 * The filters and tags the families register (docs/report-template.md lists each): not Liquid's
 * own, but including the math filters the arithmetic family makes exact on figures.
 */
export function reportVocabulary(): { filters: string[]; tags: string[] } {
  const scope = new ReportScope(EMPTY_INPUT, new Registry(), new TemplateRenderer());
  scope.syntaxOnly = true;
  const { liquid } = scope.renderer;
  const filters = new Set<string>();
  const tags = new Set<string>();
  const recording = Object.create(liquid, {
    registerFilter: {
      value: (name: string, impl: never) => {
        filters.add(name);
        liquid.registerFilter(name, impl);
      },
    },
    registerTag: {
      value: (name: string, impl: never) => {
        tags.add(name);
        liquid.registerTag(name, impl);
      },
    },
  }) as typeof liquid;
  for (const register of FAMILIES) register(recording, scope);
  const own = [...filters].filter((name) => !GUARDED_BUILTINS.has(name));
  return { filters: own.sort(), tags: [...tags].sort() };
}

/**
 * Why a template, narrative or progress text cannot be parsed (a tag not closed, an unknown
 * filter or tag), with its line and column; undefined when it parses. Checked when a text is
 * saved, so that one clerk's slip cannot stop every preview of the bureau's report. A narrative
 * or progress text is `nested`: it is rendered within the report, where it cannot declare the
 * report's number style.
 */
export function templateTextError(text: string, source: string, nested: boolean): TemplateError | undefined {
  const { renderer } = blankScope();
  if (nested) renderer.budget.depth = 1;
  try {
    renderer.prepare(text, source);
    return undefined;
  } catch (error) {
    if (error instanceof TemplateError) return error;
    throw error;
  }
}

const EMPTY_INPUT: ReportInput = {
  template: { text: '', source: '' },
  organisation: { code: '', name: '' },
  year: 2000,
  through: 12,
  indicators: [],
  narratives: [],
};

/**
 * Renders a report template for a period into the document model. Pure: no I/O, and no clock
 * but the one that bounds the render's time (TEMPLATE_LIMITS).
 */
export function renderReport(input: ReportInput): ReportDocument {
  const registry = new Registry();
  const renderer = new TemplateRenderer();
  const scope = new ReportScope(input, registry, renderer);
  for (const register of FAMILIES) register(renderer.liquid, scope);
  // Parsed first, so that the number style it declares holds for the variables too.
  renderer.prepare(input.template.text, input.template.source);
  const months = scope.label(monthsLabel(input.through));

  const globals = {
    org: {
      code: input.organisation.code,
      name: input.organisation.name,
      short_name: input.organisation.shortName ?? input.organisation.name,
    },
    year: input.year,
    through: input.through,
    period: months,
    period_name: periodName(input.through) ?? months,
    report_date: input.date ?? chineseDate(periodEnd({ year: input.year, through: input.through })),
  };

  const rendered = renderer.render(input.template.text, globals, input.template.source);
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

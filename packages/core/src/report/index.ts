export * from './document.js';
export {
  type EarlierEvaluations,
  type EarlierPeriod,
  type ReportIndicator,
  type ReportInput,
  type ReportLatest,
  type ReportNarrative,
  type ReportRanking,
  renderReport,
  TEMPLATE_LIMITS,
  TemplateError,
  templateTextError,
} from './engine.js';
export * from './format.js';
export * from './phrases.js';
export * from './projects.js';

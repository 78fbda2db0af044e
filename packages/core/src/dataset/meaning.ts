import { decimalPlaces } from '../arithmetic/decimal.js';
import { type Findings, taintedPaths } from '../format/findings.js';
import { labelAt, ownerAt } from '../format/schema.js';
import type { SourceDocument } from '../format/source.js';
import { closestName } from '../format/suggest.js';
import type { LedgerDef } from '../ledgers/catalogue.js';
import { checkDatasetLedgers } from '../ledgers/validate.js';
import type { Frequency } from '../model.js';
import { templateTextError } from '../report/engine.js';
import { checkDerive } from './derive-checks.js';
import { checkTargetRules } from './target-rules.js';
import { type YearToDateEntry, yearToDateProblems } from './year-to-date.js';

/** What the checks across records need to know of one indicator. */
interface IndicatorFacts {
  /** how messages name it: its name, or its code when the name is unusable */
  display: string;
  frequency?: Frequency | undefined;
  decimals?: number | undefined;
  plan: boolean;
  /** false only when the file says so: a doubtful field is no reason to refuse more */
  yearOnYear: boolean;
  /** computed from a ledger: no values may be entered for it */
  derived: boolean;
  /** its values are written as year-to-date totals (entry: ytd) */
  ytd: boolean;
}

type Fields = Readonly<Record<string, unknown>>;

/**
 * The rules no JSON Schema can state: codes unique, references resolved, one target per
 * indicator and year, one value per period, the period kind and decimals its indicator sets,
 * a sensible plan curve, no growth figures for an indicator without year-on-year comparison,
 * one narrative per key, year and starting month, and texts that are more than blanks. They
 * run after the shape check on every record and field the shape check found sound, so one
 * bad field hides no other problem.
 */
export function checkMeaning(doc: SourceDocument, findings: Findings, ledgers: readonly LedgerDef[]): void {
  const tainted = taintedPaths(findings.problems.map((problem) => problem.path));
  const read = new Reader(doc, tainted);
  const root = record(doc.value);
  if (root === undefined) return;

  const sectionCodes = new Set<string>();
  const firstSection = new Map<string, string>();
  eachRecord(root.sections, '/sections', (section, path) => {
    const code = read.text(section, 'code', path);
    if (code === undefined) return;
    sectionCodes.add(code);
    duplicate(findings, firstSection, code, `${path}/code`, (first) =>
      findings.at(`${path}/code`, 'duplicateCode', { what: ownerAt(path, undefined), code, ...first }),
    );
  });

  const indicators = new Map<string, IndicatorFacts>();
  const firstIndicator = new Map<string, string>();
  eachRecord(root.indicators, '/indicators', (indicator, path) => {
    const code = read.text(indicator, 'code', path);
    const display = read.text(indicator, 'name', path) ?? code ?? labelAt(path);
    const section = read.text(indicator, 'section', path);
    if (section !== undefined && Array.isArray(root.sections) && !sectionCodes.has(section)) {
      const known = [...sectionCodes];
      findings.at(`${path}/section`, 'unknownSection', {
        owner: `指标 ${display}`,
        section,
        suggestion: closestName(section, known),
        known,
      });
    }
    if (code === undefined) return;
    duplicate(findings, firstIndicator, code, `${path}/code`, (first) =>
      findings.at(`${path}/code`, 'duplicateCode', { what: ownerAt(path, undefined), code, ...first }),
    );
    const derive = record(indicator.derive);
    if (derive !== undefined && read.clean(`${path}/derive`)) {
      const kind = read.clean(`${path}/kind`) ? indicator.kind : undefined;
      const unit = read.clean(`${path}/unit`) ? indicator.unit : undefined;
      checkDerive(
        findings,
        derive,
        `${path}/derive`,
        {
          indicator: display,
          kind: typeof kind === 'string' ? kind : undefined,
          unit: typeof unit === 'string' ? unit : undefined,
        },
        ledgers,
      );
    }
    const ytd = read.text(indicator, 'entry', path) === 'ytd';
    const kind = read.text(indicator, 'kind', path);
    if (ytd && kind !== undefined && kind !== 'flow')
      findings.at(`${path}/entry`, 'ytdNotFlow', { indicator: display });
    if (indicators.has(code)) return;
    indicators.set(code, {
      ytd: ytd && kind === 'flow',
      derived: derive !== undefined,
      display,
      frequency: read.text(indicator, 'frequency', path) as Frequency | undefined,
      decimals: read.integer(indicator, 'decimals', path),
      plan: read.text(indicator, 'timeProgress', path) === 'plan',
      yearOnYear: read.boolean(indicator, 'yearOnYear', path) !== false,
    });
  });

  /** The indicator a target or value refers to, reporting a reference to none. */
  const referred = (item: Fields, path: string) => {
    const code = read.text(item, 'indicator', path);
    if (code === undefined || !Array.isArray(root.indicators)) return undefined;
    const facts = indicators.get(code);
    if (facts === undefined) {
      const known = [...indicators.keys()];
      findings.at(`${path}/indicator`, 'unknownIndicator', {
        owner: ownerAt(path, undefined),
        indicator: code,
        suggestion: closestName(code, known),
        known,
      });
      return undefined;
    }
    return { code, facts };
  };

  const firstTarget = new Map<string, string>();
  eachRecord(root.targets, '/targets', (target, path) => {
    const indicator = referred(target, path);
    const year = read.integer(target, 'year', path);
    if (indicator !== undefined && year !== undefined) {
      duplicate(findings, firstTarget, `${indicator.code}\u0000${year}`, path, (first) =>
        findings.at(path, 'duplicateTarget', { indicator: indicator.facts.display, year, ...first }),
      );
    }
    checkTargetRules(target, path, indicator?.facts, year, read, findings);
  });

  const firstValue = new Map<string, string>();
  /** the year-to-date totals written, by indicator and year */
  const totals = new Map<string, { display: string; year: number; quarterly: boolean; entries: YearToDateEntry[] }>();
  eachRecord(root.values, '/values', (value, path) => {
    const indicator = referred(value, path);
    if (indicator === undefined) return;
    collectTotal(totals, indicator, value, path, read);
    const { display, frequency, decimals, yearOnYear, derived } = indicator.facts;
    if (derived) findings.at(path, 'valueForDerived', { indicator: display });
    if (!yearOnYear && 'comparableBase' in value && read.clean(`${path}/comparableBase`)) {
      // It would be stored and never used: better said now than silently ignored.
      findings.at(`${path}/comparableBase`, 'comparableBaseWithoutYearOnYear', { indicator: display });
    }
    const month = read.integer(value, 'month', path);
    const quarter = read.integer(value, 'quarter', path);
    if (frequency === 'monthly' && quarter !== undefined && month === undefined) {
      findings.at(`${path}/quarter`, 'quarterForMonthly', { indicator: display });
    } else if (frequency === 'quarterly' && month !== undefined && quarter === undefined) {
      findings.at(`${path}/month`, 'monthForQuarterly', { indicator: display });
    }
    const year = read.integer(value, 'year', path);
    // With both or neither of month and quarter the shape check has spoken; the period is unknown.
    if (year !== undefined && (month === undefined) !== (quarter === undefined)) {
      const period = month !== undefined ? `m${month}` : `q${quarter}`;
      duplicate(findings, firstValue, `${indicator.code}\u0000${year}\u0000${period}`, path, (first) =>
        findings.at(path, 'duplicateValue', { indicator: display, year, month, quarter, ...first }),
      );
    }
    const enteredAt = read.text(value, 'enteredAt', path);
    if (enteredAt !== undefined && !isRealDateTime(enteredAt)) {
      findings.at(`${path}/enteredAt`, 'impossibleDate', { label: labelAt(`${path}/enteredAt`), actual: enteredAt });
    }
    if (decimals === undefined) return;
    for (const field of ['value', 'comparableBase']) {
      const fieldPath = `${path}/${field}`;
      if (!(field in value) || !read.clean(fieldPath)) continue;
      const literal = read.decimal(value[field], fieldPath);
      const places = decimalPlaces(literal);
      if (places > decimals) {
        findings.at(fieldPath, 'precision', {
          label: labelAt(fieldPath),
          literal,
          places,
          indicator: display,
          decimals,
        });
      }
    }
  });

  for (const { display, year, quarterly, entries } of totals.values()) {
    for (const problem of yearToDateProblems(entries)) {
      const label = problem.field === 'value' ? '累计数' : '上年同期可比累计数';
      const name = (period: number) => (quarterly ? `1－${period}季度` : period === 1 ? '1月' : `1－${period}月`);
      if (problem.kind === 'gap') {
        const missing = problem.missing === 0 ? '' : name(problem.missing);
        findings.at(problem.path, 'ytdGap', { indicator: display, year, period: name(problem.period), missing, label });
      } else {
        const { total, previous } = problem;
        findings.at(problem.path, 'ytdDecrease', {
          indicator: display,
          year,
          period: name(problem.period),
          total,
          previous,
          label,
        });
      }
    }
  }

  const firstNarrative = new Map<string, string>();
  eachRecord(root.narratives, '/narratives', (narrative, path) => {
    const key = read.text(narrative, 'key', path);
    const title = read.text(narrative, 'title', path);
    const section = read.text(narrative, 'section', path);
    if (section !== undefined && Array.isArray(root.sections) && !sectionCodes.has(section)) {
      const known = [...sectionCodes];
      const display = key === undefined ? labelAt(path) : title === undefined ? key : `${key}（${title}）`;
      findings.at(`${path}/section`, 'unknownSection', {
        owner: `叙述 ${display}`,
        section,
        suggestion: closestName(section, known),
        known,
      });
    }
    const year = read.integer(narrative, 'year', path);
    const through = read.integer(narrative, 'through', path);
    // A doubtful `through` leaves the block's key unknown: no duplicate can be told.
    if (key !== undefined && year !== undefined && (through !== undefined || !('through' in narrative))) {
      duplicate(findings, firstNarrative, `${key}\u0000${year}\u0000${through ?? ''}`, path, (first) =>
        findings.at(path, 'duplicateNarrative', { key, year, through, ...first }),
      );
    }
    checkNotBlank(read, narrative, path, findings);
    checkTemplateText(
      read.text(narrative, 'text', path),
      `叙述 ${key ?? labelAt(path)}`,
      true,
      `${path}/text`,
      findings,
    );
  });

  const firstTemplate = new Map<string, string>();
  eachRecord(root.templates, '/templates', (template, path) => {
    const code = read.text(template, 'code', path);
    if (code !== undefined) {
      duplicate(findings, firstTemplate, code, `${path}/code`, (first) =>
        findings.at(`${path}/code`, 'duplicateCode', { what: ownerAt(path, undefined), code, ...first }),
      );
    }
    checkNotBlank(read, template, path, findings);
    checkTemplateText(
      read.text(template, 'text', path),
      `报告模板 ${code ?? labelAt(path)}`,
      false,
      `${path}/text`,
      findings,
    );
  });

  // 台账: each row's rules, refs unique per ledger, sections among `sections`.
  const listedSections = Array.isArray(root.sections) ? sectionCodes : undefined;
  checkDatasetLedgers(
    ledgers,
    root.ledgers,
    listedSections,
    (path) => read.clean(path),
    findings,
    (path) => read.literal(path),
  );
}

/** A text of spaces and line breaks passes the schema's minLength but says nothing: refused as empty. */
function checkNotBlank(read: Reader, fields: Fields, path: string, findings: Findings): void {
  const text = read.text(fields, 'text', path);
  if (text !== undefined && text.trim() === '') {
    findings.at(`${path}/text`, 'blankText', { label: labelAt(`${path}/text`) });
  }
}

/**
 * The schema's pattern admits 2021-02-30 and 25:00; the database would refuse them at write
 * time, after part of the file was written, so they are refused here with the rest.
 */
function isRealDateTime(text: string): boolean {
  const [, year, month, day, hour = '0', minute = '0', second = '0', offsetHour = '0'] =
    /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:Z|[+-](\d{2}):?\d{2})?)?$/.exec(text) ?? [];
  if (year === undefined || month === undefined || day === undefined) return false;
  const daysInMonth = new Date(Date.UTC(Number(year), Number(month), 0)).getUTCDate();
  return (
    Number(month) >= 1 &&
    Number(month) <= 12 &&
    Number(day) >= 1 &&
    Number(day) <= daysInMonth &&
    Number(hour) <= 23 &&
    Number(minute) <= 59 &&
    Number(second) <= 59 &&
    Number(offsetHour) <= 14
  );
}

/** Reports `key` when it was seen before, pointing at its first occurrence; remembers it otherwise. */
function duplicate(
  findings: Findings,
  seen: Map<string, string>,
  key: string,
  path: string,
  report: (first: { firstPath: string; firstLine: number | undefined }) => void,
): void {
  const firstPath = seen.get(key);
  if (firstPath === undefined) seen.set(key, path);
  else report({ firstPath, firstLine: findings.lineOf(firstPath) });
}

function record(value: unknown): Fields | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Fields) : undefined;
}

function eachRecord(list: unknown, path: string, visit: (item: Fields, path: string) => void): void {
  if (!Array.isArray(list)) return;
  list.forEach((item, index) => {
    const fields = record(item);
    if (fields !== undefined) visit(fields, `${path}/${index}`);
  });
}

/** Reads fields the shape check found sound; a field with a problem reads as absent. */
class Reader {
  constructor(
    private readonly doc: SourceDocument,
    private readonly tainted: ReadonlySet<string>,
  ) {}

  clean(path: string): boolean {
    return !this.tainted.has(path);
  }

  text(fields: Fields, key: string, path: string): string | undefined {
    const value = fields[key];
    return typeof value === 'string' && this.clean(`${path}/${key}`) ? value : undefined;
  }

  boolean(fields: Fields, key: string, path: string): boolean | undefined {
    const value = fields[key];
    return typeof value === 'boolean' && this.clean(`${path}/${key}`) ? value : undefined;
  }

  integer(fields: Fields, key: string, path: string): number | undefined {
    const value = fields[key];
    return typeof value === 'number' && Number.isInteger(value) && this.clean(`${path}/${key}`) ? value : undefined;
  }

  /** A number's text exactly as written in the file, when the file says. */
  literal(path: string): string | undefined {
    return this.doc.nodes.get(path)?.literal;
  }

  /** A sound decimal's text exactly as written. */
  decimal(value: unknown, path: string): string {
    return typeof value === 'string' ? value : (this.doc.nodes.get(path)?.literal ?? String(value));
  }
}

/** A template, narrative or progress text that does not parse, found with the dataset's other problems. */
function checkTemplateText(
  text: string | undefined,
  owner: string,
  nested: boolean,
  path: string,
  findings: Findings,
): void {
  if (text === undefined) return;
  const error = templateTextError(text, '', nested);
  if (error) findings.at(path, 'templateText', { owner, label: '正文', error: error.message.trim() });
}

/** Keeps a value of a year-to-date indicator, to check its totals once all are read. */
function collectTotal(
  totals: Map<string, { display: string; year: number; quarterly: boolean; entries: YearToDateEntry[] }>,
  indicator: { code: string; facts: IndicatorFacts },
  value: Fields,
  path: string,
  read: Reader,
): void {
  if (!indicator.facts.ytd) return;
  const year = read.integer(value, 'year', path);
  const period = read.integer(value, 'month', path) ?? read.integer(value, 'quarter', path);
  if (year === undefined || period === undefined || !read.clean(`${path}/value`)) return;
  const key = `${indicator.code}\u0000${year}`;
  const found = totals.get(key) ?? {
    display: indicator.facts.display,
    year,
    quarterly: indicator.facts.frequency === 'quarterly',
    entries: [],
  };
  const base = 'comparableBase' in value && read.clean(`${path}/comparableBase`);
  found.entries.push({
    period,
    value: read.decimal(value.value, `${path}/value`),
    comparableBase: base ? read.decimal(value.comparableBase, `${path}/comparableBase`) : undefined,
    path,
  });
  totals.set(key, found);
}

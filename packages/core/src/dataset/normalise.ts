import { schemaDefault } from '../format/schema.js';
import type { SourceDocument } from '../format/source.js';
import type { LedgerTypeDefinition } from '../ledgers/definition.js';
import { datasetLedgers } from '../ledgers/validate.js';
import type {
  IndicatorDef,
  IndicatorValue,
  LedgerRow,
  Narrative,
  Organisation,
  ReportTemplate,
  Section,
  Target,
  TimeProgressMode,
} from '../model.js';
import type { FileLedgers } from './ledger-types.js';
import { amountsFromYearToDate } from './year-to-date.js';

/** A dataset in the model's types, ready for the database. */
export interface Dataset {
  organisation: Organisation;
  sections: Section[];
  indicators: IndicatorDef[];
  targets: Target[];
  values: IndicatorValue[];
  narratives: Narrative[];
  templates: ReportTemplate[];
  /** the organisation's own ledger types (docs/ledgers.md), in the file's order */
  ledgerTypes: LedgerTypeDefinition[];
  /** 台账 rows by ledger code; every ledger (the preset's and the file's) is listed, empty when the file has none */
  ledgers: Record<string, LedgerRow[]>;
}

// The defaults are the schema's, so the documentation and the loader cannot disagree.
const DEFAULT_LEVEL = schemaDefault('organisation', 'level') as Organisation['level'];
const DEFAULT_TIME_PROGRESS = schemaDefault('indicator', 'timeProgress') as TimeProgressMode;
const DEFAULT_RED_THRESHOLD = String(schemaDefault('indicator', 'redThreshold'));
const DEFAULT_YEAR_ON_YEAR = schemaDefault('indicator', 'yearOnYear') as boolean;

/** Decimals as the file holds them: a number (its literal text is kept) or a string. */
type Written = number | string;

/** The file's shape once the schema has accepted it. */
interface ValidFile {
  organisation: {
    code: string;
    name: string;
    shortName?: string;
    level?: Organisation['level'];
    parent?: { code: string; name: string };
  };
  sections: { code: string; name: string }[];
  /** as defined, the defaulted parts optional and the threshold as written */
  indicators: (Omit<IndicatorDef, 'timeProgress' | 'redThreshold' | 'yearOnYear'> &
    Partial<Pick<IndicatorDef, 'timeProgress' | 'yearOnYear'>> & {
      redThreshold?: Written;
      /** values written as year-to-date totals: stored as the amounts derived from them */
      entry?: 'monthly' | 'ytd';
    })[];
  targets?: { indicator: string; year: number; amount?: Written; growth?: Written; planCurve?: Written[] }[];
  values?: {
    indicator: string;
    year: number;
    month?: number;
    quarter?: number;
    value: Written;
    comparableBase?: Written;
    enteredBy?: string;
    enteredAt?: string;
    source?: string;
    note?: string;
  }[];
  narratives?: { key: string; year: number; through?: number; section: string; title?: string; text: string }[];
  templates?: { code: string; name: string; text: string }[];
}

/**
 * Turns a file that passed every check into the model: decimals become the exact text written
 * (12.30 → "12.30", never through a float), month or quarter becomes `period`, and the
 * schema's defaults fill what was left out. Optional fields absent from the file stay absent.
 */
export function toDataset(doc: SourceDocument, ledgers: Pick<FileLedgers, 'types' | 'defs'>): Dataset {
  const file = doc.value as ValidFile;
  const decimal = (value: Written, path: string): string =>
    typeof value === 'string' ? value : (doc.nodes.get(path)?.literal ?? String(value));
  const optionalDecimal = (value: Written | undefined, path: string): string | undefined =>
    value === undefined ? undefined : decimal(value, path);

  const { organisation: org } = file;
  const organisation: Organisation = { code: org.code, name: org.name, level: org.level ?? DEFAULT_LEVEL };
  if (org.parent !== undefined) organisation.parent = { code: org.parent.code, name: org.parent.name };
  if (org.shortName !== undefined) organisation.shortName = org.shortName;

  return {
    organisation,
    sections: file.sections.map(({ code, name }) => ({ code, name })),
    indicators: file.indicators.map((indicator, index) => ({
      code: indicator.code,
      name: indicator.name,
      unit: indicator.unit,
      section: indicator.section,
      kind: indicator.kind,
      frequency: indicator.frequency,
      decimals: indicator.decimals,
      timeProgress: indicator.timeProgress ?? DEFAULT_TIME_PROGRESS,
      redThreshold:
        optionalDecimal(indicator.redThreshold, `/indicators/${index}/redThreshold`) ?? DEFAULT_RED_THRESHOLD,
      yearOnYear: indicator.yearOnYear ?? DEFAULT_YEAR_ON_YEAR,
      ...(indicator.derive === undefined ? {} : { derive: indicator.derive }),
    })),
    targets: (file.targets ?? []).map((target, index) => {
      const path = `/targets/${index}`;
      return withoutUndefined<Target>({
        indicator: target.indicator,
        year: target.year,
        amount: optionalDecimal(target.amount, `${path}/amount`),
        growth: optionalDecimal(target.growth, `${path}/growth`),
        planCurve: target.planCurve?.map((entry, month) => decimal(entry, `${path}/planCurve/${month}`)),
      });
    }),
    values: amountsFromYearToDate(
      (file.values ?? []).map((value, index) => {
        const path = `/values/${index}`;
        return withoutUndefined<IndicatorValue>({
          indicator: value.indicator,
          year: value.year,
          // The schema's oneOf guarantees exactly one of the two.
          period: value.month ?? value.quarter ?? 0,
          value: decimal(value.value, `${path}/value`),
          comparableBase: optionalDecimal(value.comparableBase, `${path}/comparableBase`),
          enteredBy: value.enteredBy,
          enteredAt: value.enteredAt,
          source: value.source,
          note: value.note,
        });
      }),
      new Set(file.indicators.filter((i) => i.entry === 'ytd' && i.kind === 'flow').map((i) => i.code)),
      (code) => file.indicators.find((i) => i.code === code)?.unit ?? '',
    ),
    // Texts are kept exactly as written, line breaks included: the template reads its lines.
    narratives: (file.narratives ?? []).map((narrative) =>
      withoutUndefined<Narrative>({
        key: narrative.key,
        year: narrative.year,
        through: narrative.through,
        section: narrative.section,
        title: narrative.title,
        text: narrative.text,
      }),
    ),
    templates: (file.templates ?? []).map(({ code, name, text }) => ({ code, name, text })),
    ledgerTypes: ledgers.types,
    ledgers: datasetLedgers(
      ledgers.defs,
      (doc.value as { ledgers?: unknown }).ledgers,
      (path) => doc.nodes.get(path)?.literal,
    ),
  };
}

/** Drops keys whose value is undefined, so a record carries only what the file said. */
function withoutUndefined<T extends object>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as T;
}

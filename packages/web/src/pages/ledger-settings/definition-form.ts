import type { LedgerType, Named } from '@taizhang/contract';
import {
  type FieldDefinition,
  type FieldKind,
  type LedgerTypeDefinition,
  RESERVED_FIELD_CODES,
} from '@taizhang/core/browser';
import type { ApiProblem } from '../../api/client.js';

/**
 * 台账设置's form of one ledger type (docs/ledgers.md): what the page edits, the definition it
 * sends, the code it suggests for a field left without one, and the problems it can tell
 * before asking the server. Pure functions; the server checks every definition again with the
 * dataset's rules and answers what only it knows (rows, indicators and templates that a change
 * would break) with a 422.
 */

/** The field types the page offers for a new field. */
export const NEW_FIELD_KINDS = [
  'text',
  'integer',
  'decimal',
  'date',
  'dateTime',
  'boolean',
  'choice',
  'section',
] as const;
export type NewFieldKind = (typeof NEW_FIELD_KINDS)[number];

/** Every field type in Chinese, those the page does not offer (a built-in's) included. */
export const FIELD_KIND_NAMES: Readonly<Record<FieldKind, string>> = {
  text: '文字',
  integer: '整数',
  decimal: '小数',
  date: '日期',
  dateTime: '日期时间',
  boolean: '是/否',
  choice: '选项',
  section: '股室',
  reference: '引用台账',
  stages: '节点进度',
  facts: '附加信息',
};

export const FIELD_KIND_OPTIONS = NEW_FIELD_KINDS.map((kind) => ({ value: kind, label: FIELD_KIND_NAMES[kind] }));

/** The dataset schema's patterns and bounds (core's dataset.schema.json, `$defs/ledgerType`). */
const TYPE_CODE = /^[a-z][a-z0-9_]{0,39}$/;
const FIELD_CODE = /^[a-z][A-Za-z0-9]{0,39}$/;
const NUMBERING = /^[^{}]*(\{(year|seq(:[1-9])?)\}[^{}]*)+$/;
const MAX_NAME = 200;
const MAX_UNIT = 20;
const MAX_VALUE = 100;
const MAX_NUMBERING = 60;
const MAX_DECIMALS = 10;

/** The label of the owning section when there is none: every section keeps rows in it. */
export const ALL_SECTIONS = '全部股室';

/** One field as the editor holds it. */
export interface FieldDraft {
  /** stable while the field is edited and moved (React's key) */
  key: string;
  /** as typed; '' for a new field whose code is suggested */
  code: string;
  title: string;
  type: FieldKind;
  required: boolean;
  /** integer and decimal */
  unit: string;
  /** decimal; null: not limited */
  decimals: number | null;
  /** choice */
  values: string[];
  retired: boolean;
  /** saved with the type: its code and type are fixed, and it can be retired but not removed */
  saved: boolean;
  /** the field as loaded, so that what the page does not edit (min, max, datedBy, personal…) is kept */
  original?: FieldDefinition | undefined;
}

export interface TypeDraft {
  code: string;
  name: string;
  rowTitle: string;
  /** the owning section's code; '' for every section */
  section: string;
  numbering: string;
  fields: FieldDraft[];
  /** the definition as loaded, so that what the page does not edit (rules, refTitle…) is kept */
  original?: LedgerTypeDefinition | undefined;
}

let nextKey = 0;
function freshKey(): string {
  nextKey += 1;
  return `f${nextKey}`;
}

/** A field not yet saved: text, optional, its code to be suggested. */
export function newField(): FieldDraft {
  return {
    key: freshKey(),
    code: '',
    title: '',
    type: 'text',
    required: false,
    unit: '',
    decimals: null,
    values: [],
    retired: false,
    saved: false,
  };
}

/** The form of a new ledger type. */
export function emptyDraft(): TypeDraft {
  return { code: '', name: '', rowTitle: '', section: '', numbering: '', fields: [] };
}

/** A saved field as the editor holds it. */
export function fieldDraftOf(field: FieldDefinition): FieldDraft {
  return {
    key: freshKey(),
    code: field.code,
    title: field.title,
    type: field.type,
    required: field.required === true,
    unit: field.unit ?? '',
    decimals: field.decimals ?? null,
    values: [...(field.values ?? [])],
    retired: field.retired === true,
    saved: true,
    original: field,
  };
}

/** A ledger type's definition (GET /api/ledger-types) as the form holds it. */
export function draftOf(definition: LedgerTypeDefinition): TypeDraft {
  return {
    code: definition.code,
    name: definition.name,
    rowTitle: definition.rowTitle,
    section: definition.section ?? '',
    numbering: definition.numbering ?? '',
    fields: (definition.fields ?? []).map(fieldDraftOf),
    original: definition,
  };
}

/** The definition of a LedgerType as the API sends it (an object in the dataset's format). */
export function definitionOfType(type: LedgerType): LedgerTypeDefinition {
  const definition = type.definition as Partial<LedgerTypeDefinition>;
  return {
    ...definition,
    code: definition.code ?? type.code,
    name: definition.name ?? type.name,
    rowTitle: definition.rowTitle ?? '',
    fields: Array.isArray(definition.fields) ? definition.fields : [],
  } as LedgerTypeDefinition;
}

/**
 * The code each field is saved with, in order: the one typed, or for a new field left without
 * one fieldN — N its position (field3 for the third field) or the next number no other field
 * takes, so a suggestion never repeats a code, a retired field's included.
 */
export function effectiveCodes(fields: readonly FieldDraft[]): string[] {
  const taken = new Set(fields.map((field) => field.code.trim()).filter((code) => code !== ''));
  return fields.map((field, index) => {
    const typed = field.code.trim();
    if (typed !== '') return typed;
    let n = index + 1;
    while (taken.has(`field${n}`)) n += 1;
    taken.add(`field${n}`);
    return `field${n}`;
  });
}

function trimmed(values: readonly string[]): string[] {
  return values.map((value) => value.trim()).filter((value) => value !== '');
}

const NUMBER_KINDS: readonly FieldKind[] = ['integer', 'decimal'];

/** One field as the definition writes it; `original` keeps the options the page does not edit. */
function fieldDefinition(field: FieldDraft, code: string): FieldDefinition {
  const out: Record<string, unknown> = { ...(field.saved ? field.original : {}) };
  out.code = field.saved && field.original ? field.original.code : code;
  out.title = field.title.trim();
  out.type = field.saved && field.original ? field.original.type : field.type;
  const type = out.type as FieldKind;
  const set = (key: keyof FieldDefinition, value: unknown, when: boolean) => {
    if (when) out[key] = value;
    else delete out[key];
  };
  set('required', true, field.required);
  set('unit', field.unit.trim(), NUMBER_KINDS.includes(type) && field.unit.trim() !== '');
  set('decimals', field.decimals, type === 'decimal' && field.decimals !== null);
  const values = trimmed(field.values);
  // A choice always carries its values (even none, for the check to name); others never do.
  set('values', values, type === 'choice');
  set('retired', true, field.retired);
  // Keep the keys in the order the docs write them: code, title, type, then the options.
  const { code: c, title, type: t, ...options } = out;
  return { code: c, title, type: t, ...options } as FieldDefinition;
}

/**
 * The whole definition the page sends (POST a new type, PUT a changed one): the form's parts
 * over the definition as loaded, so rules, titles and options the page does not show are kept.
 */
export function definitionOf(draft: TypeDraft): LedgerTypeDefinition {
  const codes = effectiveCodes(draft.fields);
  const out: Record<string, unknown> = { ...draft.original };
  out.code = draft.original ? draft.original.code : draft.code.trim();
  out.name = draft.name.trim();
  out.rowTitle = draft.rowTitle.trim();
  if (draft.section !== '') out.section = draft.section;
  else delete out.section;
  if (draft.numbering.trim() !== '') out.numbering = draft.numbering.trim();
  else delete out.numbering;
  out.fields = draft.fields.map((field, index) => fieldDefinition(field, codes[index] ?? ''));
  const { code, name, rowTitle, ...rest } = out;
  return { code, name, rowTitle, ...rest } as unknown as LedgerTypeDefinition;
}

/** Whether the form changed anything of the definition it was loaded from. */
export function changed(draft: TypeDraft): boolean {
  if (!draft.original) return true;
  // Both through the same writing, so that `required: false` as loaded is no change.
  const before = definitionOf(draftOf(draft.original));
  return JSON.stringify(sortedKeys(definitionOf(draft))) !== JSON.stringify(sortedKeys(before));
}

function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => [k, sortedKeys(v)]),
  );
}

/** The fields with the one at `index` moved up (-1) or down (+1); unchanged at either end. */
export function moveField(fields: readonly FieldDraft[], index: number, delta: -1 | 1): FieldDraft[] {
  const target = index + delta;
  const out = [...fields];
  if (index < 0 || index >= fields.length || target < 0 || target >= fields.length) return out;
  const [moved] = out.splice(index, 1);
  if (moved) out.splice(target, 0, moved);
  return out;
}

/** The fields with the one at `index` removed, when it is not saved: a saved field can only be retired. */
export function removeField(fields: readonly FieldDraft[], index: number): FieldDraft[] {
  if (fields[index]?.saved !== false) return [...fields];
  return fields.filter((_, i) => i !== index);
}

/** One field changed; a change of type drops the options of the type it leaves. */
export function updateField(field: FieldDraft, changes: Partial<Omit<FieldDraft, 'key' | 'saved' | 'original'>>) {
  const next = { ...field, ...changes };
  if (field.saved) {
    // A saved field keeps its code and type (the server refuses either change).
    next.code = field.code;
    next.type = field.type;
  }
  if (!NUMBER_KINDS.includes(next.type)) next.unit = '';
  if (next.type !== 'decimal') next.decimals = null;
  if (next.type !== 'choice') next.values = [];
  return next;
}

/** What is wrong with one field, by the part it is shown under. */
export interface FieldProblems {
  title?: string | undefined;
  code?: string | undefined;
  unit?: string | undefined;
  decimals?: string | undefined;
  values?: string | undefined;
}

export interface DraftProblems {
  code?: string | undefined;
  name?: string | undefined;
  rowTitle?: string | undefined;
  numbering?: string | undefined;
  /** the field list as a whole: none */
  fields?: string | undefined;
  /** by field key */
  field: Record<string, FieldProblems>;
}

export function noProblems(problems: DraftProblems): boolean {
  const defined = (record: object) => Object.values(record).every((value) => value === undefined);
  return (
    problems.code === undefined &&
    problems.name === undefined &&
    problems.rowTitle === undefined &&
    problems.numbering === undefined &&
    problems.fields === undefined &&
    Object.values(problems.field).every(defined)
  );
}

function nameProblem(text: string, what: string): string | undefined {
  const value = text.trim();
  if (value === '') return `请填写${what}`;
  if (value.length > MAX_NAME) return `${what}最多 ${MAX_NAME} 个字`;
  return undefined;
}

/** Why a ledger type's code cannot be used, or undefined. */
export function typeCodeProblem(code: string, taken: readonly string[] = []): string | undefined {
  const value = code.trim();
  if (value === '') return '请填写台账代码';
  if (!TYPE_CODE.test(value)) return '台账代码只能用小写字母、数字和下划线，以字母开头，最多 40 个字符，如 parking';
  if (taken.includes(value)) return `已有代码为 ${value} 的台账，请换一个`;
  return undefined;
}

/** Why a field's code cannot be used, or undefined (blank is fine: a code is suggested). */
export function fieldCodeProblem(code: string): string | undefined {
  const value = code.trim();
  if (value === '') return undefined;
  if (!FIELD_CODE.test(value)) {
    return '字段代码须以小写字母开头，只含英文字母和数字，最多 40 个字符，如 completedAt';
  }
  if (RESERVED_FIELD_CODES.includes(value)) return `${value} 是每条记录都有的系统字段，请换一个代码`;
  return undefined;
}

/** Why a 编号规则 cannot be used, or undefined (blank is fine: rows are then numbered by hand). */
export function numberingProblem(numbering: string): string | undefined {
  const value = numbering.trim();
  if (value === '') return undefined;
  const sequences = value.match(/\{seq(:[1-9])?\}/g)?.length ?? 0;
  if (value.length > MAX_NUMBERING || !NUMBERING.test(value) || sequences !== 1) {
    return '编号规则须含一个 {seq}（或 {seq:3}，至少 3 位），可含 {year}，其余为文字，如 TCC-{year}-{seq:3}';
  }
  return undefined;
}

function fieldProblems(field: FieldDraft, code: string, index: number, codes: readonly string[]): FieldProblems {
  const problems: FieldProblems = {};
  problems.title = nameProblem(field.title, '字段标题');
  if (!field.saved) {
    problems.code = fieldCodeProblem(field.code);
    // A saved field keeps its code: the one added with the same code is the one to change.
    const other = codes.findIndex((taken, i) => i !== index && taken === code);
    if (problems.code === undefined && other >= 0) problems.code = `与第 ${other + 1} 个字段的代码重复`;
  }
  if (field.unit.trim().length > MAX_UNIT) problems.unit = `单位最多 ${MAX_UNIT} 个字`;
  if (
    field.decimals !== null &&
    (!Number.isInteger(field.decimals) || field.decimals < 0 || field.decimals > MAX_DECIMALS)
  ) {
    problems.decimals = `小数位为 0－${MAX_DECIMALS} 的整数`;
  }
  if (field.type === 'choice') {
    const values = trimmed(field.values);
    if (values.length === 0) problems.values = '请至少填写一个选项';
    else if (new Set(values).size !== values.length) problems.values = '选项不能重复';
    else if (values.some((value) => value.length > MAX_VALUE)) problems.values = `每个选项最多 ${MAX_VALUE} 个字`;
  }
  return problems;
}

/**
 * What the form can tell before asking the server: blanks, codes that do not fit the pattern,
 * a code another ledger (`takenCodes`) or field already has, a 编号规则 without its {seq}, a
 * choice without values, two fields with one title.
 */
export function draftProblems(draft: TypeDraft, takenCodes: readonly string[] = []): DraftProblems {
  const problems: DraftProblems = { field: {} };
  if (!draft.original) problems.code = typeCodeProblem(draft.code, takenCodes);
  problems.name = nameProblem(draft.name, '台账名称');
  problems.rowTitle = nameProblem(draft.rowTitle, '条目名称');
  problems.numbering = numberingProblem(draft.numbering);
  if (draft.fields.length === 0) problems.fields = '请至少添加一个字段';
  else if (draft.fields.every((field) => field.retired)) problems.fields = '至少保留一个未停用的字段';
  const codes = effectiveCodes(draft.fields);
  const titles = draft.fields.map((field) => field.title.trim());
  draft.fields.forEach((field, index) => {
    const found = fieldProblems(field, codes[index] ?? '', index, codes);
    const first = titles.indexOf(titles[index] ?? '');
    if (found.title === undefined && first !== index) found.title = `与第 ${first + 1} 个字段的标题重复`;
    problems.field[field.key] = found;
  });
  return problems;
}

/** The name of the owning section: the organisation's name for it, or 全部股室. */
export function sectionLabel(code: string | undefined, sections: readonly Named[]): string {
  if (!code) return ALL_SECTIONS;
  return sections.find((section) => section.code === code)?.name ?? code;
}

/** 6 个字段, or 6 个字段（1 个已停用）. */
export function fieldCount(definition: LedgerTypeDefinition): string {
  const retired = definition.fields.filter((field) => field.retired).length;
  return retired > 0 ? `${definition.fields.length}（${retired} 个已停用）` : String(definition.fields.length);
}

/** What a field holds, in a few words: 整数（个）, 小数（万元，2 位小数）, 选项：在建、已建成. */
export function describeField(field: FieldDefinition): string {
  const kind = FIELD_KIND_NAMES[field.type] ?? field.type;
  const parts: string[] = [];
  if (field.unit) parts.push(field.unit);
  if (field.decimals !== undefined) parts.push(`${field.decimals} 位小数`);
  const detail = parts.length > 0 ? `（${parts.join('，')}）` : '';
  const values = field.values ?? field.stages;
  return values && values.length > 0 ? `${kind}${detail}：${values.join('、')}` : `${kind}${detail}`;
}

/**
 * A server refusal (422) as lines to show: its message first, then each problem, a problem of
 * one field named by the field's title (`/fields/2/values` → 字段“状态”：…), then any details.
 */
export function refusalLines(
  error: { message: string; details: readonly string[]; problems: readonly ApiProblem[] },
  draft: TypeDraft,
): string[] {
  const lines = [error.message];
  for (const problem of error.problems) {
    const index = /(?:^|\/)fields\/(\d+)(?:\/|$)/.exec(problem.path ?? problem.field)?.[1];
    const field = index === undefined ? undefined : draft.fields[Number(index)];
    const title = field?.title.trim();
    const line = title ? `字段“${title}”：${problem.message}` : problem.message;
    // The message already says the first problem (台账类型未保存：…): it is not said twice.
    if (line !== '' && !lines.includes(line) && !error.message.endsWith(line)) lines.push(line);
  }
  for (const detail of error.details) if (!lines.includes(detail)) lines.push(detail);
  return lines;
}

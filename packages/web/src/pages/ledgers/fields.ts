import type { LedgerField, LedgerRow } from '@taizhang/contract';

/**
 * A ledger row between the API and a form: which input each field gets, its value in the
 * form and back, what an edit changed, and what an audit record changed. Pure functions;
 * dates stay YYYY-MM-DD strings and decimals exact strings throughout.
 */

/** A field's value as JSON carries it (a row's `fields` in the API). */
export type LedgerFieldValue = string | number | boolean | null | LedgerFieldValue[] | { [key: string]: unknown };

/** The input a field is edited with. */
export type EditorKind =
  | 'text'
  | 'date'
  | 'datetime'
  | 'integer'
  | 'decimal'
  | 'boolean'
  | 'enum'
  | 'tags'
  | 'milestones'
  | 'json';

/** The milestone status (节点状态) that has a completion day, and only it. */
export const MILESTONE_DONE = '已完成';

/** The choices of one part of a milestone (stage, status), as the API gives them for the list field. */
export function itemOptions(field: LedgerField, part: string): { value: string; label: string }[] {
  return field.items?.find((item) => item.name === part)?.options ?? [];
}

/** The keys of a milestone, in the order the API writes them. */
const MILESTONE_KEYS = ['stage', 'status', 'plannedAt', 'doneAt'] as const;

/** One milestone as the list editor holds it: each part a string (dates YYYY-MM-DD) or absent. */
export interface MilestoneFormItem {
  stage?: string;
  status?: string;
  plannedAt?: string;
  doneAt?: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether a value is a list the milestone editor can hold whole: objects of stage, status and dates. */
function isMilestoneList(value: unknown): boolean {
  return (
    Array.isArray(value) &&
    value.every(
      (item) =>
        isRecord(item) &&
        Object.entries(item).every(
          ([key, part]) =>
            (MILESTONE_KEYS as readonly string[]).includes(key) && (part === null || typeof part === 'string'),
        ),
    )
  );
}

function isPlainList(value: unknown): boolean {
  return Array.isArray(value) && value.every((item) => typeof item === 'string' || typeof item === 'number');
}

/**
 * The input for a field, given the value a row holds. A list is edited as tags when it holds
 * plain values (or offers options); a list of milestones (a project's `milestones`, or items
 * shaped like them) with the milestone editor; any other list, an object and anything unknown
 * as JSON text.
 */
export function editorKind(field: LedgerField, sample?: unknown): EditorKind {
  switch (field.type) {
    case 'datetime':
      return 'datetime';
    case 'list': {
      const plain = Array.isArray(sample) && sample.length > 0 && isPlainList(sample);
      if (plain || (field.options && field.options.length > 0)) return 'tags';
      const empty = sample === undefined || sample === null || (Array.isArray(sample) && sample.length === 0);
      if (empty) return field.items !== undefined ? 'milestones' : 'json';
      return isMilestoneList(sample) ? 'milestones' : 'json';
    }
    case 'object':
      return 'json';
    case 'text':
      return field.options && field.options.length > 0 ? 'enum' : 'text';
    case 'date':
    case 'integer':
    case 'decimal':
    case 'boolean':
    case 'enum':
      return field.type;
    default:
      return 'json';
  }
}

/** The value a form input holds for a stored value. */
export function toFormValue(kind: EditorKind, value: LedgerFieldValue | undefined): unknown {
  if (value === null || value === undefined) {
    return kind === 'boolean' ? false : kind === 'tags' || kind === 'milestones' ? [] : undefined;
  }
  switch (kind) {
    case 'milestones':
      return toMilestoneItems(value);
    case 'json':
      return JSON.stringify(value, null, 2);
    case 'tags':
      return Array.isArray(value) ? value.map(String) : [String(value)];
    case 'decimal':
    case 'text':
    case 'enum':
      return String(value);
    default:
      return value;
  }
}

/** A problem with a form value, in Chinese, or undefined. */
export function formValueProblem(kind: EditorKind, value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (kind === 'decimal' && !/^-?\d+(\.\d+)?$/.test(String(value).trim())) {
    return '请填写数字，例如 12.5（不带单位或逗号）';
  }
  if (kind === 'json') {
    try {
      JSON.parse(String(value));
    } catch {
      return '不是有效的 JSON，请检查括号、引号和逗号';
    }
  }
  return undefined;
}

/** The stored value of a form value: empty is null, JSON parsed, decimals trimmed text. */
export function fromFormValue(kind: EditorKind, value: unknown): LedgerFieldValue {
  if (value === undefined || value === null) return null;
  switch (kind) {
    case 'text':
    case 'enum':
    case 'date':
    case 'datetime':
    case 'decimal': {
      const text = String(value).trim();
      return text === '' ? null : text;
    }
    case 'integer':
      return typeof value === 'number' ? value : String(value).trim() === '' ? null : Number(value);
    case 'boolean':
      return Boolean(value);
    case 'tags':
      return Array.isArray(value) && value.length > 0 ? value.map(String) : null;
    case 'milestones':
      return fromMilestoneItems(value);
    case 'json': {
      const text = String(value).trim();
      return text === '' ? null : (JSON.parse(text) as LedgerFieldValue);
    }
  }
}

/** A stored milestone list as the list editor holds it; a part not set is left out. */
export function toMilestoneItems(value: unknown): MilestoneFormItem[] {
  if (!Array.isArray(value)) return [];
  return value.map((item) => {
    const out: MilestoneFormItem = {};
    if (!isRecord(item)) return out;
    for (const key of MILESTONE_KEYS) {
      const part = item[key];
      if (typeof part === 'string' && part !== '') out[key] = part;
    }
    return out;
  });
}

/** Milestones as a reader wants them: one line each, 开工：已完成（2021-09-18，计划 2021-09-30）. */
export function describeMilestones(value: unknown): string {
  return toMilestoneItems(value)
    .map((m) => {
      const dates = [m.doneAt, m.plannedAt && `计划 ${m.plannedAt}`].filter(Boolean).join('，');
      return `${m.stage ?? '—'}：${m.status ?? '—'}${dates ? `（${dates}）` : ''}`;
    })
    .join('\n');
}

/**
 * The stored milestone list of the list editor's items, as the API expects it: each item
 * `{ stage, status, plannedAt?, doneAt? }` with a part not filled in left out (never null),
 * dates as entered (YYYY-MM-DD); no items is null (the field not set). What the user entered
 * is kept as is: a completion day beside a status other than 已完成 is the server's to refuse.
 */
export function fromMilestoneItems(value: unknown): LedgerFieldValue {
  if (!Array.isArray(value) || value.length === 0) return null;
  return value.map((item) => {
    const out: Record<string, string> = {};
    if (!isRecord(item)) return out;
    for (const key of MILESTONE_KEYS) {
      const part = item[key];
      const text = typeof part === 'string' ? part.trim() : '';
      if (text !== '') out[key] = text;
    }
    return out;
  });
}

/**
 * Where a server problem inside a milestone list belongs in the form: its JSON Pointer
 * (`/milestones/0/doneAt`, or under `/fields`) as the form name `['milestones', 0, 'doneAt']`,
 * or undefined when it names no part of an item the editor shows.
 */
export function milestoneProblemName(
  path: string | undefined,
  field: string,
  count: number,
): [string, number, string] | undefined {
  if (!path) return undefined;
  const match = /^\/(?:fields\/)?([^/]+)\/(\d+)\/([^/]+)$/.exec(path);
  if (!match || match[1] !== field) return undefined;
  const index = Number(match[2]);
  const key = match[3] as string;
  if (index >= count || !(MILESTONE_KEYS as readonly string[]).includes(key)) return undefined;
  return [field, index, key];
}

/** Whether two stored values are the same (lists and objects compared by content). */
export function sameValue(a: unknown, b: unknown): boolean {
  const norm = (v: unknown) => (v === undefined || v === '' ? null : v);
  return JSON.stringify(norm(a)) === JSON.stringify(norm(b));
}

/** The fields an edit changed, for PATCH `{ version, changes }`; a cleared field is null. */
export function changedFields(
  before: Record<string, LedgerFieldValue>,
  after: Record<string, LedgerFieldValue>,
): Record<string, LedgerFieldValue> {
  const changes: Record<string, LedgerFieldValue> = {};
  for (const [name, value] of Object.entries(after)) {
    if (!sameValue(before[name], value)) changes[name] = value;
  }
  return changes;
}

/** A row's fields with its section, as the form edits them. */
export function editableValues(row: LedgerRow): Record<string, LedgerFieldValue> {
  return { ...row.fields, section: row.section.code };
}

/** receivedAt from received_at. */
export function camelCase(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
}

/** Bookkeeping an audit record carries beside the fields. */
const BOOKKEEPING = new Set([
  'id',
  'orgId',
  'version',
  'createdAt',
  'createdBy',
  'updatedAt',
  'updatedBy',
  'sectionId',
  'ledger',
]);

const FIXED_LABELS: Record<string, string> = { ref: '编号', section: '股室', sectionId: '股室' };

/** The Chinese label of a field named in the API's or the database's spelling. */
export function fieldLabel(fields: readonly LedgerField[], name: string): string {
  const camel = camelCase(name);
  return fields.find((f) => f.name === name || f.name === camel)?.label ?? FIXED_LABELS[camel] ?? name;
}

/** An audit image as flat fields: a LedgerRow-shaped one (`fields`) or a table row (snake_case columns). */
export function flatImage(image: Record<string, unknown> | null | undefined): Record<string, unknown> {
  if (!image) return {};
  const flat: Record<string, unknown> = {};
  const nested = image.fields;
  const source =
    typeof nested === 'object' && nested !== null && !Array.isArray(nested)
      ? { ...image, ...(nested as Record<string, unknown>) }
      : image;
  for (const [key, value] of Object.entries(source)) {
    if (key === 'fields') continue;
    const name = camelCase(key);
    if (name === 'section' && typeof value === 'object' && value !== null && 'code' in value) {
      flat.section = (value as { code: unknown }).code;
    } else {
      flat[name] = value;
    }
  }
  return flat;
}

export interface FieldChange {
  name: string;
  before: unknown;
  after: unknown;
}

/** What changed between two images of a row, bookkeeping left out. */
export function diffImages(
  before: Record<string, unknown> | null | undefined,
  after: Record<string, unknown> | null | undefined,
): FieldChange[] {
  const a = flatImage(before);
  const b = flatImage(after);
  const names = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((name) => !BOOKKEEPING.has(name));
  return names
    .filter((name) => !sameValue(a[name], b[name]))
    .map((name) => ({ name, before: a[name] ?? null, after: b[name] ?? null }));
}

/** The audit action in Chinese. */
export function actionName(action: string): string {
  const names: Record<string, string> = {
    insert: '新增',
    create: '新增',
    update: '修改',
    delete: '删除',
    INSERT: '新增',
    UPDATE: '修改',
    DELETE: '删除',
  };
  return names[action] ?? action;
}

/** The columns a table shows of a ledger: the first few fields that print short. */
export function tableFields(fields: readonly LedgerField[], max = 6): LedgerField[] {
  return fields.filter((field) => !['json', 'list', 'object'].includes(field.type)).slice(0, max);
}

/**
 * After a conflict, the user's edit laid over the row as it now is: a field the user
 * changed keeps the user's value, every other field takes the current one — so that
 * continuing never reverts someone else's change unseen.
 */
export function rebase(
  opened: Record<string, LedgerFieldValue>,
  current: Record<string, LedgerFieldValue>,
  draft: Record<string, LedgerFieldValue>,
): Record<string, LedgerFieldValue> {
  const merged: Record<string, LedgerFieldValue> = { ...current };
  for (const [name, value] of Object.entries(draft)) {
    if (!sameValue(opened[name], value)) merged[name] = value;
  }
  return merged;
}

/** A row's deadline as a list flags it: past (已逾期) or near (即将到期), with the days between. */
export interface DueFlag {
  state: 'overdue' | 'soon';
  days: number;
}

/**
 * Whether a row's deadline `field` has passed or is near on `today` (Beijing, YYYY-MM-DD):
 * nothing for a field that is no deadline or is retired, a row without the date, a row done
 * (its `doneBy` set), or a deadline further off than the field's `warnDays`.
 */
export function dueFlag(
  field: LedgerField,
  fields: Readonly<Record<string, unknown>>,
  today: string,
): DueFlag | undefined {
  const { due } = field;
  const day = fields[field.name];
  if (due === undefined || field.retired || typeof day !== 'string' || day === '') return undefined;
  const done = due.doneBy === undefined ? undefined : fields[due.doneBy];
  if (done !== undefined && done !== null && done !== '') return undefined;
  const days = Math.round(
    (Date.parse(`${day.slice(0, 10)}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000,
  );
  if (Number.isNaN(days)) return undefined;
  if (days < 0) return { state: 'overdue', days: -days };
  return days <= due.warnDays ? { state: 'soon', days } : undefined;
}

/** How a flagged deadline is said beside its date: 逾期 3 天, 今天到期, 2 天后到期. */
export function dueText(flag: DueFlag): string {
  if (flag.state === 'overdue') return `逾期 ${flag.days} 天`;
  return flag.days === 0 ? '今天到期' : `${flag.days} 天后到期`;
}

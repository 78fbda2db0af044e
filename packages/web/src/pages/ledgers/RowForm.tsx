import type { LedgerInfo, LedgerRow, Named } from '@taizhang/contract';
import { formatRef } from '@taizhang/core/browser';
import { Alert, App, Button, Form, Input, Select, Space, Typography } from 'antd';
import { type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import { ApiError } from '../../api/client.js';
import { api } from '../../api/endpoints.js';
import { FieldTable } from '../../components/FieldTable.js';
import { errorMessage } from '../../components/states.js';
import { formatDateTime } from '../../format.js';
import { writeScope } from '../../roles.js';
import { useUser } from '../../session.js';
import { FieldInput } from './FieldInput.js';
import type { LedgerFieldValue } from './fields.js';
import {
  changedFields,
  type EditorKind,
  editableValues,
  editorKind,
  fieldLabel,
  fromFormValue,
  milestoneProblemName,
  rebase,
  sameValue,
  toFormValue,
} from './fields.js';
import { useShowValue } from './RowHistory.js';

interface Props {
  ledger: LedgerInfo;
  /** the row to edit; undefined adds a new one */
  row: LedgerRow | undefined;
  sections: Named[];
  onSaved(row: LedgerRow): void;
  onCancel(): void;
}

type FormValues = Record<string, unknown>;

/**
 * Adds or edits one ledger row, its inputs generated from the ledger's fields. The server's
 * verdict lands where it belongs: 422 problems on their fields, a 409 as the row as it now
 * is beside what the user changed, with the choice of how to go on.
 */
export function RowForm({ ledger, row, sections, onSaved, onCancel }: Props) {
  const user = useUser();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  /** the version the edit is based on: the row as opened, or as reloaded after a conflict */
  const [base, setBase] = useState<LedgerRow | undefined>(row);
  const [conflict, setConflict] = useState<{ current: LedgerRow; draft: Record<string, LedgerFieldValue> }>();
  const [general, setGeneral] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  const top = useRef<HTMLDivElement>(null);

  // A conflict is shown above the form: bring it into view, wherever the drawer was scrolled.
  useEffect(() => {
    if (conflict) top.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
  }, [conflict]);
  const revealTop = () =>
    requestAnimationFrame(() => top.current?.scrollIntoView({ block: 'start', behavior: 'smooth' }));

  const kinds = useMemo(() => {
    const map: Record<string, EditorKind> = {};
    for (const field of ledger.fields) map[field.name] = editorKind(field, row?.fields[field.name]);
    return map;
  }, [ledger, row]);

  const formValuesOf = (values: Record<string, LedgerFieldValue>, ref: string | undefined): FormValues => {
    const out: FormValues = { ref, section: values.section ?? undefined };
    for (const field of ledger.fields) out[field.name] = toFormValue(kinds[field.name] ?? 'text', values[field.name]);
    return out;
  };

  const storedOf = (values: FormValues): Record<string, LedgerFieldValue> => {
    const stored: Record<string, LedgerFieldValue> = { section: (values.section as string | undefined) ?? null };
    for (const field of ledger.fields)
      stored[field.name] = fromFormValue(kinds[field.name] ?? 'text', values[field.name]);
    return stored;
  };

  // A clerk's rows stay in their own section, and a ledger owned by one section keeps its rows
  // there: the form opens in it and cannot leave it.
  const ownSection = writeScope(user, 'ledgers:write') ?? ledger.section;
  // The values the form opens with: the row as opened, or a new row in the clerk's own section.
  const [initial] = useState<FormValues>(() =>
    row ? formValuesOf(editableValues(row), row.ref) : { ...formValuesOf({}, undefined), section: ownSection },
  );

  const showProblems = (error: ApiError) => {
    const known = new Set(['ref', 'section', ...ledger.fields.map((f) => f.name)]);
    const onFields = error.problems.filter((p) => known.has(p.field));
    // A problem inside a milestone list lands on that row's input, when the list shows it.
    const nameOf = (p: (typeof onFields)[number]): string | (string | number)[] => {
      if (kinds[p.field] !== 'milestones') return p.field;
      const items = form.getFieldValue(p.field);
      return milestoneProblemName(p.path, p.field, Array.isArray(items) ? items.length : 0) ?? p.field;
    };
    const byName = new Map<string, { name: string | (string | number)[]; errors: string[] }>();
    for (const p of onFields) {
      const name = nameOf(p);
      const key = JSON.stringify(name);
      const entry = byName.get(key) ?? { name, errors: [] };
      entry.errors.push(p.message);
      byName.set(key, entry);
    }
    form.setFields([...byName.values()]);
    if (onFields[0]) form.scrollToField(nameOf(onFields[0]), { block: 'center' });
    else revealTop();
    const elsewhere = error.problems.filter((p) => !known.has(p.field));
    setGeneral([
      error.message,
      ...elsewhere.map((p) => (p.field ? `${fieldLabel(ledger.fields, p.field)}：${p.message}` : p.message)),
      ...(error.problems.length === 0 ? error.details : []),
    ]);
  };

  const submit = async () => {
    let values: FormValues;
    try {
      values = await form.validateFields();
    } catch {
      return; // antd shows each field's problem
    }
    const stored = storedOf(values);
    setGeneral([]);
    setSaving(true);
    try {
      if (!base) {
        const fields: Record<string, LedgerFieldValue> = { ref: String(values.ref ?? '').trim() };
        for (const [name, value] of Object.entries(stored)) if (value !== null) fields[name] = value;
        const saved = await api.addLedgerRow(ledger.code, fields);
        message.success(`已新增 ${saved.ref}`);
        onSaved(saved);
      } else {
        const changes = changedFields(editableValues(base), stored);
        if (Object.keys(changes).length === 0) {
          message.info('没有修改任何内容');
          return;
        }
        const saved = await api.updateLedgerRow(ledger.code, base.ref, base.version, changes);
        message.success(`已保存 ${saved.ref}（第${saved.version}版）`);
        setConflict(undefined);
        onSaved(saved);
      }
    } catch (error) {
      if (error instanceof ApiError && error.status === 422) showProblems(error);
      else if (error instanceof ApiError && error.status === 409 && error.current) {
        setConflict({ current: error.current as LedgerRow, draft: stored });
      } else {
        setGeneral([errorMessage(error)]);
        revealTop();
      }
    } finally {
      setSaving(false);
    }
  };

  const sectionOptions = sections.map((s) => ({ value: s.code, label: s.name }));

  return (
    <Form form={form} layout="vertical" initialValues={initial} data-testid="ledger-form" scrollToFirstError>
      <div ref={top} />
      {general.length > 0 ? (
        <Alert
          type="error"
          showIcon
          data-testid="ledger-form-error"
          title={general[0]}
          description={
            general.length > 1 ? (
              <ul style={{ margin: 0, paddingLeft: 20 }}>
                {general.slice(1).map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            ) : undefined
          }
          style={{ marginBottom: 16 }}
        />
      ) : null}
      {conflict && base ? (
        <ConflictView
          ledger={ledger}
          opened={base}
          current={conflict.current}
          draft={conflict.draft}
          onReload={() => {
            const current = conflict.current;
            setBase(current);
            setConflict(undefined);
            form.resetFields();
            form.setFieldsValue(formValuesOf(editableValues(current), current.ref));
          }}
          onKeepMine={() => {
            const current = conflict.current;
            const merged = rebase(editableValues(base), editableValues(current), conflict.draft);
            setBase(current);
            setConflict(undefined);
            form.setFieldsValue(formValuesOf(merged, current.ref));
          }}
        />
      ) : null}
      <Form.Item
        name="ref"
        label={ledger.refTitle}
        rules={[{ required: !base && !ledger.numbering, whitespace: true, message: `请填写${ledger.refTitle}` }]}
        extra={base ? undefined : refHint(ledger)}
      >
        <Input disabled={Boolean(base)} data-testid="ledger-field-ref" />
      </Form.Item>
      <Form.Item name="section" label="股室" rules={[{ required: true, message: '请选择股室' }]}>
        <Select
          options={sectionOptions}
          disabled={ownSection !== undefined}
          data-testid="ledger-field-section"
          placeholder="请选择股室"
        />
      </Form.Item>
      {ledger.fields
        // A new row has nothing to show of a retired field.
        .filter((field) => base !== undefined || !field.retired)
        .map((field) => (
          <FieldInput key={field.name} field={field} kind={kinds[field.name] ?? 'text'} />
        ))}
      <Space>
        <Button
          type="primary"
          onClick={submit}
          loading={saving}
          disabled={Boolean(conflict)}
          data-testid="ledger-submit"
        >
          {base ? '保存修改' : '新增'}
        </Button>
        <Button onClick={onCancel}>取消</Button>
      </Space>
    </Form>
  );
}

interface ConflictRow {
  name: string;
  opened: unknown;
  current: unknown;
  mine: unknown;
}

/** A 409: who changed the row, and field by field what they and the user changed. */
function ConflictView(props: {
  ledger: LedgerInfo;
  opened: LedgerRow;
  current: LedgerRow;
  draft: Record<string, LedgerFieldValue>;
  onReload(): void;
  onKeepMine(): void;
}) {
  const { ledger, opened, current, draft } = props;
  const before = editableValues(opened);
  const now = editableValues(current);
  const names = [...new Set([...Object.keys(now), ...Object.keys(draft)])];
  const rows: ConflictRow[] = names
    .filter((name) => !sameValue(before[name], now[name]) || !sameValue(before[name], draft[name]))
    .map((name) => ({ name, opened: before[name], current: now[name], mine: draft[name] }));
  const show = useShowValue(ledger);

  return (
    <Alert
      type="warning"
      showIcon
      data-testid="ledger-conflict"
      style={{ marginBottom: 16 }}
      title={`保存未成功：${current.updatedBy} 已于 ${formatDateTime(current.updatedAt)} 将此记录改为第${current.version}版`}
      description={
        <>
          <Typography.Paragraph style={{ marginBottom: 8 }}>
            您是在第{opened.version}版的基础上修改的。为避免覆盖他人的修改，您的内容尚未保存。差异如下：
          </Typography.Paragraph>
          <FieldTable<ConflictRow>
            dataSource={rows}
            columns={[
              { title: '字段', dataIndex: 'name', render: (name: string) => fieldLabel(ledger.fields, name) },
              { title: `您打开时（第${opened.version}版）`, key: 'opened', render: (_, r) => show(r.name, r.opened) },
              {
                title: `当前（第${current.version}版）`,
                key: 'current',
                render: (_, r) => (
                  <span className={sameValue(r.opened, r.current) ? undefined : 'tz-diff-new'}>
                    {show(r.name, r.current)}
                  </span>
                ),
              },
              {
                title: '您的修改',
                key: 'mine',
                render: (_, r) => (
                  <span className={sameValue(r.opened, r.mine) ? undefined : 'tz-diff-new'}>
                    {sameValue(r.opened, r.mine) ? '（未改）' : show(r.name, r.mine)}
                  </span>
                ),
              },
            ]}
          />
          <Space style={{ marginTop: 12 }} wrap>
            <Button type="primary" onClick={props.onKeepMine} data-testid="ledger-conflict-keep">
              在最新版本上保留我的修改
            </Button>
            <Button onClick={props.onReload} data-testid="ledger-conflict-reload">
              载入最新版本（放弃我的修改）
            </Button>
          </Space>
        </>
      }
    />
  );
}

/** What the number field of a new row says: unique, or left empty for the ledger's 编号规则. */
function refHint(ledger: LedgerInfo): ReactNode {
  if (!ledger.numbering) return '本台账内唯一';
  const year = Number(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 4));
  return (
    <>
      本台账内唯一；留空则按编号规则自动编号，如{' '}
      <span style={{ whiteSpace: 'nowrap' }}>{formatRef(ledger.numbering, year, 1)}</span>
    </>
  );
}

import type { LedgerField } from '@taizhang/contract';
import { DatePicker, Form, Input, InputNumber, type FormRule as Rule, Select, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { type EditorKind, formValueProblem } from './fields.js';
import { MilestoneList } from './MilestoneList.js';

const DATE = 'YYYY-MM-DD';

/** Dates live in the form as YYYY-MM-DD strings (instants as ISO text); the picker sees dayjs. */
function dateProps(kind: 'date' | 'datetime') {
  return {
    getValueProps: (value: unknown) => ({
      value: typeof value === 'string' && value !== '' ? dayjs(value) : undefined,
    }),
    normalize: (value: Dayjs | null) => (value ? (kind === 'date' ? value.format(DATE) : value.format()) : null),
  };
}

function rules(field: LedgerField, kind: EditorKind): Rule[] {
  const list: Rule[] = [];
  if (field.required && kind !== 'boolean') {
    list.push({ required: true, message: `请填写${field.label}` });
  }
  list.push({
    validator: (_, value) => {
      const problem = formValueProblem(kind, value);
      return problem ? Promise.reject(new Error(problem)) : Promise.resolve();
    },
  });
  return list;
}

function control(field: LedgerField, kind: EditorKind, disabled: boolean) {
  const testId = `ledger-field-${field.name}`;
  switch (kind) {
    case 'date':
      return <DatePicker style={{ width: '100%' }} disabled={disabled} data-testid={testId} />;
    case 'datetime':
      return (
        <DatePicker
          showTime={{ format: 'HH:mm' }}
          format="YYYY-MM-DD HH:mm"
          style={{ width: '100%' }}
          disabled={disabled}
          data-testid={testId}
        />
      );
    case 'integer':
      return <InputNumber precision={0} style={{ width: '100%' }} disabled={disabled} data-testid={testId} />;
    case 'decimal':
      return <Input inputMode="decimal" disabled={disabled} data-testid={testId} placeholder="数字，如 12.5" />;
    case 'boolean':
      return <Switch disabled={disabled} data-testid={testId} checkedChildren="是" unCheckedChildren="否" />;
    case 'enum':
      return (
        <Select
          allowClear={!field.required}
          disabled={disabled}
          data-testid={testId}
          options={field.options ?? []}
          placeholder={`请选择${field.label}`}
        />
      );
    case 'tags':
      return (
        <Select
          mode="tags"
          disabled={disabled}
          data-testid={testId}
          options={field.options ?? []}
          placeholder="输入后按回车添加"
          tokenSeparators={['，', ',', '、']}
        />
      );
    case 'milestones':
      return null; // FieldInput renders the list editor itself
    case 'json':
      return (
        <Input.TextArea
          className="tz-mono"
          autoSize={{ minRows: 3, maxRows: 14 }}
          disabled={disabled}
          data-testid={testId}
        />
      );
    case 'text':
      return <Input.TextArea autoSize={{ minRows: 1, maxRows: 6 }} disabled={disabled} data-testid={testId} />;
  }
}

/** One field of a ledger row in a form, its input chosen by the field's type. */
export function FieldInput({
  field,
  kind,
  disabled = false,
}: {
  field: LedgerField;
  kind: EditorKind;
  disabled?: boolean;
}) {
  // A retired field (停用) keeps its data, shown as it is and no longer written.
  const locked = disabled || field.retired === true;
  if (kind === 'milestones') return <MilestoneList field={field} disabled={locked} />;
  const extra = field.retired
    ? '已停用：保留原有数据，不再填写'
    : kind === 'json'
      ? 'JSON 格式'
      : kind === 'datetime'
        ? '北京时间'
        : undefined;
  return (
    <Form.Item
      name={field.name}
      label={field.label}
      rules={rules(field, kind)}
      extra={extra}
      {...(kind === 'boolean' ? { valuePropName: 'checked' } : {})}
      {...(kind === 'date' || kind === 'datetime' ? dateProps(kind) : {})}
    >
      {control(field, kind, locked)}
    </Form.Item>
  );
}

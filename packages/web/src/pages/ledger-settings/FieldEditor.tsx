import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, StopOutlined, UndoOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  Checkbox,
  Grid,
  Input,
  InputNumber,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { HTMLAttributes, ReactNode } from 'react';
import {
  effectiveCodes,
  FIELD_KIND_NAMES,
  FIELD_KIND_OPTIONS,
  type FieldDraft,
  type FieldProblems,
  moveField,
  removeField,
  updateField,
} from './definition-form.js';

/** An input and, beneath it in red, what is wrong with it. */
function Checked({ problem, children }: { problem: string | undefined; children: ReactNode }) {
  return (
    <div>
      {children}
      {problem ? (
        <Typography.Text type="danger" style={{ display: 'block', fontSize: 12, lineHeight: '18px', marginTop: 2 }}>
          {problem}
        </Typography.Text>
      ) : null}
    </div>
  );
}

type Part = 'order' | 'title' | 'code' | 'type' | 'required' | 'unit' | 'decimals' | 'values' | 'actions';

const PART_TITLES: Record<Exclude<Part, 'order' | 'actions'>, string> = {
  title: '字段标题',
  code: '字段代码',
  type: '类型',
  required: '必填',
  unit: '单位',
  decimals: '小数位',
  values: '选项',
};

/**
 * The fields of a ledger type, edited in place: a table on a wide screen, a card a field on a
 * phone. A saved field keeps its code and type and can be retired (停用) and enabled again, not
 * removed; a field added in this edit can be removed. `problems` are shown when `show` says so
 * (after a first attempt to save, or at once for what was typed wrong).
 */
export function FieldEditor(props: {
  fields: FieldDraft[];
  onChange(fields: FieldDraft[]): void;
  problems: Record<string, FieldProblems>;
  /** whether to show a problem of a part: all after a first save, else only those of what was typed */
  show(problem: string | undefined, blank: boolean): string | undefined;
}) {
  const { fields, onChange, problems, show } = props;
  const screens = Grid.useBreakpoint();
  const codes = effectiveCodes(fields);
  const set = (index: number, changes: Parameters<typeof updateField>[1]) =>
    onChange(fields.map((field, i) => (i === index ? updateField(field, changes) : field)));

  const part = (field: FieldDraft, index: number, name: Part): ReactNode => {
    const p = problems[field.key] ?? {};
    const locked = field.retired;
    const id = (what: string) => `type-field-${what}-${index}`;
    switch (name) {
      case 'order':
        return (
          <Space size={0}>
            <Button
              type="text"
              size="small"
              icon={<ArrowUpOutlined />}
              aria-label="上移"
              title="上移"
              disabled={index === 0}
              onClick={() => onChange(moveField(fields, index, -1))}
              data-testid={id('up')}
            />
            <Button
              type="text"
              size="small"
              icon={<ArrowDownOutlined />}
              aria-label="下移"
              title="下移"
              disabled={index === fields.length - 1}
              onClick={() => onChange(moveField(fields, index, 1))}
              data-testid={id('down')}
            />
          </Space>
        );
      case 'title':
        return (
          <Checked problem={show(p.title, field.title.trim() === '')}>
            <Input
              value={field.title}
              onChange={(event) => set(index, { title: event.target.value })}
              disabled={locked}
              status={show(p.title, field.title.trim() === '') ? 'error' : undefined}
              placeholder="如 建成日期"
              aria-label="字段标题"
              data-testid={id('title')}
            />
            {field.retired ? (
              <Tag style={{ marginTop: 4 }} data-testid={id('retired')}>
                已停用
              </Tag>
            ) : null}
          </Checked>
        );
      case 'code':
        return field.saved ? (
          <Tooltip title="字段保存后代码不能修改">
            <Input value={field.code} disabled className="tz-mono" aria-label="字段代码" data-testid={id('code')} />
          </Tooltip>
        ) : (
          <Checked problem={show(p.code, false)}>
            <Input
              value={field.code}
              onChange={(event) => set(index, { code: event.target.value })}
              status={p.code ? 'error' : undefined}
              placeholder={codes[index]}
              title={`留空则使用 ${codes[index]}；保存后不能修改`}
              className="tz-mono"
              aria-label="字段代码"
              data-testid={id('code')}
            />
          </Checked>
        );
      case 'type':
        return (
          <Select
            value={field.type}
            onChange={(type) => set(index, { type })}
            disabled={field.saved}
            options={
              FIELD_KIND_OPTIONS.some((option) => option.value === field.type)
                ? FIELD_KIND_OPTIONS
                : [...FIELD_KIND_OPTIONS, { value: field.type, label: FIELD_KIND_NAMES[field.type] }]
            }
            style={{ width: '100%', minWidth: 96 }}
            aria-label="类型"
            data-testid={id('type')}
          />
        );
      case 'required':
        return (
          <Checkbox
            checked={field.required}
            disabled={locked}
            onChange={(event) => set(index, { required: event.target.checked })}
            aria-label="必填"
            data-testid={id('required')}
          >
            {screens.md === false ? '必填' : null}
          </Checkbox>
        );
      case 'unit':
        return field.type === 'integer' || field.type === 'decimal' ? (
          <Checked problem={show(p.unit, false)}>
            <Input
              value={field.unit}
              onChange={(event) => set(index, { unit: event.target.value })}
              disabled={locked}
              placeholder="如 个"
              aria-label="单位"
              data-testid={id('unit')}
            />
          </Checked>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        );
      case 'decimals':
        return field.type === 'decimal' ? (
          <Checked problem={show(p.decimals, false)}>
            <InputNumber
              value={field.decimals}
              min={0}
              max={10}
              precision={0}
              // Fewer decimals could refuse rows already kept: set when the field is added.
              disabled={locked || field.saved}
              onChange={(value) => set(index, { decimals: typeof value === 'number' ? value : null })}
              placeholder="不限"
              style={{ width: '100%', minWidth: 72 }}
              aria-label="小数位"
              data-testid={id('decimals')}
            />
          </Checked>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        );
      case 'values':
        return field.type === 'choice' ? (
          <Checked problem={show(p.values, field.values.length === 0)}>
            <Select
              mode="tags"
              value={field.values}
              onChange={(values: string[]) => set(index, { values })}
              disabled={locked}
              status={show(p.values, field.values.length === 0) ? 'error' : undefined}
              tokenSeparators={['，', ',', '、']}
              notFoundContent={null}
              placeholder="输入后按回车添加"
              style={{ width: '100%', minWidth: 160 }}
              aria-label="选项"
              data-testid={id('values')}
            />
          </Checked>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        );
      case 'actions':
        if (!field.saved) {
          return (
            <Button
              size="small"
              danger
              icon={<DeleteOutlined />}
              onClick={() => onChange(removeField(fields, index))}
              data-testid={id('remove')}
            >
              删除
            </Button>
          );
        }
        return field.retired ? (
          <Button
            size="small"
            icon={<UndoOutlined />}
            onClick={() => set(index, { retired: false })}
            data-testid={id('restore')}
          >
            启用
          </Button>
        ) : (
          <Tooltip title="停用后数据保留，只读显示，不再填写">
            <Button
              size="small"
              icon={<StopOutlined />}
              onClick={() => set(index, { retired: true })}
              data-testid={id('retire')}
            >
              停用
            </Button>
          </Tooltip>
        );
    }
  };

  if (fields.length === 0) {
    return (
      <Typography.Paragraph type="secondary" data-testid="type-fields-empty">
        还没有字段，请点击“添加字段”。
      </Typography.Paragraph>
    );
  }

  // A phone: one card a field, each part labelled.
  if (screens.md === false) {
    return (
      <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="type-fields">
        {fields.map((field, index) => (
          <Card
            key={field.key}
            size="small"
            data-testid={`type-field-${index}`}
            style={field.retired ? { background: '#fafafa' } : undefined}
            title={
              <Typography.Text type={field.retired ? 'secondary' : undefined}>
                第 {index + 1} 个字段{field.title.trim() ? `：${field.title.trim()}` : ''}
              </Typography.Text>
            }
            extra={part(field, index, 'order')}
          >
            <Space orientation="vertical" size={8} style={{ width: '100%' }}>
              {(['title', 'code', 'type', 'unit', 'decimals', 'values'] as const)
                .filter(
                  (name) =>
                    !(name === 'unit' && field.type !== 'integer' && field.type !== 'decimal') &&
                    !(name === 'decimals' && field.type !== 'decimal') &&
                    !(name === 'values' && field.type !== 'choice'),
                )
                .map((name) => (
                  <div key={name}>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {PART_TITLES[name]}
                      {name === 'code' && !field.saved ? `（留空则为 ${codes[index]}）` : ''}
                    </Typography.Text>
                    {part(field, index, name)}
                  </div>
                ))}
              <Space style={{ justifyContent: 'space-between', width: '100%' }}>
                {part(field, index, 'required')}
                {part(field, index, 'actions')}
              </Space>
            </Space>
          </Card>
        ))}
      </Space>
    );
  }

  const column = (name: Part, title: ReactNode, width?: number) => ({
    key: name,
    title,
    ...(width === undefined ? {} : { width }),
    render: (_: unknown, field: FieldDraft, index: number) => part(field, index, name),
  });
  const columns: TableColumnsType<FieldDraft> = [
    column('order', '顺序', 76),
    column('title', PART_TITLES.title, 170),
    column(
      'code',
      <Tooltip title="英文字母和数字，小写字母开头，如 completedAt；留空则自动生成">字段代码</Tooltip>,
      150,
    ),
    column('type', PART_TITLES.type, 116),
    column('required', PART_TITLES.required, 56),
    column('unit', PART_TITLES.unit, 96),
    column('decimals', PART_TITLES.decimals, 88),
    column('values', PART_TITLES.values, 200),
    column('actions', '操作', 88),
  ];
  return (
    <Table<FieldDraft>
      data-testid="type-fields"
      rowKey="key"
      size="small"
      pagination={false}
      columns={columns}
      dataSource={fields}
      scroll={{ x: 'max-content' }}
      onRow={(field, index) =>
        ({
          'data-testid': `type-field-${index}`,
          style: field.retired ? { background: '#fafafa' } : undefined,
        }) as HTMLAttributes<HTMLElement>
      }
    />
  );
}

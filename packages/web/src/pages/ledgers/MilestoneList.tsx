import { ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { LedgerField } from '@taizhang/contract';
import { Button, DatePicker, Form, type FormListFieldData, Select, Tooltip } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { itemOptions, MILESTONE_DONE } from './fields.js';

const DATE = 'YYYY-MM-DD';

/** Dates live in the form as YYYY-MM-DD strings; the picker sees dayjs. */
const dateProps = {
  getValueProps: (value: unknown) => ({
    value: typeof value === 'string' && value !== '' ? dayjs(value) : undefined,
  }),
  normalize: (value: Dayjs | null) => (value ? value.format(DATE) : undefined),
};

interface RowProps {
  /** the list field, whose items give the stages and statuses to choose from */
  field: LedgerField;
  listName: string;
  item: FormListFieldData;
  index: number;
  disabled: boolean;
  onRemove(): void;
  onMoveUp(): void;
}

/** One milestone: 节点, 状态, 计划完成日期, and 完成日期 once it is 已完成. */
function MilestoneRow({ field, listName, item, index, disabled, onRemove, onMoveUp }: RowProps) {
  const form = Form.useFormInstance();
  const status = Form.useWatch([listName, item.name, 'status'], form) as string | undefined;
  const doneAt = Form.useWatch([listName, item.name, 'doneAt'], form) as string | undefined;
  const done = status === MILESTONE_DONE;
  return (
    <div
      className="tz-milestone-row"
      data-testid={`milestone-row-${index}`}
      style={{
        display: 'flex',
        flexWrap: 'wrap',
        gap: 8,
        alignItems: 'flex-start',
        padding: '8px 8px 0',
        marginBottom: 8,
        border: '1px solid var(--ant-color-border-secondary, #f0f0f0)',
        borderRadius: 6,
      }}
    >
      <Form.Item
        name={[item.name, 'stage']}
        label="节点"
        rules={[{ required: true, message: '请选择节点' }]}
        style={{ flex: '1 1 150px', marginBottom: 8 }}
      >
        <Select
          options={itemOptions(field, 'stage')}
          disabled={disabled}
          placeholder="请选择节点"
          showSearch
          data-testid={`milestone-stage-${index}`}
        />
      </Form.Item>
      <Form.Item
        name={[item.name, 'status']}
        label="状态"
        rules={[{ required: true, message: '请选择状态' }]}
        style={{ flex: '1 1 110px', marginBottom: 8 }}
      >
        <Select
          options={itemOptions(field, 'status')}
          disabled={disabled}
          placeholder="请选择状态"
          data-testid={`milestone-status-${index}`}
          onChange={(next: string) => {
            // Leaving 已完成 drops the completion day the user can no longer edit.
            if (next !== MILESTONE_DONE) form.setFieldValue([listName, item.name, 'doneAt'], undefined);
          }}
        />
      </Form.Item>
      <Form.Item
        name={[item.name, 'plannedAt']}
        label="计划完成日期"
        style={{ flex: '1 1 140px', marginBottom: 8 }}
        {...dateProps}
      >
        <DatePicker
          style={{ width: '100%' }}
          disabled={disabled}
          placeholder="选择日期"
          data-testid={`milestone-planned-${index}`}
        />
      </Form.Item>
      <Form.Item
        name={[item.name, 'doneAt']}
        label="完成日期"
        dependencies={[[listName, item.name, 'status']]}
        rules={[
          {
            validator: (_, value) =>
              done && !value ? Promise.reject(new Error('已完成的节点请填写完成日期')) : Promise.resolve(),
          },
        ]}
        style={{ flex: '1 1 140px', marginBottom: 8 }}
        {...dateProps}
      >
        <DatePicker
          style={{ width: '100%' }}
          // enabled when 已完成, or while it holds a day to clear
          disabled={disabled || (!done && !doneAt)}
          placeholder={done ? '选择日期' : '已完成时填写'}
          data-testid={`milestone-done-${index}`}
        />
      </Form.Item>
      <div style={{ display: 'flex', gap: 4, paddingTop: 30 }}>
        <Tooltip title="上移">
          <Button
            icon={<ArrowUpOutlined />}
            aria-label="上移"
            disabled={disabled || index === 0}
            onClick={onMoveUp}
            data-testid={`milestone-up-${index}`}
          />
        </Tooltip>
        <Tooltip title="删除此节点">
          <Button
            icon={<DeleteOutlined />}
            aria-label="删除此节点"
            danger
            disabled={disabled}
            onClick={onRemove}
            data-testid={`milestone-remove-${index}`}
          />
        </Tooltip>
      </div>
    </div>
  );
}

/** A list field of milestones (a key project's 节点进度), one row per milestone. */
export function MilestoneList({ field, disabled = false }: { field: LedgerField; disabled?: boolean }) {
  return (
    <Form.Item label={field.label} required={field.required}>
      <div data-testid={`ledger-field-${field.name}`}>
        <Form.List
          name={field.name}
          rules={
            field.required
              ? [
                  {
                    validator: (_, value: unknown[] | undefined) =>
                      value && value.length > 0 ? Promise.resolve() : Promise.reject(new Error(`请添加${field.label}`)),
                  },
                ]
              : []
          }
        >
          {(items, { add, remove, move }, { errors }) => (
            <>
              {items.length === 0 ? (
                <div style={{ color: 'var(--ant-color-text-tertiary, #999)', marginBottom: 8 }}>尚无节点</div>
              ) : null}
              {items.map((item, index) => (
                <MilestoneRow
                  field={field}
                  key={item.key}
                  listName={field.name}
                  item={item}
                  index={index}
                  disabled={disabled}
                  onRemove={() => remove(index)}
                  onMoveUp={() => move(index, index - 1)}
                />
              ))}
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                disabled={disabled}
                onClick={() => add({ status: '计划' })}
                data-testid="milestone-add"
              >
                添加节点
              </Button>
              <Form.ErrorList errors={errors} />
            </>
          )}
        </Form.List>
      </div>
    </Form.Item>
  );
}

import { PlusOutlined } from '@ant-design/icons';
import type { LedgerType, Named } from '@taizhang/contract';
import { formatRef } from '@taizhang/core/browser';
import { Alert, App, Button, Col, Form, Input, Row, Select, Space, Typography } from 'antd';
import { type ReactNode, useRef, useState } from 'react';
import { ApiError } from '../../api/client.js';
import { errorMessage } from '../../components/states.js';
import { beijingDate } from '../../format.js';
import { ledgerTypesApi } from './api.js';
import {
  ALL_SECTIONS,
  changed,
  definitionOf,
  definitionOfType,
  draftOf,
  draftProblems,
  emptyDraft,
  newField,
  noProblems,
  numberingProblem,
  refusalLines,
  type TypeDraft,
} from './definition-form.js';
import { FieldEditor } from './FieldEditor.js';

/** The server's refusal, or the failure, above the save button: its message, then each line it gave. */
function Refusal({ lines }: { lines: string[] }) {
  return (
    <Alert
      type="error"
      showIcon
      data-testid="ledger-type-error"
      title={lines[0]}
      description={
        lines.length > 1 ? (
          <ul style={{ margin: 0, paddingLeft: 20 }}>
            {lines.slice(1).map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        ) : undefined
      }
      style={{ marginBottom: 16 }}
    />
  );
}

/** 编号规则's example: the first number it gives this year. */
function numberingExample(numbering: string): ReactNode {
  if (numbering.trim() === '' || numberingProblem(numbering) !== undefined) return undefined;
  const year = Number(beijingDate(new Date()).slice(0, 4));
  return `如 ${formatRef(numbering.trim(), year, 1)}`;
}

/**
 * A new ledger type, or a custom one changed: its names, owning section, 编号规则 and fields.
 * Saving sends the whole definition (with the version read, for a change); a 422 is shown as
 * the server wrote it (it names the rows, indicators or templates a change would break), a 409
 * goes to `onStale` for the page to load what is there now.
 */
export function TypeEditor(props: {
  /** the type changed; undefined creates one */
  type: LedgerType | undefined;
  /** codes already taken by the organisation's ledgers */
  takenCodes: readonly string[];
  sections: readonly Named[];
  onSaved(saved: LedgerType, created: boolean): void;
  /** a 409: someone saved the type since it was read; the current one when the server sent it */
  onStale(current: LedgerType | undefined): void;
  onCancel(): void;
}) {
  const { type, takenCodes, sections } = props;
  const { message } = App.useApp();
  const [draft, setDraft] = useState<TypeDraft>(() => (type ? draftOf(definitionOfType(type)) : emptyDraft()));
  const [attempted, setAttempted] = useState(false);
  const [saving, setSaving] = useState(false);
  const [refusal, setRefusal] = useState<string[]>([]);
  const bottom = useRef<HTMLDivElement>(null);

  const editing = type !== undefined;
  const problems = draftProblems(draft, takenCodes);
  /** A problem is shown once saving was tried, or at once when something typed is wrong. */
  const show = (problem: string | undefined, blank: boolean) => (attempted || !blank ? problem : undefined);
  const status = (problem: string | undefined) => (problem ? ('error' as const) : undefined);
  const item = (problem: string | undefined, blank: boolean) => {
    const shown = show(problem, blank);
    return { validateStatus: status(shown), help: shown };
  };
  const set = (changes: Partial<TypeDraft>) => setDraft((current) => ({ ...current, ...changes }));
  const revealRefusal = () =>
    requestAnimationFrame(() => bottom.current?.scrollIntoView({ block: 'end', behavior: 'smooth' }));

  const save = async () => {
    setAttempted(true);
    setRefusal([]);
    if (!noProblems(problems)) {
      message.error('请先改正标红的内容');
      return;
    }
    if (type && !changed(draft)) {
      message.info('没有修改任何内容');
      return;
    }
    setSaving(true);
    try {
      const definition = definitionOf(draft);
      const saved = type
        ? await ledgerTypesApi.change(type.code, type.version, definition)
        : await ledgerTypesApi.create(definition);
      message.success(type ? `已保存 ${saved.name}（第${saved.version}版）` : `已新建台账类型 ${saved.name}`);
      props.onSaved(saved, !type);
    } catch (error) {
      if (type && error instanceof ApiError && error.status === 409) {
        const current = error.current as LedgerType | undefined;
        props.onStale(current && typeof current === 'object' && 'definition' in current ? current : undefined);
        return;
      }
      if (error instanceof ApiError && (error.status === 422 || error.status === 409)) {
        setRefusal(refusalLines(error, draft));
      } else setRefusal([errorMessage(error)]);
      revealRefusal();
    } finally {
      setSaving(false);
    }
  };

  const sectionOptions = [
    { value: '', label: ALL_SECTIONS },
    ...sections.map((section) => ({ value: section.code, label: section.name })),
  ];

  return (
    <div data-testid="ledger-type-form">
      {editing && type.rows > 0 ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={`此台账已有 ${type.rows} 条记录`}
          description="可以修改名称、字段标题、必填、单位和选项，增加字段，调整顺序；已保存的字段不能删除（可停用，数据保留），代码和类型不能修改。新增字段宜先设为非必填；删去仍有记录使用的选项会被拒绝。"
        />
      ) : null}
      <Form layout="vertical" component="div">
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item
              label="台账代码"
              required
              {...item(editing ? undefined : problems.code, draft.code.trim() === '')}
              extra={editing ? '代码创建后不能修改' : '小写字母、数字和下划线，如 parking；创建后不能修改'}
            >
              <Input
                value={draft.code}
                onChange={(event) => set({ code: event.target.value })}
                disabled={editing}
                className="tz-mono"
                placeholder="如 parking"
                data-testid="ledger-type-code"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label="台账名称" required {...item(problems.name, draft.name.trim() === '')}>
              <Input
                value={draft.name}
                onChange={(event) => set({ name: event.target.value })}
                placeholder="如 公共停车场台账"
                data-testid="ledger-type-name"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              label="条目名称"
              required
              {...item(problems.rowTitle, draft.rowTitle.trim() === '')}
              extra="一条记录叫什么，如 停车场"
            >
              <Input
                value={draft.rowTitle}
                onChange={(event) => set({ rowTitle: event.target.value })}
                placeholder="如 停车场"
                data-testid="ledger-type-row-title"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              label="主管股室"
              extra={
                editing ? '主管股室创建后不能修改' : '记录归属该股室，其他股室只能查看；选“全部股室”则各股室各自登记'
              }
            >
              <Select
                value={draft.section}
                onChange={(section: string) => set({ section })}
                options={sectionOptions}
                disabled={editing}
                showSearch={{ optionFilterProp: 'label' }}
                data-testid="ledger-type-section"
                aria-label="主管股室"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              label="编号规则（可选）"
              {...item(problems.numbering, draft.numbering.trim() === '')}
              extra={
                show(problems.numbering, draft.numbering.trim() === '')
                  ? undefined
                  : (numberingExample(draft.numbering) ??
                    '新增记录不填编号时按此自动编号：{year} 为年份，{seq:3} 为三位序号；留空则须手工填写编号')
              }
            >
              <Input
                value={draft.numbering}
                onChange={(event) => set({ numbering: event.target.value })}
                className="tz-mono"
                placeholder="如 TCC-{year}-{seq:3}"
                data-testid="ledger-type-numbering"
              />
            </Form.Item>
          </Col>
        </Row>
      </Form>
      <div className="tz-page-title" style={{ marginBottom: 8 }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          字段
        </Typography.Title>
        <Button
          icon={<PlusOutlined />}
          onClick={() => set({ fields: [...draft.fields, newField()] })}
          data-testid="type-field-add"
        >
          添加字段
        </Button>
      </div>
      {show(problems.fields, draft.fields.length === 0) ? (
        <Typography.Paragraph type="danger" data-testid="type-fields-problem">
          {problems.fields}
        </Typography.Paragraph>
      ) : null}
      <FieldEditor fields={draft.fields} onChange={(fields) => set({ fields })} problems={problems.field} show={show} />
      <div ref={bottom} style={{ marginTop: 16 }}>
        {refusal.length > 0 ? <Refusal lines={refusal} /> : null}
        <Space wrap>
          <Button type="primary" onClick={save} loading={saving} data-testid="ledger-type-save">
            {editing ? '保存修改' : '创建台账'}
          </Button>
          <Button onClick={props.onCancel}>取消</Button>
        </Space>
      </div>
    </div>
  );
}

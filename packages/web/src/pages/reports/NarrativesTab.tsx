import { PlusOutlined } from '@ant-design/icons';
import type { Narrative } from '@taizhang/contract';
import { App, Button, type ButtonProps, Card, Form, Input, Modal, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client.js';
import { api } from '../../api/endpoints.js';
import { ConflictAlert } from '../../components/ConflictAlert.js';
import { useOrg } from '../../components/org.js';
import { EmptyState, ErrorAlert, errorMessage, Loading } from '../../components/states.js';
import { useApi } from '../../components/useApi.js';
import { narrativeTag, newNarrativeCodeProblem } from './narrative-form.js';

function NarrativeEditor({
  year,
  block,
  onSaved,
}: {
  year: number;
  block: Narrative;
  onSaved(block: Narrative): void;
}) {
  const { message } = App.useApp();
  const [text, setText] = useState(block.text);
  const [saving, setSaving] = useState(false);
  const [conflict, setConflict] = useState<Narrative | undefined>(undefined);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const dirty = text !== block.text;

  const save = async (version: number) => {
    setSaving(true);
    setProblem(undefined);
    try {
      const saved = await api.saveNarrative(block.code, year, text, version, block.through);
      setConflict(undefined);
      message.success(`已保存叙述「${block.title ?? block.code}」`);
      onSaved(saved ?? { ...block, text, version: version + 1 });
    } catch (error) {
      if (error instanceof ApiError && error.status === 409 && error.current) setConflict(error.current as Narrative);
      else if (error instanceof ApiError && error.status === 422) {
        setProblem([error.message, ...error.details, ...error.problems.map((p) => p.message)].join('；'));
      } else message.error(errorMessage(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card
      size="small"
      data-testid={`narrative-${block.code}`}
      title={
        <Space>
          {block.title ?? block.code}
          <Tag>{block.code}</Tag>
          {block.through ? <Tag color="blue">{block.through}月起适用</Tag> : null}
          {block.section ? <Typography.Text type="secondary">{block.section.name}</Typography.Text> : null}
        </Space>
      }
      extra={
        <Space>
          {dirty ? <Typography.Text type="warning">未保存</Typography.Text> : null}
          <Button
            type="primary"
            size="small"
            disabled={!dirty}
            loading={saving}
            onClick={() => save(block.version)}
            data-testid={`narrative-save-${block.code}`}
          >
            保存
          </Button>
        </Space>
      }
    >
      {conflict ? (
        <ConflictAlert
          style={{ marginBottom: 8 }}
          title="保存未成功：这段叙述已被他人修改"
          description={
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
              现在的内容（第{conflict.version}版）：{conflict.text}
            </Typography.Paragraph>
          }
          loadLabel="载入最新内容"
          onLoad={() => onSaved(conflict)}
          overwriteLabel="仍以我的内容覆盖"
          onOverwrite={() => save(conflict.version)}
        />
      ) : null}
      <Input.TextArea
        value={text}
        onChange={(event) => setText(event.target.value)}
        autoSize={{ minRows: 3, maxRows: 14 }}
        status={problem ? 'error' : undefined}
        aria-label={`叙述：${block.title ?? block.code}`}
        data-testid={`narrative-text-${block.code}`}
      />
      {problem ? <Typography.Text type="danger">{problem}</Typography.Text> : null}
    </Card>
  );
}

interface NewBlockForm {
  code: string;
  title?: string;
  section: string;
  /** 0: the whole year */
  through: number;
  text: string;
}

const THROUGH_OPTIONS = [
  { value: 0, label: '全年适用' },
  ...Array.from({ length: 12 }, (_, i) => ({ value: i + 1, label: `${i + 1}月起适用（1－${i + 1}月及以后的报告）` })),
];

/**
 * 新增叙述段落: code, title, owning section, from which month on it applies, and its text.
 * The server adds a block when no version is sent and a section is given (docs/api.md).
 */
function NewNarrativeModal({
  year,
  open,
  existing,
  onClose,
  onAdded,
}: {
  year: number;
  open: boolean;
  existing: Narrative[];
  onClose(): void;
  onAdded(block: Narrative): void;
}) {
  const { message } = App.useApp();
  const { sections } = useOrg();
  const [form] = Form.useForm<NewBlockForm>();
  const [saving, setSaving] = useState(false);

  const submit = async () => {
    const values = await form.validateFields().catch(() => undefined);
    if (!values) return;
    const through = values.through === 0 ? null : values.through;
    const taken = newNarrativeCodeProblem(values.code, through, existing);
    if (taken) {
      form.setFields([{ name: 'code', errors: [taken] }]);
      return;
    }
    setSaving(true);
    try {
      const added = await api.addNarrative(values.code.trim(), {
        year,
        title: values.title?.trim() || null,
        section: values.section,
        through,
        text: values.text,
      });
      message.success(
        `已新增叙述「${added.title ?? added.code}」；在报告模板中写 ${narrativeTag(added.code)} 放入报告`,
      );
      form.resetFields();
      onAdded(added);
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) {
        form.setFields([{ name: 'code', errors: [error.message] }]);
      } else if (error instanceof ApiError && error.status === 422 && error.problems.length > 0) {
        const known = ['code', 'section', 'text', 'title', 'through'];
        const onFields = error.problems.filter((p) => known.includes(p.field));
        form.setFields(onFields.map((p) => ({ name: p.field as keyof NewBlockForm, errors: [p.message] })));
        if (onFields.length < error.problems.length) message.error(error.message);
      } else {
        message.error(errorMessage(error));
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={`新增${year}年叙述段落`}
      okText="新增"
      cancelText="取消"
      confirmLoading={saving}
      onOk={submit}
      onCancel={onClose}
      width={640}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'narrative-new-submit' } as ButtonProps}
    >
      <Form<NewBlockForm>
        form={form}
        layout="vertical"
        initialValues={{ through: 0 }}
        data-testid="narrative-new-form"
        preserve={false}
      >
        <Form.Item
          name="code"
          label="叙述代码"
          tooltip="报告模板用 {% narrative '代码' %} 把这段叙述放入报告；以英文字母开头，只含英文字母、数字、_ . -"
          rules={[
            {
              validator: async (_, value: string | undefined) => {
                const problem = newNarrativeCodeProblem(value ?? '', null, []);
                if (problem) throw new Error(problem);
              },
            },
          ]}
        >
          <Input placeholder="如 safety_month" maxLength={64} data-testid="narrative-new-code" />
        </Form.Item>
        <Form.Item name="title" label="标题（仅供办公室识别，不印在报告中）" rules={[{ max: 200 }]}>
          <Input placeholder="如 安全生产月活动" data-testid="narrative-new-title" />
        </Form.Item>
        <Space size="middle" style={{ display: 'flex' }} align="start">
          <Form.Item
            name="section"
            label="负责股室"
            rules={[{ required: true, message: '请选择负责撰写的股室' }]}
            style={{ minWidth: 220 }}
          >
            <Select
              placeholder="选择股室"
              options={sections.map((s) => ({ value: s.code, label: s.name }))}
              data-testid="narrative-new-section"
            />
          </Form.Item>
          <Form.Item name="through" label="适用范围" style={{ minWidth: 300 }}>
            <Select options={THROUGH_OPTIONS} data-testid="narrative-new-through" />
          </Form.Item>
        </Space>
        <Form.Item name="text" label="内容" rules={[{ required: true, whitespace: true, message: '请填写叙述内容' }]}>
          <Input.TextArea
            autoSize={{ minRows: 4, maxRows: 12 }}
            placeholder="可嵌入计算数字，如 {{ year }}"
            data-testid="narrative-new-text"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 叙述: the narrative blocks of the year, each edited and saved on its own, and new ones added (office only). */
export function NarrativesTab({ year, onChanged }: { year: number; onChanged(): void }) {
  const list = useApi(() => api.narratives(year), [year]);
  const [adding, setAdding] = useState(false);
  if (list.error) return <ErrorAlert error={list.error} onRetry={list.reload} />;
  if (!list.data) return <Loading />;
  const toolbar = (
    <Space wrap>
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="narrative-new">
        新增叙述段落
      </Button>
      <Typography.Text type="secondary">
        叙述中可以嵌入计算数字（Liquid 表达式，如 {'{{ year }}'}），保存后在预览中生效；新增的段落须在报告模板中用{' '}
        <Typography.Text code>{"{% narrative '代码' %}"}</Typography.Text> 放入报告。
      </Typography.Text>
    </Space>
  );
  const modal = (
    <NewNarrativeModal
      year={year}
      open={adding}
      existing={list.data}
      onClose={() => setAdding(false)}
      onAdded={(added) => {
        setAdding(false);
        list.setData((blocks) => [...(blocks ?? []), added]);
        onChanged();
      }}
    />
  );
  if (list.data.length === 0) {
    return (
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        {toolbar}
        <EmptyState description={`${year}年还没有叙述段落。`} />
        {modal}
      </Space>
    );
  }
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {toolbar}
      {modal}
      {list.data.map((block) => (
        <NarrativeEditor
          key={`${block.code}-${block.through ?? 'year'}-${block.version}`}
          year={year}
          block={block}
          onSaved={(saved) => {
            list.setData((blocks) =>
              blocks?.map((b) =>
                b.code === saved.code && (b.through ?? null) === (saved.through ?? null) ? saved : b,
              ),
            );
            onChanged();
          }}
        />
      ))}
    </Space>
  );
}

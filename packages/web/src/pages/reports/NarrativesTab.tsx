import { Alert, App, Button, Card, Input, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client.js';
import { api } from '../../api/endpoints.js';
import type { NarrativeBlock } from '../../api/types.js';
import { EmptyState, ErrorAlert, errorMessage, Loading } from '../../components/states.js';
import { useApi } from '../../components/useApi.js';

function NarrativeEditor({
  year,
  block,
  onSaved,
}: {
  year: number;
  block: NarrativeBlock;
  onSaved(block: NarrativeBlock): void;
}) {
  const { message } = App.useApp();
  const [text, setText] = useState(block.text);
  const [saving, setSaving] = useState(false);
  const [conflict, setConflict] = useState<NarrativeBlock | undefined>(undefined);
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
      if (error instanceof ApiError && error.status === 409 && error.current)
        setConflict(error.current as NarrativeBlock);
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
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 8 }}
          title="保存未成功：这段叙述已被他人修改"
          description={
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
              现在的内容（第{conflict.version}版）：{conflict.text}
            </Typography.Paragraph>
          }
          action={
            <Space orientation="vertical">
              <Button size="small" type="primary" onClick={() => onSaved(conflict)}>
                载入最新内容
              </Button>
              <Button size="small" danger onClick={() => save(conflict.version)}>
                仍以我的内容覆盖
              </Button>
            </Space>
          }
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

/** 叙述: the narrative blocks of the year, each edited and saved on its own (office only). */
export function NarrativesTab({ year, onChanged }: { year: number; onChanged(): void }) {
  const list = useApi(() => api.narratives(year), [year]);
  if (list.error) return <ErrorAlert error={list.error} onRetry={list.reload} />;
  if (!list.data) return <Loading />;
  if (list.data.length === 0) return <EmptyState description={`${year}年还没有叙述段落。`} />;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Text type="secondary">
        叙述中可以嵌入计算数字（Liquid 表达式，如 {'{{ year }}'}），保存后在预览中生效。
      </Typography.Text>
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

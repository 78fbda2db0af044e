import type { ReportPreview, Template } from '@taizhang/contract';
import type { ReportPeriod } from '@taizhang/core/browser';
import { Alert, App, Button, Card, Col, Row, Select, Space, Spin, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../../api/client.js';
import { api } from '../../api/endpoints.js';
import { ConflictAlert } from '../../components/ConflictAlert.js';
import { EmptyState, ErrorAlert, errorMessage, Loading } from '../../components/states.js';
import { useApi } from '../../components/useApi.js';
import { MissingTable } from './MissingTable.js';
import { ReportFrame } from './ReportFrame.js';
import { chosenTemplate, lineRange, type TemplateProblem, templateProblems } from './template-errors.js';

const LINE_HEIGHT = 20;
const DEBOUNCE_MS = 800;

/** A monospace textarea with line numbers beside it; `jumpTo` selects a line. */
function TemplateEditor({
  text,
  onChange,
  problemLines,
  editorRef,
}: {
  text: string;
  onChange(text: string): void;
  problemLines: Set<number>;
  editorRef: React.RefObject<HTMLTextAreaElement | null>;
}) {
  const gutter = useRef<HTMLDivElement>(null);
  const lines = text.split('\n').length;
  return (
    <div style={{ display: 'flex', border: '1px solid #d9d9d9', borderRadius: 4, background: '#fff' }}>
      <div
        ref={gutter}
        aria-hidden
        className="tz-mono"
        style={{
          overflow: 'hidden',
          padding: '4px 8px',
          textAlign: 'right',
          color: '#999',
          background: '#fafafa',
          borderRight: '1px solid #f0f0f0',
          userSelect: 'none',
          height: 560,
          lineHeight: `${LINE_HEIGHT}px`,
        }}
      >
        {Array.from({ length: lines }, (_, i) => i + 1).map((line) => (
          <div key={`line-${line}`} style={problemLines.has(line) ? { color: '#cf1322', fontWeight: 700 } : undefined}>
            {line}
          </div>
        ))}
      </div>
      <textarea
        ref={editorRef}
        className="tz-mono"
        value={text}
        wrap="off"
        spellCheck={false}
        aria-label="报告模板"
        data-testid="template-text"
        onChange={(event) => onChange(event.target.value)}
        onScroll={(event) => {
          if (gutter.current) gutter.current.scrollTop = event.currentTarget.scrollTop;
        }}
        style={{
          flex: 1,
          height: 560,
          border: 0,
          outline: 'none',
          resize: 'none',
          padding: '4px 8px',
          lineHeight: `${LINE_HEIGHT}px`,
          whiteSpace: 'pre',
          overflow: 'auto',
        }}
      />
    </div>
  );
}

/** 模板: edit the report template with a live preview of the period; errors point at their line (office only). */
export function TemplateTab({ period, onChanged }: { period: ReportPeriod; onChanged(): void }) {
  const { message, modal } = App.useApp();
  const templates = useApi(() => api.templates(), []);
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const code = chosenTemplate(templates.data, chosen);
  const loaded = useApi(() => (code === undefined ? Promise.resolve(undefined) : api.template(code)), [code]);
  const [text, setText] = useState<string | undefined>(undefined);
  const [version, setVersion] = useState(0);
  const [preview, setPreview] = useState<ReportPreview | undefined>(undefined);
  const [problems, setProblems] = useState<TemplateProblem[]>([]);
  const [previewError, setPreviewError] = useState<unknown>(undefined);
  const [previewing, setPreviewing] = useState(false);
  const [saving, setSaving] = useState(false);
  const [conflict, setConflict] = useState<Template | undefined>(undefined);
  const editor = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    if (!loaded.data) return;
    setText(loaded.data.text);
    setVersion(loaded.data.version);
    setConflict(undefined);
  }, [loaded.data]);

  // Live preview: the text as typed, rendered for the period once typing pauses.
  useEffect(() => {
    if (text === undefined) return;
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      setPreviewing(true);
      try {
        const result = await api.previewTemplate(text, period.year, period.through, controller.signal);
        setPreview(result);
        setProblems([]);
        setPreviewError(undefined);
      } catch (error) {
        if (controller.signal.aborted) return;
        if (error instanceof ApiError && error.status === 422) {
          setProblems(templateProblems(error));
          setPreviewError(undefined);
        } else setPreviewError(error);
      } finally {
        if (!controller.signal.aborted) setPreviewing(false);
      }
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [text, period.year, period.through]);

  const jumpTo = (line: number) => {
    const area = editor.current;
    if (!area || text === undefined) return;
    const { start, end } = lineRange(text, line);
    area.focus();
    area.setSelectionRange(start, end);
    area.scrollTop = Math.max(0, (line - 5) * LINE_HEIGHT);
  };

  const save = async (base: number) => {
    if (text === undefined || code === undefined) return;
    setSaving(true);
    try {
      const saved = await api.saveTemplate(code, text, base);
      templates.setData((list) => list?.map((t) => (t.code === code ? { ...t, version: saved.version } : t)));
      // What is saved is the new base: the form is clean again.
      loaded.setData((current) => ({
        ...current,
        ...saved,
        text: saved?.text ?? text,
        version: saved?.version ?? base + 1,
      }));
      setConflict(undefined);
      message.success('模板已保存');
      onChanged();
    } catch (error) {
      if (error instanceof ApiError && error.status === 409 && error.current) setConflict(error.current as Template);
      else if (error instanceof ApiError && error.status === 422) {
        setProblems(templateProblems(error));
        message.error(error.message);
      } else message.error(errorMessage(error));
    } finally {
      setSaving(false);
    }
  };

  const dirty =
    loaded.data !== undefined && text !== undefined && (text !== loaded.data.text || version !== loaded.data.version);

  /** Another template; unsaved edits of this one are dropped only when the user says so. */
  const open = (next: string) => {
    if (next === code) return;
    const go = () => {
      setText(undefined);
      setPreview(undefined);
      setProblems([]);
      setChosen(next);
    };
    if (!dirty) {
      go();
      return;
    }
    modal.confirm({
      title: '放弃未保存的修改？',
      content: '当前模板有尚未保存的修改，切换到其他模板后这些修改将丢失。',
      okText: '放弃修改并切换',
      cancelText: '继续编辑',
      onOk: go,
    });
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <span>报告模板</span>
        <Select
          value={code}
          onChange={open}
          loading={templates.loading}
          options={(templates.data ?? []).map((t) => ({
            value: t.code,
            label: `${t.name}（${t.code}，第${t.version}版）`,
          }))}
          placeholder="选择模板"
          style={{ width: 340 }}
          aria-label="报告模板"
          data-testid="template-select"
        />
        <Button
          type="primary"
          onClick={() => save(version)}
          loading={saving}
          disabled={text === undefined || !dirty || problems.length > 0}
          data-testid="template-save"
        >
          保存模板
        </Button>
        <Typography.Text type="secondary">
          语法见 docs/report-template.md；修改后约 1 秒自动刷新右侧预览，保存前不影响正式报告。
        </Typography.Text>
      </Space>
      {templates.error ? <ErrorAlert error={templates.error} onRetry={templates.reload} /> : null}
      {templates.data?.length === 0 ? <EmptyState description="还没有报告模板：请先载入含模板的数据集。" /> : null}
      {loaded.error ? <ErrorAlert error={loaded.error} onRetry={loaded.reload} /> : null}
      {conflict ? (
        <ConflictAlert
          title={`保存未成功：模板已被他人修改为第${conflict.version}版`}
          description="为避免覆盖他人的修改，您的内容尚未保存。可载入最新模板后重新修改，或确认以您的内容覆盖。"
          loadLabel="载入最新模板"
          onLoad={() => {
            setText(conflict.text);
            setVersion(conflict.version);
            setConflict(undefined);
          }}
          overwriteLabel="仍以我的内容覆盖"
          onOverwrite={() => save(conflict.version)}
        />
      ) : null}
      {text === undefined ? (
        loaded.error || templates.error || templates.data?.length === 0 ? null : (
          <Loading />
        )
      ) : (
        <Row gutter={16}>
          <Col xs={24} xxl={11}>
            <TemplateEditor
              text={text}
              onChange={setText}
              editorRef={editor}
              problemLines={new Set(problems.flatMap((p) => (p.line ? [p.line] : [])))}
            />
            {problems.length > 0 ? (
              <Alert
                type="error"
                showIcon
                style={{ marginTop: 8 }}
                data-testid="template-errors"
                title="模板有错误，预览未更新"
                description={
                  <ul style={{ margin: 0, paddingLeft: 20 }}>
                    {problems.map((p) => (
                      <li key={`${p.line}-${p.message}`}>
                        {p.line ? (
                          <Typography.Link onClick={() => jumpTo(p.line as number)}>第 {p.line} 行：</Typography.Link>
                        ) : null}
                        {p.message}
                      </li>
                    ))}
                  </ul>
                }
              />
            ) : null}
          </Col>
          <Col xs={24} xxl={13}>
            <Card
              size="small"
              title="预览"
              extra={previewing ? <Spin size="small" description="正在生成…" /> : null}
              styles={{ body: { padding: 8 } }}
            >
              {previewError ? <ErrorAlert error={previewError} /> : null}
              {preview ? (
                <>
                  <ReportFrame html={preview.html} title="模板预览" testId="template-preview" />
                  <div style={{ marginTop: 8 }}>
                    <MissingTable missing={preview.missing} />
                  </div>
                </>
              ) : (
                <Loading rows={8} />
              )}
            </Card>
          </Col>
        </Row>
      )}
    </Space>
  );
}

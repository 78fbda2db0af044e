import { InboxOutlined } from '@ant-design/icons';
import type { ImportPreview, LedgerInfo } from '@taizhang/contract';
import {
  Alert,
  App,
  Button,
  Collapse,
  Drawer,
  Flex,
  Progress,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client.js';
import { api } from '../../api/endpoints.js';
import { ErrorAlert } from '../../components/states.js';
import { displayValue, formatDateTime } from '../../format.js';

/** A stored value as the preview shows it: an instant in Beijing time, anything else as a table cell does. */
function shown(value: unknown): string {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(value)) {
    return formatDateTime(value);
  }
  return displayValue(value);
}

type Phase = { kind: 'idle' } | { kind: 'sending'; what: string; progress: number | undefined };

/** The ledger's columns a header may be matched to. */
function columnOptions(ledger: LedgerInfo) {
  return [
    { value: 'ref', label: ledger.refTitle },
    { value: 'section', label: '股室' },
    ...ledger.fields.filter((f) => !f.retired).map((f) => ({ value: f.name, label: f.label })),
  ];
}

function HeaderTable({
  ledger,
  preview,
  mapping,
  onMap,
}: {
  ledger: LedgerInfo;
  preview: ImportPreview;
  mapping: Record<string, string>;
  onMap(header: string, column: string | undefined): void;
}) {
  const options = columnOptions(ledger);
  return (
    <Table
      size="small"
      rowKey="cell"
      pagination={false}
      data-testid="import-headers"
      dataSource={preview.headers}
      columns={[
        { title: '列', dataIndex: 'cell', width: 56 },
        { title: '文件中的列标题', dataIndex: 'header' },
        {
          title: '对应台账的列',
          key: 'title',
          render: (_, h) => (
            <Select
              allowClear
              size="small"
              style={{ width: 180 }}
              placeholder="不导入"
              aria-label={`${h.header} 对应的列`}
              value={mapping[h.header] ?? h.key}
              options={options}
              onChange={(value?: string) => onMap(h.header, value)}
            />
          ),
        },
      ]}
    />
  );
}

function PreviewView(props: {
  ledger: LedgerInfo;
  preview: ImportPreview;
  mapping: Record<string, string>;
  onMap(header: string, column: string | undefined): void;
}) {
  const { ledger, preview, mapping } = props;
  const { counts } = preview;
  const required = preview.absent.filter((a) => a.required);
  const unmatched = preview.headers.filter((h) => h.key === undefined && mapping[h.header] === undefined);
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Alert
        type={preview.problems.length > 0 ? 'error' : 'info'}
        showIcon
        data-testid="import-summary"
        title={`工作表“${preview.sheet}”：新增 ${counts.inserted} 行，更新 ${counts.updated} 行，未变 ${counts.unchanged} 行`}
        description={
          preview.problems.length > 0
            ? `发现 ${preview.problems.length} 处问题，改正后重新选择文件才能导入；数据库未做任何改动。`
            : '表中没有的记录保持不变。确认后全部一次写入，每行的修改记入审计日志。'
        }
      />
      {required.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          title={`表中没有必填列：${required.map((a) => a.title).join('、')}。已有记录保持原值，新增记录将无法导入。`}
        />
      ) : null}
      {preview.formulas.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          data-testid="import-formulas"
          title={`${preview.formulas.length} 个单元格是公式，按其在 Excel 中最后计算的结果导入，请核对`}
          description={preview.formulas
            .slice(0, 20)
            .map((f) => `第 ${f.row} 行 ${f.cell}（${f.column}）`)
            .join('；')}
        />
      ) : null}
      {preview.problems.length > 0 ? (
        <div>
          <Typography.Title level={5}>问题</Typography.Title>
          <Table
            size="small"
            rowKey={(p) => `${p.row}-${p.cell ?? ''}-${p.reason}`}
            data-testid="import-problems"
            dataSource={preview.problems}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            columns={[
              { title: '行', dataIndex: 'row', width: 56 },
              {
                title: '单元格',
                key: 'cell',
                width: 110,
                render: (_, p) => (p.cell ? `${p.cell}（${p.column}）` : '—'),
              },
              { title: '问题', dataIndex: 'reason' },
            ]}
          />
        </div>
      ) : null}
      {preview.rows.length > 0 ? (
        <div>
          <Typography.Title level={5}>将新增和更新的行</Typography.Title>
          <Table
            size="small"
            rowKey="line"
            data-testid="import-rows"
            dataSource={preview.rows}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            columns={[
              { title: '行', dataIndex: 'line', width: 56 },
              { title: ledger.refTitle, dataIndex: 'ref' },
              {
                title: '操作',
                dataIndex: 'action',
                width: 64,
                render: (action: string) =>
                  action === 'insert' ? <Tag color="green">新增</Tag> : <Tag color="blue">更新</Tag>,
              },
              {
                title: '变化',
                key: 'changes',
                render: (_, row) =>
                  row.changes.map((c) => (
                    <div key={c.field}>
                      {c.title}：{shown(c.before)} → {shown(c.after)}
                    </div>
                  )),
              },
            ]}
          />
          {preview.more > 0 ? (
            <Typography.Text type="secondary">另有 {preview.more} 行新增或更新</Typography.Text>
          ) : null}
        </div>
      ) : null}
      <Collapse
        size="small"
        defaultActiveKey={unmatched.length > 0 || required.length > 0 ? ['headers'] : []}
        items={[
          {
            key: 'headers',
            label: `列对应：${preview.headers.length - unmatched.length} 列已对应${
              unmatched.length > 0 ? `，${unmatched.map((h) => h.header).join('、')} 未对应（不导入）` : ''
            }`,
            children: <HeaderTable {...props} />,
          },
        ]}
      />
    </Space>
  );
}

/**
 * 导入: a workbook chosen, uploaded with its progress shown, previewed — the columns matched
 * (and matched again by hand where the titles differ), the rows it adds and changes, every
 * problem — and imported as previewed, all at once.
 */
export function ImportDrawer(props: { ledger: LedgerInfo; open: boolean; onClose(): void; onImported(): void }) {
  const { ledger } = props;
  const { message } = App.useApp();
  const [file, setFile] = useState<File | undefined>(undefined);
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [preview, setPreview] = useState<ImportPreview | undefined>(undefined);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [error, setError] = useState<unknown>(undefined);

  const reset = () => {
    setFile(undefined);
    setMapping({});
    setPreview(undefined);
    setError(undefined);
    setPhase({ kind: 'idle' });
  };

  const runPreview = async (chosen: File, nextMapping: Record<string, string>) => {
    setError(undefined);
    setPhase({ kind: 'sending', what: '正在上传并检查', progress: 0 });
    try {
      const answer = await api.previewImport(ledger.code, chosen, { file: chosen.name, mapping: nextMapping }, (p) =>
        setPhase({ kind: 'sending', what: p === 1 ? '正在检查' : '正在上传并检查', progress: p }),
      );
      setPreview(answer);
    } catch (caught) {
      setPreview(undefined);
      setError(caught);
    } finally {
      setPhase({ kind: 'idle' });
    }
  };

  const commit = async () => {
    if (file === undefined || preview === undefined) return;
    setError(undefined);
    setPhase({ kind: 'sending', what: '正在导入', progress: 0 });
    try {
      const result = await api.commitImport(
        ledger.code,
        file,
        { file: file.name, mapping, fingerprint: preview.fingerprint },
        (p) => setPhase({ kind: 'sending', what: '正在导入', progress: p }),
      );
      const { inserted, updated } = result.counts;
      message.success(`已导入${result.ledger.label}：新增 ${inserted} 行，更新 ${updated} 行`);
      reset();
      props.onImported();
    } catch (caught) {
      // refused for its rows, or changed since the preview: the plan as it now is
      if (caught instanceof ApiError && caught.current !== undefined) setPreview(caught.current as ImportPreview);
      setError(caught);
    } finally {
      setPhase({ kind: 'idle' });
    }
  };

  const map = (header: string, column: string | undefined) => {
    const next = { ...mapping };
    if (column === undefined) delete next[header];
    else next[header] = column;
    setMapping(next);
    if (file !== undefined) void runPreview(file, next);
  };

  const busy = phase.kind === 'sending';
  const writes = preview ? preview.counts.inserted + preview.counts.updated : 0;
  const ready = preview !== undefined && preview.problems.length === 0 && writes > 0 && !busy;

  return (
    <Drawer
      open={props.open}
      onClose={() => {
        if (busy) return;
        reset();
        props.onClose();
      }}
      size={840}
      title={`导入 · ${ledger.label}`}
      destroyOnHidden
      data-testid="import-drawer"
      footer={
        <Flex wrap gap={8} justify="flex-end">
          <Button onClick={reset} disabled={busy || file === undefined}>
            重新选择文件
          </Button>
          <Button type="primary" onClick={commit} disabled={!ready} data-testid="import-commit">
            {preview && writes > 0
              ? `确认导入（新增 ${preview.counts.inserted} 行，更新 ${preview.counts.updated} 行）`
              : '确认导入'}
          </Button>
        </Flex>
      }
    >
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        {file === undefined ? (
          <Upload.Dragger
            accept=".xlsx"
            showUploadList={false}
            beforeUpload={(chosen) => {
              setFile(chosen);
              void runPreview(chosen, mapping);
              return false;
            }}
            data-testid="import-file"
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">点击或将 Excel 文件（.xlsx）拖到此处</p>
            <p className="ant-upload-hint">
              可先“导出”或下载导入模板，在其中修改、填写后再导入。按编号对应已有记录，表中没有的记录保持不变。
            </p>
          </Upload.Dragger>
        ) : (
          <Typography.Text data-testid="import-file-name">文件：{file.name}</Typography.Text>
        )}
        {busy ? (
          <div data-testid="import-progress">
            <Typography.Text>{phase.what}……</Typography.Text>
            <Progress
              percent={phase.progress === undefined ? 100 : Math.round(phase.progress * 100)}
              status="active"
              showInfo={phase.progress !== undefined}
            />
          </div>
        ) : null}
        {error !== undefined ? <ErrorAlert error={error} /> : null}
        {preview ? <PreviewView ledger={ledger} preview={preview} mapping={mapping} onMap={map} /> : null}
      </Space>
    </Drawer>
  );
}

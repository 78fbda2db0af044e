import { DownloadOutlined, DownOutlined, PlusOutlined, UploadOutlined, WarningOutlined } from '@ant-design/icons';
import type { LedgerField, LedgerInfo, LedgerRow } from '@taizhang/contract';
import {
  App,
  Button,
  Dropdown,
  Input,
  Progress,
  Select,
  Space,
  Table,
  type TableColumnsType,
  type TablePaginationConfig,
  type TableProps,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Navigate, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { api } from '../../api/endpoints.js';
import { saveBlob } from '../../components/DownloadButton.js';
import { useOrg } from '../../components/org.js';
import { EmptyState, ErrorAlert, errorMessage, Loading, PageTitle } from '../../components/states.js';
import { useApi } from '../../components/useApi.js';
import { beijingDate, displayValue, formatDateTime } from '../../format.js';
import { mayWriteLedger, writeScope } from '../../roles.js';
import { useUser } from '../../session.js';
import { dueFlag, dueText, tableFields } from './fields.js';
import { ImportDrawer } from './ImportDrawer.js';
import { type DrawerTarget, RowDrawer } from './RowDrawer.js';

const PAGE_SIZES = [10, 20, 50, 100];

/** The list's search, filter, order and page, kept in the address so that back and reload keep them. */
function useListState() {
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page')) || 1);
  const size = PAGE_SIZES.includes(Number(params.get('size'))) ? Number(params.get('size')) : 20;
  const state = {
    search: params.get('search') ?? '',
    section: params.get('section') ?? '',
    sort: params.get('sort') ?? '',
    order: (params.get('order') === 'desc' ? 'desc' : 'asc') as 'asc' | 'desc',
    page,
    size,
  };
  const update = (changes: Partial<typeof state>) => {
    const next = { ...state, ...changes };
    const out = new URLSearchParams();
    if (next.search) out.set('search', next.search);
    if (next.section) out.set('section', next.section);
    if (next.sort) {
      out.set('sort', next.sort);
      out.set('order', next.order);
    }
    if (next.page > 1) out.set('page', String(next.page));
    if (next.size !== 20) out.set('size', String(next.size));
    setParams(out);
  };
  return { state, update };
}

function cell(field: LedgerField, row: LedgerRow, today: string) {
  const value = row.fields[field.name];
  const text =
    field.type === 'datetime' ? formatDateTime(typeof value === 'string' ? value : null) : displayValue(value);
  if (field.type === 'decimal' || field.type === 'integer') return <span className="tz-number">{text}</span>;
  // A deadline past or near, for a row not yet done, is flagged beside its date.
  const flag = dueFlag(field, row.fields, today);
  if (flag === undefined) return text;
  return (
    <Space size={4} wrap>
      {text}
      <Tag color={flag.state === 'overdue' ? 'red' : 'orange'} data-testid={`due-${row.ref}`}>
        {dueText(flag)}
      </Tag>
    </Space>
  );
}

/**
 * 导出: the rows as the page filters them, or the blank import template, as a workbook; its
 * progress is shown while a large ledger downloads.
 */
function ExportButton({ ledger, section, search }: { ledger: LedgerInfo; section: string; search: string }) {
  const { message } = App.useApp();
  const [progress, setProgress] = useState<number | undefined | null>(null);
  const download = async (template: boolean) => {
    setProgress(undefined);
    try {
      const query = template ? { template: true } : { section: section || undefined, search: search || undefined };
      const { blob, filename } = await api.exportLedger(ledger.code, query, (p) => setProgress(p));
      saveBlob(blob, filename ?? `${ledger.label}.xlsx`);
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setProgress(null);
    }
  };
  return (
    <Space size={8}>
      <Dropdown.Button
        icon={<DownOutlined aria-label="更多导出方式" />}
        disabled={progress !== null}
        onClick={() => download(false)}
        menu={{
          items: [{ key: 'template', label: '下载导入模板' }],
          onClick: () => download(true),
        }}
        data-testid="ledger-export"
      >
        <DownloadOutlined />
        {section || search ? '导出筛选结果' : '导出'}
      </Dropdown.Button>
      {progress !== null ? (
        <Progress
          type="circle"
          size={24}
          percent={progress === undefined ? 0 : Math.round(progress * 100)}
          aria-label="导出进度"
        />
      ) : null}
    </Space>
  );
}

function LedgerTable({ ledger }: { ledger: LedgerInfo }) {
  const user = useUser();
  const { sections } = useOrg();
  const { state, update } = useListState();
  const [target, setTarget] = useState<DrawerTarget | undefined>(undefined);
  const [importing, setImporting] = useState(false);
  const [searchText, setSearchText] = useState(state.search);
  // Deadlines are judged against the Beijing day the page was opened on.
  const [today] = useState(() => beijingDate(new Date()));

  const rows = useApi(
    (signal) =>
      api.ledgerRows(
        ledger.code,
        {
          search: state.search || undefined,
          section: state.section || undefined,
          sort: state.sort || undefined,
          order: state.sort ? state.order : undefined,
          offset: (state.page - 1) * state.size,
          limit: state.size,
        } as Parameters<typeof api.ledgerRows>[1],
        signal,
      ),
    [ledger.code, state.search, state.section, state.sort, state.order, state.page, state.size],
  );

  const sortOrder = (name: string) =>
    state.sort === name ? (state.order === 'desc' ? ('descend' as const) : ('ascend' as const)) : null;

  const columns: TableColumnsType<LedgerRow> = [
    {
      title: ledger.refTitle,
      key: 'ref',
      dataIndex: 'ref',
      sorter: true,
      sortOrder: sortOrder('ref'),
      fixed: 'left',
      render: (ref: string, row) => (
        <Typography.Link onClick={() => setTarget({ mode: 'row', ref: row.ref })} data-testid={`ledger-row-${ref}`}>
          {ref}
        </Typography.Link>
      ),
    },
    {
      title: '股室',
      key: 'section',
      sorter: true,
      sortOrder: sortOrder('section'),
      render: (_, row) => row.section.name,
    },
    ...tableFields(ledger.fields).map((field) => ({
      title: field.label,
      key: field.name,
      sorter: true,
      sortOrder: sortOrder(field.name),
      ellipsis: field.type === 'text',
      render: (_: unknown, row: LedgerRow) => cell(field, row, today),
    })),
    {
      title: '提示',
      key: 'warnings',
      width: 64,
      render: (_, row) =>
        row.warnings.length > 0 ? (
          <Tooltip title={row.warnings.join('；')}>
            <WarningOutlined style={{ color: '#d48806' }} aria-label={`${row.warnings.length} 条提示`} />
          </Tooltip>
        ) : null,
    },
    {
      title: '最后修改',
      key: 'updatedAt',
      sorter: true,
      sortOrder: sortOrder('updatedAt'),
      render: (_, row) => (
        <Tooltip title={`${row.updatedBy}，第${row.version}版`}>{formatDateTime(row.updatedAt)}</Tooltip>
      ),
    },
    {
      title: '操作',
      key: 'actions',
      fixed: 'right',
      render: (_, row) => (
        <Space size={4}>
          <Typography.Link onClick={() => setTarget({ mode: 'row', ref: row.ref })}>查看</Typography.Link>
          {mayWriteLedger(user, ledger, row.section.code) ? (
            <Typography.Link
              onClick={() => setTarget({ mode: 'row', ref: row.ref, tab: 'edit' })}
              data-testid={`ledger-edit-${row.ref}`}
            >
              编辑
            </Typography.Link>
          ) : null}
          <Typography.Link onClick={() => setTarget({ mode: 'row', ref: row.ref, tab: 'history' })}>
            历史
          </Typography.Link>
        </Space>
      ),
    },
  ];

  const onChange: TableProps<LedgerRow>['onChange'] = (pagination: TablePaginationConfig, _filters, sorter) => {
    const one = Array.isArray(sorter) ? sorter[0] : sorter;
    const key = one?.order ? String(one.columnKey ?? '') : '';
    const size = pagination.pageSize ?? state.size;
    const sortChanged = key !== state.sort || (one?.order === 'descend') !== (state.order === 'desc');
    update({
      sort: key,
      order: one?.order === 'descend' ? 'desc' : 'asc',
      size,
      page: sortChanged || size !== state.size ? 1 : (pagination.current ?? 1),
    });
  };

  const empty = state.search || state.section ? '没有符合条件的记录，请调整搜索词或股室。' : '这本台账还没有记录。';

  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder="搜索编号或文字内容"
          value={searchText}
          onChange={(event) => setSearchText(event.target.value)}
          onSearch={(value) => update({ search: value.trim(), page: 1 })}
          style={{ width: 260 }}
          data-testid="ledger-search"
          enterButton="搜索"
        />
        <Select
          allowClear
          placeholder="全部股室"
          value={state.section || undefined}
          onChange={(value?: string) => update({ section: value ?? '', page: 1 })}
          options={sections.map((s) => ({ value: s.code, label: s.name }))}
          style={{ width: 200 }}
          data-testid="ledger-section"
          aria-label="股室"
        />
        {mayWriteLedger(user, ledger) ? (
          <>
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setTarget({ mode: 'new' })}
              data-testid="ledger-add"
              disabled={writeScope(user, 'ledgers:write') === ''}
            >
              新增记录
            </Button>
            <Button
              icon={<UploadOutlined />}
              onClick={() => setImporting(true)}
              data-testid="ledger-import"
              disabled={writeScope(user, 'ledgers:write') === ''}
            >
              导入
            </Button>
          </>
        ) : (
          <Typography.Text type="secondary">只读</Typography.Text>
        )}
        <ExportButton ledger={ledger} section={state.section} search={state.search} />
      </Space>
      {rows.error ? <ErrorAlert error={rows.error} onRetry={rows.reload} /> : null}
      <Table<LedgerRow>
        data-testid="ledger-table"
        rowKey="ref"
        columns={columns}
        dataSource={rows.data?.rows ?? []}
        loading={rows.loading}
        onChange={onChange}
        scroll={{ x: 'max-content' }}
        size="middle"
        locale={{ emptyText: rows.loading ? ' ' : <EmptyState description={empty} /> }}
        pagination={{
          current: state.page,
          pageSize: state.size,
          total: rows.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: PAGE_SIZES,
          showTotal: (total) => `共 ${total} 条`,
        }}
      />
      <ImportDrawer
        ledger={ledger}
        open={importing}
        onClose={() => setImporting(false)}
        onImported={() => {
          setImporting(false);
          rows.reload();
        }}
      />
      <RowDrawer
        ledger={ledger}
        target={target}
        sections={sections}
        onClose={() => setTarget(undefined)}
        onSaved={(row, created) => {
          rows.reload();
          if (created) setTarget({ mode: 'row', ref: row.ref });
        }}
      />
    </>
  );
}

/** 台账: pick a ledger, then search, filter, sort and page its rows; add and edit them in a drawer. */
export default function LedgersPage() {
  const { code } = useParams();
  const navigate = useNavigate();
  const ledgers = useApi(() => api.ledgers(), []);

  if (ledgers.error) return <ErrorAlert error={ledgers.error} onRetry={ledgers.reload} />;
  if (!ledgers.data) return <Loading />;
  if (ledgers.data.length === 0) return <EmptyState description="本单位还没有启用任何台账。" />;
  const first = ledgers.data[0] as LedgerInfo;
  if (!code) return <Navigate to={`/ledgers/${first.code}`} replace />;
  const ledger = ledgers.data.find((l) => l.code === code);

  return (
    <>
      <PageTitle title="台账">
        <Select
          value={ledger?.code}
          onChange={(next: string) => navigate(`/ledgers/${next}`)}
          options={ledgers.data.map((l) => ({ value: l.code, label: l.label }))}
          style={{ width: 240 }}
          showSearch={{ optionFilterProp: 'label' }}
          data-testid="ledger-select"
          aria-label="选择台账"
          placeholder="选择台账"
        />
      </PageTitle>
      {ledger ? (
        <LedgerTable key={ledger.code} ledger={ledger} />
      ) : (
        <EmptyState description={`没有代码为 ${code} 的台账，请从上方选择。`} />
      )}
    </>
  );
}

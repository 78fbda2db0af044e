import { DownloadOutlined, SearchOutlined } from '@ant-design/icons';
import type { AuditQuery, AuditRow } from '@taizhang/contract';
import { AutoComplete, Button, DatePicker, Form, Input, Space, type TableColumnsType, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { api } from '../../api/endpoints.js';
import { FieldTable } from '../../components/FieldTable.js';
import { ListTable, serverPages } from '../../components/ListTable.js';
import { ErrorAlert, PageTitle } from '../../components/states.js';
import { useApi } from '../../components/useApi.js';
import { displayValue, formatDateTime } from '../../format.js';
import { actionName, diffImages, type FieldChange } from '../ledgers/fields.js';

const ACTION_COLORS: Record<string, string> = { 新增: 'green', 修改: 'blue', 删除: 'red' };

interface Filters {
  table?: string;
  actor?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

function toQuery(filters: Filters): AuditQuery {
  const [from, to] = filters.range ?? [null, null];
  const query: AuditQuery = {};
  if (filters.table?.trim()) query.table = filters.table.trim();
  if (filters.actor?.trim()) query.actor = filters.actor.trim();
  if (from) query.from = from.format('YYYY-MM-DD');
  if (to) query.to = to.format('YYYY-MM-DD');
  return query;
}

function Changes({ row }: { row: AuditRow }) {
  const changes = diffImages(row.before, row.after);
  if (changes.length === 0) return <Typography.Text type="secondary">没有字段内容变化</Typography.Text>;
  return (
    <FieldTable<FieldChange>
      dataSource={changes}
      columns={[
        { title: '字段', dataIndex: 'name', width: 200 },
        {
          title: '修改前',
          key: 'before',
          render: (_, c) => <span className="tz-diff-old">{displayValue(c.before)}</span>,
        },
        {
          title: '修改后',
          key: 'after',
          render: (_, c) => <span className="tz-diff-new">{displayValue(c.after)}</span>,
        },
      ]}
    />
  );
}

/** 审计日志: every change to any row — who, when, from where, what — filtered, paged, exported (auditor only). */
export default function AuditPage() {
  const [form] = Form.useForm<Filters>();
  const [query, setQuery] = useState<AuditQuery>({});
  const [page, setPage] = useState(1);
  const [size, setSize] = useState(50);
  const audit = useApi(
    () => api.audit({ ...query, offset: (page - 1) * size, limit: size }),
    [query.table, query.actor, query.from, query.to, page, size],
  );
  // what the server names as filterable, the organisation's ledgers among them; without it
  // the filter still takes a table's name
  const tables = useApi(() => api.auditTables(), []);

  const columns: TableColumnsType<AuditRow> = [
    { title: '时间', dataIndex: 'at', width: 150, render: (at: string) => formatDateTime(at) },
    { title: '操作人', dataIndex: 'actor', width: 120 },
    { title: '来源地址', dataIndex: 'address', width: 130, render: (address: string | null) => address ?? '—' },
    {
      title: '操作',
      dataIndex: 'action',
      width: 80,
      render: (action: string) => {
        const name = actionName(action);
        return <Tag color={ACTION_COLORS[name]}>{name}</Tag>;
      },
    },
    {
      title: '数据表',
      dataIndex: 'table',
      // a ledger's generated table (ledger_t12) means nothing to a reader: its name says it all
      render: (table: string, row) => (
        <span>
          {row.tableName}{' '}
          {/^ledger_t\d+$/.test(table) ? null : <Typography.Text type="secondary">{table}</Typography.Text>}
        </span>
      ),
    },
    {
      title: '变化',
      key: 'changes',
      render: (_, row) => {
        const count = diffImages(row.before, row.after).length;
        return count === 0 ? '—' : `${count} 个字段`;
      },
    },
  ];

  return (
    <>
      <PageTitle title="审计日志">
        <Button icon={<DownloadOutlined />} href={api.auditExportUrl(query)} download data-testid="audit-export">
          导出 CSV
        </Button>
      </PageTitle>
      <Form<Filters>
        form={form}
        layout="inline"
        style={{ marginBottom: 16, rowGap: 8 }}
        onFinish={(values) => {
          setQuery(toQuery(values));
          setPage(1);
        }}
        data-testid="audit-filters"
      >
        <Form.Item name="table" label="数据表">
          <AutoComplete
            allowClear
            style={{ width: 220 }}
            placeholder="如 指标数值、群众投诉台账"
            options={(tables.data ?? []).map(({ table, name }) => ({ value: table, label: `${name}（${table}）` }))}
            showSearch={{ filterOption: (input, option) => String(option?.label ?? '').includes(input) }}
            data-testid="audit-table-filter"
          />
        </Form.Item>
        <Form.Item name="actor" label="操作人">
          <Input allowClear placeholder="用户名" style={{ width: 160 }} data-testid="audit-actor-filter" />
        </Form.Item>
        <Form.Item name="range" label="日期">
          <DatePicker.RangePicker data-testid="audit-date-filter" />
        </Form.Item>
        <Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
              查询
            </Button>
            <Button
              onClick={() => {
                form.resetFields();
                setQuery({});
                setPage(1);
              }}
            >
              重置
            </Button>
          </Space>
        </Form.Item>
      </Form>
      {audit.error ? <ErrorAlert error={audit.error} onRetry={audit.reload} /> : null}
      <ListTable<AuditRow>
        testId="audit-table"
        scroll={undefined}
        columns={columns}
        dataSource={audit.data?.rows ?? []}
        loading={audit.loading}
        expandable={{ expandedRowRender: (row) => <Changes row={row} /> }}
        empty="没有符合条件的审计记录。"
        pagination={serverPages({
          page,
          size,
          total: audit.data?.total ?? 0,
          unit: '条',
          sizes: [20, 50, 100, 200],
          onChange: (next, nextSize) => {
            setPage(nextSize !== size ? 1 : next);
            setSize(nextSize);
          },
        })}
      />
    </>
  );
}

import type { AccountRequest, AccountRequestStatus } from '@taizhang/contract';
import { Card, Grid, Pagination, Select, Space, Spin, type TableColumnsType, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { CellLines } from '../../components/CellLines.js';
import { ListTable } from '../../components/ListTable.js';
import { EmptyState } from '../../components/states.js';
import { formatDateTime } from '../../format.js';

export const STATUS_NAMES: Readonly<Record<AccountRequestStatus, string>> = {
  pending: '待审批',
  approved: '已批准',
  rejected: '已驳回',
  withdrawn: '已撤回',
};

const STATUS_COLORS: Readonly<Record<AccountRequestStatus, string>> = {
  pending: 'gold',
  approved: 'green',
  rejected: 'red',
  withdrawn: 'default',
};

/** Which requests a list shows: one status, or all ('' in the select). */
export function StatusFilter({
  value,
  onChange,
}: {
  value: AccountRequestStatus | undefined;
  onChange(value: AccountRequestStatus | undefined): void;
}) {
  return (
    <Select<AccountRequestStatus | ''>
      value={value ?? ''}
      onChange={(v) => onChange(v === '' ? undefined : v)}
      style={{ width: 120 }}
      data-testid="request-status-filter"
      options={[
        { value: '', label: '全部状态' },
        ...(Object.keys(STATUS_NAMES) as AccountRequestStatus[]).map((s) => ({ value: s, label: STATUS_NAMES[s] })),
      ]}
    />
  );
}

/**
 * Account change requests (账户变更申请) as both sides read them: what is asked for whom, why it
 * needs approval, who asked and when, and how it was decided. `actions` adds each row's buttons.
 */
export function RequestsTable({
  rows,
  loading,
  actions,
  pagination,
  empty,
}: {
  rows: AccountRequest[];
  loading: boolean;
  actions?: (request: AccountRequest) => ReactNode;
  pagination?: { current: number; pageSize: number; total: number; onChange(page: number, size: number): void };
  empty: string;
}) {
  const screens = Grid.useBreakpoint();
  // A phone has no room for seven columns: each request is a card of its own.
  if (screens.md === false)
    return <RequestCards rows={rows} loading={loading} actions={actions} pagination={pagination} empty={empty} />;
  const columns: TableColumnsType<AccountRequest> = [
    { title: '申请号', dataIndex: 'id', width: 80 },
    {
      title: '账户',
      key: 'account',
      width: 150,
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong>{r.username}</Typography.Text>
          <Typography.Text type="secondary">
            {r.kind === 'create' ? '新建' : ''}
            {r.targetRoleName}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: '变更内容',
      key: 'summary',
      render: (_, r) => (
        <div data-testid={`request-summary-${r.id}`}>
          {r.summary.map((line) => (
            <div key={line}>{line}</div>
          ))}
        </div>
      ),
    },
    {
      title: '须审批的原因',
      key: 'reasons',
      width: 170,
      render: (_, r) => r.reasons.map((reason) => <Tag key={reason}>{reason}</Tag>),
    },
    {
      title: '提交',
      key: 'requested',
      width: 150,
      render: (_, r) => <CellLines main={r.requestedBy} note={formatDateTime(r.requestedAt)} />,
    },
    {
      title: '状态',
      key: 'status',
      width: 170,
      render: (_, r) => <Decision request={r} />,
    },
    ...(actions
      ? [{ title: '操作', key: 'actions', width: 140, render: (_: unknown, r: AccountRequest) => actions(r) }]
      : []),
  ];
  return (
    <ListTable<AccountRequest>
      testId="requests-table"
      columns={columns}
      dataSource={rows}
      loading={loading}
      empty={empty}
      pagination={
        pagination
          ? { ...pagination, showSizeChanger: false, showTotal: (total) => `共 ${total} 项申请` }
          : { pageSize: 20, hideOnSinglePage: true }
      }
    />
  );
}

function Decision({ request }: { request: AccountRequest }) {
  return (
    <Space orientation="vertical" size={0}>
      <Tag color={STATUS_COLORS[request.status]}>{STATUS_NAMES[request.status]}</Tag>
      {request.decidedBy ? (
        <Typography.Text type="secondary">
          {request.decidedBy} {formatDateTime(request.decidedAt)}
        </Typography.Text>
      ) : null}
      {request.decisionNote ? <Typography.Text type="secondary">意见：{request.decisionNote}</Typography.Text> : null}
    </Space>
  );
}

function RequestCards({ rows, loading, actions, pagination, empty }: Parameters<typeof RequestsTable>[0]) {
  if (loading && rows.length === 0) return <Spin />;
  if (rows.length === 0) return <EmptyState description={empty} />;
  return (
    <div data-testid="requests-table">
      {rows.map((r) => (
        <Card
          key={r.id}
          size="small"
          style={{ marginBottom: 12 }}
          title={
            <span>
              第 {r.id} 号 · <Typography.Text strong>{r.username}</Typography.Text>{' '}
              <Typography.Text type="secondary">
                {r.kind === 'create' ? '新建' : ''}
                {r.targetRoleName}
              </Typography.Text>
            </span>
          }
          extra={<Tag color={STATUS_COLORS[r.status]}>{STATUS_NAMES[r.status]}</Tag>}
        >
          <div data-testid={`request-summary-${r.id}`}>
            {r.summary.map((line) => (
              <div key={line}>{line}</div>
            ))}
          </div>
          <div style={{ margin: '8px 0' }}>
            {r.reasons.map((reason) => (
              <Tag key={reason}>{reason}</Tag>
            ))}
          </div>
          <Typography.Text type="secondary">
            {r.requestedBy} 提交于 {formatDateTime(r.requestedAt)}
          </Typography.Text>
          {r.status === 'pending' ? null : (
            <div style={{ marginTop: 8 }}>
              <Decision request={r} />
            </div>
          )}
          {actions ? <div style={{ marginTop: 12 }}>{actions(r)}</div> : null}
        </Card>
      ))}
      {pagination && pagination.total > pagination.pageSize ? <Pagination size="small" simple {...pagination} /> : null}
    </div>
  );
}

import type { Gap, MissingFigure } from '@taizhang/contract';
import { periodLabel, valuePeriodName } from '@taizhang/core/browser';
import { Card, type TableColumnsType as ColumnsType, Space, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { api } from '../../api/endpoints.js';
import { useOrg } from '../../components/org.js';
import { PeriodPicker } from '../../components/PeriodPicker.js';
import { EmptyState, ErrorAlert, Loading, PageTitle } from '../../components/states.js';
import { useApi } from '../../components/useApi.js';
import { beijingDate, dueDate } from '../../format.js';
import { useUser } from '../../session.js';

/** Each missing period with the day it was due: the 5th of the month after it. */
function dues(gap: Gap): { period: number; due: string }[] {
  return gap.periods.map((period) => ({ period, due: dueDate(gap.year, period, gap.quarterly) }));
}

function gapColumns(today: string, showSection: boolean): ColumnsType<Gap> {
  const columns: ColumnsType<Gap> = [
    {
      title: '指标',
      dataIndex: 'indicatorName',
      render: (name: string, gap) => <span title={gap.indicator}>{name}</span>,
    },
    {
      title: '缺报期间',
      key: 'periods',
      render: (_, gap) => (
        <Space size={[4, 4]} wrap>
          {gap.role === 'prior' ? <Tag color="purple">上年同期</Tag> : null}
          {gap.periods.map((period) => (
            <Tag key={period}>
              {gap.year}年{valuePeriodName(period, gap.quarterly)}
            </Tag>
          ))}
        </Space>
      ),
    },
    {
      title: '截止日期',
      key: 'due',
      render: (_, gap) => {
        const first = dues(gap)[0];
        if (!first) return '—';
        const overdue = first.due < today;
        return (
          <Space>
            <span className="tz-number">{first.due}</span>
            {overdue ? <Tag color="red">已逾期</Tag> : <Tag color="gold">待报送</Tag>}
          </Space>
        );
      },
    },
    {
      title: '说明',
      key: 'role',
      render: (_, gap) =>
        gap.role === 'prior' ? (
          <Typography.Text type="secondary">缺上年同期数，无法计算同比</Typography.Text>
        ) : (
          <Typography.Text type="secondary">本期数据未报</Typography.Text>
        ),
    },
    {
      title: '操作',
      key: 'action',
      render: (_, gap) => (
        <Link to={`/indicators?focus=${encodeURIComponent(gap.indicator)}`} data-testid={`todo-fill-${gap.indicator}`}>
          去填报
        </Link>
      ),
    },
  ];
  if (showSection) columns.splice(1, 0, { title: '责任股室', dataIndex: 'sectionName' });
  return columns;
}

const missingColumns: ColumnsType<MissingFigure> = [
  {
    title: '待填内容',
    dataIndex: 'text',
    render: (text: string) => <Typography.Text type="danger">{text}</Typography.Text>,
  },
  { title: '指标或叙述', dataIndex: 'subjectName' },
  { title: '期间', dataIndex: 'periodLabel' },
  { title: '责任股室', dataIndex: 'sectionName' },
  { title: '原因', dataIndex: 'reason' },
];

/** 我的待办: what the user's section (the office: every section) still owes for the period. */
export default function TodoPage() {
  const user = useUser();
  const { period } = useOrg();
  const todo = useApi(() => api.todo(period), [period.year, period.through]);
  const today = beijingDate(new Date());
  const gaps = todo.data?.gaps ?? [];
  const current = gaps.filter((gap) => gap.role === 'current');
  const owner = user.section && user.role === 'clerk' ? user.section.name : '各股室';

  return (
    <>
      <PageTitle title="我的待办">
        <PeriodPicker />
      </PageTitle>
      {todo.error ? <ErrorAlert error={todo.error} onRetry={todo.reload} /> : null}
      {todo.loading && !todo.data ? <Loading /> : null}
      {todo.data ? (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Card
            title={`${owner}待报送的指标（${periodLabel(period)}）`}
            extra={<Typography.Text type="secondary">每期数据应于次月5日前报送</Typography.Text>}
          >
            {gaps.length === 0 ? (
              <EmptyState description="本期数据已全部报送，没有待办事项。" />
            ) : (
              <>
                <Typography.Paragraph>
                  共 <Typography.Text strong>{current.length}</Typography.Text> 项本期数据未报送
                  {gaps.length > current.length ? `，另有 ${gaps.length - current.length} 项缺上年同期数` : ''}。
                </Typography.Paragraph>
                <Table<Gap>
                  data-testid="todo-table"
                  rowKey={(gap) => `${gap.indicator}-${gap.role}-${gap.year}`}
                  columns={gapColumns(today, user.role !== 'clerk')}
                  dataSource={gaps}
                  pagination={false}
                  size="middle"
                  loading={todo.loading}
                />
              </>
            )}
          </Card>
          <Card title="工作总结中的待填数据">
            {todo.data.missing.length === 0 ? (
              <EmptyState description="工作总结没有待填数据。" />
            ) : (
              <Table<MissingFigure>
                data-testid="todo-missing"
                rowKey="ref"
                columns={missingColumns}
                dataSource={todo.data.missing}
                pagination={false}
                size="small"
              />
            )}
          </Card>
        </Space>
      ) : null}
    </>
  );
}

import type { MissingFigure } from '@taizhang/contract';
import { Table, type TableColumnsType, Typography } from 'antd';
import { EmptyState } from '../../components/states.js';

const columns: TableColumnsType<MissingFigure> = [
  {
    title: '待填内容',
    dataIndex: 'text',
    render: (text: string) => <Typography.Text type="danger">{text}</Typography.Text>,
  },
  { title: '指标或叙述', dataIndex: 'subjectName' },
  { title: '期间', dataIndex: 'periodLabel' },
  {
    title: '责任股室',
    dataIndex: 'sectionName',
    render: (name: string) => <Typography.Text strong>{name}</Typography.Text>,
  },
  { title: '原因', dataIndex: 'reason' },
  { title: '模板行', dataIndex: 'line', width: 80, render: (line?: number) => line ?? '—' },
];

/** The 【待填】 figures of a report and the sections that owe them. */
export function MissingTable({ missing }: { missing: MissingFigure[] }) {
  if (missing.length === 0) return <EmptyState description="没有待填数据，本稿可以作为正式文稿。" />;
  return (
    <Table<MissingFigure>
      data-testid="report-missing"
      rowKey="ref"
      size="small"
      columns={columns}
      dataSource={missing}
      pagination={missing.length > 20 ? { pageSize: 20 } : false}
    />
  );
}

import { Table, type TablePaginationConfig, type TableProps } from 'antd';
import type { ReactNode } from 'react';
import { EmptyState } from './states.js';

/**
 * A list as the pages show one: rows keyed by `id`, middle-sized, scrolling sideways on a
 * narrow screen, and, when there are none, an empty state saying what is missing (blank while
 * loading, so "nothing" never flashes before the rows).
 */
export function ListTable<T extends object>({
  testId,
  empty,
  loading,
  ...table
}: Omit<TableProps<T>, 'locale' | 'loading'> & { testId: string; empty: ReactNode; loading: boolean }) {
  return (
    <Table<T>
      data-testid={testId}
      rowKey="id"
      size="middle"
      scroll={{ x: 'max-content' }}
      loading={loading}
      locale={{ emptyText: loading ? ' ' : <EmptyState description={empty} /> }}
      {...table}
    />
  );
}

/**
 * Pages the server counts and cuts: the page shown, of `total` rows counted in `unit` (条, 次,
 * 项申请); a choice of page sizes when `sizes` are given.
 */
export function serverPages(paging: {
  page: number;
  size: number;
  total: number;
  unit: string;
  onChange: (page: number, size: number) => void;
  sizes?: number[];
}): TablePaginationConfig {
  return {
    current: paging.page,
    pageSize: paging.size,
    total: paging.total,
    onChange: paging.onChange,
    showSizeChanger: paging.sizes !== undefined,
    ...(paging.sizes === undefined ? {} : { pageSizeOptions: paging.sizes }),
    showTotal: (total) => `共 ${total} ${paging.unit}`,
  };
}

import { Table, type TableProps } from 'antd';
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

import { Table, type TableProps } from 'antd';

/** A small table of a record's fields, one row a field (what changed, what conflicts), never paged. */
export function FieldTable<T extends { name: string }>(table: Omit<TableProps<T>, 'size' | 'pagination' | 'rowKey'>) {
  return <Table<T> size="small" pagination={false} rowKey="name" {...table} />;
}

import { Space, Typography } from 'antd';
import type { ReactNode } from 'react';

/** A table cell of two lines: what it is, and beneath it in grey what qualifies it (when, from where). */
export function CellLines({ main, note }: { main: ReactNode; note?: ReactNode }) {
  return (
    <Space orientation="vertical" size={0}>
      <span>{main}</span>
      {note ? <Typography.Text type="secondary">{note}</Typography.Text> : null}
    </Space>
  );
}

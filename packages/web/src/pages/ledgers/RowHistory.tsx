import type { HistoryEntry, LedgerInfo } from '@taizhang/contract';
import { Tag, Timeline, Typography } from 'antd';
import { api } from '../../api/endpoints.js';
import { FieldTable } from '../../components/FieldTable.js';
import { useOrg } from '../../components/org.js';
import { EmptyState, ErrorAlert, Loading } from '../../components/states.js';
import { useApi } from '../../components/useApi.js';
import { displayValue, formatDateTime } from '../../format.js';
import { actionName, diffImages, type FieldChange, fieldLabel } from './fields.js';

const ACTION_COLORS: Record<string, string> = { 新增: 'green', 修改: 'blue', 删除: 'red' };

/** A value of a field as the bureau reads it: instants in Beijing time, sections by name. */
export function useShowValue(ledger: LedgerInfo): (name: string, value: unknown) => string {
  const { sections } = useOrg();
  return (name, value) => {
    if (name === 'section' && typeof value === 'string') return sections.find((s) => s.code === value)?.name ?? value;
    const field = ledger.fields.find((f) => f.name === name);
    if (field?.type === 'datetime' && typeof value === 'string') {
      return formatDateTime(value);
    }
    return displayValue(value);
  };
}

function Changes({ ledger, entry }: { ledger: LedgerInfo; entry: HistoryEntry }) {
  const show = useShowValue(ledger);
  const changes = diffImages(entry.before, entry.after);
  if (changes.length === 0) return <Typography.Text type="secondary">没有字段内容变化</Typography.Text>;
  const created = entry.before === null;
  return (
    <FieldTable<FieldChange>
      dataSource={created ? changes.filter((c) => c.after !== null) : changes}
      columns={[
        { title: '字段', dataIndex: 'name', width: 140, render: (name: string) => fieldLabel(ledger.fields, name) },
        ...(created
          ? []
          : [
              {
                title: '修改前',
                key: 'before',
                render: (_: unknown, c: FieldChange) => <span className="tz-diff-old">{show(c.name, c.before)}</span>,
              },
            ]),
        {
          title: created ? '内容' : '修改后',
          key: 'after',
          render: (_: unknown, c: FieldChange) => <span className="tz-diff-new">{show(c.name, c.after)}</span>,
        },
      ]}
    />
  );
}

/** 历史: every change of the row, newest first — who, when, and what changed from what. */
export function RowHistory({ ledger, reference, version }: { ledger: LedgerInfo; reference: string; version: number }) {
  const history = useApi(() => api.ledgerHistory(ledger.code, reference), [ledger.code, reference, version]);
  if (history.loading && !history.data) return <Loading rows={4} />;
  if (history.error) return <ErrorAlert error={history.error} onRetry={history.reload} />;
  const entries = [...(history.data ?? [])].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  if (entries.length === 0) return <EmptyState description="这条记录还没有修改历史。" />;
  return (
    <div data-testid="ledger-history">
      <Timeline
        items={entries.map((entry, i) => {
          const action = actionName(entry.action);
          return {
            key: `${entry.at}-${i}`,
            color: ACTION_COLORS[action] ?? 'gray',
            content: (
              <div data-testid="ledger-history-entry">
                <div style={{ marginBottom: 6 }}>
                  <Tag color={ACTION_COLORS[action]}>{action}</Tag>
                  <Typography.Text strong>{entry.actor}</Typography.Text>{' '}
                  <Typography.Text type="secondary">{formatDateTime(entry.at)}</Typography.Text>
                </div>
                <Changes ledger={ledger} entry={entry} />
              </div>
            ),
          };
        })}
      />
    </div>
  );
}

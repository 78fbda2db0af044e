import type { LedgerInfo, LedgerRow, Named } from '@taizhang/contract';
import { Alert, Descriptions, Drawer, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/endpoints.js';
import { ErrorAlert, Loading } from '../../components/states.js';
import { useApi } from '../../components/useApi.js';
import { displayValue, formatDateTime } from '../../format.js';
import { mayWriteLedger } from '../../roles.js';
import { useUser } from '../../session.js';
import { describeMilestones, editorKind } from './fields.js';
import { RowForm } from './RowForm.js';
import { RowHistory } from './RowHistory.js';

export type DrawerTarget = { mode: 'new' } | { mode: 'row'; ref: string; tab?: 'view' | 'edit' | 'history' };

function Warnings({ row }: { row: LedgerRow }) {
  if (row.warnings.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="ledger-warnings"
      title="此记录有需要注意的问题"
      description={
        <ul style={{ margin: 0, paddingLeft: 20 }}>
          {row.warnings.map((warning) => (
            <li key={warning}>{warning}</li>
          ))}
        </ul>
      }
      style={{ marginBottom: 16 }}
    />
  );
}

function RowDetails({ ledger, row }: { ledger: LedgerInfo; row: LedgerRow }) {
  return (
    <>
      <Warnings row={row} />
      <Descriptions column={1} bordered size="small" data-testid="ledger-details">
        <Descriptions.Item label="编号">{row.ref}</Descriptions.Item>
        <Descriptions.Item label="股室">{row.section.name}</Descriptions.Item>
        {ledger.fields.map((field) => (
          <Descriptions.Item key={field.name} label={field.label}>
            <span style={{ whiteSpace: 'pre-wrap' }}>
              {field.type === 'datetime'
                ? formatDateTime(row.fields[field.name] as string | null)
                : editorKind(field, row.fields[field.name]) === 'milestones'
                  ? describeMilestones(row.fields[field.name]) || '—'
                  : displayValue(row.fields[field.name])}
            </span>
          </Descriptions.Item>
        ))}
        <Descriptions.Item label="版本">第{row.version}版</Descriptions.Item>
        <Descriptions.Item label="创建">
          {row.createdBy} {formatDateTime(row.createdAt)}
        </Descriptions.Item>
        <Descriptions.Item label="最后修改">
          {row.updatedBy} {formatDateTime(row.updatedAt)}
        </Descriptions.Item>
      </Descriptions>
    </>
  );
}

function ExistingRow(props: {
  ledger: LedgerInfo;
  reference: string;
  tab: 'view' | 'edit' | 'history';
  sections: Named[];
  onSaved(row: LedgerRow): void;
  onClose(): void;
}) {
  const { ledger, reference, sections } = props;
  const user = useUser();
  const [tab, setTab] = useState<string>(props.tab);
  const loaded = useApi(() => api.ledgerRow(ledger.code, reference), [ledger.code, reference]);
  if (loaded.error) return <ErrorAlert error={loaded.error} onRetry={loaded.reload} />;
  const row = loaded.data;
  if (!row) return <Loading />;
  const editable = mayWriteLedger(user, ledger, row.section.code);
  return (
    <Tabs
      activeKey={tab}
      onChange={setTab}
      items={[
        { key: 'view', label: '详情', children: <RowDetails ledger={ledger} row={row} /> },
        ...(editable
          ? [
              {
                key: 'edit',
                label: '编辑',
                children: (
                  <>
                    <Warnings row={row} />
                    <RowForm
                      key={row.version}
                      ledger={ledger}
                      row={row}
                      sections={sections}
                      onSaved={(saved) => {
                        loaded.setData(() => saved);
                        props.onSaved(saved);
                        setTab('view');
                      }}
                      onCancel={() => setTab('view')}
                    />
                  </>
                ),
              },
            ]
          : []),
        {
          key: 'history',
          label: <span data-testid="ledger-history-tab">历史</span>,
          children: <RowHistory ledger={ledger} reference={row.ref} version={row.version} />,
        },
      ]}
    />
  );
}

/** One row in a drawer: its details, the form to edit it, its history; or the form for a new row. */
export function RowDrawer(props: {
  ledger: LedgerInfo;
  target: DrawerTarget | undefined;
  sections: Named[];
  onSaved(row: LedgerRow, created: boolean): void;
  onClose(): void;
}) {
  const { ledger, target, sections } = props;
  const title =
    target?.mode === 'new' ? `新增 · ${ledger.label}` : target ? `${ledger.label} · ${target.ref}` : ledger.label;
  return (
    <Drawer
      open={Boolean(target)}
      onClose={props.onClose}
      size={720}
      title={<Typography.Text ellipsis>{title}</Typography.Text>}
      destroyOnHidden
      data-testid="ledger-drawer"
    >
      {target?.mode === 'new' ? (
        <RowForm
          ledger={ledger}
          row={undefined}
          sections={sections}
          onSaved={(row) => props.onSaved(row, true)}
          onCancel={props.onClose}
        />
      ) : target ? (
        <ExistingRow
          key={target.ref}
          ledger={ledger}
          reference={target.ref}
          tab={target.tab ?? 'view'}
          sections={sections}
          onSaved={(row) => props.onSaved(row, false)}
          onClose={props.onClose}
        />
      ) : null}
    </Drawer>
  );
}

import { PlusOutlined } from '@ant-design/icons';
import type { LedgerType, LedgerTypeList } from '@taizhang/contract';
import { Alert, Button, Drawer, Grid, Space, type TableColumnsType, Tag, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { ListTable } from '../../components/ListTable.js';
import { useOrg } from '../../components/org.js';
import { ErrorAlert, PageTitle } from '../../components/states.js';
import { useApi } from '../../components/useApi.js';
import { formatDateTime } from '../../format.js';
import { mayOpen } from '../../roles.js';
import { useUser } from '../../session.js';
import { ledgerTypesApi } from './api.js';
import { definitionOfType, fieldCount, sectionLabel } from './definition-form.js';
import { TypeEditor } from './TypeEditor.js';
import { TypeView } from './TypeView.js';

type Opened = { mode: 'new' } | { mode: 'type'; code: string };

/** The list with one type replaced by (or added as) `saved`. */
function withType(list: LedgerTypeList | undefined, saved: LedgerType): LedgerTypeList | undefined {
  if (!list) return list;
  return list.some((type) => type.code === saved.code)
    ? list.map((type) => (type.code === saved.code ? saved : type))
    : [...list, saved];
}

/**
 * 台账设置: the organisation's ledger types — the built-in ones, shown read-only, and those the
 * office defines — and the editor that creates one or changes a custom one (docs/ledgers.md).
 */
export default function LedgerSettingsPage() {
  const user = useUser();
  const { sections } = useOrg();
  // The administrator keeps 台账设置 without reading the ledgers themselves.
  const readsLedgers = mayOpen(user, 'ledgers');
  const screens = Grid.useBreakpoint();
  const phone = screens.sm === false;
  const types = useApi((signal) => ledgerTypesApi.list(signal), []);
  const [opened, setOpened] = useState<Opened | undefined>(undefined);
  /** why the editor shows what it shows: someone else saved the type first */
  const [notice, setNotice] = useState<string | undefined>(undefined);

  const open = (next: Opened | undefined) => {
    setNotice(undefined);
    setOpened(next);
  };
  const list = types.data ?? [];
  const current = opened?.mode === 'type' ? list.find((type) => type.code === opened.code) : undefined;

  const columns: TableColumnsType<LedgerType> = [
    {
      title: '台账名称',
      key: 'name',
      render: (_, type) => (
        <Space orientation="vertical" size={0}>
          <span>
            <Typography.Link
              onClick={() => open({ mode: 'type', code: type.code })}
              data-testid={`ledger-type-open-${type.code}`}
            >
              {type.name}
            </Typography.Link>
            {type.builtIn ? (
              <Tag style={{ marginLeft: 8 }} data-testid={`ledger-type-builtin-${type.code}`}>
                内置
              </Tag>
            ) : null}
          </span>
          <Typography.Text type="secondary" className="tz-mono" style={{ fontSize: 12 }}>
            {type.code}
          </Typography.Text>
          {phone ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {sectionLabel(definitionOfType(type).section, sections)} · {definitionOfType(type).fields.length} 个字段 ·{' '}
              {type.rows} 条记录
            </Typography.Text>
          ) : null}
        </Space>
      ),
    },
    {
      title: '主管股室',
      key: 'section',
      responsive: ['sm'],
      render: (_, type) => sectionLabel(definitionOfType(type).section, sections),
    },
    {
      title: '字段',
      key: 'fields',
      responsive: ['sm'],
      render: (_, type) => <span className="tz-number">{fieldCount(definitionOfType(type))}</span>,
    },
    {
      title: '记录',
      key: 'rows',
      responsive: ['sm'],
      render: (_, type) =>
        readsLedgers ? (
          <Link to={`/ledgers/${encodeURIComponent(type.code)}`} className="tz-number" title="查看记录">
            {type.rows}
          </Link>
        ) : (
          <span className="tz-number">{type.rows}</span>
        ),
    },
    {
      title: '最后修改',
      key: 'updatedAt',
      responsive: ['md'],
      render: (_, type) =>
        type.updatedAt ? (
          <Space orientation="vertical" size={0}>
            <span>{formatDateTime(type.updatedAt)}</span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {type.updatedBy ?? ''}
              {type.version > 0 ? ` · 第${type.version}版` : ''}
            </Typography.Text>
          </Space>
        ) : (
          <Typography.Text type="secondary">{type.builtIn ? '随系统提供' : '—'}</Typography.Text>
        ),
    },
    {
      title: '操作',
      key: 'actions',
      render: (_, type) => (
        <Typography.Link
          onClick={() => open({ mode: 'type', code: type.code })}
          data-testid={`ledger-type-${type.builtIn ? 'view' : 'edit'}-${type.code}`}
        >
          {type.builtIn ? '查看' : '编辑'}
        </Typography.Link>
      ),
    },
  ];

  const title =
    opened?.mode === 'new'
      ? '新建台账类型'
      : current
        ? `${current.builtIn ? '查看' : '编辑'} · ${current.name}`
        : '台账类型';

  return (
    <>
      <PageTitle title="台账设置">
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => open({ mode: 'new' })}
          disabled={!types.data}
          data-testid="ledger-type-new"
        >
          新建台账类型
        </Button>
      </PageTitle>
      <Typography.Paragraph type="secondary">
        每种台账是一份定义：名称、主管股室、编号规则和字段。内置台账随系统提供，只能查看；新建的台账保存后即可在“台账”中登记记录。
      </Typography.Paragraph>
      {types.error ? <ErrorAlert error={types.error} onRetry={types.reload} /> : null}
      <ListTable<LedgerType>
        testId="ledger-types-table"
        rowKey="code"
        columns={columns}
        dataSource={list}
        loading={types.loading && !types.data}
        empty="本单位还没有台账类型。"
        pagination={false}
        onRow={(type) => ({ 'data-testid': `ledger-type-row-${type.code}` }) as HTMLAttributes<HTMLElement>}
      />
      <Drawer
        open={opened !== undefined}
        onClose={() => open(undefined)}
        size={1100}
        title={<Typography.Text ellipsis>{title}</Typography.Text>}
        destroyOnHidden
        data-testid="ledger-type-drawer"
      >
        {notice ? (
          <Alert
            type="warning"
            showIcon
            data-testid="ledger-type-conflict"
            title="保存未成功：此台账类型已被他人修改"
            description={notice}
            closable
            style={{ marginBottom: 16 }}
          />
        ) : null}
        {opened?.mode === 'new' ? (
          <TypeEditor
            type={undefined}
            takenCodes={list.map((type) => type.code)}
            sections={sections}
            onSaved={(saved) => {
              types.setData((data) => withType(data, saved));
              types.reload();
              open(undefined);
            }}
            onStale={() => types.reload()}
            onCancel={() => open(undefined)}
          />
        ) : current?.builtIn ? (
          <TypeView type={current} sections={sections} />
        ) : current ? (
          <TypeEditor
            // A type saved by someone else comes back with another version: the editor starts over from it.
            key={`${current.code}:${current.version}`}
            type={current}
            takenCodes={list.map((type) => type.code)}
            sections={sections}
            onSaved={(saved) => {
              types.setData((data) => withType(data, saved));
              types.reload();
              open(undefined);
            }}
            onStale={(latest) => {
              const who = latest
                ? `${latest.updatedBy ?? '他人'} 已于 ${formatDateTime(latest.updatedAt)} 将它改为第${latest.version}版。`
                : '';
              setNotice(`${who}已载入最新的定义，您刚才的修改没有保存，请在此基础上重新修改后保存。`);
              if (latest) types.setData((data) => withType(data, latest));
              types.reload();
            }}
            onCancel={() => open(undefined)}
          />
        ) : opened ? (
          <Alert type="warning" showIcon title="找不到这个台账类型，可能已被删除，请关闭后刷新列表。" />
        ) : null}
      </Drawer>
    </>
  );
}

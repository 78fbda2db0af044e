import type { LedgerType, Named } from '@taizhang/contract';
import type { FieldDefinition } from '@taizhang/core/browser';
import { Alert, Descriptions, Table, Tag, Typography } from 'antd';
import { formatDateTime } from '../../format.js';
import { definitionOfType, describeField, sectionLabel } from './definition-form.js';

/** A ledger type read only (a built-in one): what it is, and its fields. */
export function TypeView({ type, sections }: { type: LedgerType; sections: readonly Named[] }) {
  const definition = definitionOfType(type);
  return (
    <div data-testid="ledger-type-view">
      {type.builtIn ? (
        <Alert
          type="info"
          showIcon
          data-testid="ledger-type-builtin"
          title="内置台账，定义随系统提供"
          description="内置台账的名称和字段不能在此修改；可以新建台账类型登记其他事项。"
          style={{ marginBottom: 16 }}
        />
      ) : null}
      <Descriptions column={{ xs: 1, md: 2 }} bordered size="small" style={{ marginBottom: 16 }}>
        <Descriptions.Item label="台账名称">{definition.name}</Descriptions.Item>
        <Descriptions.Item label="台账代码">
          <span className="tz-mono">{definition.code}</span>
        </Descriptions.Item>
        <Descriptions.Item label="条目名称">{definition.rowTitle}</Descriptions.Item>
        <Descriptions.Item label="主管股室">{sectionLabel(definition.section, sections)}</Descriptions.Item>
        <Descriptions.Item label="编号规则">
          {definition.numbering ? <span className="tz-mono">{definition.numbering}</span> : '手工填写'}
        </Descriptions.Item>
        <Descriptions.Item label="记录">{type.rows} 条</Descriptions.Item>
        {type.updatedAt ? (
          <Descriptions.Item label="最后修改">
            {formatDateTime(type.updatedAt)} {type.updatedBy ?? ''}
          </Descriptions.Item>
        ) : null}
      </Descriptions>
      <Table<FieldDefinition>
        data-testid="ledger-type-fields"
        rowKey="code"
        size="small"
        pagination={false}
        dataSource={[...definition.fields]}
        columns={[
          {
            title: '字段标题',
            key: 'title',
            render: (_, field) => (
              <>
                <Typography.Text type={field.retired ? 'secondary' : undefined}>{field.title}</Typography.Text>
                {field.retired ? <Tag style={{ marginLeft: 8 }}>已停用</Tag> : null}
              </>
            ),
          },
          {
            title: '字段代码',
            key: 'code',
            responsive: ['sm'],
            render: (_, field) => (
              <Typography.Text type="secondary" className="tz-mono">
                {field.code}
              </Typography.Text>
            ),
          },
          { title: '类型', key: 'type', render: (_, field) => describeField(field) },
          { title: '必填', key: 'required', width: 64, render: (_, field) => (field.required ? '是' : '') },
        ]}
      />
    </div>
  );
}

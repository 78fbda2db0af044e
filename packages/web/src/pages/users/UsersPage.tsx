import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Modal, Select, Switch, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client.js';
import { api } from '../../api/endpoints.js';
import type { Role, User, UserChanges } from '../../api/types.js';
import { useOrg } from '../../components/org.js';
import { EmptyState, ErrorAlert, errorMessage, PageTitle } from '../../components/states.js';
import { useApi } from '../../components/useApi.js';
import { formatDateTime } from '../../format.js';
import { ROLE_NAMES, ROLES } from '../../roles.js';

interface FormValues {
  username: string;
  displayName: string;
  role: Role;
  section?: string;
  password?: string;
  disabled?: boolean;
}

const ROLE_OPTIONS = ROLES.map((role) => ({ value: role, label: ROLE_NAMES[role] }));

function UserForm({ editing, onDone }: { editing: User | 'new'; onDone(saved: boolean): void }) {
  const { message } = App.useApp();
  const { sections } = useOrg();
  const [form] = Form.useForm<FormValues>();
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | undefined>(undefined);
  const isNew = editing === 'new';
  const role = Form.useWatch('role', form);

  const initial: Partial<FormValues> = isNew
    ? { role: 'clerk', disabled: false }
    : {
        username: editing.username,
        displayName: editing.displayName,
        role: editing.role,
        ...(editing.section ? { section: editing.section.code } : {}),
        disabled: Boolean(editing.disabled),
      };

  const submit = async () => {
    let values: FormValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    setFailure(undefined);
    try {
      if (isNew) {
        await api.addUser({
          username: values.username.trim(),
          displayName: values.displayName.trim(),
          role: values.role,
          ...(values.role === 'clerk' && values.section ? { section: values.section } : {}),
          password: values.password ?? '',
        });
        message.success(`已创建用户 ${values.username}`);
      } else {
        const changes: UserChanges = { version: editing.version };
        if (values.displayName.trim() !== editing.displayName) changes.displayName = values.displayName.trim();
        if (values.role !== editing.role) changes.role = values.role;
        // Only a clerk belongs to a section.
        const section = values.role === 'clerk' ? (values.section ?? null) : null;
        if (section !== (editing.section?.code ?? null)) changes.section = section;
        if (Boolean(values.disabled) !== Boolean(editing.disabled)) changes.disabled = Boolean(values.disabled);
        if (values.password) changes.password = values.password;
        await api.updateUser(editing.id, changes);
        message.success(`已保存用户 ${editing.username}`);
      }
      onDone(true);
    } catch (error) {
      if (error instanceof ApiError && error.status === 422 && error.problems.length > 0) {
        form.setFields(error.problems.map((p) => ({ name: p.field as keyof FormValues, errors: [p.message] })));
        setFailure(error.message);
      } else if (error instanceof ApiError && error.status === 409) {
        setFailure('该用户已被其他管理员修改，请关闭后重新打开再修改。');
      } else setFailure(errorMessage(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={isNew ? '新建用户' : `编辑用户 ${editing.username}`}
      okText="保存"
      cancelText="取消"
      onOk={submit}
      confirmLoading={saving}
      onCancel={() => onDone(false)}
      destroyOnHidden
    >
      {failure ? <ErrorAlert error={new ApiError(0, 'FORM', failure)} /> : null}
      <Form form={form} layout="vertical" initialValues={initial} data-testid="user-form">
        <Form.Item
          name="username"
          label="用户名"
          rules={[{ required: true, whitespace: true, message: '请填写用户名' }]}
        >
          <Input disabled={!isNew} autoComplete="off" data-testid="user-username" />
        </Form.Item>
        <Form.Item
          name="displayName"
          label="姓名"
          rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}
        >
          <Input data-testid="user-display-name" />
        </Form.Item>
        <Form.Item name="role" label="角色" rules={[{ required: true, message: '请选择角色' }]}>
          <Select options={ROLE_OPTIONS} data-testid="user-role" />
        </Form.Item>
        {role === 'clerk' ? (
          <Form.Item
            name="section"
            label="所属股室"
            rules={[{ required: true, message: '股室填报员必须属于一个股室' }]}
          >
            {sections.length > 0 ? (
              <Select options={sections.map((s) => ({ value: s.code, label: s.name }))} data-testid="user-section" />
            ) : (
              <Input placeholder="股室代码" data-testid="user-section" />
            )}
          </Form.Item>
        ) : null}
        <Form.Item
          name="password"
          label={isNew ? '初始密码' : '重置密码'}
          rules={isNew ? [{ required: true, message: '请设置初始密码' }] : []}
          extra={isNew ? '请告知用户首次登录后修改密码' : '不重置请留空'}
        >
          <Input.Password autoComplete="new-password" data-testid="user-password" />
        </Form.Item>
        {isNew ? null : (
          <Form.Item name="disabled" label="停用账户" valuePropName="checked">
            <Switch checkedChildren="停用" unCheckedChildren="启用" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

/** 用户管理: the organisation's users and their roles (administrator only). */
export default function UsersPage() {
  const users = useApi(() => api.users(), []);
  const [editing, setEditing] = useState<User | 'new' | undefined>(undefined);
  const [search, setSearch] = useState('');

  const columns: TableColumnsType<User> = [
    { title: '用户名', dataIndex: 'username', sorter: (a, b) => a.username.localeCompare(b.username) },
    { title: '姓名', dataIndex: 'displayName' },
    {
      title: '角色',
      dataIndex: 'role',
      render: (role: Role) => <Tag color="blue">{ROLE_NAMES[role] ?? role}</Tag>,
      filters: ROLE_OPTIONS.map((o) => ({ text: o.label, value: o.value })),
      onFilter: (value, user) => user.role === value,
    },
    { title: '股室', key: 'section', render: (_, user) => user.section?.name ?? '—' },
    {
      title: '状态',
      key: 'status',
      render: (_, user) =>
        user.disabled ? (
          <Tag>已停用</Tag>
        ) : user.lockedUntil ? (
          <Tag color="orange">锁定至 {formatDateTime(user.lockedUntil)}</Tag>
        ) : (
          <Tag color="green">正常</Tag>
        ),
    },
    { title: '最近登录', key: 'lastLoginAt', render: (_, user) => formatDateTime(user.lastLoginAt) },
    {
      title: '操作',
      key: 'actions',
      render: (_, user) => (
        <Typography.Link onClick={() => setEditing(user)} data-testid={`user-edit-${user.username}`}>
          编辑
        </Typography.Link>
      ),
    },
  ];

  const shown = (users.data ?? []).filter(
    (u) => !search || u.username.includes(search) || u.displayName.includes(search),
  );

  return (
    <>
      <PageTitle title="用户管理">
        <Input.Search allowClear placeholder="用户名或姓名" onSearch={setSearch} style={{ width: 200 }} />
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="user-add">
          新建用户
        </Button>
      </PageTitle>
      {users.error ? <ErrorAlert error={users.error} onRetry={users.reload} /> : null}
      <Table<User>
        data-testid="users-table"
        rowKey="id"
        columns={columns}
        dataSource={shown}
        loading={users.loading}
        locale={{ emptyText: users.loading ? ' ' : <EmptyState description="还没有用户。" /> }}
        pagination={{ pageSize: 20, showTotal: (total) => `共 ${total} 个用户` }}
      />
      {editing ? (
        <UserForm
          editing={editing}
          onDone={(saved) => {
            setEditing(undefined);
            if (saved) users.reload();
          }}
        />
      ) : null}
    </>
  );
}

import { PlusOutlined } from '@ant-design/icons';
import type { Account, AccountRequest, AccountRequestStatus, UserChanges } from '@taizhang/contract';
import type { Role } from '@taizhang/core/browser';
import {
  Alert,
  App,
  Badge,
  Button,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Switch,
  Table,
  type TableColumnsType,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client.js';
import { api } from '../../api/endpoints.js';
import { useOrg } from '../../components/org.js';
import { EmptyState, ErrorAlert, errorMessage, PageTitle } from '../../components/states.js';
import { useApi } from '../../components/useApi.js';
import { formatDateTime } from '../../format.js';
import { ROLE_NAMES, ROLES } from '../../roles.js';
import { useUser } from '../../session.js';
import { RequestsTable, StatusFilter } from './RequestsTable.js';

interface FormValues {
  username: string;
  displayName: string;
  role: Role;
  section?: string;
  password?: string;
  disabled?: boolean;
}

const ROLE_OPTIONS = ROLES.map((role) => ({ value: role, label: ROLE_NAMES[role] }));

/** What the administrator changes alone and what waits for the security officer (docs/api.md, "Accounts and approvals"). */
const APPROVAL_RULE =
  '新建账户、授予角色或变更股室、重设密码、启用账户，以及对安全审计员、安全管理员账户的任何修改，提交后须经安全管理员批准才生效；修改姓名、停用普通账户立即生效。';

const isRequest = (answer: Account | AccountRequest): answer is AccountRequest =>
  'kind' in answer && 'summary' in answer;

function UserForm({ editing, onDone }: { editing: Account | 'new'; onDone(saved: boolean): void }) {
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
        const filed = await api.addUser({
          username: values.username.trim(),
          displayName: values.displayName.trim(),
          role: values.role,
          ...(values.role === 'clerk' && values.section ? { section: values.section } : {}),
          password: values.password ?? '',
        });
        message.info(`已提交新建用户 ${values.username} 的申请（第 ${filed.id} 号），安全管理员批准后生效`);
      } else {
        const changes: UserChanges = { version: editing.version };
        if (values.displayName.trim() !== editing.displayName) changes.displayName = values.displayName.trim();
        if (values.role !== editing.role) changes.role = values.role;
        // Only a clerk belongs to a section.
        const section = values.role === 'clerk' ? (values.section ?? null) : null;
        if (section !== (editing.section?.code ?? null)) changes.section = section;
        if (Boolean(values.disabled) !== Boolean(editing.disabled)) changes.disabled = Boolean(values.disabled);
        if (values.password) changes.password = values.password;
        const answer = await api.updateUser(editing.id, changes);
        if (isRequest(answer)) {
          message.info(`修改 ${editing.username} 的申请已提交（第 ${answer.id} 号），安全管理员批准后生效`);
        } else message.success(`已保存用户 ${editing.username}`);
      }
      onDone(true);
    } catch (error) {
      if (error instanceof ApiError && error.status === 422 && error.problems.length > 0) {
        form.setFields(error.problems.map((p) => ({ name: p.field as keyof FormValues, errors: [p.message] })));
        setFailure(error.message);
      } else if (error instanceof ApiError && error.status === 409 && error.code !== 'USER_STALE_VERSION') {
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
      okText={isNew ? '提交审批' : '保存'}
      cancelText="取消"
      onOk={submit}
      confirmLoading={saving}
      onCancel={() => onDone(false)}
      destroyOnHidden
    >
      {failure ? <ErrorAlert error={new ApiError(0, 'FORM', failure)} /> : null}
      <Alert type="info" showIcon title={APPROVAL_RULE} style={{ marginBottom: 16 }} />
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

/** The administrator's requests: pending first, with withdrawal of one's own. */
function RequestsTab({ onChanged }: { onChanged(): void }) {
  const { message } = App.useApp();
  const me = useUser();
  const [status, setStatus] = useState<AccountRequestStatus | undefined>('pending');
  const requests = useApi(() => api.accountRequests({ ...(status ? { status } : {}), limit: 200 }), [status]);
  const withdraw = async (request: AccountRequest) => {
    try {
      await api.withdrawRequest(request.id);
      message.success(`已撤回第 ${request.id} 号申请`);
      requests.reload();
      onChanged();
    } catch (error) {
      message.error(errorMessage(error));
    }
  };
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <StatusFilter value={status} onChange={setStatus} />
      </Space>
      {requests.error ? <ErrorAlert error={requests.error} onRetry={requests.reload} /> : null}
      <RequestsTable
        rows={requests.data?.rows ?? []}
        loading={requests.loading}
        empty={status === 'pending' ? '没有待审批的申请。' : '没有申请。'}
        actions={(request) =>
          request.status === 'pending' && request.requestedBy === me.username ? (
            <Typography.Link onClick={() => withdraw(request)} data-testid={`withdraw-${request.id}`}>
              撤回
            </Typography.Link>
          ) : null
        }
      />
    </>
  );
}

/** 用户管理: the organisation's users and their roles, and the administrator's requests awaiting approval. */
export default function UsersPage() {
  const users = useApi(() => api.users(), []);
  const pending = useApi(() => api.accountRequests({ status: 'pending', limit: 500 }), []);
  const [editing, setEditing] = useState<Account | 'new' | undefined>(undefined);
  const [search, setSearch] = useState('');
  const [tab, setTab] = useState('users');
  const waiting = new Map((pending.data?.rows ?? []).map((r) => [r.username.toLowerCase(), r]));

  const columns: TableColumnsType<Account> = [
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
      render: (_, user) => {
        const request = waiting.get(user.username.toLowerCase());
        return (
          <Space size={4} wrap>
            {user.disabled ? (
              <Tag>已停用</Tag>
            ) : user.lockedUntil && Date.parse(user.lockedUntil) > Date.now() ? (
              <Tag color="orange">锁定至 {formatDateTime(user.lockedUntil)}</Tag>
            ) : (
              <Tag color="green">正常</Tag>
            )}
            {request ? (
              <Tag color="gold" data-testid={`user-pending-${user.username}`}>
                待审批（第 {request.id} 号）
              </Tag>
            ) : null}
          </Space>
        );
      },
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
  const reload = () => {
    users.reload();
    pending.reload();
  };

  return (
    <>
      <PageTitle title="用户管理">
        <Input.Search allowClear placeholder="用户名或姓名" onSearch={setSearch} style={{ width: 200 }} />
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="user-add">
          新建用户
        </Button>
      </PageTitle>
      <Typography.Paragraph type="secondary">{APPROVAL_RULE}</Typography.Paragraph>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        destroyOnHidden
        items={[
          {
            key: 'users',
            label: '用户',
            children: (
              <>
                {users.error ? <ErrorAlert error={users.error} onRetry={users.reload} /> : null}
                <Table<Account>
                  data-testid="users-table"
                  rowKey="id"
                  columns={columns}
                  dataSource={shown}
                  loading={users.loading}
                  scroll={{ x: 'max-content' }}
                  locale={{ emptyText: users.loading ? ' ' : <EmptyState description="还没有用户。" /> }}
                  pagination={{ pageSize: 20, showTotal: (total) => `共 ${total} 个用户` }}
                />
              </>
            ),
          },
          {
            key: 'requests',
            label: (
              <span data-testid="tab-requests">
                变更申请 <Badge count={pending.data?.total ?? 0} size="small" showZero={false} />
              </span>
            ),
            children: <RequestsTab onChanged={reload} />,
          },
        ]}
      />
      {editing ? (
        <UserForm
          editing={editing}
          onDone={(saved) => {
            setEditing(undefined);
            if (saved) reload();
          }}
        />
      ) : null}
    </>
  );
}

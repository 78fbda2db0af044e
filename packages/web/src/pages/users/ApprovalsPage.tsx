import { CheckOutlined, CloseOutlined, SearchOutlined, UnlockOutlined } from '@ant-design/icons';
import type { Account, AccountRequest, AccountRequestStatus, SignInFailure } from '@taizhang/contract';
import {
  Alert,
  App,
  Badge,
  Button,
  Input,
  Modal,
  Space,
  Switch,
  type TableColumnsType,
  Tabs,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { api } from '../../api/endpoints.js';
import { CellLines } from '../../components/CellLines.js';
import { ListTable, serverPages } from '../../components/ListTable.js';
import { ErrorAlert, errorMessage, PageTitle } from '../../components/states.js';
import { useApi } from '../../components/useApi.js';
import { formatDateTime } from '../../format.js';
import { ROLE_NAMES } from '../../roles.js';
import { useUser } from '../../session.js';
import { RequestsTable, StatusFilter } from './RequestsTable.js';

/** Why the signed-in security officer may not decide a request, or undefined when they may. */
function whyNot(request: AccountRequest, me: { id: string | number; username: string }): string | undefined {
  if (request.requestedBy === me.username) return '不能审批本人提交的申请';
  if (request.userId !== null && String(request.userId) === String(me.id))
    return '对本人账户的变更须由另一位安全管理员审批';
  return undefined;
}

/** Approve or reject one request, with an optional note (required in spirit for a rejection). */
function DecisionModal({
  request,
  decision,
  onDone,
}: {
  request: AccountRequest;
  decision: 'approve' | 'reject';
  onDone(changed: boolean): void;
}) {
  const { message } = App.useApp();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(undefined);
  const approve = decision === 'approve';
  const submit = async () => {
    setBusy(true);
    setFailure(undefined);
    try {
      if (approve) await api.approveRequest(request.id, note.trim());
      else await api.rejectRequest(request.id, note.trim());
      message.success(`已${approve ? '批准' : '驳回'}第 ${request.id} 号申请`);
      onDone(true);
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={`${approve ? '批准' : '驳回'}第 ${request.id} 号申请：${request.username}`}
      okText={approve ? '批准，立即生效' : '驳回'}
      okButtonProps={{ danger: !approve, id: 'decision-ok' }}
      cancelText="取消"
      confirmLoading={busy}
      onOk={submit}
      onCancel={() => onDone(false)}
      destroyOnHidden
    >
      {failure ? <ErrorAlert error={failure} /> : null}
      <Typography.Paragraph>
        {request.requestedBy} 于 {formatDateTime(request.requestedAt)} 申请：
      </Typography.Paragraph>
      <ul>
        {request.summary.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <Input.TextArea
        rows={3}
        maxLength={500}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        placeholder={approve ? '审批意见（可不填），如：已核对人事通知' : '驳回理由，如：未见书面申请'}
        data-testid="decision-note"
      />
    </Modal>
  );
}

function PendingTab({ onDecided }: { onDecided(): void }) {
  const me = useUser();
  const pending = useApi(() => api.accountRequests({ status: 'pending', limit: 500 }), []);
  const [deciding, setDeciding] = useState<{ request: AccountRequest; decision: 'approve' | 'reject' }>();
  return (
    <>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title="系统管理员提出的新建账户、授予角色或变更股室、重设密码、启用账户，以及对安全审计员和安全管理员账户的任何修改，经您批准后才生效。请先核对书面申请。"
      />
      {pending.error ? <ErrorAlert error={pending.error} onRetry={pending.reload} /> : null}
      <RequestsTable
        rows={pending.data?.rows ?? []}
        loading={pending.loading}
        empty="没有待审批的申请。"
        actions={(request) => {
          const reason = whyNot(request, me);
          const buttons = (
            <Space wrap>
              <Button
                type="primary"
                size="small"
                icon={<CheckOutlined />}
                disabled={reason !== undefined}
                onClick={() => setDeciding({ request, decision: 'approve' })}
                data-testid={`approve-${request.id}`}
              >
                批准
              </Button>
              <Button
                danger
                size="small"
                icon={<CloseOutlined />}
                disabled={reason !== undefined}
                onClick={() => setDeciding({ request, decision: 'reject' })}
                data-testid={`reject-${request.id}`}
              >
                驳回
              </Button>
            </Space>
          );
          return reason ? <Tooltip title={reason}>{buttons}</Tooltip> : buttons;
        }}
      />
      {deciding ? (
        <DecisionModal
          {...deciding}
          onDone={(changed) => {
            setDeciding(undefined);
            if (changed) {
              pending.reload();
              onDecided();
            }
          }}
        />
      ) : null}
    </>
  );
}

function HistoryTab() {
  const [status, setStatus] = useState<AccountRequestStatus | undefined>(undefined);
  const [page, setPage] = useState(1);
  const size = 20;
  const history = useApi(
    () => api.accountRequests({ ...(status ? { status } : {}), offset: (page - 1) * size, limit: size }),
    [status, page],
  );
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <StatusFilter
          value={status}
          onChange={(value) => {
            setStatus(value);
            setPage(1);
          }}
        />
      </Space>
      {history.error ? <ErrorAlert error={history.error} onRetry={history.reload} /> : null}
      <RequestsTable
        rows={history.data?.rows ?? []}
        loading={history.loading}
        empty="还没有账户变更申请。"
        pagination={{ current: page, pageSize: size, total: history.data?.total ?? 0, onChange: setPage }}
      />
    </>
  );
}

const isLocked = (user: Account) =>
  user.lockedUntil !== null && user.lockedUntil !== undefined && Date.parse(user.lockedUntil) > Date.now();

function AccountsTab() {
  const { message, modal } = App.useApp();
  const users = useApi(() => api.users(), []);
  const [lockedOnly, setLockedOnly] = useState(false);
  const unlock = (user: Account) =>
    modal.confirm({
      title: `解除 ${user.username} 的登录锁定？`,
      content: '解除后，陌生地址也可以立即重新尝试登录。请先确认锁定不是他人猜测密码所致。',
      okText: '解除锁定',
      cancelText: '取消',
      onOk: async () => {
        try {
          await api.unlockUser(user.id);
          message.success(`已解除 ${user.username} 的锁定`);
          users.reload();
        } catch (error) {
          message.error(errorMessage(error));
        }
      },
    });
  const columns: TableColumnsType<Account> = [
    { title: '用户名', dataIndex: 'username', width: 130 },
    { title: '姓名', dataIndex: 'displayName', width: 140 },
    { title: '角色', dataIndex: 'role', width: 120, render: (role: Account['role']) => ROLE_NAMES[role] ?? role },
    {
      title: '状态',
      key: 'status',
      width: 200,
      render: (_, user) =>
        user.disabled ? (
          <Tag>已停用</Tag>
        ) : isLocked(user) ? (
          <Tag color="orange">锁定至 {formatDateTime(user.lockedUntil)}</Tag>
        ) : (
          <Tag color="green">正常</Tag>
        ),
    },
    {
      title: '最近登录',
      key: 'last',
      width: 200,
      render: (_, user) => <CellLines main={formatDateTime(user.lastLoginAt)} note={user.lastLoginAddress} />,
    },
    {
      title: '操作',
      key: 'actions',
      width: 110,
      render: (_, user) =>
        isLocked(user) ? (
          <Button
            size="small"
            icon={<UnlockOutlined />}
            onClick={() => unlock(user)}
            data-testid={`unlock-${user.username}`}
          >
            解除锁定
          </Button>
        ) : null,
    },
  ];
  const rows = (users.data ?? []).filter((u) => !lockedOnly || isLocked(u));
  const lockedCount = (users.data ?? []).filter(isLocked).length;
  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <Switch checked={lockedOnly} onChange={setLockedOnly} data-testid="locked-only" />
        <span>只看锁定的账户（{lockedCount} 个）</span>
      </Space>
      <Typography.Paragraph type="secondary">
        连续 5 次从未成功登录过的地址输错密码，账户对这些陌生地址锁定 15 分钟；本人常用地址仍可登录。
      </Typography.Paragraph>
      {users.error ? <ErrorAlert error={users.error} onRetry={users.reload} /> : null}
      <ListTable<Account>
        testId="accounts-table"
        columns={columns}
        dataSource={rows}
        loading={users.loading}
        empty={lockedOnly ? '没有锁定的账户。' : '没有账户。'}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
      />
    </>
  );
}

const REASON_COLORS: Readonly<Record<SignInFailure['reason'], string>> = {
  unknown: 'purple',
  wrong: 'orange',
  locked: 'red',
  disabled: 'default',
  throttled: 'magenta',
};

function FailuresTab() {
  const [username, setUsername] = useState('');
  const [page, setPage] = useState(1);
  const size = 50;
  const failures = useApi(
    () => api.signInFailures({ ...(username ? { username } : {}), offset: (page - 1) * size, limit: size }),
    [username, page],
  );
  const columns: TableColumnsType<SignInFailure> = [
    { title: '时间', dataIndex: 'at', width: 160, render: (at: string) => formatDateTime(at) },
    {
      title: '输入的用户名',
      key: 'username',
      width: 150,
      render: (_, f) => <CellLines main={f.username} note={f.account === null ? '（无此账户）' : null} />,
    },
    { title: '来源地址', dataIndex: 'address', width: 140, render: (address: string | null) => address ?? '—' },
    {
      title: '原因',
      key: 'reason',
      width: 190,
      render: (_, f) => (
        <Space size={4} wrap>
          <Tag color={REASON_COLORS[f.reason]}>{f.reasonName}</Tag>
          {f.locked ? <Tag color="red">此次导致锁定</Tag> : null}
        </Space>
      ),
    },
  ];
  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <Input.Search
          allowClear
          placeholder="按输入的用户名查找"
          enterButton={<SearchOutlined />}
          onSearch={(value) => {
            setUsername(value.trim());
            setPage(1);
          }}
          style={{ width: 240 }}
          data-testid="failures-search"
        />
      </Space>
      <Typography.Paragraph type="secondary">
        登录页对用户名不存在、密码错误、账户锁定或停用给出同样的提示；此处记录每次失败的真实原因，审计员在审计日志中可见同样的记录。
      </Typography.Paragraph>
      {failures.error ? <ErrorAlert error={failures.error} onRetry={failures.reload} /> : null}
      <ListTable<SignInFailure>
        testId="failures-table"
        columns={columns}
        dataSource={failures.data?.rows ?? []}
        loading={failures.loading}
        empty="没有失败的登录。"
        pagination={serverPages({ page, size, total: failures.data?.total ?? 0, unit: '次', onChange: setPage })}
      />
    </>
  );
}

/**
 * 账户审批 (the security officer): the administrator's requests to approve or reject, their
 * history, the accounts with their locks (and unlocking), and every refused sign-in.
 */
export default function ApprovalsPage() {
  const count = useApi(() => api.accountRequests({ status: 'pending', limit: 1 }), []);
  const [tab, setTab] = useState('pending');
  const [historyKey, setHistoryKey] = useState(0);
  const pending = count.data?.total ?? 0;
  return (
    <>
      <PageTitle title="账户审批" />
      <Tabs
        activeKey={tab}
        onChange={setTab}
        destroyOnHidden
        items={[
          {
            key: 'pending',
            label: (
              <span data-testid="tab-pending">
                待审批 <Badge count={pending} size="small" showZero={false} />
              </span>
            ),
            children: (
              <PendingTab
                onDecided={() => {
                  count.reload();
                  setHistoryKey((k) => k + 1);
                }}
              />
            ),
          },
          { key: 'history', label: '审批记录', children: <HistoryTab key={historyKey} /> },
          { key: 'accounts', label: <span data-testid="tab-accounts">账户与锁定</span>, children: <AccountsTab /> },
          { key: 'failures', label: <span data-testid="tab-failures">登录失败</span>, children: <FailuresTab /> },
        ]}
      />
    </>
  );
}

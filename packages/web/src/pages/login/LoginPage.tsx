import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { ApiError } from '../../api/client.js';
import { errorMessage } from '../../components/states.js';
import { formatDateTime } from '../../format.js';
import { homePath, mayOpen, PAGES } from '../../roles.js';
import { useSession } from '../../session.js';

interface Values {
  username: string;
  password: string;
}

/** A sign-in refusal in Chinese: the server's own message, and for a lock, until when. */
export function loginErrorText(error: unknown): { title: string; detail?: string } {
  if (!(error instanceof ApiError)) return { title: errorMessage(error) };
  switch (error.status) {
    case 401:
      return { title: error.code === 'LOGIN_FAILED' ? error.message : '用户名或密码错误' };
    case 423: {
      // `details` says until when; a bare instant in it is shown in Beijing time.
      const until = error.details.map((line) =>
        /^\d{4}-\d{2}-\d{2}T/.test(line) ? `锁定至 ${formatDateTime(line)}` : line,
      );
      const detail = until.length > 0 ? until.join('；') : undefined;
      return { title: error.message || '账户已被暂时锁定', ...(detail ? { detail } : {}) };
    }
    case 429:
      return { title: error.message || '尝试次数过多，请稍后再试' };
    default:
      return { title: error.message };
  }
}

/** Where to go after signing in: back where the session ran out, if the role may open it. */
function destination(from: unknown, role: Parameters<typeof homePath>[0]): string {
  if (typeof from === 'string') {
    const page = PAGES.find((p) => from.startsWith(p.path));
    if (page && mayOpen(role, page.key)) return from;
  }
  return homePath(role);
}

export default function LoginPage() {
  const { user, login, notice } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const [failure, setFailure] = useState<{ title: string; detail?: string } | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const from = (location.state as { from?: unknown } | null)?.from;

  if (user) return <Navigate to={destination(from, user.role)} replace />;

  const submit = async (values: Values) => {
    setBusy(true);
    setFailure(undefined);
    try {
      const signedIn = await login(values.username.trim(), values.password);
      navigate(destination(from, signedIn.role), { replace: true });
    } catch (error) {
      setFailure(loginErrorText(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="tz-login">
      <Card>
        <Typography.Title level={3} style={{ textAlign: 'center', marginTop: 0 }}>
          台账
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
          住房和城乡建设局工作台账与报告系统
        </Typography.Paragraph>
        {notice && !failure ? <Alert type="warning" showIcon title={notice} style={{ marginBottom: 16 }} /> : null}
        {failure ? (
          <Alert
            type="error"
            showIcon
            data-testid="login-error"
            title={failure.title}
            description={failure.detail}
            style={{ marginBottom: 16 }}
          />
        ) : null}
        <Form<Values> layout="vertical" onFinish={submit} requiredMark={false} data-testid="login-form">
          <Form.Item
            name="username"
            label="用户名"
            rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}
          >
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus data-testid="login-username" />
          </Form.Item>
          <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">
            登录
          </Button>
        </Form>
      </Card>
    </div>
  );
}

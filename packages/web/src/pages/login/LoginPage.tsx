import { LockOutlined, UserOutlined } from '@ant-design/icons';
import type { User } from '@taizhang/contract';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { errorMessage } from '../../components/states.js';
import { homePath, mayOpen, PAGES } from '../../roles.js';
import { useSession } from '../../session.js';

interface Values {
  username: string;
  password: string;
}

/** Where to go after signing in: back where the session ran out, if the user may open it. */
function destination(from: unknown, user: User): string {
  if (typeof from === 'string') {
    const page = PAGES.find((p) => from.startsWith(p.path));
    if (page && mayOpen(user, page.key)) return from;
  }
  return homePath(user);
}

export default function LoginPage() {
  const { user, login, notice } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const [failure, setFailure] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const from = (location.state as { from?: unknown } | null)?.from;

  if (user) return <Navigate to={destination(from, user)} replace />;

  const submit = async (values: Values) => {
    setBusy(true);
    setFailure(undefined);
    try {
      const signedIn = await login(values.username.trim(), values.password);
      navigate(destination(from, signedIn), { replace: true });
    } catch (error) {
      // The server answers every refusal (unknown name, wrong password, locked or disabled
      // account) with one 401 and one message, so that none tells them apart.
      setFailure(errorMessage(error));
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
          <Alert type="error" showIcon data-testid="login-error" title={failure} style={{ marginBottom: 16 }} />
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

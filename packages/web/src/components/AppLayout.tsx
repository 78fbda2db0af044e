import {
  AimOutlined,
  AuditOutlined,
  BarChartOutlined,
  CheckSquareOutlined,
  FileTextOutlined,
  FormOutlined,
  KeyOutlined,
  LogoutOutlined,
  SafetyCertificateOutlined,
  SettingOutlined,
  TableOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Button, Layout, Menu, Space, Spin, Tag, Typography } from 'antd';
import { type ReactNode, Suspense, useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { type PageKey, pagesFor, ROLE_NAMES } from '../roles.js';
import { useSession, useUser } from '../session.js';
import { ChangePasswordModal } from './ChangePasswordModal.js';
import { ErrorBoundary } from './ErrorBoundary.js';
import { OrgProvider, useOrg } from './org.js';

const ICONS: Record<PageKey, ReactNode> = {
  todo: <CheckSquareOutlined />,
  indicators: <FormOutlined />,
  targets: <AimOutlined />,
  ledgers: <TableOutlined />,
  ledgerSettings: <SettingOutlined />,
  dashboard: <BarChartOutlined />,
  reports: <FileTextOutlined />,
  users: <TeamOutlined />,
  approvals: <SafetyCertificateOutlined />,
  audit: <AuditOutlined />,
};

/** The frame of every signed-in page: the menu of what the role may open, and who is signed in. */
export function AppLayout() {
  return (
    <OrgProvider>
      <Frame />
    </OrgProvider>
  );
}

function Frame() {
  const user = useUser();
  const { logout } = useSession();
  const { context } = useOrg();
  const location = useLocation();
  const navigate = useNavigate();
  const [collapsed, setCollapsed] = useState(false);
  const [changingPassword, setChangingPassword] = useState(false);

  const pages = pagesFor(user);
  const selected = pages.find((page) => location.pathname.startsWith(page.path))?.key;
  const orgName = context?.org.name ?? user.org.name;

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider collapsible collapsed={collapsed} onCollapse={setCollapsed} breakpoint="lg" width={200}>
        <div className="tz-brand">{collapsed ? '台' : '台账'}</div>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={selected ? [selected] : []}
          data-testid="nav"
          items={pages.map((page) => ({
            key: page.key,
            icon: ICONS[page.key],
            label: (
              <Link to={page.path} data-testid={`nav-${page.key}`}>
                {page.label}
              </Link>
            ),
          }))}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header className="tz-header">
          <span className="tz-org" data-testid="header-org" title={orgName}>
            {orgName}
          </span>
          <Space size="middle" wrap={false}>
            <span data-testid="header-user">
              <UserOutlined />{' '}
              <Typography.Text strong className="tz-header-name">
                {user.displayName}
              </Typography.Text>{' '}
              <Tag color="blue" data-testid="header-role">
                {ROLE_NAMES[user.role] ?? user.role}
              </Tag>
              {user.section ? <Tag data-testid="header-section">{user.section.name}</Tag> : null}
            </span>
            <Button icon={<KeyOutlined />} onClick={() => setChangingPassword(true)} data-testid="change-password">
              <span className="tz-button-label">修改密码</span>
            </Button>
            <Button
              icon={<LogoutOutlined />}
              data-testid="logout"
              onClick={async () => {
                await logout();
                navigate('/login', { replace: true });
              }}
            >
              <span className="tz-button-label">退出</span>
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content className="tz-content">
          <ErrorBoundary resetKey={location.pathname}>
            <Suspense
              fallback={
                <div style={{ padding: 48, textAlign: 'center' }}>
                  <Spin description="正在加载页面…" />
                </div>
              }
            >
              <Outlet />
            </Suspense>
          </ErrorBoundary>
        </Layout.Content>
      </Layout>
      <ChangePasswordModal open={changingPassword} onClose={() => setChangingPassword(false)} />
    </Layout>
  );
}

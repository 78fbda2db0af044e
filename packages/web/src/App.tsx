import { Button, Result, Spin } from 'antd';
import { lazy, type ReactNode, Suspense } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { AppLayout } from './components/AppLayout.js';
import { ErrorBoundary } from './components/ErrorBoundary.js';
import { homePath, mayOpen, type PageKey } from './roles.js';
import { SessionProvider, useSession } from './session.js';

// Every page is its own chunk: the first load carries only the frame and the sign-in page's code.
const LoginPage = lazy(() => import('./pages/login/LoginPage.js'));
const TodoPage = lazy(() => import('./pages/todo/TodoPage.js'));
const IndicatorsPage = lazy(() => import('./pages/indicators/IndicatorsPage.js'));
const TargetsPage = lazy(() => import('./pages/targets/TargetsPage.js'));
const LedgersPage = lazy(() => import('./pages/ledgers/LedgersPage.js'));
const LedgerSettingsPage = lazy(() => import('./pages/ledger-settings/LedgerSettingsPage.js'));
const DashboardPage = lazy(() => import('./pages/dashboard/DashboardPage.js'));
const ReportsPage = lazy(() => import('./pages/reports/ReportsPage.js'));
const UsersPage = lazy(() => import('./pages/users/UsersPage.js'));
const ApprovalsPage = lazy(() => import('./pages/users/ApprovalsPage.js'));
const AuditPage = lazy(() => import('./pages/audit/AuditPage.js'));

function FullPageSpin() {
  return (
    <div style={{ height: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
      <Spin size="large" description="正在加载…" />
    </div>
  );
}

/** Signed-in pages: without a session, to 登录, remembering where the user was going. */
function RequireSession({ children }: { children: ReactNode }) {
  const { user, signedOut } = useSession();
  const location = useLocation();
  if (user === undefined) return <FullPageSpin />;
  if (user === null) {
    const from = signedOut ? undefined : `${location.pathname}${location.search}`;
    return <Navigate to="/login" replace state={{ from }} />;
  }
  return children;
}

/** A page the role may not open says so instead of showing what the server would refuse. */
function Guard({ page, children }: { page: PageKey; children: ReactNode }) {
  const { user } = useSession();
  if (!user) return null;
  if (mayOpen(user, page)) return children;
  return (
    <Result
      status="403"
      title="无权访问"
      subTitle="您的角色不能使用此页面。如需开通，请联系系统管理员。"
      data-testid="forbidden"
      extra={
        <Button type="primary" href={homePath(user)}>
          返回我的首页
        </Button>
      }
    />
  );
}

function Home() {
  const { user } = useSession();
  return <Navigate to={user ? homePath(user) : '/login'} replace />;
}

function NotFound() {
  return <Result status="404" title="页面不存在" subTitle="您访问的页面不存在，请从左侧菜单进入。" />;
}

function AppRoutes() {
  return (
    <Routes>
      <Route
        path="/login"
        element={
          <ErrorBoundary>
            <Suspense fallback={<FullPageSpin />}>
              <LoginPage />
            </Suspense>
          </ErrorBoundary>
        }
      />
      <Route
        element={
          <RequireSession>
            <AppLayout />
          </RequireSession>
        }
      >
        <Route index element={<Home />} />
        <Route
          path="todo"
          element={
            <Guard page="todo">
              <TodoPage />
            </Guard>
          }
        />
        <Route
          path="indicators"
          element={
            <Guard page="indicators">
              <IndicatorsPage />
            </Guard>
          }
        />
        <Route
          path="targets"
          element={
            <Guard page="targets">
              <TargetsPage />
            </Guard>
          }
        />
        <Route
          path="ledgers"
          element={
            <Guard page="ledgers">
              <LedgersPage />
            </Guard>
          }
        />
        <Route
          path="ledgers/:code"
          element={
            <Guard page="ledgers">
              <LedgersPage />
            </Guard>
          }
        />
        <Route
          path="ledger-settings"
          element={
            <Guard page="ledgerSettings">
              <LedgerSettingsPage />
            </Guard>
          }
        />
        <Route
          path="dashboard"
          element={
            <Guard page="dashboard">
              <DashboardPage />
            </Guard>
          }
        />
        <Route
          path="reports"
          element={
            <Guard page="reports">
              <ReportsPage />
            </Guard>
          }
        />
        <Route
          path="users"
          element={
            <Guard page="users">
              <UsersPage />
            </Guard>
          }
        />
        <Route
          path="approvals"
          element={
            <Guard page="approvals">
              <ApprovalsPage />
            </Guard>
          }
        />
        <Route
          path="audit"
          element={
            <Guard page="audit">
              <AuditPage />
            </Guard>
          }
        />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}

export function App() {
  return (
    <SessionProvider>
      <AppRoutes />
    </SessionProvider>
  );
}

import { Alert, Button, Empty, Skeleton } from 'antd';
import type { ReactNode } from 'react';
import { ApiError } from '../api/client.js';

/** While a page's data loads. */
export function Loading({ rows = 6 }: { rows?: number }) {
  return (
    <div data-testid="loading">
      <Skeleton active paragraph={{ rows }} />
    </div>
  );
}

/** The Chinese message of any error. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error && error.message) return `出现错误：${error.message}`;
  return '出现未知错误，请稍后重试';
}

/** A failed load or action, with its details and a retry. */
export function ErrorAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const details = error instanceof ApiError ? [...error.details, ...error.problems.map((p) => p.message)] : [];
  return (
    <Alert
      type="error"
      showIcon
      data-testid="error-alert"
      title={errorMessage(error)}
      description={
        details.length > 0 ? (
          <ul style={{ margin: 0, paddingLeft: 20 }}>
            {details.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        ) : undefined
      }
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            重试
          </Button>
        ) : undefined
      }
      style={{ marginBottom: 16 }}
    />
  );
}

/** Nothing to show, said in a sentence. */
export function EmptyState({ description, children }: { description: ReactNode; children?: ReactNode }) {
  return (
    <Empty data-testid="empty" description={description} style={{ padding: '32px 0' }}>
      {children}
    </Empty>
  );
}

/** A page's heading row: title on the left, controls on the right. */
export function PageTitle({ title, children }: { title: ReactNode; children?: ReactNode }) {
  return (
    <div className="tz-page-title">
      <h2>{title}</h2>
      {children ? (
        <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap', alignItems: 'center' }}>{children}</div>
      ) : null}
    </div>
  );
}

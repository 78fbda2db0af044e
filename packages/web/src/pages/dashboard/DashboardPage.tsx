import { periodLabel } from '@taizhang/core/browser';
import { Alert, Col, Row, Space, Spin, Typography } from 'antd';
import { lazy, Suspense } from 'react';
import { api } from '../../api/endpoints.js';
import { useOrg } from '../../components/org.js';
import { PeriodPicker } from '../../components/PeriodPicker.js';
import { EmptyState, ErrorAlert, Loading, PageTitle } from '../../components/states.js';
import { useApi } from '../../components/useApi.js';
import { formatAheadOfTime, formatPercent } from '../../format.js';
import { IndicatorCard } from './IndicatorCard.js';

// ECharts is loaded only here, after the cards: the rest of the application never pays for it.
const Charts = lazy(() => import('./Charts.js'));

/** 领导驾驶舱: every indicator against its target and time progress, warnings first, then the charts. */
export default function DashboardPage() {
  const { period } = useOrg();
  const dashboard = useApi(() => api.dashboard(period), [period.year, period.through]);
  const data = dashboard.data;

  return (
    <>
      <PageTitle title="领导驾驶舱">
        <PeriodPicker />
      </PageTitle>
      {dashboard.error ? <ErrorAlert error={dashboard.error} onRetry={dashboard.reload} /> : null}
      {dashboard.loading && !data ? <Loading rows={10} /> : null}
      {data ? (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Typography.Text type="secondary">
            {periodLabel(data.period)}
            ，绿色为达到或超过时序进度，黄色为落后于时序进度，红色为落后超过 10 个百分点。
          </Typography.Text>
          {data.warnings.length > 0 ? (
            <Alert
              type="warning"
              showIcon
              data-testid="dashboard-warnings"
              title={`${data.warnings.length} 项指标完成率低于时序进度`}
              description={
                <ul style={{ margin: 0, paddingLeft: 20 }}>
                  {data.warnings.map((w) => (
                    <li key={w.code}>
                      {w.name}：完成 {formatPercent(w.share)}，{formatAheadOfTime(w.aheadOfTime)}
                    </li>
                  ))}
                </ul>
              }
            />
          ) : null}
          {data.cards.length === 0 ? (
            <EmptyState description="本期还没有可展示的指标。" />
          ) : (
            <Row gutter={[16, 16]} data-testid="dashboard-cards">
              {data.cards.map((card) => (
                <Col key={card.code} xs={24} sm={12} lg={8} xxl={6}>
                  <IndicatorCard figure={card} />
                </Col>
              ))}
            </Row>
          )}
          <Suspense
            fallback={
              <div style={{ padding: 32, textAlign: 'center' }}>
                <Spin description="正在加载图表…" />
              </div>
            }
          >
            <Charts dashboard={data} />
          </Suspense>
        </Space>
      ) : null}
    </>
  );
}

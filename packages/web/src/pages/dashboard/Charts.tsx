import type { Dashboard, DashboardSeries } from '@taizhang/contract';
import { Card, Col, Row, Select, Space } from 'antd';
import { useMemo, useState } from 'react';
import { EmptyState } from '../../components/states.js';
import { type ChartOption, EChart } from './EChart.js';

/** A decimal string for drawing (never for printing): null stays a gap in the line. */
function num(value: string | null | undefined): number | null {
  if (value === null || value === undefined || value === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

const COLORS = ['#1a5fb4', '#d48806', '#8c8c8c', '#389e0d', '#cf1322', '#722ed1', '#13c2c2', '#eb2f96'];

const tooltip = { trigger: 'axis' as const };
const grid = { left: 56, right: 24, top: 40, bottom: 32 };

function trendOption(series: DashboardSeries): ChartOption {
  const months = series.months.map((m) => `${m.month}月`);
  return {
    color: COLORS,
    tooltip,
    grid,
    legend: { top: 0 },
    xAxis: { type: 'category', data: months },
    yAxis: { type: 'value', name: series.unit },
    series: [
      { name: '本年累计', type: 'line', data: series.months.map((m) => num(m.value)), smooth: false, symbolSize: 6 },
      {
        name: '目标进度',
        type: 'line',
        data: series.months.map((m) => num(m.target)),
        lineStyle: { type: 'dashed' },
        symbol: 'none',
      },
    ],
  };
}

function yearOnYearOption(series: DashboardSeries): ChartOption {
  return {
    color: [COLORS[0] as string, COLORS[2] as string],
    tooltip,
    grid,
    legend: { top: 0 },
    xAxis: { type: 'category', data: series.months.map((m) => `${m.month}月`) },
    yAxis: { type: 'value', name: series.unit },
    series: [
      { name: '本年', type: 'bar', data: series.months.map((m) => num(m.value)) },
      { name: '上年同期', type: 'bar', data: series.months.map((m) => num(m.prior)) },
    ],
  };
}

function projectsOption(projects: Dashboard['projects']): ChartOption {
  const stages = [...new Set(projects.flatMap((p) => p.byStage.map((s) => s.stage)))];
  return {
    color: COLORS,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { ...grid, top: 56 },
    legend: { top: 0, type: 'scroll' },
    xAxis: { type: 'category', data: projects.map((p) => `${p.category}（${p.count}）`) },
    yAxis: { type: 'value', name: '个', minInterval: 1 },
    series: stages.map((stage) => ({
      name: stage,
      type: 'bar' as const,
      stack: 'stage',
      data: projects.map((p) => p.byStage.find((s) => s.stage === stage)?.count ?? 0),
    })),
  };
}

function complaintsOption(complaints: Dashboard['complaints']): ChartOption {
  return {
    color: [COLORS[0] as string, COLORS[3] as string],
    tooltip,
    grid,
    legend: { top: 0 },
    xAxis: { type: 'category', data: complaints.map((c) => `${c.month}月`) },
    yAxis: { type: 'value', name: '件', minInterval: 1 },
    series: [
      { name: '受理', type: 'bar', data: complaints.map((c) => c.received) },
      { name: '办结', type: 'line', data: complaints.map((c) => c.closed), symbolSize: 6 },
    ],
  };
}

/** The dashboard's charts: one indicator's trend against its target and last year, projects, complaints. */
export default function Charts({ dashboard }: { dashboard: Dashboard }) {
  const [code, setCode] = useState<string | undefined>(dashboard.series[0]?.code);
  const series = dashboard.series.find((s) => s.code === code) ?? dashboard.series[0];
  const trend = useMemo(() => (series ? trendOption(series) : undefined), [series]);
  const yoy = useMemo(() => (series ? yearOnYearOption(series) : undefined), [series]);
  const projects = useMemo(() => projectsOption(dashboard.projects), [dashboard.projects]);
  const complaints = useMemo(() => complaintsOption(dashboard.complaints), [dashboard.complaints]);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title="指标走势"
        extra={
          dashboard.series.length > 0 ? (
            <Select
              value={series?.code}
              onChange={setCode}
              options={dashboard.series.map((s) => ({ value: s.code, label: s.name }))}
              style={{ width: 240 }}
              aria-label="选择指标"
              data-testid="chart-indicator"
            />
          ) : null
        }
      >
        {series && trend && yoy ? (
          <Row gutter={16}>
            <Col xs={24} xl={12}>
              <EChart option={trend} label={`${series.name}累计完成与目标`} testId="chart-trend" />
            </Col>
            <Col xs={24} xl={12}>
              <EChart option={yoy} label={`${series.name}本年与上年同期`} testId="chart-yoy" />
            </Col>
          </Row>
        ) : (
          <EmptyState description="本期没有可绘制走势的指标。" />
        )}
      </Card>
      <Row gutter={16}>
        <Col xs={24} xl={12}>
          <Card title="重点项目进展（按类别、所处阶段）">
            {dashboard.projects.length > 0 ? (
              <EChart option={projects} label="重点项目按类别和阶段" testId="chart-projects" />
            ) : (
              <EmptyState description="本年度没有重点项目记录。" />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title="群众投诉受理与办结（按月）">
            {dashboard.complaints.length > 0 ? (
              <EChart option={complaints} label="群众投诉每月受理与办结" testId="chart-complaints" />
            ) : (
              <EmptyState description="本期没有群众投诉记录。" />
            )}
          </Card>
        </Col>
      </Row>
    </Space>
  );
}

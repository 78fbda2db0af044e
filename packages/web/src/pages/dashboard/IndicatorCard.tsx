import type { IndicatorFigures } from '@taizhang/contract';
import { Card, Progress, Tag, Tooltip, Typography } from 'antd';
import { formatAheadOfTime, formatAmount, formatGrowth, formatPercent, NONE } from '../../format.js';

/** How each of the server's statuses looks ('none': no target or no figure to judge). */
const STATUS: Record<IndicatorFigures['status'], { label: string; color: string; stroke: string } | undefined> = {
  green: { label: '序时推进', color: 'green', stroke: '#389e0d' },
  yellow: { label: '落后序时', color: 'gold', stroke: '#d48806' },
  red: { label: '严重滞后', color: 'red', stroke: '#cf1322' },
  none: undefined,
};

/** A figure, or "—" with the reason the server gave for it. */
function Figure({ figure, name, text }: { figure: IndicatorFigures; name: string; text: string }) {
  const reason = figure.missing?.[name];
  if (text !== NONE || !reason) return <>{text}</>;
  return (
    <Tooltip title={reason}>
      <Typography.Text type="secondary" style={{ borderBottom: '1px dotted #999' }}>
        {NONE}
      </Typography.Text>
    </Tooltip>
  );
}

/** One indicator on the dashboard: 累计, 目标, 完成率 against 时序进度, 同比; red or yellow when behind. */
export function IndicatorCard({ figure }: { figure: IndicatorFigures }) {
  // The server judges the status, with the indicator's own red threshold (core's status rule).
  const { status } = figure;
  const look = STATUS[status];
  const share = figure.share === null ? null : Number(figure.share);
  const target =
    figure.target !== null
      ? formatAmount(figure.target, figure.unit)
      : figure.targetGrowth !== null
        ? `增速 ${formatPercent(figure.targetGrowth)}`
        : NONE;

  return (
    <Card
      size="small"
      className={look ? `tz-card-${status}` : undefined}
      data-testid={`dashboard-card-${figure.code}`}
      data-status={status}
      title={
        <Tooltip title={`${figure.section.name} · ${figure.periodLabel}`}>
          <span>{figure.name}</span>
        </Tooltip>
      }
      extra={look ? <Tag color={look.color}>{look.label}</Tag> : null}
    >
      <div style={{ fontSize: 22, fontWeight: 600, lineHeight: 1.3 }}>
        <Figure figure={figure} name="ytd" text={formatAmount(figure.ytd, figure.unit, figure.decimals)} />
      </div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {figure.kind === 'flow' ? '累计' : '期末值'} · {figure.periodLabel}
        {figure.derived ? ' · 由台账自动计算' : ''}
      </Typography.Text>
      <div style={{ marginTop: 8, display: 'grid', gridTemplateColumns: 'auto 1fr', gap: '2px 12px', fontSize: 13 }}>
        <span>目标</span>
        <span>
          <Figure figure={figure} name="target" text={target} />
        </span>
        <span>完成率</span>
        <span>
          <Figure figure={figure} name="share" text={formatPercent(figure.share)} />
        </span>
        <span>时序进度</span>
        <span>
          <Figure figure={figure} name="timeProgress" text={formatPercent(figure.timeProgress)} />
        </span>
        <span>同比</span>
        <span>
          <Figure figure={figure} name="growth" text={formatGrowth(figure.growth)} />
        </span>
        {figure.forecast ? (
          <>
            <span>预计年底</span>
            <span>{formatAmount(figure.forecast, figure.unit, figure.decimals)}</span>
          </>
        ) : null}
      </div>
      {share !== null && Number.isFinite(share) ? (
        <>
          <Progress
            percent={Math.min(100, Math.max(0, share))}
            showInfo={false}
            strokeColor={look?.stroke}
            size="small"
            style={{ marginTop: 8, marginBottom: 0 }}
          />
          <Typography.Text
            type={status === 'red' ? 'danger' : status === 'yellow' ? 'warning' : 'secondary'}
            style={{ fontSize: 12 }}
          >
            {formatAheadOfTime(figure.aheadOfTime)}
          </Typography.Text>
        </>
      ) : null}
    </Card>
  );
}

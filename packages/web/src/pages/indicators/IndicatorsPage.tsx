import type { IndicatorFigures, IndicatorValues, Value } from '@taizhang/contract';
import { periodLabel } from '@taizhang/core/browser';
import { Alert, Card, Space, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { api } from '../../api/endpoints.js';
import { IndicatorFilter } from '../../components/IndicatorFilter.js';
import { useOrg } from '../../components/org.js';
import { PeriodPicker } from '../../components/PeriodPicker.js';
import { groupBySection } from '../../components/sections.js';
import { EmptyState, ErrorAlert, Loading, PageTitle } from '../../components/states.js';
import { useApi } from '../../components/useApi.js';
import { mapSettled } from '../../concurrency.js';
import { reportingPeriod } from '../../format.js';
import { mayWrite } from '../../roles.js';
import { useUser } from '../../session.js';
import { IndicatorEntryRow } from './IndicatorEntryRow.js';

type ValuesByCode = Map<string, { values?: IndicatorValues; error?: unknown }>;

/** This year's and last year's values of every entered indicator, a few requests at a time. */
async function loadValues(figures: IndicatorFigures[], year: number): Promise<ValuesByCode> {
  const entered = figures.filter((figure) => !figure.derived);
  const results = await mapSettled(entered, 6, (figure) => api.indicatorValues(figure.code, year));
  const byCode: ValuesByCode = new Map();
  entered.forEach((figure, i) => {
    const result = results[i];
    if (result?.status === 'fulfilled') byCode.set(figure.code, { values: result.value });
    else byCode.set(figure.code, { error: result?.reason });
  });
  return byCode;
}

function HeaderRow() {
  return (
    <div className="tz-entry-row tz-entry-head">
      <div>指标</div>
      <div>单位</div>
      <div>本期值</div>
      <div>上年同期</div>
      <div>备注</div>
      <div>来源</div>
      <div>操作</div>
    </div>
  );
}

/** 指标填报: the values of the chosen period, row by row, each saved on its own. */
export default function IndicatorsPage() {
  const user = useUser();
  const { period, setPeriod } = useOrg();
  const [params] = useSearchParams();
  const focus = params.get('focus') ?? undefined;
  const [filter, setFilter] = useState('');
  const [onlyMissing, setOnlyMissing] = useState(false);

  // A link (from 我的待办) may name the period to open.
  useEffect(() => {
    const year = Number(params.get('year'));
    const through = Number(params.get('through'));
    if (year > 0 && through >= 1 && through <= 12) setPeriod({ year, through });
  }, [params, setPeriod]);

  const list = useApi(() => api.indicators(period), [period.year, period.through]);
  const mine = useMemo(() => {
    const all = list.data?.indicators ?? [];
    return user.role === 'clerk' ? all.filter((figure) => figure.section.code === user.section?.code) : all;
  }, [list.data, user]);
  const codes = mine.map((figure) => figure.code).join(',');
  // Reloaded when the indicators or the year change, not on every new array.
  const values = useApi(() => loadValues(mine, period.year), [codes, period.year]);

  useEffect(() => {
    if (!focus || !values.data) return;
    document.getElementById(`indicator-${focus}`)?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }, [focus, values.data]);

  const onStored = (code: string, value: Value) =>
    values.setData((current) => {
      if (!current) return current;
      const next: ValuesByCode = new Map(current);
      const entry = next.get(code)?.values;
      if (!entry) return current;
      const others = entry.values.filter((v) => v.period !== value.period);
      next.set(code, { values: { ...entry, values: [...others, value] } });
      return next;
    });

  const visible = mine.filter((figure) => {
    if (filter && !figure.name.includes(filter) && !figure.code.includes(filter)) return false;
    if (!onlyMissing) return true;
    if (figure.derived) return false;
    const p = reportingPeriod(period.through, figure.frequency === 'quarterly');
    return !values.data?.get(figure.code)?.values?.values.some((v) => v.period === p);
  });
  const groups = user.role === 'clerk' ? [{ code: '', name: '', items: visible }] : groupBySection(visible);

  const row = (figure: IndicatorFigures) => {
    const quarterly = figure.frequency === 'quarterly';
    const p = reportingPeriod(period.through, quarterly);
    const entry = values.data?.get(figure.code);
    const stored = entry?.values?.values.find((v) => v.period === p);
    const prior = entry?.values?.prior.find((v) => v.period === p);
    const decimals = figure.decimals ?? entry?.values?.indicator.decimals;
    return (
      <IndicatorEntryRow
        key={`${figure.code}-${period.year}-${p}-${stored?.version ?? 0}-${stored?.value ?? ''}`}
        figure={figure}
        year={period.year}
        period={p}
        stored={stored}
        prior={prior}
        loadError={entry?.error}
        decimals={decimals}
        yearOnYear={entry?.values?.indicator.yearOnYear === true}
        editable={!figure.derived && mayWrite(user, 'values:write', figure.section.code)}
        focused={focus === figure.code}
        onStored={(value) => onStored(figure.code, value)}
      />
    );
  };

  return (
    <>
      <PageTitle title="指标填报">
        <IndicatorFilter
          onFilter={setFilter}
          only={onlyMissing}
          onOnly={setOnlyMissing}
          onlyLabel="只看未填"
          testId="indicator"
          switchTestId="indicator-only-missing"
        />
        <PeriodPicker />
      </PageTitle>
      <Typography.Paragraph type="secondary">
        填报 {periodLabel(period)} 各指标{period.through}
        月的当月数（季报指标填最近一个完整季度的数）。数值只填数字，不带单位和千分位逗号；每行单独保存。
      </Typography.Paragraph>
      {list.error ? <ErrorAlert error={list.error} onRetry={list.reload} /> : null}
      {values.error ? <ErrorAlert error={values.error} onRetry={values.reload} /> : null}
      {user.role === 'clerk' && !user.section ? (
        <Alert type="warning" showIcon title="您的账户没有所属股室，不能填报指标，请联系系统管理员。" />
      ) : null}
      {list.loading || (values.loading && !values.data) ? <Loading rows={8} /> : null}
      {list.data && values.data ? (
        mine.length === 0 ? (
          <EmptyState description="没有需要您填报的指标。" />
        ) : visible.length === 0 ? (
          <EmptyState description="没有符合筛选条件的指标。" />
        ) : (
          <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="indicator-grid">
            {groups.map((group) => (
              <Card
                key={group.code || 'mine'}
                title={group.name || `${user.section?.name ?? ''}的指标`}
                size="small"
                data-testid={group.code ? `indicator-section-${group.code}` : undefined}
              >
                <HeaderRow />
                {group.items.map(row)}
              </Card>
            ))}
          </Space>
        )
      ) : null}
    </>
  );
}

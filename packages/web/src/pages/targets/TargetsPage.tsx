import type { Target } from '@taizhang/contract';
import { Card, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/endpoints.js';
import { IndicatorFilter } from '../../components/IndicatorFilter.js';
import { useOrg } from '../../components/org.js';
import { groupBySection } from '../../components/sections.js';
import { EmptyState, ErrorAlert, Loading, PageTitle } from '../../components/states.js';
import { useApi } from '../../components/useApi.js';
import { yearOptions } from '../../components/year-options.js';
import { TargetRow } from './TargetRow.js';

function HeaderRow() {
  return (
    <div className="tz-target-row tz-entry-head">
      <div>指标</div>
      <div>单位</div>
      <div>目标任务</div>
      <div>目标增速</div>
      <div>计划进度</div>
      <div>操作</div>
    </div>
  );
}

/** 目标任务: the office sets each indicator's annual target, row by row (office only). */
export default function TargetsPage() {
  const { period, context } = useOrg();
  const [year, setYear] = useState(period.year);
  const [filter, setFilter] = useState('');
  const [onlySet, setOnlySet] = useState(false);
  const list = useApi(() => api.targets(year), [year]);

  const years = yearOptions(context, period.year);

  const onStored = (target: Target) =>
    list.setData((current) =>
      current
        ? {
            ...current,
            indicators: current.indicators.map((i) => (i.code === target.indicator ? { ...i, target } : i)),
          }
        : current,
    );

  const visible = (list.data?.indicators ?? []).filter((indicator) => {
    if (filter && !indicator.name.includes(filter) && !indicator.code.includes(filter)) return false;
    return !onlySet || indicator.target !== null;
  });

  return (
    <>
      <PageTitle title="目标任务">
        <IndicatorFilter
          onFilter={setFilter}
          only={onlySet}
          onOnly={setOnlySet}
          onlyLabel="只看已设目标"
          testId="target"
          switchTestId="target-only-set"
        />
        <Select
          aria-label="年份"
          data-testid="target-year"
          value={year}
          options={years}
          style={{ width: 100 }}
          onChange={setYear}
        />
      </PageTitle>
      <Typography.Paragraph type="secondary">
        设定 {year} 年各指标的全年目标：目标任务按指标的计量单位填写，目标增速填百分数（不带 ％）；两者至少填写一项。
        按计划进度考核的指标还须填写 1－12 月的计划进度。每行单独保存，保存后驾驶舱和报告中的完成率、时序进度随之更新。
      </Typography.Paragraph>
      {list.error ? <ErrorAlert error={list.error} onRetry={list.reload} /> : null}
      {list.loading && !list.data ? <Loading rows={8} /> : null}
      {list.data ? (
        visible.length === 0 ? (
          <EmptyState description={onlySet || filter ? '没有符合筛选条件的指标。' : '还没有任何指标。'} />
        ) : (
          <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="target-grid">
            {groupBySection(visible).map((group) => (
              <Card key={group.code} title={group.name} size="small" data-testid={`target-section-${group.code}`}>
                <HeaderRow />
                {group.items.map((indicator) => (
                  <TargetRow
                    key={`${indicator.code}-${year}-${indicator.target?.version ?? 0}`}
                    indicator={indicator}
                    year={year}
                    onStored={onStored}
                  />
                ))}
              </Card>
            ))}
          </Space>
        )
      ) : null}
    </>
  );
}

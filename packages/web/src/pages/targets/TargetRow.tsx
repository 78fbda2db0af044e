import type { IndicatorTarget, Target } from '@taizhang/contract';
import { App, Button, Input, Space, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client.js';
import { api } from '../../api/endpoints.js';
import { ConflictAlert } from '../../components/ConflictAlert.js';
import { errorMessage } from '../../components/states.js';
import { formatDateTime } from '../../format.js';
import {
  curveSummary,
  draftOf,
  draftProblems,
  evenCurve,
  hasCurve,
  MONTHS,
  noProblems,
  sameDraft,
  serverProblems,
  type TargetDraft,
  type TargetProblems,
  targetInput,
} from './target-form.js';

const TIME_PROGRESS: Record<IndicatorTarget['timeProgress'], string> = {
  linear: '按月平均',
  days: '按天数',
  plan: '按计划进度',
};

/** 1–12: the months of a plan curve, which key its inputs. */
const MONTH_NUMBERS = Array.from({ length: MONTHS }, (_, i) => i + 1);

const NONE: TargetProblems = { months: Array.from({ length: MONTHS }, () => undefined) };

function Problem({ text, testId }: { text: string | undefined; testId?: string }) {
  if (!text) return null;
  return (
    <Typography.Text type="danger" style={{ fontSize: 12, display: 'block' }} data-testid={testId}>
      {text}
    </Typography.Text>
  );
}

/** The twelve months of a plan curve, each with its own problem. */
function PlanCurveEditor({
  code,
  curve,
  problems,
  disabled,
  onChange,
}: {
  code: string;
  curve: string[];
  problems: TargetProblems;
  disabled: boolean;
  onChange(curve: string[]): void;
}) {
  return (
    <div data-testid={`target-curve-${code}`}>
      <Space wrap size={[8, 4]} align="start">
        {MONTH_NUMBERS.map((number, i) => (
          <div key={number} style={{ width: 84 }}>
            <Input
              size="small"
              prefix={<span style={{ color: '#888' }}>{i + 1}月</span>}
              suffix="％"
              value={curve[i] ?? ''}
              disabled={disabled}
              status={problems.months[i] ? 'error' : undefined}
              inputMode="decimal"
              aria-label={`${i + 1}月计划进度`}
              data-testid={`target-curve-${code}-${i + 1}`}
              onChange={(event) => onChange(curve.map((m, j) => (j === i ? event.target.value : m)))}
            />
            <Problem text={problems.months[i]} testId={`target-curve-problem-${code}-${i + 1}`} />
          </div>
        ))}
      </Space>
      <div style={{ marginTop: 4 }}>
        <Button size="small" type="link" disabled={disabled} onClick={() => onChange(evenCurve())}>
          按月平均填充
        </Button>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          每月填写截至该月累计应完成全年目标的百分比，逐月不减，12 月为 100。
        </Typography.Text>
      </div>
    </div>
  );
}

/**
 * One indicator's target of the year: amount, growth and (for an indicator measured against
 * a plan) its plan curve, saved at the version read. A save based on a version someone has
 * replaced is refused (409); the row then shows their target and saves again only when told.
 */
export function TargetRow({
  indicator,
  year,
  onStored,
}: {
  indicator: IndicatorTarget;
  year: number;
  onStored(target: Target): void;
}) {
  const { message } = App.useApp();
  const stored = indicator.target;
  const [draft, setDraft] = useState<TargetDraft>(() => draftOf(stored));
  const [problems, setProblems] = useState<TargetProblems>(NONE);
  const [conflict, setConflict] = useState<{ current: Target | null } | undefined>(undefined);
  const [saving, setSaving] = useState(false);
  const plan = indicator.timeProgress === 'plan';
  const [curveOpen, setCurveOpen] = useState(plan && !stored?.planCurve);
  const dirty = !sameDraft(draft, draftOf(stored));
  const code = indicator.code;

  const save = async (version: number | undefined) => {
    const found = draftProblems(draft, indicator);
    setProblems(found);
    if (!noProblems(found)) {
      if (found.planCurve) setCurveOpen(true);
      return;
    }
    setSaving(true);
    try {
      const saved = await api.saveTarget(code, year, targetInput(draft, version));
      setConflict(undefined);
      message.success(`已保存：${indicator.name} ${year}年目标`);
      onStored(saved);
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) {
        setConflict({ current: (error.current as Target | null | undefined) ?? null });
      } else if (error instanceof ApiError && error.status === 422) {
        const placed = serverProblems(error.problems, error.message);
        setProblems(placed);
        if (placed.planCurve || placed.months.some((m) => m !== undefined)) setCurveOpen(true);
      } else {
        message.error(errorMessage(error));
      }
    } finally {
      setSaving(false);
    }
  };

  const set = (field: 'amount' | 'growth') => (event: { target: { value: string } }) => {
    setDraft((current) => ({ ...current, [field]: event.target.value }));
    setProblems((current) => ({ ...current, [field]: undefined, form: undefined }));
  };

  return (
    <div className="tz-target-row" data-testid={`target-row-${code}`} id={`target-${code}`}>
      <div>
        <Typography.Text strong>{indicator.name}</Typography.Text>
        <div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {code} · {indicator.frequency === 'quarterly' ? '季报' : '月报'} · 时序进度
            {TIME_PROGRESS[indicator.timeProgress]}
          </Typography.Text>
        </div>
        {indicator.derived ? <Tag color="cyan">由台账计算</Tag> : null}
      </div>
      <div>{indicator.unit || '—'}</div>
      <div>
        <Input
          value={draft.amount}
          onChange={set('amount')}
          onPressEnter={() => dirty && save(stored?.version)}
          disabled={saving}
          status={problems.amount || problems.form ? 'error' : undefined}
          inputMode="decimal"
          placeholder="全年目标任务"
          aria-label={`${indicator.name}目标任务`}
          data-testid={`target-amount-${code}`}
        />
        <Problem text={problems.amount} testId={`target-amount-problem-${code}`} />
      </div>
      <div>
        {indicator.yearOnYear ? (
          <>
            <Input
              value={draft.growth}
              onChange={set('growth')}
              onPressEnter={() => dirty && save(stored?.version)}
              disabled={saving}
              status={problems.growth || problems.form ? 'error' : undefined}
              inputMode="decimal"
              suffix="％"
              placeholder="目标增速"
              aria-label={`${indicator.name}目标增速`}
              data-testid={`target-growth-${code}`}
            />
            <Problem text={problems.growth} testId={`target-growth-problem-${code}`} />
          </>
        ) : (
          <Tooltip title="该指标不与上年同期比较（不作同比），只能设定目标任务">
            <Typography.Text type="secondary">不作同比</Typography.Text>
          </Tooltip>
        )}
      </div>
      <div>
        {plan || hasCurve(draft) ? (
          <Space orientation="vertical" size={0}>
            <Typography.Text style={{ fontSize: 12 }} type={problems.planCurve ? 'danger' : undefined}>
              {curveSummary(draft.planCurve)}
            </Typography.Text>
            <Button
              size="small"
              type="link"
              style={{ padding: 0 }}
              onClick={() => setCurveOpen((open) => !open)}
              data-testid={`target-curve-toggle-${code}`}
            >
              {curveOpen ? '收起计划进度' : '编辑计划进度'}
            </Button>
          </Space>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        )}
      </div>
      <div>
        <Space size={4} wrap>
          <Button
            type="primary"
            onClick={() => save(stored?.version)}
            loading={saving}
            disabled={!dirty}
            data-testid={`target-save-${code}`}
          >
            保存
          </Button>
          {dirty ? (
            <Button
              onClick={() => {
                setDraft(draftOf(stored));
                setProblems(NONE);
              }}
              disabled={saving}
            >
              撤销
            </Button>
          ) : null}
        </Space>
        <div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {stored ? `第${stored.version}版 · ${formatDateTime(stored.updatedAt)}` : '尚未设定'}
          </Typography.Text>
        </div>
      </div>
      {problems.form ? (
        <div style={{ gridColumn: '1 / -1' }}>
          <Problem text={problems.form} testId={`target-problem-${code}`} />
        </div>
      ) : null}
      {curveOpen && (plan || hasCurve(draft)) ? (
        <div style={{ gridColumn: '1 / -1' }}>
          {problems.planCurve ? <Problem text={problems.planCurve} testId={`target-curve-problem-${code}`} /> : null}
          <PlanCurveEditor
            code={code}
            curve={draft.planCurve}
            problems={problems}
            disabled={saving}
            onChange={(planCurve) => {
              setDraft((current) => ({ ...current, planCurve }));
              setProblems((current) => ({ ...current, planCurve: undefined, months: NONE.months }));
            }}
          />
        </div>
      ) : null}
      {conflict ? (
        <div style={{ gridColumn: '1 / -1' }}>
          <ConflictAlert
            testId={{
              alert: `target-conflict-${code}`,
              reload: `target-reload-${code}`,
              overwrite: `target-overwrite-${code}`,
            }}
            title="保存未成功：该目标已被他人修改"
            description={
              conflict.current ? (
                <div>
                  现在的目标（第{conflict.current.version}版，{formatDateTime(conflict.current.updatedAt)}）： 目标任务{' '}
                  <Typography.Text strong>{conflict.current.amount ?? '未设'}</Typography.Text>
                  {indicator.unit}，目标增速{' '}
                  <Typography.Text strong>
                    {conflict.current.growth === null ? '未设' : `${conflict.current.growth}％`}
                  </Typography.Text>
                  ；计划进度 {curveSummary(conflict.current.planCurve)}。为避免覆盖他人的修改，您的输入尚未保存。
                </div>
              ) : (
                <div>该目标已不存在。为避免误操作，您的输入尚未保存。</div>
              )
            }
            loadLabel="载入最新目标"
            onLoad={
              conflict.current
                ? () => {
                    const current = conflict.current as Target;
                    setConflict(undefined);
                    onStored(current);
                  }
                : undefined
            }
            overwriteLabel="仍以我的输入覆盖"
            onOverwrite={() => save(conflict.current?.version)}
            saving={saving}
          />
        </div>
      ) : null}
    </div>
  );
}

import { QuestionCircleOutlined } from '@ant-design/icons';
import type { IndicatorFigures, Value } from '@taizhang/contract';
import { valuePeriodName } from '@taizhang/core/browser';
import { App, Button, Input, Space, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client.js';
import { api } from '../../api/endpoints.js';
import { ConflictAlert } from '../../components/ConflictAlert.js';
import { errorMessage } from '../../components/states.js';
import { decimalProblem, formatAmount, formatDateTime, formatNumber } from '../../format.js';

export interface EntryRowProps {
  figure: IndicatorFigures;
  year: number;
  /** the reporting period: month, or quarter for a quarterly indicator */
  period: number;
  /** the stored value of the period, if any */
  stored: Value | undefined;
  /** last year's value of the same period */
  prior: Value | undefined;
  /** why the values could not be read, if they could not */
  loadError?: unknown;
  decimals: number | undefined;
  /** compared with last year: only then may a value carry a comparable base (上年同期可比数) */
  yearOnYear: boolean;
  editable: boolean;
  focused: boolean;
  /** the value as now stored (saved, or reloaded after a conflict) */
  onStored(value: Value): void;
}

interface Draft {
  value: string;
  comparableBase: string;
  note: string;
  source: string;
}

function draftOf(value: Value | undefined): Draft {
  return {
    value: value?.value ?? '',
    comparableBase: value?.comparableBase ?? '',
    note: value?.note ?? '',
    source: value?.source ?? '',
  };
}

function sameDraft(a: Draft, b: Draft): boolean {
  return (Object.keys(a) as (keyof Draft)[]).every((field) => a[field].trim() === b[field].trim());
}

const BASE_HELP =
  '上年同期可比数：统计局修订后的上年同期数。填写后，本期同比增幅按此数计算，不再用系统中存储的上年同期值；不填则按上年同期值计算。';

/**
 * 上年同期可比数 under the value: a small link until it is wanted, then a second input. Most
 * periods have none; the statistics office gives one when it revised last year's figure.
 */
function ComparableBase(props: {
  code: string;
  name: string;
  value: string;
  open: boolean;
  problem: string | undefined;
  disabled: boolean;
  onOpen(): void;
  onChange(event: { target: { value: string } }): void;
  onPressEnter(): void;
}) {
  const label = (
    <Tooltip title={BASE_HELP}>
      <Typography.Text type="secondary" style={{ fontSize: 12, cursor: 'help' }}>
        上年同期可比数 <QuestionCircleOutlined />
      </Typography.Text>
    </Tooltip>
  );
  if (!props.open) {
    if (props.disabled) return null;
    return (
      <div>
        <Button
          type="link"
          size="small"
          style={{ padding: 0, fontSize: 12 }}
          onClick={props.onOpen}
          data-testid={`indicator-base-open-${props.code}`}
        >
          ＋ 上年同期可比数
        </Button>
      </div>
    );
  }
  return (
    <div style={{ marginTop: 4 }}>
      {label}
      <Input
        size="small"
        value={props.value}
        onChange={props.onChange}
        onPressEnter={props.onPressEnter}
        disabled={props.disabled}
        status={props.problem ? 'error' : undefined}
        inputMode="decimal"
        placeholder="不填则按上年同期值"
        aria-label={`${props.name}上年同期可比数`}
        data-testid={`indicator-base-${props.code}`}
      />
      {props.problem ? (
        <Typography.Text type="danger" style={{ fontSize: 12 }} data-testid={`indicator-base-problem-${props.code}`}>
          {props.problem}
        </Typography.Text>
      ) : null}
    </div>
  );
}

/** Who entered a value and when: 张三 2021-11-03 10:20（第2版）. */
function enteredText(value: Value): string {
  const who = value.enteredBy ?? '未知';
  return `${who} ${formatDateTime(value.enteredAt)}（第${value.version}版）`;
}

/**
 * One indicator's value for one period: typed, checked, saved on its own. A save based on
 * a version someone else has replaced is refused by the server (409); the row then shows
 * their value and who entered it, and saves again only when the user says so.
 */
export function IndicatorEntryRow(props: EntryRowProps) {
  const { figure, year, period, stored, prior, decimals, yearOnYear, editable, focused } = props;
  const [draft, setDraft] = useState<Draft>(() => draftOf(stored));
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [baseProblem, setBaseProblem] = useState<string | undefined>(undefined);
  // Collapsed under the value: most periods need no comparable base.
  const [baseOpen, setBaseOpen] = useState(Boolean(stored?.comparableBase));
  const [conflict, setConflict] = useState<Value | undefined>(undefined);
  const [saving, setSaving] = useState(false);
  const { message } = App.useApp();
  const quarterly = figure.frequency === 'quarterly';
  const dirty = !sameDraft(draft, draftOf(stored));
  const testId = `indicator-row-${figure.code}`;

  const save = async (version: number | undefined) => {
    const invalid = decimalProblem(draft.value, decimals);
    const base = draft.comparableBase.trim();
    const invalidBase = yearOnYear && base !== '' ? decimalProblem(base, decimals) : null;
    setProblem(invalid ?? undefined);
    setBaseProblem(invalidBase ?? undefined);
    if (invalid || invalidBase) {
      if (invalidBase) setBaseOpen(true);
      return;
    }
    setSaving(true);
    try {
      const saved = await api.saveIndicatorValue(figure.code, year, period, {
        value: draft.value.trim(),
        // Only an indicator compared with last year has one; a blank field clears it.
        ...(yearOnYear ? { comparableBase: base || null } : {}),
        note: draft.note.trim() || null,
        source: draft.source.trim() || null,
        ...(version === undefined ? {} : { version }),
      });
      setConflict(undefined);
      message.success(`已保存：${figure.name} ${year}年${valuePeriodName(period, quarterly)}`);
      props.onStored(saved);
    } catch (error) {
      if (error instanceof ApiError && error.status === 409 && error.current) {
        setConflict(error.current as Value);
      } else if (error instanceof ApiError && error.status === 422) {
        const onBase = error.problems.filter((p) => p.field === 'comparableBase');
        const others = error.problems.filter((p) => p.field !== 'comparableBase');
        if (onBase.length > 0) {
          setBaseProblem(onBase.map((p) => p.message).join('；'));
          setBaseOpen(true);
        }
        if (others.length > 0 || onBase.length === 0) {
          setProblem([error.message, ...others.map((p) => p.message)].join('；'));
        }
      } else {
        message.error(errorMessage(error));
      }
    } finally {
      setSaving(false);
    }
  };

  const set = (field: keyof Draft) => (event: { target: { value: string } }) => {
    setDraft((current) => ({ ...current, [field]: event.target.value }));
    if (field === 'value') setProblem(undefined);
    if (field === 'comparableBase') setBaseProblem(undefined);
  };

  return (
    <div
      className="tz-entry-row"
      data-testid={testId}
      id={`indicator-${figure.code}`}
      style={focused ? { background: '#e6f4ff', boxShadow: 'inset 3px 0 0 #1a5fb4' } : undefined}
    >
      <div>
        <Typography.Text strong>{figure.name}</Typography.Text>
        <div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {figure.code} · {quarterly ? `季报 · ${valuePeriodName(period, true)}` : `月报 · ${period}月`}
          </Typography.Text>
        </div>
      </div>
      <div>{figure.unit || '—'}</div>
      <div>
        {figure.derived ? (
          <Tooltip title="派生指标的数值由台账记录自动汇总，不能手工填报">
            <div data-testid={`indicator-derived-${figure.code}`}>
              <div className="tz-number" style={{ textAlign: 'left' }}>
                {formatAmount(figure.ytd, figure.unit, decimals)}（累计）
              </div>
              <Tag color="cyan">由台账自动计算</Tag>
            </div>
          </Tooltip>
        ) : (
          <>
            <Input
              value={draft.value}
              onChange={set('value')}
              onPressEnter={() => dirty && save(stored?.version)}
              disabled={!editable || saving}
              status={problem ? 'error' : undefined}
              inputMode="decimal"
              placeholder={editable ? '填写本期数值' : '未填报'}
              aria-label={`${figure.name}本期数值`}
              data-testid={`indicator-value-${figure.code}`}
            />
            {problem ? (
              <Typography.Text type="danger" style={{ fontSize: 12 }} data-testid={`indicator-problem-${figure.code}`}>
                {problem}
              </Typography.Text>
            ) : stored ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {enteredText(stored)}
              </Typography.Text>
            ) : null}
            {yearOnYear ? (
              <ComparableBase
                code={figure.code}
                name={figure.name}
                value={draft.comparableBase}
                open={baseOpen || draft.comparableBase.trim() !== ''}
                problem={baseProblem}
                disabled={!editable || saving}
                onOpen={() => setBaseOpen(true)}
                onChange={set('comparableBase')}
                onPressEnter={() => dirty && save(stored?.version)}
              />
            ) : null}
          </>
        )}
      </div>
      <div className="tz-number" style={{ textAlign: 'left' }} data-testid={`indicator-prior-${figure.code}`}>
        {props.loadError ? (
          <Typography.Text type="danger">读取失败</Typography.Text>
        ) : prior ? (
          <Tooltip title={prior.comparableBase ? `上年同期可比数 ${formatNumber(prior.comparableBase)}` : undefined}>
            {formatNumber(prior.value, decimals)}
          </Tooltip>
        ) : (
          <Typography.Text type="secondary">无上年数据</Typography.Text>
        )}
      </div>
      <div>
        {figure.derived ? null : (
          <Input
            value={draft.note}
            onChange={set('note')}
            disabled={!editable || saving}
            placeholder="备注"
            aria-label={`${figure.name}备注`}
            data-testid={`indicator-note-${figure.code}`}
          />
        )}
      </div>
      <div>
        {figure.derived ? null : (
          <Input
            value={draft.source}
            onChange={set('source')}
            disabled={!editable || saving}
            placeholder="数据来源，如 统计月报"
            aria-label={`${figure.name}数据来源`}
            data-testid={`indicator-source-${figure.code}`}
          />
        )}
      </div>
      <div>
        {figure.derived ? (
          <Typography.Text type="secondary">只读</Typography.Text>
        ) : editable ? (
          <Space size={4}>
            <Button
              type="primary"
              onClick={() => save(stored?.version)}
              loading={saving}
              disabled={!dirty}
              data-testid={`indicator-save-${figure.code}`}
            >
              保存
            </Button>
            {dirty ? (
              <Button onClick={() => setDraft(draftOf(stored))} disabled={saving}>
                撤销
              </Button>
            ) : null}
          </Space>
        ) : (
          <Tooltip title="只能填报本股室的指标">
            <Typography.Text type="secondary">无权填报</Typography.Text>
          </Tooltip>
        )}
      </div>
      {conflict ? (
        <div style={{ gridColumn: '1 / -1' }}>
          <ConflictAlert
            testId={{
              alert: `indicator-conflict-${figure.code}`,
              reload: `indicator-reload-${figure.code}`,
              overwrite: `indicator-overwrite-${figure.code}`,
            }}
            title="保存未成功：该数值已被他人修改"
            description={
              <>
                <div>
                  {conflict.enteredBy ?? '他人'} 于 {formatDateTime(conflict.enteredAt)} 将其改为{' '}
                  <Typography.Text strong>{formatAmount(conflict.value, figure.unit, decimals)}</Typography.Text>
                  （第{conflict.version}版）
                  {conflict.comparableBase ? `，上年同期可比数：${conflict.comparableBase}` : ''}
                  {conflict.note ? `，备注：${conflict.note}` : ''}
                  {conflict.source ? `，来源：${conflict.source}` : ''}。
                </div>
                <div>
                  您填写的是 <Typography.Text strong>{formatAmount(draft.value, figure.unit)}</Typography.Text>
                  ，为避免覆盖他人的数据，尚未保存。
                </div>
              </>
            }
            loadLabel="载入最新值"
            onLoad={() => {
              setConflict(undefined);
              props.onStored(conflict);
            }}
            overwriteLabel="仍以我的输入覆盖"
            onOverwrite={() => save(conflict.version)}
            saving={saving}
          />
        </div>
      ) : null}
    </div>
  );
}

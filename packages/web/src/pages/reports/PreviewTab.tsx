import { CheckCircleOutlined } from '@ant-design/icons';
import type { ReportFileFormat } from '@taizhang/contract';
import { periodLabel, type ReportPeriod } from '@taizhang/core/browser';
import { Alert, App, Button, Card, Popconfirm, Select, Space, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/endpoints.js';
import { DownloadButton } from '../../components/DownloadButton.js';
import { ErrorAlert, errorMessage, Loading } from '../../components/states.js';
import { useApi } from '../../components/useApi.js';
import { formatDateTime } from '../../format.js';
import { useUser } from '../../session.js';
import { MissingTable } from './MissingTable.js';
import { ReportFrame } from './ReportFrame.js';
import { DEFAULT_TEMPLATE } from './template-errors.js';

const FORMATS: { format: ReportFileFormat; label: string }[] = [
  { format: 'docx', label: 'Word（DOCX）' },
  { format: 'md', label: 'Markdown' },
  { format: 'pdf', label: 'PDF' },
];

/** The report of the period: preview, what is missing and who owes it, downloads, and 审定 for leaders. */
export function PreviewTab({ period, orgName, refresh }: { period: ReportPeriod; orgName: string; refresh: number }) {
  const user = useUser();
  const { message } = App.useApp();
  // Which stored template the report is written from: the reader's choice, else the server's default.
  const templates = useApi(() => api.templates(), []);
  const [chosen, setChosen] = useState<string | undefined>();
  const preview = useApi(
    (signal) => api.reportPreview(period, chosen, signal),
    [period.year, period.through, refresh, chosen],
  );
  const [approving, setApproving] = useState(false);
  // Who approved this period's report, if anyone (an endpoint beyond docs/api.md: a failure only hides it).
  const approvals = useApi(() => api.approvals(period.year).catch(() => []), [period.year]);
  const approval = approvals.data?.find((a) => a.through === period.through);
  const label = periodLabel(period);
  const missing = preview.data?.missing ?? [];

  const approve = async () => {
    setApproving(true);
    try {
      const saved = await api.approveReport(period.year, period.through, chosen);
      approvals.setData((list) => [saved, ...(list ?? [])]);
      message.success(`已审定${label}工作总结`);
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setApproving(false);
    }
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        {(templates.data?.length ?? 0) > 1 ? (
          <Select
            value={chosen ?? (templates.data?.some((t) => t.code === DEFAULT_TEMPLATE) ? DEFAULT_TEMPLATE : undefined)}
            onChange={setChosen}
            placeholder="选择报告模板"
            options={(templates.data ?? []).map((t) => ({ value: t.code, label: t.name }))}
            style={{ width: 200 }}
            aria-label="报告模板"
            data-testid="report-template"
          />
        ) : null}
        {FORMATS.map(({ format, label: name }) => (
          <DownloadButton
            key={format}
            testId={`download-${format}`}
            fallbackName={`${orgName}${label}工作总结.${format}`}
            fetchFile={() => api.reportFile(period, format, chosen)}
            type={format === 'docx' ? 'primary' : 'default'}
          >
            下载 {name}
          </DownloadButton>
        ))}
        {approval ? (
          <Tag icon={<CheckCircleOutlined />} color="success" data-testid="report-approved">
            已审定：{approval.approvedBy} {formatDateTime(approval.approvedAt)}
          </Tag>
        ) : null}
        {user.role === 'leader' && !approval ? (
          missing.length > 0 ? (
            <Tooltip title={`本稿尚有 ${missing.length} 处待填数据，补齐后才能审定`}>
              <Button disabled data-testid="report-approve" icon={<CheckCircleOutlined />}>
                审定
              </Button>
            </Tooltip>
          ) : (
            <Popconfirm
              title={`审定${label}工作总结？`}
              description="审定后将记录审定人、时间和报告内容摘要。"
              okText="审定"
              cancelText="取消"
              onConfirm={approve}
            >
              <Button
                type="primary"
                ghost
                loading={approving}
                disabled={!preview.data}
                data-testid="report-approve"
                icon={<CheckCircleOutlined />}
              >
                审定
              </Button>
            </Popconfirm>
          )
        ) : null}
      </Space>
      {preview.error ? <ErrorAlert error={preview.error} onRetry={preview.reload} /> : null}
      {preview.loading && !preview.data ? <Loading rows={12} /> : null}
      {preview.data ? (
        <>
          {missing.length > 0 ? (
            <Alert
              type="warning"
              showIcon
              title={`本稿尚有 ${missing.length} 处待填数据，不能作为正式文稿印发`}
              description="点击文中的【待填】标记或下方列表可查看缺什么、由哪个股室负责。"
            />
          ) : null}
          <Typography.Text type="secondary">
            点击文中带下划线的数字，可查看它的数据来源（指标、期间、填报人和原始数据行）。
          </Typography.Text>
          <ReportFrame html={preview.data.html} title={`${label}工作总结预览`} />
          <Card title={`待填数据（${missing.length} 处）`} size="small">
            <MissingTable missing={missing} />
          </Card>
        </>
      ) : null}
    </Space>
  );
}

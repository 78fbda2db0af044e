import { Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useOrg } from '../../components/org.js';
import { PeriodPicker } from '../../components/PeriodPicker.js';
import { PageTitle } from '../../components/states.js';
import { useUser } from '../../session.js';
import { NarrativesTab } from './NarrativesTab.js';
import { PreviewTab } from './PreviewTab.js';
import { TemplateTab } from './TemplateTab.js';

/** 工作总结: the period's report for everyone who may read it; narratives and the template for the office. */
export default function ReportsPage() {
  const user = useUser();
  const { period, context } = useOrg();
  const [tab, setTab] = useState('preview');
  // Saving a narrative or the template renders the preview again.
  const [refresh, setRefresh] = useState(0);
  const orgName = context?.org.name ?? user.org.name;
  const changed = () => setRefresh((n) => n + 1);

  return (
    <>
      <PageTitle title="工作总结">
        <Typography.Text type="secondary" data-testid="report-org">
          单位：{orgName}
        </Typography.Text>
        <PeriodPicker />
      </PageTitle>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        destroyOnHidden
        items={[
          {
            key: 'preview',
            label: '预览与下载',
            children: <PreviewTab period={period} orgName={orgName} refresh={refresh} />,
          },
          ...(user.role === 'office'
            ? [
                {
                  key: 'narratives',
                  label: '叙述段落',
                  children: <NarrativesTab year={period.year} onChanged={changed} />,
                },
                { key: 'template', label: '报告模板', children: <TemplateTab period={period} onChanged={changed} /> },
              ]
            : []),
        ]}
      />
    </>
  );
}

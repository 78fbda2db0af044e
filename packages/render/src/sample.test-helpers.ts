import type { Inline, ReportDocument } from '@taizhang/core';

const text = (value: string): Inline => ({ kind: 'text', text: value });

/**
 * A small report by hand: a title, a heading of each level, a lead paragraph with a figure
 * in its first sentence, a marker, text a user typed with `<script>` and `&` in it, and a
 * closing — every kind of block and inline the renderers know.
 */
export function sampleDocument(): ReportDocument {
  return {
    title: [text('示范区住房和城乡建设局2021年工作总结')],
    blocks: [
      { kind: 'paragraph', lead: false, inlines: [text('2021年是十四五规划开局之年。')] },
      { kind: 'heading', level: 1, inlines: [text('一、履职尽责方面')] },
      {
        kind: 'paragraph',
        lead: true,
        inlines: [
          text('──全力抓经济指标，已完成投资'),
          { kind: 'figure', text: '29.02', ref: 0 },
          text('亿元。一是全年固定资产投资增长'),
          { kind: 'figure', text: '6.7', ref: 1 },
          text('％，预计年底能够完成全年目标任务。'),
        ],
      },
      { kind: 'heading', level: 2, inlines: [text('（一）住房保障')] },
      {
        kind: 'paragraph',
        lead: false,
        inlines: [
          text('发放廉租住房补贴'),
          { kind: 'marker', text: '【待填：廉租住房补贴户数 1－10月（住房保障股）】', ref: 0 },
          text('户。'),
        ],
      },
      { kind: 'heading', level: 3, inlines: [text('1. 群众来信')] },
      {
        kind: 'paragraph',
        lead: false,
        inlines: [text('来信称<script>alert("x")</script> & 物业“管理”问题。')],
      },
      { kind: 'heading', level: 4, inlines: [text('（1）回访')] },
      { kind: 'paragraph', lead: false, inlines: [text('已全部回访。')] },
      { kind: 'closing', lines: [[text('示范区住房和城乡建设局')], [text('2021年10月31日')]] },
    ],
    provenance: [
      {
        ref: 0,
        indicator: {
          code: 'fixed_asset_investment',
          name: '固定资产投资',
          unit: '亿元',
          section: 'planning',
          sectionName: '计划财务股',
        },
        measure: 'ytd',
        measureLabel: '累计',
        periodLabel: '1－10月',
        text: '29.02',
        exact: '29.0215',
        sources: [
          {
            year: 2021,
            period: 10,
            quarterly: false,
            value: '3.1015',
            comparableBase: '2.9',
            enteredBy: '张三 <zs@example>',
            enteredAt: '2021-11-08T01:30:00Z',
            source: '统计局月报',
          },
          { year: 2021, period: 9, quarterly: false, value: '25.92' },
        ],
      },
      {
        ref: 1,
        indicator: {
          code: 'fixed_asset_investment',
          name: '固定资产投资',
          unit: '亿元',
          section: 'planning',
          sectionName: '计划财务股',
        },
        measure: 'growth',
        measureLabel: '同比',
        periodLabel: '1－10月',
        text: '6.7',
        exact: '6.6812',
        sources: [{ year: 2020, period: 3, quarterly: true, value: '27.2', enteredAt: '2020-12-31T16:05:00Z' }],
      },
    ],
    missing: [
      {
        ref: 0,
        text: '【待填：廉租住房补贴户数 1－10月（住房保障股）】',
        subject: 'rental_subsidy_households',
        subjectName: '廉租住房补贴户数',
        periodLabel: '1－10月',
        section: 'housing',
        sectionName: '住房保障股',
        reason: '缺2021年10月数据',
        line: 12,
      },
    ],
    meta: {
      organisation: { code: 'shifanqu', name: '示范区住房和城乡建设局' },
      year: 2021,
      through: 10,
      date: '2021年10月31日',
      issued: { year: 2021, month: 10, day: 31 },
    },
  };
}

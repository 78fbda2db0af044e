import { describe, expect, it } from 'vitest';
import { indicator as indicatorDef } from '../arithmetic/arithmetic.test-helpers.js';
import { evaluateIndicator } from '../arithmetic/evaluate.js';
import type { IndicatorDef, Target } from '../model.js';
import { inlineText, type ReportDocument } from './document.js';
import { type ReportIndicator, type ReportNarrative, renderReport, TemplateError } from './engine.js';

const investment: IndicatorDef = indicatorDef({ code: 'fai', section: 'planfin' });

const months = (values: string[]) => values.map((value, i) => ({ period: i + 1, value }));

/** 2020: 1.00 a month (12.00 a year); 2021: `monthly` a month through `through`. */
function indicator(def: IndicatorDef, monthly: string, through: number, target?: Target): ReportIndicator {
  const current = months(Array(through).fill(monthly));
  const prior = months(Array(12).fill('1.00'));
  return {
    evaluation: evaluateIndicator({ indicator: def, year: 2021, throughMonth: 10, target, current, prior }),
    sectionName: '计划财务股',
    rows: [
      ...current.map((r) => ({ ...r, year: 2021, quarterly: false, enteredBy: '李晓梅', source: '区统计局月报' })),
      ...prior.map((r) => ({ ...r, year: 2020, quarterly: false })),
    ],
  };
}

function render(template: string, indicators: ReportIndicator[], narratives: ReportNarrative[] = []): ReportDocument {
  return renderReport({
    template: { text: template, source: 'test.liquid' },
    organisation: { code: 'shifanqu', name: '示范区住房和城乡建设局', shortName: '示范区' },
    year: 2021,
    through: 10,
    indicators,
    narratives,
  });
}

const body = (doc: ReportDocument) =>
  doc.blocks.map((b) => (b.kind === 'closing' ? b.lines.map(inlineText).join('\n') : inlineText(b.inlines))).join('\n');

describe('renderReport', () => {
  // 2021: 1.20 × 10 = 12.00; target 14.00 → share 85.7; growth (12 − 10) ÷ 10 = 20％;
  // seasonal forecast 12 × 12 ÷ 10 = 14.40 ≥ 14.00.
  const onCourse = indicator(investment, '1.20', 10, { indicator: 'fai', year: 2021, amount: '14.00' });

  it('prints figures as the seed writes them, each linked to its rows', () => {
    const doc = render(
      "1－{{ through }}月已完成投资{{ 'fai' | ytd }}亿元，占全年目标的{{ 'fai' | share }}％，同比{{ 'fai' | growth_phrase }}。",
      [onCourse],
    );
    expect(body(doc)).toBe('1－10月已完成投资12.00亿元，占全年目标的85.7％，同比增长20.0％。');
    const figures = doc.blocks[0]?.kind === 'paragraph' ? doc.blocks[0].inlines.filter((i) => i.kind === 'figure') : [];
    expect(figures.map((f) => f.text)).toEqual(['12.00', '85.7', '增长20.0％']);
    const ytd = doc.provenance[0];
    expect(ytd).toMatchObject({ measure: 'ytd', measureLabel: '累计', periodLabel: '1－10月', exact: '12' });
    expect(ytd?.sources).toHaveLength(10);
    expect(ytd?.sources[0]).toMatchObject({ year: 2021, period: 1, value: '1.20', enteredBy: '李晓梅' });
    // growth is traced to this year's and last year's same months
    expect(doc.provenance[2]?.sources).toHaveLength(20);
  });

  it('computes a difference and a gain in rate points from several indicators, traced to all their rows', () => {
    const level = (code: string, value: string): ReportIndicator => {
      const def: IndicatorDef = { ...investment, code, name: code, unit: '亩', kind: 'level', yearOnYear: false };
      return {
        evaluation: evaluateIndicator({
          indicator: def,
          year: 2021,
          throughMonth: 10,
          current: [{ period: 10, value }],
          prior: [],
        }),
        sectionName: '城市建设股',
        rows: [{ year: 2021, period: 10, value, quarterly: false }],
      };
    };
    // 龙湖: restored 1238.75 of 1256.38 occupied, 1172.00 planned → 66.75 over plan, (66.75 ÷ 1256.38) = 5.3 points
    const figures = [level('restored', '1238.75'), level('planned', '1172.00'), level('occupied', '1256.38')];
    const doc = render(
      "超计划{{ 'restored' | excess: 'planned' }}亩，提升{{ 'restored' | rate_points: 'planned', 'occupied' }}个百分点；少{{ 'planned' | excess: 'restored' }}亩",
      figures,
    );
    expect(body(doc)).toBe('超计划66.75亩，提升5.3个百分点；少－66.75亩');
    expect(doc.provenance[0]).toMatchObject({ measure: 'excess:planned', exact: '66.75' });
    expect(doc.provenance[0]?.sources.map((r) => r.value)).toEqual(['1238.75', '1172.00']);
    expect(doc.provenance[1]).toMatchObject({ measure: 'rate_points:planned:occupied' });
    expect(doc.provenance[1]?.sources).toHaveLength(3);
    // 66.75 ÷ 1256.38 × 100 = 5.3128…, the difference of the unrounded rates
    expect(doc.provenance[1]?.exact?.slice(0, 6)).toBe('5.3128');
    const none = render("{{ 'restored' | rate_points: 'planned', 'zero' }}", [...figures, level('zero', '0')]);
    expect(body(none)).toContain('【无法计算');
  });

  it('says 预计年底能够完成 only when the forecast reaches the target, and states the shortfall otherwise', () => {
    const template = "{{ 'fai' | forecast_phrase }}。";
    expect(body(render(template, [onCourse]))).toBe('预计年底能够完成全年目标任务。');
    const lagging = indicator(investment, '1.10', 10, { indicator: 'fai', year: 2021, amount: '14.00' });
    // 11 × 12 ÷ 10 = 13.20 < 14.00, short by 0.80
    expect(body(render(template, [lagging]))).toBe('预计年底完成13.20亿元，较全年目标少0.80亿元。');
    expect(
      body(render("{% assign ok = 'fai' | meets_target %}{% if ok %}能完成{% else %}需加快{% endif %}", [lagging])),
    ).toBe('需加快');
  });

  it('says 超额完成 only when growth exceeds its target, and 低于目标 otherwise', () => {
    const template = "同比增幅{{ 'fai' | growth }}％，{{ 'fai' | points_phrase }}";
    const target = (growth: string): Target => ({ indicator: 'fai', year: 2021, growth });
    expect(body(render(template, [indicator(investment, '1.20', 10, target('15'))]))).toBe(
      '同比增幅20.0％，超额完成5.0个百分点',
    );
    expect(body(render(template, [indicator(investment, '1.20', 10, target('25'))]))).toBe(
      '同比增幅20.0％，低于目标5.0个百分点',
    );
    const falling = indicator(investment, '0.90', 10, target('5'));
    expect(body(render(template, [falling]))).toBe('同比增幅－10.0％，低于目标15.0个百分点');
  });

  it('shows a visible marker naming the indicator, period and section when a value is missing', () => {
    const missing = indicator(investment, '1.20', 9, { indicator: 'fai', year: 2021, amount: '14.00' });
    const doc = render("已完成投资{{ 'fai' | ytd }}亿元", [missing]);
    expect(body(doc)).toBe('已完成投资【待填：固定资产投资 1－10月（计划财务股）】亿元');
    expect(doc.missing).toEqual([
      expect.objectContaining({ subject: 'fai', sectionName: '计划财务股', reason: '缺2021年10月数据', line: 1 }),
    ]);
  });

  it('builds the official structure: title, heading levels, lead paragraphs, closing', () => {
    const doc = render(
      [
        '# {{ org.name }}{{ year }}年工作总结',
        '',
        '## 一、履职尽责方面',
        '### （一）经济指标',
        '──全力抓经济指标。一是…',
        '正文。',
        '> {{ org.name }}',
        '> {{ report_date }}',
      ].join('\n'),
      [],
    );
    expect(inlineText(doc.title)).toBe('示范区住房和城乡建设局2021年工作总结');
    expect(doc.blocks.map((b) => b.kind)).toEqual(['heading', 'heading', 'paragraph', 'paragraph', 'closing']);
    expect(doc.blocks[0]).toMatchObject({ level: 1 });
    expect(doc.blocks[1]).toMatchObject({ level: 2 });
    expect(doc.blocks[2]).toMatchObject({ lead: true });
    expect(doc.blocks[3]).toMatchObject({ lead: false });
    expect(doc.meta.date).toBe('2021年10月31日');
    expect(doc.meta.issued).toEqual({ year: 2021, month: 10, day: 31 });
    expect(body(doc)).toContain('2021年10月31日');
  });

  it('names the period as bureaus do: 1－N月, 1月 alone, and 一季度, 上半年, 前三季度, 全年 where they apply', () => {
    const named = (through: number, date?: string) =>
      renderReport({
        template: {
          text: '# 标题\n{{ year }}年{{ period }}，{{ period_name }}，{{ report_date }}。',
          source: 'test.liquid',
        },
        organisation: { code: 'shifanqu', name: '示范区住房和城乡建设局' },
        year: 2021,
        through,
        date,
        indicators: [],
        narratives: [],
      });
    expect(body(named(1))).toBe('2021年1月，1月，2021年1月31日。');
    expect(body(named(9))).toBe('2021年1－9月，前三季度，2021年9月30日。');
    expect(body(named(10))).toBe('2021年1－10月，1－10月，2021年10月31日。');
    expect(body(named(12))).toBe('2021年1－12月，全年，2021年12月31日。');
    // A 成文日期 given as text stays as given; one that is not a date has no calendar day.
    expect(named(10, '2021年11月5日').meta.issued).toEqual({ year: 2021, month: 11, day: 5 });
    expect(named(10, '待定').meta).toMatchObject({ date: '待定', issued: undefined });
  });

  it('places the latest narrative block of the period, rendered with figures, and marks a missing one', () => {
    const narratives: ReportNarrative[] = [
      { key: 'intro', year: 2021, section: 'office', sectionName: '办公室', text: '年初版本。' },
      {
        key: 'intro',
        year: 2021,
        through: 9,
        section: 'office',
        sectionName: '办公室',
        text: "投资{{ 'fai' | ytd }}亿元。",
      },
      { key: 'intro', year: 2021, through: 11, section: 'office', sectionName: '办公室', text: '十一月版本。' },
      { key: 'later', year: 2021, through: 12, section: 'office', sectionName: '办公室', title: '年终总结', text: '…' },
    ];
    const doc = render("{% narrative 'intro' %}\n{% narrative 'later' %}", [onCourse], narratives);
    expect(body(doc)).toBe('投资12.00亿元。\n【待填：叙述 年终总结（办公室）】');
    expect(doc.missing[0]).toMatchObject({ subject: 'later', reason: '未填写叙述', line: 2 });
  });

  it('gives byte-identical output for the same input', () => {
    const template = "{{ 'fai' | ytd }} {{ 'fai' | forecast_phrase }}";
    expect(JSON.stringify(render(template, [onCourse]))).toBe(JSON.stringify(render(template, [onCourse])));
  });
});

describe('ranking a ledger field', () => {
  const rankings = [
    {
      ledger: 'complaints',
      ledgerName: '群众投诉台账',
      field: 'category',
      fieldTitle: '问题类别',
      entries: [
        { value: '物业管理', count: 121 },
        { value: '供水保障', count: 72 },
        { value: '拖欠民工工资', count: 56 },
        { value: '房屋质量', count: 41 },
      ],
    },
  ];
  const withRankings = (template: string, entries = rankings) =>
    renderReport({
      template: { text: template, source: 'test.liquid' },
      organisation: { code: 'x', name: '示范区住房和城乡建设局' },
      year: 2021,
      through: 10,
      indicators: [],
      narratives: [],
      rankings: entries,
    });

  it('names the top categories by count, most first, traced to their counts', () => {
    const doc = withRankings(
      "主要涉及{{ 'complaints' | top: 'category' }}等问题，其次是{{ 'complaints' | top: 'category', 4 }}",
    );
    expect(body(doc)).toBe(
      '主要涉及物业管理、供水保障、拖欠民工工资等问题，其次是物业管理、供水保障、拖欠民工工资、房屋质量',
    );
    expect(doc.provenance[0]).toMatchObject({
      measureLabel: '按问题类别排名',
      exact: '物业管理 121；供水保障 72；拖欠民工工资 56；房屋质量 41',
      ledgerRows: { ledger: 'complaints', total: 290 },
    });
  });

  it('marks a period without rows, and refuses a field that cannot be ranked', () => {
    const empty = withRankings("{{ 'complaints' | top: 'category' }}", [
      { ...rankings[0], entries: [] },
    ] as typeof rankings);
    expect(body(empty)).toBe('【待填：群众投诉台账 1－10月（无记录）】');
    expect(() => withRankings("\n{{ 'complaints' | top: 'summary' }}")).toThrow(
      /第2行.*没有可排名的台账字段 complaints.summary/,
    );
  });
});

describe('the latest date of open ledger rows', () => {
  const fact = {
    ledger: 'commitments',
    ledgerName: '我为群众办实事台账',
    field: 'dueDate',
    fieldTitle: '承诺办结日期',
    value: '2021-12-20' as string | null,
    refs: ['BSS-2021-06', 'BSS-2021-07'],
  };
  const withLatest = (value: string | null) =>
    renderReport({
      template: { text: "预计{{ 'commitments' | latest: 'dueDate' }}前办结", source: 'test.liquid' },
      organisation: { code: 'x', name: '示范区住房和城乡建设局' },
      year: 2021,
      through: 10,
      indicators: [],
      narratives: [],
      latest: [{ ...fact, value }],
    });

  it('prints the date in Chinese, with the year only when it is not the report year, traced to the open rows', () => {
    const doc = withLatest('2021-12-20');
    expect(body(doc)).toBe('预计12月20日前办结');
    expect(doc.provenance[0]?.ledgerRows).toEqual({
      ledger: 'commitments',
      refs: ['BSS-2021-06', 'BSS-2021-07'],
      total: 2,
    });
    expect(body(withLatest('2022-01-15'))).toBe('预计2022年1月15日前办结');
  });

  it('marks the absence of open rows', () => {
    expect(body(withLatest(null))).toBe(
      '预计【待填：我为群众办实事台账 承诺办结日期（1－10月末没有未办结的记录）】前办结',
    );
  });
});

describe('template errors name the line', () => {
  const fails = (template: string) => {
    try {
      render(template, [indicator(investment, '1.20', 10)]);
    } catch (error) {
      expect(error).toBeInstanceOf(TemplateError);
      return error as TemplateError;
    }
    throw new Error('expected a TemplateError');
  };

  it('an unknown indicator code', () => {
    const error = fails("第一行\n投资{{ 'no_such_code' | ytd }}亿元");
    expect(error).toMatchObject({ line: 2, reason: '未知的指标代码 no_such_code' });
    expect(error.message).toBe('test.liquid 第2行第3列：未知的指标代码 no_such_code');
  });

  it('an unknown variable or filter, never an empty string', () => {
    expect(fails('\n\n{{ no_such_variable }}')).toMatchObject({ line: 3, reason: '未定义的变量 no_such_variable' });
    expect(fails("{{ 'fai' | no_such_filter }}")).toMatchObject({ line: 1, reason: '未知的过滤器 no_such_filter' });
  });

  it('bad syntax', () => {
    const error = fails("正文\n{{ 'fai' | ytd ");
    expect(error.line).toBe(2);
    expect(error.reason).toMatch(/没有闭合/);
  });

  it('a narrative with an error is named as such', () => {
    try {
      render(
        "{% narrative 'x' %}",
        [],
        [{ key: 'x', year: 2021, section: 'office', sectionName: '办公室', text: '{{ nope }}' }],
      );
      throw new Error('expected an error');
    } catch (error) {
      expect((error as TemplateError).source).toBe('叙述 x');
    }
  });
});

describe('a template cannot read files or run code', () => {
  const refuses = (template: string, reason: RegExp) => {
    expect(() => render(template, [])).toThrow(TemplateError);
    try {
      render(template, []);
    } catch (error) {
      expect((error as TemplateError).reason).toMatch(reason);
    }
  };

  it('refuses include, render and layout', () => {
    refuses("{% include '/etc/passwd' %}", /不能引用其他文件/);
    refuses("{% render '../../package.json' %}", /不能引用其他文件/);
    refuses("{% layout 'x' %}", /不能引用其他文件/);
  });

  it('exposes no JavaScript: constructors and prototypes are undefined', () => {
    refuses('{{ org.constructor }}', /未定义的变量/);
    refuses("{{ org.name.constructor.constructor('return process')() }}", /./);
    refuses('{{ org.__proto__ }}', /未定义的变量/);
  });

  it('cannot forge a figure token', () => {
    const doc = render('\uE0000\uE001 plain', []);
    expect(body(doc)).toBe('0 plain');
    expect(doc.provenance).toEqual([]);
  });
});

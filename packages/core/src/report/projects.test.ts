import { describe, expect, it } from 'vitest';
import { inlineText, type ReportDocument } from './document.js';
import { renderReport, TemplateError } from './engine.js';
import { projectSentence, type ReportProject } from './projects.js';

const period = { year: 2021, through: 10 };

const ansha: ReportProject = {
  ref: 'XM-01',
  name: '安厦·盛水湾财富中心',
  category: '续建',
  milestones: [
    { stage: '开工', status: '已完成', doneAt: '2020-04-16' },
    { stage: '地下室', status: '已完成', plannedAt: '2021-06-30', doneAt: '2021-07-12' },
    { stage: '主体施工', status: '进行中' },
    { stage: '主体完工', status: '计划', plannedAt: '2022-10-31' },
    { stage: '竣工验收', status: '计划' },
  ],
};

const longhai: ReportProject = {
  ref: 'XM-02',
  name: '龙海路建设项目',
  category: '新建',
  milestones: [
    { stage: '可研', status: '已完成', doneAt: '2021-03-15' },
    { stage: '环评', status: '已完成', doneAt: '2021-04-20' },
    { stage: '水保', status: '已完成', doneAt: '2021-05-10' },
    { stage: '选址意见书', status: '已完成', doneAt: '2021-06-08' },
  ],
};

const jiuqu: ReportProject = {
  ref: 'XM-03',
  name: '九曲文河文旅商业街',
  category: '新建',
  milestones: [{ stage: '附属设施及装修', status: '进行中', plannedAt: '2021-12-31' }],
  facts: { merchants: 36 },
  progressText:
    "{{ project.name }}计划{{ project.planned['附属设施及装修'].month }}月底完成附属设施及室内装修，招商引资入驻商户{{ project.facts.merchants }}家。",
};

const huanle: ReportProject = { ref: 'XM-04', name: '欢乐星城项目', category: '前期', milestones: [] };

function render(template: string, projects: ReportProject[]): ReportDocument {
  return renderReport({
    template: { text: template, source: 'test.liquid' },
    organisation: { code: 'shifanqu', name: '示范区住房和城乡建设局', shortName: '示范区' },
    year: 2021,
    through: 10,
    indicators: [],
    narratives: [],
    projects,
  });
}

const body = (doc: ReportDocument) =>
  doc.blocks.map((b) => (b.kind === 'closing' ? b.lines.map(inlineText).join('\n') : inlineText(b.inlines))).join('\n');

describe('projectSentence', () => {
  it('lists the stages done this year in words, with the suffix, and nothing else when nothing else is', () => {
    expect(projectSentence(longhai, period)).toBe(
      '龙海路建设项目已完成可行性研究报告、项目环保、水土保持、选址意见书。',
    );
    expect(projectSentence({ ...longhai, doneSuffix: '等前期手续报批' }, period)).toBe(
      '龙海路建设项目已完成可行性研究报告、项目环保、水土保持、选址意见书等前期手续报批。',
    );
  });

  it('says what is in progress and when the first planned stage is due, leaving out last year', () => {
    expect(projectSentence(ansha, period)).toBe(
      '安厦·盛水湾财富中心已完成地下室施工建设，正在进行主体施工，计划2022年10月底主体完成。',
    );
    // Through June the basement, done in July, is not yet done.
    expect(projectSentence(ansha, { year: 2021, through: 6 })).toBe(
      '安厦·盛水湾财富中心正在进行主体施工，计划2022年10月底主体完成。',
    );
    expect(
      projectSentence(
        { ...huanle, milestones: [{ stage: '竣工验收', status: '计划', plannedAt: '2022-03-15' }] },
        period,
      ),
    ).toBe('欢乐星城项目计划2022年3月底竣工验收完成。');
  });

  it('reads a stage planned before the period ended and not done by then as late, never as a plan', () => {
    const unstarted: ReportProject = {
      ...huanle,
      milestones: [
        { stage: '施工图设计', status: '已完成', doneAt: '2021-08-20' },
        { stage: '开工', status: '计划', plannedAt: '2021-09-30' },
        { stage: '主体完工', status: '计划', plannedAt: '2022-06-30' },
      ],
    };
    expect(projectSentence(unstarted, period)).toBe(
      '欢乐星城项目已完成施工图设计，开工建设原计划2021年9月底完成，目前进度滞后，计划2022年6月底主体完成。',
    );
    // Through September the start is due that very month, not yet late.
    expect(projectSentence(unstarted, { year: 2021, through: 9 })).toBe(
      '欢乐星城项目已完成施工图设计，计划2021年9月底开工建设完成。',
    );
    // Done after the period: as the report sees it, not done, and late.
    const startedLate: ReportProject = {
      ...unstarted,
      milestones: [{ stage: '主体完工', status: '已完成', plannedAt: '2021-05-31', doneAt: '2021-11-20' }],
    };
    expect(projectSentence(startedLate, period)).toBe('欢乐星城项目主体原计划2021年5月底完成，目前进度滞后。');
  });
});

describe('project_count and project_sentences', () => {
  const template =
    "计划实施城市重点项目{{ 'projects' | project_count }}个。续建{{ 'projects' | project_count: '续建' }}个，{% project_sentences '续建' %}新建项目{{ 'projects' | project_count: '新建' }}个，{% project_sentences '新建' %}前期项目{{ 'projects' | project_count: '前期' }}个。";
  const projects = [ansha, { ...longhai, doneSuffix: '等前期手续报批' }, jiuqu, huanle];

  it('counts the projects by category and prints their sentences in ledger order, an override rendered', () => {
    const doc = render(template, projects);
    expect(body(doc)).toBe(
      '计划实施城市重点项目4个。续建1个，安厦·盛水湾财富中心已完成地下室施工建设，正在进行主体施工，计划2022年10月底主体完成。' +
        '新建项目2个，龙海路建设项目已完成可行性研究报告、项目环保、水土保持、选址意见书等前期手续报批。' +
        '九曲文河文旅商业街计划12月底完成附属设施及室内装修，招商引资入驻商户36家。前期项目1个。',
    );
  });

  it('gives each count a provenance listing the projects counted', () => {
    const doc = render(template, projects);
    const counts = doc.provenance.filter((p) => p.indicator.code === 'projects');
    expect(counts.map((p) => [p.measure, p.text, p.ledgerRows?.refs])).toEqual([
      ['project_count', '4', ['XM-01', 'XM-02', 'XM-03', 'XM-04']],
      ['project_count:续建', '1', ['XM-01']],
      ['project_count:新建', '2', ['XM-02', 'XM-03']],
      ['project_count:前期', '1', ['XM-04']],
    ]);
  });

  it('refuses an unknown category, and counts none when there are no projects', () => {
    expect(() => render("{{ 'projects' | project_count: '在建' }}", projects)).toThrow(TemplateError);
    expect(() => render("{% project_sentences '在建' %}", projects)).toThrow(/项目类别应为 续建、新建、前期 之一/);
    expect(body(render("{{ 'projects' | project_count }}个{% project_sentences '新建' %}", []))).toBe('0个');
  });
});

describe('progress texts', () => {
  const template = "{% project_sentences '前期' %}";
  const unstarted: ReportProject = {
    ...huanle,
    milestones: [{ stage: '开工', status: '计划', plannedAt: '2021-09-30' }],
  };

  it('tests a stage not done as false, and falls back on the generated sentence', () => {
    const progressText =
      "{% if project.done['开工'] %}{{ project.name }}于{{ project.done['开工'].month }}月已开工。{% else %}{{ project.sentence }}{% endif %}";
    expect(body(render(template, [{ ...unstarted, progressText }]))).toBe(
      '欢乐星城项目开工建设原计划2021年9月底完成，目前进度滞后。',
    );
    const started: ReportProject = {
      ...unstarted,
      progressText,
      milestones: [{ stage: '开工', status: '已完成', doneAt: '2021-03-18' }],
    };
    expect(body(render(template, [started]))).toBe('欢乐星城项目于3月已开工。');
  });

  it("marks one project's faulty text 【待核】 and owes it, rendering the others and the rest of the report", () => {
    const faulty: ReportProject = {
      ...unstarted,
      section: 'urbanbuild',
      sectionName: '城市建设股',
      progressText: "{{ project.name }}于{{ project.done['开工'].month }}月开工。",
    };
    const unclosed: ReportProject = { ...huanle, ref: 'XM-05', name: '星乐山水苑', progressText: '{% raw %}未闭合' };
    const doc = render(`前期：${template}完。`, [faulty, unclosed, { ...longhai, category: '前期' }]);
    expect(body(doc)).toBe(
      '前期：【待核：欢乐星城项目进展表述】【待核：星乐山水苑进展表述】龙海路建设项目已完成可行性研究报告、项目环保、水土保持、选址意见书。完。',
    );
    expect(doc.missing.map((m) => [m.subject, m.text])).toEqual([
      ['XM-04', '【待核：欢乐星城项目进展表述】'],
      ['XM-05', '【待核：星乐山水苑进展表述】'],
    ]);
    expect(doc.missing[0]?.reason).toMatch(/欢乐星城项目没有开工的完成日期/);
    // The section that owes the correction, as the list of what is owed names it.
    expect(doc.missing[0]).toMatchObject({ section: 'urbanbuild', sectionName: '城市建设股' });
    expect(doc.missing[1]?.reason).toMatch(/raw/);
  });

  it('still refuses the whole report when a text reaches a limit', () => {
    const bomb: ReportProject = { ...huanle, progressText: "{% project_sentences '前期' %}" };
    expect(() => render(template, [bomb])).toThrow(/层层嵌套/);
  });
});

/**
 * 重点项目 as a report prints them (docs/report-template.md): each project's sentence, its own
 * `progressText` when it has one, otherwise generated from its milestones.
 */

/** One key project of the report's year, as the report sees it (the ledger `projects`). */
export interface ReportProject {
  ref: string;
  name: string;
  /** 续建, 新建 or 前期 */
  category: string;
  milestones: readonly ReportMilestone[];
  /** words after the stages done, e.g. 等前期手续报批 */
  doneSuffix?: string | undefined;
  facts?: Readonly<Record<string, string | number | boolean>> | undefined;
  /** the sentence as the report prints it, instead of the generated one; may hold Liquid */
  progressText?: string | undefined;
  /** the owning section (code and name), which owes a correction of its text */
  section?: string | undefined;
  sectionName?: string | undefined;
}

export interface ReportMilestone {
  stage: string;
  status: string;
  plannedAt?: string | undefined;
  doneAt?: string | undefined;
}

/** The words a sentence uses for each stage code of the ledger. */
export const STAGE_WORDS: Readonly<Record<string, string>> = {
  可研: '可行性研究报告',
  环评: '项目环保',
  水保: '水土保持',
  选址意见书: '选址意见书',
  用地报批: '用地报批',
  林地报批: '林地报批',
  规划审查: '规划方案审查',
  施工图设计: '施工图设计',
  开工: '开工建设',
  地下室: '地下室施工建设',
  主体施工: '主体施工',
  主体完工: '主体完成',
  附属设施及装修: '附属设施及室内装修',
  竣工验收: '竣工验收',
  投入使用: '投入使用',
  招商: '招商',
};

const wordOf = (stage: string) => STAGE_WORDS[stage] ?? stage;

/** The report's period, 1－through月 of year: a milestone done in it is the year's progress. */
export interface ProjectPeriod {
  year: number;
  through: number;
}

/** A milestone done within 1－through月 of the year; one done in an earlier year is old news. */
export function doneInPeriod(milestone: ReportMilestone, period: ProjectPeriod): boolean {
  if (milestone.status !== '已完成' || milestone.doneAt === undefined) return false;
  const [year, month] = milestone.doneAt.split('-').map(Number);
  return year === period.year && (month ?? 13) <= period.through;
}

/** A date as a progress text may print it: {{ project.done['开工'].month }}. */
export interface ProjectDate {
  year: number;
  month: number;
  day: number;
}

function dateParts(date: string): ProjectDate {
  const [year = 0, month = 0, day = 0] = date.split('-').map(Number);
  return { year, month, day };
}

/** The last day of 1－through月, as YYYY-MM-DD. */
function periodEnd({ year, through }: ProjectPeriod): string {
  const day = new Date(Date.UTC(year, through, 0)).getUTCDate();
  return `${year}-${String(through).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Done by the end of the period (a stage done later is not yet done as the report sees it). */
function doneBy(milestone: ReportMilestone, end: string): boolean {
  return milestone.status === '已完成' && (milestone.doneAt === undefined || milestone.doneAt <= end);
}

/** A stage planned before the period's end and not done by then: late, never a plan. */
export function lateInPeriod(milestone: ReportMilestone, period: ProjectPeriod): boolean {
  const end = periodEnd(period);
  return milestone.plannedAt !== undefined && milestone.plannedAt < end && !doneBy(milestone, end);
}

/**
 * Each stage's completion date (done) and planned date (planned), by stage code, as a progress
 * text reads them. A stage without the date is no error: it is false in a condition
 * (`{% if project.done['开工'] %}`), and printing one of its parts is (the project's sentence is
 * then marked 【待核】, not the report refused). A completion after the period is not yet done.
 */
export function projectDates(
  project: ReportProject,
  period: ProjectPeriod,
): { done: Record<string, ProjectDate>; planned: Record<string, ProjectDate> } {
  const end = periodEnd(period);
  const done: Record<string, ProjectDate> = {};
  const planned: Record<string, ProjectDate> = {};
  for (const m of project.milestones) {
    if (m.doneAt !== undefined && doneBy(m, end)) done[m.stage] = dateParts(m.doneAt);
    if (m.plannedAt !== undefined) planned[m.stage] = dateParts(m.plannedAt);
  }
  return { done, planned };
}

const planWords = (word: string) => (word.endsWith('完成') ? word : `${word}完成`);

/**
 * A project's sentence from its milestones: 「<name>已完成<done>，正在进行<in progress>，<late>，
 * 计划<Y>年<M>月底<planned>完成。」, leaving out the parts with no stage. 已完成 lists the stages done
 * in the report's period (then `doneSuffix`); a stage planned before the period's end and not done
 * by then is late (开工建设原计划2021年9月底完成，目前进度滞后), never stated as a plan; the planned
 * part names the first stage still 计划 with a date not yet past, its year always written
 * (计划2022年10月底主体完成). Dates are plain text.
 */
export function projectSentence(project: ReportProject, period: ProjectPeriod): string {
  const parts: string[] = [];
  const done = project.milestones.filter((m) => doneInPeriod(m, period));
  if (done.length > 0) parts.push(`已完成${done.map((m) => wordOf(m.stage)).join('、')}${project.doneSuffix ?? ''}`);
  const going = project.milestones.filter((m) => m.status === '进行中');
  if (going.length > 0) parts.push(`正在进行${going.map((m) => wordOf(m.stage)).join('、')}`);
  for (const late of project.milestones.filter((m) => lateInPeriod(m, period))) {
    const { year, month } = dateParts(late.plannedAt as string);
    const stage = wordOf(late.stage).replace(/完成$/, '');
    parts.push(`${stage}原计划${year}年${month}月底完成，目前进度滞后`);
  }
  const planned = project.milestones.find(
    (m) => m.status === '计划' && m.plannedAt !== undefined && !lateInPeriod(m, period),
  );
  if (planned?.plannedAt !== undefined) {
    const { year, month } = dateParts(planned.plannedAt);
    parts.push(`计划${year}年${month}月底${planWords(wordOf(planned.stage))}`);
  }
  return `${project.name}${parts.join('，')}。`;
}

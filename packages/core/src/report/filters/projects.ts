import { type Context, Drop, type Emitter, type Liquid, Tag, type TagToken, type TopLevelToken } from 'liquidjs';
import { Decimal } from '../../arithmetic/decimal.js';
import { formatNumber } from '../format.js';
import { type ProjectDate, projectDates, projectSentence, type ReportProject } from '../projects.js';
import { TOKEN_CHARS } from '../registry.js';
import type { ReportScope } from '../scope.js';
import { TemplateError } from '../template-engine.js';
import { TemplateFigure } from '../values.js';

const PROJECT_CATEGORIES = ['续建', '新建', '前期'];

function projectCategory(given: unknown, what: string): string | undefined {
  if (given === undefined || given === null || given === '') return undefined;
  if (typeof given === 'string' && PROJECT_CATEGORIES.includes(given)) return given;
  throw new Error(`${what}的项目类别应为 ${PROJECT_CATEGORIES.join('、')} 之一，实际为 ${String(given)}`);
}

/**
 * The key-project family (重点项目 of the report's year): `{{ 'projects' | project_count: '续建' }}`,
 * their number (all of them without a category), a figure whose provenance lists the projects;
 * and `{% project_sentences '新建' %}`, the sentence of each project of a category in ledger order.
 */
export function registerProjects(liquid: Liquid, scope: ReportScope): void {
  const { input } = scope;
  const projects = input.projects ?? [];

  liquid.registerFilter('project_count', (ledger: unknown, category: unknown) => {
    if (ledger !== 'projects') {
      throw new Error(`project_count 应作用于 'projects'，如 {{ 'projects' | project_count: '续建' }}`);
    }
    const chosen = projectCategory(category, 'project_count ');
    const counted = projects.filter((p) => chosen === undefined || p.category === chosen);
    const measure = `project_count${chosen === undefined ? '' : `:${chosen}`}`;
    return new TemplateFigure(
      scope.registry,
      new Decimal(counted.length),
      '个',
      0,
      (value) => formatNumber(value, 0),
      {
        indicator: { code: 'projects', name: '重点项目台账', unit: '个', section: '', sectionName: '' },
        measure,
        measureLabel: `${input.year}年${chosen ?? ''}重点项目数`,
        periodLabel: scope.periodLabel,
        sources: [],
        ledgerRows: { ledger: 'projects', refs: counted.map((p) => p.ref), total: counted.length },
      },
      `projects|${measure}`,
    );
  });

  class ProjectSentencesTag extends Tag {
    private readonly category: string;

    constructor(token: TagToken, remain: TopLevelToken[], engine: Liquid) {
      super(token, remain, engine);
      const match = /^\s*(['"])([^'"]*)\1\s*$/.exec(token.args);
      const category = projectCategory(match?.[2], 'project_sentences 标签');
      if (category === undefined) {
        throw new Error(`project_sentences 标签应写作 {% project_sentences '新建' %}，实际为 ${token.args.trim()}`);
      }
      this.category = category;
    }

    render(context: Context, emitter: Emitter): void {
      for (const project of projects.filter((p) => p.category === this.category)) {
        if (project.progressText === undefined) {
          emitter.write(projectSentence(project, input).replace(TOKEN_CHARS, ''));
          continue;
        }
        const source = `重点项目 ${project.ref} 的进展表述`;
        try {
          emitter.write(scope.renderer.nested(project.progressText, context, progressScope(context, project), source));
        } catch (error) {
          // One clerk's text must not cost the bureau its report: it is marked and owed, unless a limit was hit.
          if (!(error instanceof TemplateError) || error.limit) throw error;
          emitter.write(
            scope.ledgerMarker({
              text: `【待核：${project.name}进展表述】`,
              subject: project.ref,
              subjectName: `重点项目 ${project.name}`,
              section: project.section,
              sectionName: project.sectionName,
              reason: error.message,
              line: error.line ?? 0,
            }),
          );
        }
      }
    }
  }

  /** What a progress text sees: the report's variables, and `project` with its dates as of the period. */
  const progressScope = (context: Context, project: ReportProject): object => {
    const { done, planned } = projectDates(project, input);
    return {
      ...(context.getAll() as object),
      project: {
        ref: project.ref,
        name: project.name,
        category: project.category,
        facts: project.facts ?? {},
        /** the sentence generated from its milestones, for a text to fall back on */
        sentence: projectSentence(project, input).replace(TOKEN_CHARS, ''),
        done: new StageDates(done, project.name, '完成日期'),
        planned: new StageDates(planned, project.name, '计划日期'),
      },
    };
  };
  liquid.registerTag('project_sentences', ProjectSentencesTag);
}

/**
 * A project's stage dates by stage code (`project.done['开工']`). A stage without the date is no
 * error where it is tested: it is false in a condition. Printing a part of it is an error of that
 * project's text, which marks the project's sentence 【待核】.
 */
class StageDates extends Drop {
  // Private fields: a template reads stage codes here, never the object's own members.
  readonly #dates: Readonly<Record<string, ProjectDate>>;
  readonly #missing: (stage: string) => string;
  constructor(dates: Readonly<Record<string, ProjectDate>>, projectName: string, what: string) {
    super();
    this.#dates = dates;
    this.#missing = (stage) => `${projectName}没有${stage}的${what}`;
  }

  override liquidMethodMissing(stage: unknown): ProjectDate | MissingDate {
    const key = String(stage);
    return this.#dates[key] ?? new MissingDate(this.#missing(key));
  }
}

/** A stage date that is not there: false in a condition, an error when a part of it is printed. */
class MissingDate extends Drop {
  readonly #why: string;
  constructor(why: string) {
    super();
    this.#why = why;
  }
  override valueOf(): boolean {
    return false;
  }
  override liquidMethodMissing(): never {
    throw new Error(this.#why);
  }
}

import { type Context, type Emitter, type Liquid, Tag, type TagToken, type TopLevelToken } from 'liquidjs';
import { Decimal } from '../../arithmetic/decimal.js';
import { formatNumber } from '../format.js';
import { projectDates, projectSentence } from '../projects.js';
import { TOKEN_CHARS } from '../registry.js';
import type { ReportScope } from '../scope.js';
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
        const variables = {
          ...(context.getAll() as object),
          project: {
            ref: project.ref,
            name: project.name,
            category: project.category,
            facts: project.facts ?? {},
            ...projectDates(project),
          },
        };
        const source = `重点项目 ${project.ref} 的进展表述`;
        emitter.write(scope.renderer.nested(project.progressText, context, variables, source));
      }
    }
  }
  liquid.registerTag('project_sentences', ProjectSentencesTag);
}

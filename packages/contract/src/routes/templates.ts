import { Type } from '@sinclair/typebox';
import type { Answer, BodyOf } from '../kit.js';
import { body, LatestYear, listOf, nullable, query, ref, route, Through, version, Year } from '../kit.js';
import { Narrative, Template } from '../shapes.js';
import { ReportPreview } from './reports.js';

/** 报告模板 and 叙述: the office edits them at the version read (docs/api.md). */

const codeParams = Type.Object({ code: Type.String({ minLength: 1, maxLength: 100 }) });

/** A template as listed, without its text. */
const TemplateSummary = Type.Object({ code: Type.String(), name: Type.String(), version: Type.Integer() });

export const templates = route({
  method: 'GET',
  url: '/api/templates',
  schema: { tags: ['模板与叙述'], summary: '报告模板列表（不含正文）', response: { 200: Type.Array(TemplateSummary) } },
});

export const template = route({
  method: 'GET',
  url: '/api/templates/:code',
  schema: { tags: ['模板与叙述'], summary: '一个报告模板', params: codeParams, response: { 200: ref(Template) } },
});

export const saveTemplate = route({
  method: 'PUT',
  url: '/api/templates/:code',
  schema: {
    tags: ['模板与叙述'],
    summary: '保存模板正文：先按最新期间试生成报告，模板有误则 422（problems 中有行号）；version 过期则 409',
    params: codeParams,
    body: body({ text: Type.String({ maxLength: 200_000 }), version: version(1) }),
    response: { 200: ref(Template) },
  },
});

export const previewTemplate = route({
  method: 'POST',
  url: '/api/templates/preview',
  schema: {
    tags: ['模板与叙述'],
    summary: '用未保存的模板正文预览报告；模板有误则 422（problems 中有行号）',
    body: body({
      text: Type.String({ minLength: 1, maxLength: 200_000 }),
      year: Type.Optional(Year),
      through: Type.Optional(Through),
    }),
    response: { 200: ReportPreview },
  },
});

export const narratives = route({
  method: 'GET',
  url: '/api/narratives',
  schema: {
    tags: ['模板与叙述'],
    summary: '某年的叙述段落；同一代码可有多段，through 为其适用的起始月份（null 为全年）',
    querystring: query({ year: LatestYear }),
    response: { 200: listOf(Narrative) },
  },
});

export const saveNarrative = route({
  method: 'PUT',
  url: '/api/narratives/:code',
  schema: {
    tags: ['模板与叙述'],
    summary: '修改叙述正文（带 version）；该代码、年份、through 尚无叙述时省略 version 并给出 section 即新增',
    params: codeParams,
    body: body({
      year: Year,
      through: Type.Optional(nullable(Type.Integer({ minimum: 1, maximum: 12 }))),
      text: Type.String({ maxLength: 100_000 }),
      version: Type.Optional(version(0)),
      section: Type.Optional(Type.String({ maxLength: 50, description: '负责股室代码（新增时必填）' })),
      title: Type.Optional(nullable(Type.String({ maxLength: 200 }))),
    }),
    response: { 200: ref(Narrative) },
  },
});

// What the web app names of these routes.
export type TemplateSummary = Answer<typeof templates>[number];
export type TemplatePreviewInput = BodyOf<typeof previewTemplate>;
export type NarrativeInput = BodyOf<typeof saveNarrative>;

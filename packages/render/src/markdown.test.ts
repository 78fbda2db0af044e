import type { ReportDocument } from '@taizhang/core';
import { describe, expect, test } from 'vitest';
import { renderMarkdown } from './markdown.js';
import { sampleDocument } from './sample.test-helpers.js';

const text = (value: string) => ({ kind: 'text' as const, text: value });

function withBlocks(blocks: ReportDocument['blocks']): ReportDocument {
  return { ...sampleDocument(), blocks };
}

describe('renderMarkdown', () => {
  test('writes the title, the four heading levels, one line per paragraph and the closing last', () => {
    expect(renderMarkdown(sampleDocument())).toBe(
      [
        '# 示范区住房和城乡建设局2021年工作总结',
        '',
        '2021年是十四五规划开局之年。',
        '',
        '## 一、履职尽责方面',
        '',
        '──全力抓经济指标，已完成投资29.02亿元。一是全年固定资产投资增长6.7％，预计年底能够完成全年目标任务。',
        '',
        '### （一）住房保障',
        '',
        '发放廉租住房补贴【待填：廉租住房补贴户数 1－10月（住房保障股）】户。',
        '',
        '#### 1. 群众来信',
        '',
        '来信称\\<script\\>alert("x")\\</script\\> \\& 物业“管理”问题。',
        '',
        '##### （1）回访',
        '',
        '已全部回访。',
        '',
        '示范区住房和城乡建设局',
        '',
        '2021年10月31日',
        '',
      ].join('\n'),
    );
  });

  test('ends with exactly one newline and gives the same text every time', () => {
    const first = renderMarkdown(sampleDocument());
    expect(first.endsWith('\n')).toBe(true);
    expect(first.endsWith('\n\n')).toBe(false);
    expect(renderMarkdown(sampleDocument())).toBe(first);
  });

  test('escapes ASCII markup a user typed, so it prints as typed', () => {
    const md = renderMarkdown(
      withBlocks([{ kind: 'paragraph', lead: false, inlines: [text('a*b*_c_ [x](y) `z` | ~w~')] }]),
    );
    expect(md).toContain('a\\*b\\*\\_c\\_ \\[x\\](y) \\`z\\` \\| \\~w\\~');
  });

  test('a paragraph never starts a heading, list or thematic break', () => {
    const md = renderMarkdown(
      withBlocks([
        { kind: 'paragraph', lead: false, inlines: [text('# 不是标题')] },
        { kind: 'paragraph', lead: false, inlines: [text('- 不是列表')] },
        { kind: 'paragraph', lead: false, inlines: [text('1. 不是编号')] },
        { kind: 'paragraph', lead: false, inlines: [text('---')] },
        { kind: 'paragraph', lead: false, inlines: [text('1.建立制度')] },
      ]),
    );
    expect(md.trimEnd().split('\n\n').slice(1, 6)).toEqual([
      '\\# 不是标题',
      '\\- 不是列表',
      '1\\. 不是编号',
      '\\---',
      '1.建立制度',
    ]);
  });

  test('keeps a heading level 3 "1. …" as written', () => {
    expect(renderMarkdown(sampleDocument())).toContain('\n#### 1. 群众来信\n');
  });

  test('a line break inside a paragraph becomes a space: one paragraph, one line', () => {
    const md = renderMarkdown(withBlocks([{ kind: 'paragraph', lead: false, inlines: [text('第一行\n第二行')] }]));
    expect(md).toContain('\n\n第一行 第二行\n');
  });
  test('a document without a title starts with its first block', () => {
    const doc = { ...sampleDocument(), title: [] };
    expect(renderMarkdown(doc).startsWith('#')).toBe(false);
    expect(renderMarkdown(doc).startsWith(renderMarkdown(sampleDocument()).split('\n\n')[1] ?? 'x')).toBe(true);
  });
});

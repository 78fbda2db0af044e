import type { Narrative } from '@taizhang/contract';
import { describe, expect, it } from 'vitest';
import { narrativeTag, newNarrativeCodeProblem } from './narrative-form.js';

const block = (code: string, through: number | null): Narrative => ({
  code,
  year: 2021,
  title: '重点项目',
  text: '……',
  version: 1,
  through,
  section: { code: 'planfin', name: '计划财务股' },
});

describe('a new narrative block’s code', () => {
  it('is one a template can name', () => {
    expect(newNarrativeCodeProblem('safety_month', null, [])).toBeNull();
    expect(newNarrativeCodeProblem('  ', null, [])).toBe('请填写叙述代码');
    for (const bad of ['安全月', '1st', 'safety month', 'a'.repeat(65)]) {
      expect(newNarrativeCodeProblem(bad, null, []), bad).toContain('英文字母开头');
    }
  });

  it('is not taken by a block of the same year and starting month', () => {
    const existing = [block('key_projects', null), block('key_projects', 10)];
    expect(newNarrativeCodeProblem('key_projects', null, existing)).toContain('全年适用的叙述段落「重点项目」');
    expect(newNarrativeCodeProblem('key_projects', 10, existing)).toContain('10月起');
    expect(newNarrativeCodeProblem('key_projects', 6, existing)).toBeNull();
  });

  it('is placed in a template by its tag', () => {
    expect(narrativeTag(' safety_month ')).toBe("{% narrative 'safety_month' %}");
  });
});

import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client.js';
import { chosenTemplate, lineRange, templateProblems } from './template-errors.js';

describe('template problems', () => {
  it('reads the line from problems, the error, or the message', () => {
    const withProblems = new ApiError(
      422,
      'TEMPLATE_INVALID',
      '模板有误',
      [],
      [{ field: 'text', message: '未闭合的标签', line: 7 }],
    );
    expect(templateProblems(withProblems)).toEqual([{ line: 7, message: '未闭合的标签' }]);
    const withRaw = new ApiError(422, 'TEMPLATE_INVALID', '未知过滤器 figurez', [], [], undefined, { line: 3 });
    expect(templateProblems(withRaw)).toEqual([{ line: 3, message: '未知过滤器 figurez' }]);
    const inMessage = new ApiError(422, 'TEMPLATE_INVALID', '模板第 12 行：未知指标 FAI2');
    expect(templateProblems(inMessage)[0]?.line).toBe(12);
  });

  it('finds the characters of a line', () => {
    const text = 'one\ntwo\nthree';
    expect(lineRange(text, 2)).toEqual({ start: 4, end: 7 });
    expect(lineRange(text, 3)).toEqual({ start: 8, end: 13 });
    expect(lineRange(text, 9)).toEqual({ start: 13, end: 13 });
  });

  it('opens the template chosen while it is listed, else the report’s default, else the first', () => {
    const list = [
      { code: 'quarterly', name: '季度简报', version: 1 },
      { code: 'work-summary', name: '年度工作总结', version: 4 },
    ];
    expect(chosenTemplate(undefined, 'quarterly')).toBeUndefined();
    expect(chosenTemplate([], undefined)).toBeUndefined();
    expect(chosenTemplate(list, undefined)).toBe('work-summary');
    expect(chosenTemplate(list, 'quarterly')).toBe('quarterly');
    expect(chosenTemplate(list, 'removed')).toBe('work-summary');
    expect(chosenTemplate(list.slice(0, 1), undefined)).toBe('quarterly');
  });
});

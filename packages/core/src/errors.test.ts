import { describe, expect, it } from 'vitest';
import { fileProblem, formatProblem, PROBLEM_CODES, PROBLEM_MESSAGES } from './errors.js';

describe('the problem catalogue', () => {
  it('gives every code at least one message, and every message a listed code', () => {
    const used = new Set(Object.values(PROBLEM_MESSAGES).map((entry) => entry.code));
    expect([...used].sort()).toEqual(Object.keys(PROBLEM_CODES).sort());
  });

  it('builds the problem for a missing file', () => {
    expect(fileProblem('missing', 'data/示范区.yaml')).toEqual({
      file: 'data/示范区.yaml',
      path: '',
      code: 'DATASET_FILE_MISSING',
      message: '找不到文件 data/示范区.yaml，请检查文件名和所在文件夹',
    });
  });

  it.each([
    ['EACCES', '无法读取文件 d.yaml：没有读取这个文件的权限'],
    ['EISDIR', '无法读取文件 d.yaml：这是一个文件夹，不是文件'],
    ['EWHATEVER', '无法读取文件 d.yaml：系统错误 EWHATEVER'],
    [undefined, '无法读取文件 d.yaml：原因不明'],
  ])('builds the problem for a file that cannot be read (%s)', (reason, message) => {
    expect(fileProblem('unreadable', 'd.yaml', reason)).toEqual({
      file: 'd.yaml',
      path: '',
      code: 'DATASET_FILE_UNREADABLE',
      message,
    });
  });

  it('formats a problem as one terminal line: file:line:column path message（code）', () => {
    const located = { file: 'demo.yaml', path: '/values/3/month', line: 12, column: 5, code: 'DATASET_RANGE' };
    expect(formatProblem({ ...located, message: '月份应为 1 至 12 的整数，实际为 13' })).toBe(
      'demo.yaml:12:5 /values/3/month 月份应为 1 至 12 的整数，实际为 13（DATASET_RANGE）',
    );
    expect(formatProblem(fileProblem('missing', 'demo.yaml'))).toBe(
      'demo.yaml 找不到文件 demo.yaml，请检查文件名和所在文件夹（DATASET_FILE_MISSING）',
    );
  });
});

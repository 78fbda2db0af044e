import { describe, expect, it } from 'vitest';
import { formatProblem } from '../errors.js';
import { datasetOf, HEAD, lineOf, onlyProblem, parseText, problemsOf } from './dataset.test-helpers.js';
import { MAX_PROBLEMS, parseDataset } from './parse.js';

/** HEAD plus one monthly value of fai written with the given extra lines. */
function withValue(lines: string): string {
  return `${HEAD}values:\n  - indicator: fai\n    year: 2021\n${lines}`;
}

describe('syntax: a file that cannot be read as YAML or JSON', () => {
  it('bad YAML indentation is reported once, at its line, in Chinese, and nothing else is checked', () => {
    const text = `${HEAD}targets:\n  - indicator: fai\n     year: 2021\n    amount: x\n`;
    const problem = onlyProblem(parseText(text));
    expect(problem).toMatchObject({
      code: 'DATASET_SYNTAX',
      path: '',
      line: lineOf(text, 'indicator: fai'),
      column: 16,
    });
    expect(problem.message).toMatch(/^YAML 格式错误：.*下一行的缩进可能多了/);
  });

  it('a mapping item out of line with its siblings is reported at that item', () => {
    const text = `${HEAD}targets:\n  - indicator: fai\n    year: 2021\n   amount: 1\n`;
    const problem = onlyProblem(parseText(text));
    expect(problem).toMatchObject({ code: 'DATASET_SYNTAX', line: lineOf(text, 'amount: 1') });
    expect(problem.message).toContain('这一行的缩进和上面同一层的字段不一致');
  });

  it('a Chinese full-width colon is named as the slip it is', () => {
    const text = HEAD.replace('unit: 亿元', 'unit：亿元');
    const problem = problemsOf(parseText(text))[0];
    expect(problem?.code).toBe('DATASET_SYNTAX');
    expect(problem?.message).toContain('中文冒号“：”');
  });

  it('a tab used for indentation says to use spaces', () => {
    const problem = onlyProblem(parseText('format: taizhang-dataset/1\norganisation:\n\tcode: demo\n'));
    expect(problem).toMatchObject({ code: 'DATASET_SYNTAX', line: 3, column: 1 });
    expect(problem.message).toContain('不能用 Tab 键缩进');
  });

  it('two documents in one file are refused', () => {
    const problem = onlyProblem(parseText(`${HEAD}---\nformat: taizhang-dataset/1\n`));
    expect(problem).toMatchObject({ code: 'DATASET_SYNTAX', line: 25 });
    expect(problem.message).toContain('---');
  });

  it('bad JSON syntax (a missing comma) is reported at its line and column', () => {
    const text = '{\n  "format": "taizhang-dataset/1"\n  "organisation": {}\n}\n';
    const problem = onlyProblem(parseText(text, 'demo.json'));
    expect(problem).toMatchObject({ code: 'DATASET_SYNTAX', path: '', line: 3, column: 3 });
    expect(problem.message).toBe('JSON 格式错误：这里应是英文逗号 , 或 }（上一项后面是不是漏了逗号？）');
  });

  it('a JSON file cut short names the bracket that was never closed and where it opened', () => {
    const problem = onlyProblem(parseText('{\n  "sections": [\n    {"code": "plan"}\n', 'demo.json'));
    expect(problem).toMatchObject({ code: 'DATASET_SYNTAX', line: 4, column: 1 });
    expect(problem.message).toContain('第 2 行开始的内容还缺少结尾的 ]');
  });

  it('a key written twice in one mapping is reported at the second, naming the first line', () => {
    const text = HEAD.replace('    decimals: 2\n  - code: output', '    decimals: 2\n    unit: 万元\n  - code: output');
    const problem = onlyProblem(parseText(text));
    expect(problem).toMatchObject({
      code: 'DATASET_DUPLICATE_KEY',
      path: '/indicators/0/unit',
      line: lineOf(text, 'unit: 万元'),
      column: 5,
    });
    expect(problem.message).toBe('字段 unit 写了两次（第一次在第 13 行）；同一处每个字段只能写一次');
  });

  it('a key written twice in JSON is found too', () => {
    const text = '{\n  "format": "taizhang-dataset/1",\n  "format": "taizhang-dataset/1"\n}';
    const problems = problemsOf(parseText(text, 'demo.json'));
    const duplicate = problems.find((p) => p.code === 'DATASET_DUPLICATE_KEY');
    expect(duplicate).toMatchObject({ path: '/format', line: 3, column: 3 });
    expect(duplicate?.message).toContain('第一次在第 2 行');
  });

  it('an empty file, or one holding only comments, is called empty', () => {
    for (const text of ['', '  \n\n', '# 示范区数据\n']) {
      const problem = onlyProblem(parseText(text));
      expect(problem).toMatchObject({ code: 'DATASET_EMPTY', path: '' });
      expect(problem.message).toContain('文件是空的');
    }
  });

  it('an alias that contains itself is refused instead of recursing forever', () => {
    const problem = onlyProblem(parseText('format: &loop [1, *loop]\n'));
    expect(problem.code).toBe('DATASET_SYNTAX');
    expect(problem.message).toContain('*loop');
  });

  it('nested aliases that would expand beyond reason ("billion laughs") are refused quickly', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 12; i++) {
      const previous = String.fromCharCode(96 + i);
      levels.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${previous}`).join(', ')}]`,
      );
    }
    const started = Date.now();
    const problems = problemsOf(parseText(`${levels.join('\n')}\n`));
    expect(Date.now() - started).toBeLessThan(5000);
    expect(problems.some((p) => p.code === 'DATASET_SYNTAX' && p.message.includes('展开后的内容过多'))).toBe(true);
  });
});

describe('shape: what the JSON Schema requires', () => {
  it('missing `indicators` is named with its Chinese title, at the top of the file', () => {
    const text = HEAD.slice(0, HEAD.indexOf('indicators:'));
    const problem = onlyProblem(parseText(text));
    expect(problem).toMatchObject({ code: 'DATASET_SHAPE', path: '', line: 1, column: 1 });
    expect(problem.message).toBe('台账数据集缺少必填字段 indicators（指标列表）');
  });

  it('a missing field of an indicator names the indicator and the field', () => {
    const text = HEAD.replace('    unit: 亿元\n    section: plan\n', '    section: plan\n');
    const problem = onlyProblem(parseText(text));
    expect(problem).toMatchObject({ code: 'DATASET_SHAPE', path: '/indicators/0', line: lineOf(text, 'code: fai') });
    expect(problem.message).toBe('指标（fai）缺少必填字段 unit（计量单位）');
  });

  it('an unknown field with no close name lists the fields allowed there', () => {
    const text = HEAD.replace('  code: demo\n', '  code: demo\n  address: 人民路 1 号\n');
    const problem = onlyProblem(parseText(text));
    expect(problem).toMatchObject({
      code: 'DATASET_SHAPE',
      path: '/organisation/address',
      line: lineOf(text, 'address'),
      column: 3,
    });
    expect(problem.message).toBe(
      '单位（demo）中有未知字段 address；这里允许的字段有：code、name、shortName、level、parent',
    );
  });

  it('a mistyped field suggests the closest name, once, not also as a missing field', () => {
    const text = withValue('    month: 1\n    valeu: 3.5\n');
    const problem = onlyProblem(parseText(text));
    expect(problem).toMatchObject({ code: 'DATASET_SHAPE', path: '/values/0/valeu', line: lineOf(text, 'valeu') });
    expect(problem.message).toBe('数值记录中有未知字段 valeu，是不是想写 value？');
  });

  it('a string where a number belongs: value: "abc"', () => {
    const text = withValue('    month: 1\n    value: "abc"\n');
    const problem = onlyProblem(parseText(text));
    expect(problem).toMatchObject({
      code: 'DATASET_TYPE',
      path: '/values/0/value',
      line: lineOf(text, 'value: "abc"'),
      column: 12,
    });
    expect(problem.message).toMatch(/^数值应为数字，实际为 “abc”；请写成普通小数/);
  });

  it('a yes/no where a number belongs: value: true', () => {
    const problem = onlyProblem(parseText(withValue('    month: 1\n    value: true\n')));
    expect(problem).toMatchObject({ code: 'DATASET_TYPE', path: '/values/0/value' });
    expect(problem.message).toContain('实际为 true（是否值）');
  });

  it('an empty value says it was left empty', () => {
    const problem = onlyProblem(parseText(withValue('    month: 1\n    value:\n')));
    expect(problem).toMatchObject({ code: 'DATASET_TYPE', path: '/values/0/value' });
    expect(problem.message).toContain('空值（没有填写）');
  });

  it('a quoted year is a string where an integer belongs, with the hint to drop the quotes', () => {
    const text = `${HEAD}values:\n  - indicator: fai\n    year: "2021"\n    month: 1\n    value: 1\n`;
    const problem = onlyProblem(parseText(text));
    expect(problem).toMatchObject({ code: 'DATASET_TYPE', path: '/values/0/year', line: lineOf(text, 'year: "2021"') });
    expect(problem.message).toBe('年份应为整数，实际为 “2021”（请去掉引号）');
  });

  it('month 13 is out of range', () => {
    const text = withValue('    month: 13\n    value: 1\n');
    const problem = onlyProblem(parseText(text));
    expect(problem).toMatchObject({
      code: 'DATASET_RANGE',
      path: '/values/0/month',
      line: lineOf(text, 'month: 13'),
      column: 12,
    });
    expect(problem.message).toBe('月份应为 1 至 12 的整数，实际为 13');
  });

  it('quarter 5, decimals 7 and year 1999 are out of range, each with its own bounds', () => {
    const text = `${HEAD.replace('decimals: 2\n  - code: output', 'decimals: 7\n  - code: output')}values:
  - indicator: output
    year: 1999
    quarter: 5
    value: 1
`;
    const messages = problemsOf(parseText(text)).map((p) => [p.code, p.path, p.message]);
    expect(messages).toEqual([
      ['DATASET_RANGE', '/indicators/0/decimals', '小数位数应为 0 至 6 的整数，实际为 7'],
      ['DATASET_RANGE', '/values/0/year', '年份应为 2000 至 2100 的整数，实际为 1999'],
      ['DATASET_RANGE', '/values/0/quarter', '季度应为 1 至 4 的整数，实际为 5'],
    ]);
  });

  it('an enumerated field names the values it allows (kind: stock)', () => {
    const text = HEAD.replace('kind: flow\n    frequency: monthly', 'kind: stock\n    frequency: monthly');
    const problem = onlyProblem(parseText(text));
    expect(problem).toMatchObject({ code: 'DATASET_ENUM', path: '/indicators/0/kind', line: lineOf(text, 'stock') });
    expect(problem.message).toBe(
      '指标类型应为以下之一：flow（累计型）、level（时点型）、rate（比率型）；实际为 “stock”',
    );
  });

  it('an enumerated value in the wrong case suggests the right one', () => {
    const problem = onlyProblem(parseText(HEAD.replace('frequency: monthly', 'frequency: Monthly')));
    expect(problem.code).toBe('DATASET_ENUM');
    expect(problem.message).toContain('是不是想写 monthly？');
  });

  it('a format version the loader does not know is refused by name', () => {
    const problem = onlyProblem(parseText(HEAD.replace('taizhang-dataset/1', 'taizhang-dataset/2')));
    expect(problem).toMatchObject({ code: 'DATASET_VERSION', path: '/format', line: 1, column: 9 });
    expect(problem.message).toContain('应为 taizhang-dataset/1，实际为 “taizhang-dataset/2”');
  });

  it('a code must start with a letter', () => {
    const problem = onlyProblem(parseText(HEAD.replace('code: demo', 'code: 1demo')));
    expect(problem).toMatchObject({ code: 'DATASET_PATTERN', path: '/organisation/code', line: 3 });
    expect(problem.message).toContain('单位编码写法不对：应以英文字母开头');
  });

  it('an entry date must be a date or a date-time', () => {
    const problem = onlyProblem(parseText(withValue('    month: 1\n    value: 1\n    enteredAt: 2021年11月5日\n')));
    expect(problem).toMatchObject({ code: 'DATASET_PATTERN', path: '/values/0/enteredAt' });
    expect(problem.message).toContain('填报时间应写成日期（如 2021-11-05）');
  });

  it.each(['2021-02-29', '2021-13-01', '2021-11-05T24:00', '2021-11-05T09:60:00+08:00'])(
    'an entry date that does not exist (%s) is refused before anything is written',
    (written) => {
      const text = withValue(`    month: 1\n    value: 1\n    enteredAt: ${written}\n`);
      const problem = onlyProblem(parseText(text));
      expect(problem).toMatchObject({
        code: 'DATASET_RANGE',
        path: '/values/0/enteredAt',
        line: lineOf(text, written),
      });
      expect(problem.message).toBe(`填报时间 ${written} 不是实际存在的日期或时间（请检查月、日、时、分）`);
    },
  );

  it('a leap day and a date-time with an offset are real dates', () => {
    const text = withValue('    month: 1\n    value: 1\n    enteredAt: 2020-02-29 23:59:59+0800\n');
    expect(parseText(text).ok).toBe(true);
  });

  it('an empty name is refused', () => {
    const problem = onlyProblem(parseText(HEAD.replace('name: 计划股', 'name: ""')));
    expect(problem).toMatchObject({ code: 'DATASET_RANGE', path: '/sections/0/name', line: 7 });
    expect(problem.message).toBe('股室名称不能为空');
  });

  it('a target with neither amount nor growth gets one message, not three', () => {
    const text = `${HEAD}targets:\n  - indicator: fai\n    year: 2021\n`;
    const problem = onlyProblem(parseText(text));
    expect(problem).toMatchObject({ code: 'DATASET_SHAPE', path: '/targets/0', line: 26 });
    expect(problem.message).toBe('目标应至少给出 amount（目标任务）或 growth（目标增速）');
  });

  it('a value with neither month nor quarter, or with both, gets one message each', () => {
    const neither = onlyProblem(parseText(withValue('    value: 1\n')));
    expect(neither).toMatchObject({ code: 'DATASET_SHAPE', path: '/values/0' });
    expect(neither.message).toBe('数值记录应给出 month（月份）或 quarter（季度）');
    const both = onlyProblem(parseText(withValue('    month: 1\n    quarter: 1\n    value: 1\n')));
    expect(both).toMatchObject({ code: 'DATASET_SHAPE', path: '/values/0' });
    expect(both.message).toBe('数值记录不能同时给出 month（月份）和 quarter（季度），只能给出其中一项');
  });

  it('a list where an object belongs says so', () => {
    const problem = onlyProblem(parseText('- 1\n- 2\n'));
    expect(problem).toMatchObject({ code: 'DATASET_TYPE', path: '', line: 1 });
    expect(problem.message).toBe('台账数据集应为对象（一组“字段: 值”），实际为 列表（2 项）');
  });
});

describe('numbers must be written plainly', () => {
  it.each([
    ['1e3', '1e3'],
    ['.5', '.5'],
    ['+1.5', '+1.5'],
    ['0x1F', '0x1F'],
    ['"12.3亿"', '“12.3亿”'],
    ['"1,234.50"', '“1,234.50”'],
  ])('value: %s is refused with the advice to write a plain decimal', (written, shown) => {
    const text = withValue(`    month: 1\n    value: ${written}\n`);
    const problem = onlyProblem(parseText(text));
    expect(problem).toMatchObject({
      code: 'DATASET_NUMBER_FORMAT',
      path: '/values/0/value',
      line: lineOf(text, `value: ${written}`),
    });
    expect(problem.message).toBe(
      `数值写成了 ${shown}；请写成普通小数，如 12.35、-3、0.10，不要用科学计数法（1e3）、省略整数部分的 0（.5）、千位分隔符、单位或其他文字`,
    );
  });

  it('1e3 in JSON is refused the same way', () => {
    const text = JSON.stringify({ values: [{ value: 1 }] }).replace('"value":1', '"value":1e3');
    const problem = problemsOf(parseText(text, 'demo.json')).find((p) => p.path === '/values/0/value');
    expect(problem).toMatchObject({ code: 'DATASET_NUMBER_FORMAT', line: 1 });
    expect(problem?.message).toContain('写成了 1e3');
  });

  it('an integer field written with a decimal point (month: 1.0) is refused', () => {
    const problem = onlyProblem(parseText(withValue('    month: 1.0\n    value: 1\n')));
    expect(problem).toMatchObject({ code: 'DATASET_NUMBER_FORMAT', path: '/values/0/month' });
    expect(problem.message).toBe('月份写成了 1.0；请写成不带小数点的普通整数，如 3');
  });

  it('a negative red threshold is out of range, as a number or as a string', () => {
    for (const written of ['-1', '"-1"']) {
      const text = HEAD.replace(
        'decimals: 2\n  - code: output',
        `decimals: 2\n    redThreshold: ${written}\n  - code: output`,
      );
      const problem = onlyProblem(parseText(text));
      expect(problem).toMatchObject({ code: 'DATASET_RANGE', path: '/indicators/0/redThreshold' });
      expect(problem.message).toContain('红色预警阈值不能小于 0');
    }
  });
});

describe('meaning: rules across records', () => {
  it('an indicator of an unknown section names the closest section', () => {
    const text = HEAD.replace('section: plan', 'section: plam');
    const problem = onlyProblem(parseText(text));
    expect(problem).toMatchObject({
      code: 'DATASET_UNKNOWN_SECTION',
      path: '/indicators/0/section',
      line: lineOf(text, 'plam'),
      column: 14,
    });
    expect(problem.message).toBe('指标 固定资产投资 的所属股室 plam 不在 sections 中，是不是想写 plan？');
  });

  it('an unknown section with no close name lists the sections there are', () => {
    const problem = onlyProblem(parseText(HEAD.replace('section: plan', 'section: finance')));
    expect(problem.message).toBe('指标 固定资产投资 的所属股室 finance 不在 sections 中；已有的股室编码：plan、build');
  });

  it('a duplicate indicator code names the first occurrence and its line', () => {
    const text = HEAD.replace('code: output', 'code: fai');
    const problem = onlyProblem(parseText(text));
    expect(problem).toMatchObject({ code: 'DATASET_DUPLICATE', path: '/indicators/1/code', line: 18, column: 11 });
    expect(problem.message).toBe('指标编码 fai 重复，第一次出现在 /indicators/0/code（第 11 行）');
  });

  it('a duplicate section code names the first occurrence', () => {
    const problem = onlyProblem(
      parseText(HEAD.replace('code: build', 'code: plan').replace('section: build', 'section: plan')),
    );
    expect(problem).toMatchObject({ code: 'DATASET_DUPLICATE', path: '/sections/1/code', line: 8 });
    expect(problem.message).toBe('股室编码 plan 重复，第一次出现在 /sections/0/code（第 6 行）');
  });

  it('two targets for the same indicator and year are refused', () => {
    const text = `${HEAD}targets:\n  - indicator: fai\n    year: 2021\n    amount: 10\n  - indicator: fai\n    year: 2021\n    growth: 8\n`;
    const problem = onlyProblem(parseText(text));
    expect(problem).toMatchObject({ code: 'DATASET_DUPLICATE', path: '/targets/1', line: 29 });
    expect(problem.message).toContain('指标 固定资产投资 2021 年的目标重复，第一次出现在 /targets/0（第 26 行）');
  });

  it('two values for the same indicator, year and month are refused', () => {
    const text = `${HEAD}values:
  - { indicator: fai, year: 2021, month: 3, value: 1 }
  - { indicator: fai, year: 2021, month: 4, value: 1 }
  - { indicator: fai, year: 2021, month: 3, value: 2 }
  - { indicator: output, year: 2021, quarter: 3, value: 2 }
  - { indicator: output, year: 2021, quarter: 3, value: 2 }
`;
    const problems = problemsOf(parseText(text));
    expect(problems.map((p) => [p.code, p.path, p.line, p.message])).toEqual([
      [
        'DATASET_DUPLICATE',
        '/values/2',
        28,
        '指标 固定资产投资 2021 年 3 月的数值重复，第一次出现在 /values/0（第 26 行）',
      ],
      [
        'DATASET_DUPLICATE',
        '/values/4',
        30,
        '指标 建筑业总产值 2021 年第 3 季度的数值重复，第一次出现在 /values/3（第 29 行）',
      ],
    ]);
  });

  it('a target or value for an unknown indicator is refused', () => {
    const text = `${HEAD}targets:
  - { indicator: fia, year: 2021, amount: 1 }
values:
  - { indicator: housing-price, year: 2021, month: 1, value: 1 }
`;
    const problems = problemsOf(parseText(text));
    expect(problems.map((p) => [p.code, p.path, p.line, p.message])).toEqual([
      ['DATASET_UNKNOWN_INDICATOR', '/targets/0/indicator', 26, '目标的指标 fia 不在 indicators 中，是不是想写 fai？'],
      [
        'DATASET_UNKNOWN_INDICATOR',
        '/values/0/indicator',
        28,
        '数值记录的指标 housing-price 不在 indicators 中；已有的指标编码：fai、output',
      ],
    ]);
  });

  it('a monthly indicator given a quarter, and a quarterly one given a month, are refused', () => {
    const text = `${HEAD}values:
  - { indicator: fai, year: 2021, quarter: 1, value: 1 }
  - { indicator: output, year: 2021, month: 3, value: 1 }
`;
    const problems = problemsOf(parseText(text));
    expect(problems.map((p) => [p.code, p.path, p.line, p.message])).toEqual([
      [
        'DATASET_PERIOD_KIND',
        '/values/0/quarter',
        26,
        '指标 固定资产投资 是月报指标，应填写月份 month（1 至 12），不能填写季度 quarter',
      ],
      [
        'DATASET_PERIOD_KIND',
        '/values/1/month',
        27,
        '指标 建筑业总产值 是季报指标，应填写季度 quarter（1 至 4），不能填写月份 month',
      ],
    ]);
  });

  it('a value with more decimal places than its indicator allows is refused (DATASET_PRECISION)', () => {
    const text = withValue('    month: 1\n    value: 12.345\n    comparableBase: "11.0001"\n');
    const problems = problemsOf(parseText(text));
    expect(problems.map((p) => [p.code, p.path, p.line, p.message])).toEqual([
      [
        'DATASET_PRECISION',
        '/values/0/value',
        lineOf(text, '12.345'),
        '数值 12.345 有 3 位小数，指标 固定资产投资 规定 2 位',
      ],
      [
        'DATASET_PRECISION',
        '/values/0/comparableBase',
        lineOf(text, '11.0001'),
        '上年同期可比数 11.0001 有 4 位小数，指标 固定资产投资 规定 2 位',
      ],
    ]);
  });

  it('trailing zeros count as written: 12.300 has three decimal places', () => {
    const problem = onlyProblem(parseText(withValue('    month: 1\n    value: 12.300\n')));
    expect(problem.message).toBe('数值 12.300 有 3 位小数，指标 固定资产投资 规定 2 位');
  });

  it('a plan curve out of range, decreasing, and not ending at 100 is refused at each month', () => {
    const text = `${HEAD}targets:
  - indicator: fai
    year: 2021
    amount: 10
    planCurve: [5, 10, 18, 26, 135, 50, 45, 66, 75, 84, 92, 99]
`;
    const problems = problemsOf(parseText(text));
    expect(problems.map((p) => [p.code, p.path, p.line, p.column, p.message])).toEqual([
      ['DATASET_PLAN_CURVE', '/targets/0/planCurve/4', 29, 32, '计划进度 5 月的值 135 超出了 0 至 100 的范围'],
      [
        'DATASET_PLAN_CURVE',
        '/targets/0/planCurve/6',
        29,
        41,
        '计划进度是逐月累计的百分比，不能减少：7 月为 45，比 6 月的 50 小',
      ],
      ['DATASET_PLAN_CURVE', '/targets/0/planCurve/11', 29, 61, '计划进度到 12 月应为 100（完成全年目标），实际为 99'],
    ]);
  });

  it('a plan curve of 11 months is refused by its length', () => {
    const text = `${HEAD}targets:\n  - { indicator: fai, year: 2021, amount: 10, planCurve: [10, 20, 30, 40, 50, 60, 70, 80, 90, 95, 100] }\n`;
    const problem = onlyProblem(parseText(text));
    expect(problem).toMatchObject({ code: 'DATASET_RANGE', path: '/targets/0/planCurve' });
    expect(problem.message).toBe('计划进度应恰好有 12 项，实际有 11 项');
  });

  it('an indicator measured against its plan needs a plan curve in each target', () => {
    const text = `${HEAD.replace('decimals: 2\n  - code: output', 'decimals: 2\n    timeProgress: plan\n  - code: output')}targets:
  - { indicator: fai, year: 2021, amount: 10 }
`;
    const problem = onlyProblem(parseText(text));
    expect(problem).toMatchObject({ code: 'DATASET_PLAN_CURVE_MISSING', path: '/targets/0', line: 27 });
    expect(problem.message).toContain(
      '指标 固定资产投资 的时序进度按计划进度计算（timeProgress: plan），2021 年的目标需要给出 planCurve',
    );
  });

  it('allows negative values (revisions), growth-only targets, and growth-only targets of a level indicator', () => {
    const text = `${HEAD}  - { code: price, name: 商品住房均价, unit: 元／㎡, section: plan, kind: level, frequency: monthly, decimals: 0 }
targets:
  - { indicator: fai, year: 2021, growth: 8 }
  - { indicator: price, year: 2021, growth: "-2.5" }
values:
  - { indicator: fai, year: 2021, month: 1, value: -0.35 }
  - { indicator: price, year: 2021, month: 1, value: 5230, comparableBase: -1 }
`;
    const result = parseText(text);
    expect(result.ok, result.ok ? '' : result.problems.map(formatProblem).join('\n')).toBe(true);
  });

  it('a broken record does not hide the problems of the sound ones', () => {
    // values/0 has a bad month, so its precision cannot be judged; values/1 is sound but too precise.
    const text = `${HEAD}values:
  - { indicator: fai, year: 2021, month: 13, value: 1.234 }
  - { indicator: fai, year: 2021, month: 2, value: 1.234 }
`;
    const problems = problemsOf(parseText(text));
    expect(problems.map((p) => [p.code, p.path])).toEqual([
      ['DATASET_RANGE', '/values/0/month'],
      ['DATASET_PRECISION', '/values/0/value'],
      ['DATASET_PRECISION', '/values/1/value'],
    ]);
  });
});

describe('every problem of a file is reported, in file order, at its own line', () => {
  it('reports shape and meaning problems together with correct lines and columns', () => {
    const text = `format: taizhang-dataset/1
organisation:
  code: demo
  name: 示范区住房和城乡建设局
  levle: district
sections:
  - code: plan
    name: 计划股
indicators:
  - code: fai
    name: 固定资产投资
    unit: 亿元
    section: planning
    kind: flow
    frequency: monthly
    decimals: 2
  - code: fai
    name: 固定资产投资（重复）
    unit: 亿元
    section: plan
    kind: stock
    frequency: monthly
    decimals: 2
targets:
  - indicator: fai
    year: 2021
    amount: 1e3
values:
  - indicator: fai
    year: 2021
    month: 13
    value: 1.5
  - indicator: fai
    year: 2021
    month: 2
    value: "abc"
  - indicator: fai
    year: 2021
    month: 3
    value: 12.345
  - indicator: fai
    year: 2021
    quarter: 1
    value: 1
`;
    const problems = problemsOf(parseText(text, 'demo.yaml'));
    expect(problems.map((p) => `${p.line}:${p.column} ${p.path} ${p.code}`)).toEqual([
      '5:3 /organisation/levle DATASET_SHAPE',
      '13:14 /indicators/0/section DATASET_UNKNOWN_SECTION',
      '17:11 /indicators/1/code DATASET_DUPLICATE',
      '21:11 /indicators/1/kind DATASET_ENUM',
      '27:13 /targets/0/amount DATASET_NUMBER_FORMAT',
      '31:12 /values/0/month DATASET_RANGE',
      '36:12 /values/1/value DATASET_TYPE',
      '40:12 /values/2/value DATASET_PRECISION',
      '43:14 /values/3/quarter DATASET_PERIOD_KIND',
    ]);
    expect(problems[0]?.message).toBe('单位（demo）中有未知字段 levle，是不是想写 level？');
    expect(formatProblem(problems[5] as (typeof problems)[number])).toBe(
      'demo.yaml:31:12 /values/0/month 月份应为 1 至 12 的整数，实际为 13（DATASET_RANGE）',
    );
  });

  it('the same problems in JSON are found at their JSON lines', () => {
    const text = `{
  "format": "taizhang-dataset/1",
  "organisation": { "code": "demo", "name": "示范区住房和城乡建设局" },
  "sections": [{ "code": "plan", "name": "计划股" }],
  "indicators": [
    { "code": "fai", "name": "固定资产投资", "unit": "亿元", "section": "plan",
      "kind": "flow", "frequency": "monthly", "decimals": 2 }
  ],
  "values": [
    { "indicator": "fai", "year": 2021, "month": 13, "value": 1 },
    { "indicator": "fai", "year": 2021, "month": 2, "value": 12.345 }
  ]
}
`;
    const problems = problemsOf(parseText(text, 'demo.json'));
    expect(problems.map((p) => `${p.line}:${p.column} ${p.path} ${p.code}`)).toEqual([
      '10:50 /values/0/month DATASET_RANGE',
      '11:62 /values/1/value DATASET_PRECISION',
    ]);
  });

  it(`stops listing after ${MAX_PROBLEMS} problems and says how many more there are`, () => {
    const rows = Array.from({ length: 250 }, () => '  - { indicator: fai, year: 2021, month: 13, value: 1 }').join(
      '\n',
    );
    const problems = problemsOf(parseText(`${HEAD}values:\n${rows}\n`));
    expect(problems).toHaveLength(MAX_PROBLEMS + 1);
    expect(problems[MAX_PROBLEMS - 1]).toMatchObject({ code: 'DATASET_RANGE', line: 25 + MAX_PROBLEMS });
    expect(problems[MAX_PROBLEMS]).toMatchObject({ code: 'DATASET_TOO_MANY_PROBLEMS', path: '' });
    expect(problems[MAX_PROBLEMS]?.message).toBe('还有 50 处问题未列出；请先改正以上问题再检查');
  });
});

describe('not a text file', () => {
  it('a PNG image is named as one', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    const problem = onlyProblem(parseDataset(png, 'logo.png'));
    expect(problem).toEqual({
      file: 'logo.png',
      path: '',
      code: 'DATASET_NOT_TEXT',
      message: '这不是文字文件，看起来是 PNG 图片；数据集应为 UTF-8 编码的 YAML（.yaml）或 JSON（.json）文本文件',
    });
  });

  it('an Excel workbook (a ZIP) says to turn the sheet into YAML or JSON', () => {
    const xlsx = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0x06, 0, 0x08, 0]);
    const problem = onlyProblem(parseDataset(xlsx, '台账.xlsx'));
    expect(problem.code).toBe('DATASET_NOT_TEXT');
    expect(problem.message).toContain('Excel 表格（.xlsx）');
    expect(problem.message).toContain('docs/dataset.md');
  });

  it('random bytes are refused as not text, in one problem', () => {
    // A fixed linear congruential sequence: random-looking, and the same on every run.
    let seed = 20211105;
    const bytes = Uint8Array.from({ length: 4096 }, () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed >> 23;
    });
    const problem = onlyProblem(parseDataset(bytes, 'random.bin'));
    expect(problem.code).toBe('DATASET_NOT_TEXT');
  });

  it('GBK-encoded text is refused at the first line that is not UTF-8', () => {
    // "name: 计划股" in GBK
    const gbk = new Uint8Array([...new TextEncoder().encode('format: x\nname: '), 0xbc, 0xc6, 0xbb, 0xae, 0xb9, 0xc9]);
    const problem = onlyProblem(parseDataset(gbk, 'gbk.yaml'));
    expect(problem).toMatchObject({ code: 'DATASET_NOT_TEXT', line: 2, column: 7 });
    expect(problem.message).toContain('可能是 GBK 编码');
  });

  it('UTF-16 text is told to be saved as UTF-8', () => {
    const utf16 = new Uint8Array([0xff, 0xfe, ...[...'format: x'].flatMap((c) => [c.charCodeAt(0), 0])]);
    const problem = onlyProblem(parseDataset(utf16, 'utf16.yaml'));
    expect(problem.code).toBe('DATASET_NOT_TEXT');
    expect(problem.message).toContain('UTF-16');
  });
});

describe('the organisation short name and indicators without year-on-year comparison', () => {
  /** HEAD with fai not compared with last year. */
  const NO_YOY = HEAD.replace('decimals: 2\n  - code: output', 'decimals: 2\n    yearOnYear: false\n  - code: output');

  it('accepts a short name, and refuses an empty one', () => {
    const text = HEAD.replace(
      '  name: 示范区住房和城乡建设局\n',
      '  name: 示范区住房和城乡建设局\n  shortName: 示范区\n',
    );
    expect(datasetOf(parseText(text)).organisation.shortName).toBe('示范区');
    const problem = onlyProblem(parseText(text.replace('shortName: 示范区', 'shortName: ""')));
    expect(problem).toMatchObject({ code: 'DATASET_RANGE', path: '/organisation/shortName', line: 5 });
    expect(problem.message).toBe('单位简称不能为空');
  });

  it('yearOnYear is true or false, not a word', () => {
    const text = HEAD.replace('decimals: 2\n  - code: output', 'decimals: 2\n    yearOnYear: no\n  - code: output');
    const problem = onlyProblem(parseText(text));
    expect(problem).toMatchObject({
      code: 'DATASET_TYPE',
      path: '/indicators/0/yearOnYear',
      line: lineOf(text, 'yearOnYear'),
    });
    expect(problem.message).toBe('同比比较应为是否值（true 或 false），实际为 “no”');
  });

  it('accepts an amount target and plain values for an indicator without year-on-year comparison', () => {
    const text = `${NO_YOY}targets:
  - { indicator: fai, year: 2021, amount: 120 }
values:
  - { indicator: fai, year: 2021, month: 1, value: 8 }
`;
    expect(datasetOf(parseText(text)).indicators.map((i) => i.yearOnYear)).toEqual([false, true]);
  });

  it('refuses a growth target and a comparable base for it, each at its field', () => {
    const text = `${NO_YOY}targets:
  - { indicator: fai, year: 2021, amount: 120, growth: 5 }
values:
  - { indicator: fai, year: 2021, month: 1, value: 8, comparableBase: 7 }
  - { indicator: output, year: 2021, quarter: 1, value: 8, comparableBase: 7 }
`;
    const problems = problemsOf(parseText(text));
    expect(problems.map((p) => [p.code, p.path, p.line, p.message])).toEqual([
      [
        'DATASET_NO_YEAR_ON_YEAR',
        '/targets/0/growth',
        lineOf(text, 'growth: 5'),
        '指标 固定资产投资 不作同比比较（yearOnYear: false），目标只能给出目标任务 amount，不能给出目标增速 growth',
      ],
      [
        'DATASET_NO_YEAR_ON_YEAR',
        '/values/0/comparableBase',
        lineOf(text, 'month: 1'),
        '指标 固定资产投资 不作同比比较（yearOnYear: false），不需要填写上年同期可比数 comparableBase；请删去该字段',
      ],
    ]);
  });
});

describe('narratives (叙述) and report templates (报告模板)', () => {
  /** HEAD plus the given narratives and templates lines. */
  const withTexts = (lines: string) => `${HEAD}${lines}`;

  it('refuses a text that does not parse, naming it with the line and column within it', () => {
    const text = withTexts(`narratives:
  - { key: integrity, year: 2021, section: plan, text: "全年{{ 'fai' | no_such_filter }}" }
templates:
  - code: annual
    name: 年度工作总结
    text: |
      # 标题
      {% if %}
  - { code: half-year, name: 半年工作总结, text: "{% raw %}未闭合" }
`);
    const problems = problemsOf(parseText(text)).map((p) => [p.code, p.path, p.message]);
    expect(problems).toEqual([
      [
        'TEMPLATE_TEXT',
        '/narratives/0/text',
        expect.stringMatching(/^叙述 integrity的正文写法有误：第1行第3列：未知的过滤器 no_such_filter/),
      ],
      ['TEMPLATE_TEXT', '/templates/0/text', '报告模板 annual的正文写法有误：第2行第6列：缺少表达式；请改正后再保存'],
      [
        'TEMPLATE_TEXT',
        '/templates/1/text',
        '报告模板 half-year的正文写法有误：第1行第10列：标签 raw 没有结束标签（缺少 {% endraw %}）；请改正后再保存',
      ],
    ]);
  });

  it('accepts them with their texts as written, Liquid included', () => {
    const text = withTexts(`narratives:
  - key: integrity
    year: 2021
    section: plan
    text: |
      全年开展廉政教育6次。
      {{ 'fai' | ytd }}
  - { key: integrity, year: 2021, through: 10, section: plan, title: 廉政教育, text: "1－{{ through }}月开展廉政教育5次。" }
  - { key: integrity, year: 2022, section: build, text: 次年 }
templates:
  - code: annual
    name: 年度工作总结
    text: |
      # {{ org.short_name }}{{ year }}年工作总结
      {% narrative 'integrity' %}
  - { code: half-year, name: 半年工作总结, text: "{% narrative 'integrity' %}" }
`);
    const dataset = datasetOf(parseText(text));
    expect(dataset.narratives).toEqual([
      { key: 'integrity', year: 2021, section: 'plan', text: "全年开展廉政教育6次。\n{{ 'fai' | ytd }}\n" },
      {
        key: 'integrity',
        year: 2021,
        through: 10,
        section: 'plan',
        title: '廉政教育',
        text: '1－{{ through }}月开展廉政教育5次。',
      },
      { key: 'integrity', year: 2022, section: 'build', text: '次年' },
    ]);
    expect(dataset.templates.map((t) => [t.code, t.name])).toEqual([
      ['annual', '年度工作总结'],
      ['half-year', '半年工作总结'],
    ]);
    expect(dataset.templates[0]?.text).toBe(
      "# {{ org.short_name }}{{ year }}年工作总结\n{% narrative 'integrity' %}\n",
    );
  });

  it('refuses two narratives with the same key, year and through, naming the first', () => {
    const text = withTexts(`narratives:
  - { key: integrity, year: 2021, section: plan, text: 甲 }
  - { key: integrity, year: 2021, through: 10, section: plan, text: 乙 }
  - { key: integrity, year: 2021, section: build, text: 丙 }
  - { key: integrity, year: 2021, through: 10, section: plan, text: 丁 }
`);
    const problems = problemsOf(parseText(text));
    expect(problems.map((p) => [p.code, p.path, p.line, p.message])).toEqual([
      [
        'DATASET_DUPLICATE',
        '/narratives/2',
        lineOf(text, '丙'),
        '叙述 integrity 2021 年（全年适用）的内容重复，第一次出现在 /narratives/0（第 26 行）；同一叙述编码每年每个起用月份只能有一条',
      ],
      [
        'DATASET_DUPLICATE',
        '/narratives/3',
        lineOf(text, '丁'),
        '叙述 integrity 2021 年自 10 月起的内容重复，第一次出现在 /narratives/1（第 27 行）；同一叙述编码每年每个起用月份只能有一条',
      ],
    ]);
  });

  it('refuses a narrative of a section not listed, with a suggestion or the sections there are', () => {
    const text = withTexts(`narratives:
  - { key: integrity, year: 2021, section: plam, title: 廉政教育, text: 甲 }
  - { key: safety, year: 2021, section: finance, text: 乙 }
`);
    const problems = problemsOf(parseText(text));
    expect(problems.map((p) => [p.code, p.path, p.line, p.message])).toEqual([
      [
        'DATASET_UNKNOWN_SECTION',
        '/narratives/0/section',
        26,
        '叙述 integrity（廉政教育）的所属股室 plam 不在 sections 中，是不是想写 plan？',
      ],
      [
        'DATASET_UNKNOWN_SECTION',
        '/narratives/1/section',
        27,
        '叙述 safety 的所属股室 finance 不在 sections 中；已有的股室编码：plan、build',
      ],
    ]);
  });

  it('refuses a duplicate template code, naming the first', () => {
    const text = withTexts(`templates:
  - { code: annual, name: 年度工作总结, text: 甲 }
  - { code: annual, name: 年度工作总结（修改稿）, text: 乙 }
`);
    const problem = onlyProblem(parseText(text));
    expect(problem).toMatchObject({ code: 'DATASET_DUPLICATE', path: '/templates/1/code', line: 27, column: 13 });
    expect(problem.message).toBe('报告模板编码 annual 重复，第一次出现在 /templates/0/code（第 26 行）');
  });

  it('refuses an empty text, and one of spaces and line breaks only', () => {
    const text = withTexts(`narratives:
  - { key: integrity, year: 2021, section: plan, text: "" }
  - key: safety
    year: 2021
    section: plan
    text: "  \\n　"
templates:
  - { code: annual, name: 年度工作总结, text: "" }
  - { code: half, name: 半年工作总结, text: " " }
`);
    const problems = problemsOf(parseText(text));
    expect(problems.map((p) => [p.code, p.path, p.line, p.message])).toEqual([
      ['DATASET_RANGE', '/narratives/0/text', 26, '叙述内容不能为空'],
      ['DATASET_RANGE', '/narratives/1/text', 30, '叙述内容不能为空（只有空格或空行）'],
      ['DATASET_RANGE', '/templates/0/text', 32, '模板内容不能为空'],
      ['DATASET_RANGE', '/templates/1/text', 33, '模板内容不能为空（只有空格或空行）'],
    ]);
  });

  it('checks the shape: required fields, the month, the key, unknown fields', () => {
    const text = withTexts(`narratives:
  - { key: integrity, year: 2021, through: 13, section: plan, text: 甲 }
  - { key: 2021-integrity, year: 2021, section: plan, text: 乙 }
  - { key: safety, year: 2021, section: plan }
  - { key: summary, year: 2021, section: plan, txt: 丙 }
templates:
  - { code: annual, text: 丁 }
`);
    const problems = problemsOf(parseText(text));
    expect(problems.map((p) => [p.code, p.path, p.line, p.message])).toEqual([
      ['DATASET_RANGE', '/narratives/0/through', 26, '起用月份应为 1 至 12 的整数，实际为 13'],
      [
        'DATASET_PATTERN',
        '/narratives/1/key',
        27,
        '叙述编码写法不对：应以英文字母开头，只含英文字母、数字和 _ . -，最长 64 个字符；实际为 “2021-integrity”',
      ],
      ['DATASET_SHAPE', '/narratives/2', 28, '叙述缺少必填字段 text（叙述内容）'],
      ['DATASET_SHAPE', '/narratives/3/txt', 29, '叙述中有未知字段 txt，是不是想写 text？'],
      ['DATASET_SHAPE', '/templates/0', 31, '报告模板（annual）缺少必填字段 name（模板名称）'],
    ]);
  });
});

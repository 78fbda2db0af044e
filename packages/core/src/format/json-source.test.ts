import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readJson } from './json-source.js';
import { flatten, LineIndex } from './source.js';

function read(text: string) {
  return readJson(text, new LineIndex(text));
}

/** Line:column and reason of the syntax error in `text`. */
function syntaxError(text: string): string {
  const result = read(text);
  if (result.ok) expect.fail(`${text} was accepted`);
  const { line, column } = new LineIndex(text).position(result.offset);
  return `${line}:${column} ${result.reason}`;
}

describe('the JSON reader', () => {
  it('reads exactly what JSON.parse reads', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = JSON.stringify(value, null, 2);
        const result = read(text);
        expect(result.ok).toBe(true);
        if (result.ok) expect(flatten(result.root).value).toEqual(JSON.parse(text));
      }),
    );
  });

  it('accepts and refuses the same texts as JSON.parse', () => {
    const jsonish = fc
      .array(
        fc.constantFrom(
          '{',
          '}',
          '[',
          ']',
          ',',
          ':',
          '"',
          '0',
          '1',
          '-',
          '.',
          'e',
          ' ',
          '\n',
          'a',
          'true',
          'null',
          '\\',
        ),
        {
          maxLength: 12,
        },
      )
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(jsonish, (text) => {
        let parsed = true;
        try {
          JSON.parse(text);
        } catch {
          parsed = false;
        }
        expect(read(text).ok).toBe(parsed);
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps each number as written and each node where it was written', () => {
    const text = '{\r\n  "amount": 12.30,\r\n  "curve": [0.10, 1e3]\r\n}';
    const result = read(text);
    if (!result.ok) expect.fail(result.reason);
    const doc = flatten(result.root);
    expect(doc.nodes.get('/amount')).toEqual({ offset: 15, keyOffset: 5, literal: '12.30' });
    expect(doc.nodes.get('/curve/0')?.literal).toBe('0.10');
    expect(doc.nodes.get('/curve/1')?.literal).toBe('1e3');
    expect(new LineIndex(text).position(doc.nodes.get('/curve/1')?.offset ?? 0)).toEqual({ line: 3, column: 19 });
  });

  it.each([
    ['{"a": 1,}', '1:9 } 前面多了一个逗号；JSON 中最后一项后面不能有逗号'],
    ['[1, 2,]', '1:7 ] 前面多了一个逗号；JSON 中最后一项后面不能有逗号'],
    ['{"a": 1\n "b": 2}', '2:2 这里应是英文逗号 , 或 }（上一项后面是不是漏了逗号？）'],
    ['{"a": 1, // 注释\n}', '1:10 JSON 不支持注释（// 或 /* */）；需要注释请改用 YAML 格式'],
    ["{'a': 1}", '1:2 JSON 中的文字必须用英文双引号 " 括起来，不能用单引号'],
    ['{a: 1}', '1:2 字段名 a 要用英文双引号括起来，写成 "a"'],
    ['{"a"： 1}', '1:5 这里用了中文标点“：”，请改为对应的英文标点'],
    ['{"a": 1，"b": 2}', '1:8 这里用了中文标点“，”，请改为对应的英文标点'],
    ['{"a" 1}', '1:6 字段名 "a" 后面应有英文冒号 :'],
    ['{"a": 07}', '1:7 数字 07 的写法不符合 JSON：不能以 0 开头（如 07）、不能以小数点开头或结尾（如 .5、5.）'],
    ['{"a": .5}', '1:7 数字 .5 的写法不符合 JSON：不能以 0 开头（如 07）、不能以小数点开头或结尾（如 .5、5.）'],
    ['{"a": 5.}', '1:7 数字 5. 的写法不符合 JSON：不能以 0 开头（如 07）、不能以小数点开头或结尾（如 .5、5.）'],
    ['{"a": NaN}', '1:7 无法识别 NaN；文字要用英文双引号括起来，是否值写 true 或 false，空值写 null'],
    ['{"a": "x\ny"}', '1:9 文字中间不能直接换行或含有控制字符；换行请写成 \\n'],
    ['{"a": "\\q"}', '1:8 文字中的 \\q 写法无效；要写反斜杠本身请写 \\\\'],
    ['{"a": "abc', '1:7 文字缺少结尾的英文双引号 "'],
    ['{\n  "a": [1, 2\n', '3:1 文件在这里结束了，但第 2 行开始的内容还缺少结尾的 ]'],
    ['{"a": 1}}', '1:9 JSON 内容已经结束，后面还有多余的内容（是不是多了一个 } 或 ]，或者写了两份数据？）'],
    ['{"a": }', '1:7 这里应有一个值（文字、数字、对象或列表）'],
  ])('explains %j at its place', (text, expected) => {
    expect(syntaxError(text)).toBe(expected);
  });

  it('refuses nesting deep enough to overflow the stack, with a message', () => {
    expect(syntaxError('['.repeat(100_000))).toBe('1:201 对象或列表嵌套的层数太多');
  });
});

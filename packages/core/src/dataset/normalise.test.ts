import { describe, expect, it } from 'vitest';
import { indicator } from '../arithmetic/arithmetic.test-helpers.js';
import { datasetOf, fixture, HEAD, parseText } from './dataset.test-helpers.js';
import { parseDataset } from './parse.js';

describe('a valid file becomes the model', () => {
  it('the same content as YAML and as JSON gives equal datasets', () => {
    const fromYaml = datasetOf(parseDataset(fixture('valid.yaml'), 'valid.yaml'));
    const fromJson = datasetOf(parseDataset(fixture('valid.json.txt'), 'valid.json'));
    expect(fromJson).toEqual(fromYaml);
    expect(fromYaml.sections.map((s) => s.code)).toEqual(['plan', 'build', 'sanitation']);
    expect(fromYaml.indicators.map((i) => i.code)).toEqual(['fai', 'construction-output', 'cleaning-rate']);
    expect(fromYaml.targets).toHaveLength(2);
    expect(fromYaml.values).toHaveLength(5);
  });

  it('keeps every decimal exactly as written, never through a float', () => {
    const dataset = datasetOf(parseDataset(fixture('valid.yaml'), 'valid.yaml'));
    const [january, february, march] = dataset.values;
    expect(january?.value).toBe('0.10');
    expect(january?.comparableBase).toBe('0.09');
    // 12345678901234567890.12 as a float would print 12345678901234567000.
    expect(february?.value).toBe('12345678901234567890.12');
    expect(march?.value).toBe('-1.50');
    expect(dataset.targets[0]?.amount).toBe('12.30');
    expect(dataset.targets[0]?.growth).toBe('8');
    expect(dataset.targets[0]?.planCurve?.slice(-2)).toEqual(['92', '100']);
    expect(dataset.indicators[0]?.redThreshold).toBe('5');
    expect(dataset.indicators[2]?.redThreshold).toBe('2.5');
  });

  it('keeps decimals exact in JSON too, written as numbers or as strings', () => {
    const text = JSON.stringify({
      format: 'taizhang-dataset/1',
      organisation: { code: 'demo', name: '示范区住房和城乡建设局' },
      sections: [{ code: 'plan', name: '计划股' }],
      indicators: [
        {
          code: 'fai',
          name: '固定资产投资',
          unit: '亿元',
          section: 'plan',
          kind: 'flow',
          frequency: 'monthly',
          decimals: 2,
        },
      ],
      values: [
        { indicator: 'fai', year: 2021, month: 1, value: 'NUMBER' },
        { indicator: 'fai', year: 2021, month: 2, value: '0.10' },
      ],
    }).replace('"NUMBER"', '12345678901234567890.10');
    const dataset = datasetOf(parseText(text, 'exact.json'));
    expect(dataset.values.map((v) => v.value)).toEqual(['12345678901234567890.10', '0.10']);
  });

  it('turns month or quarter into period, and keeps the entry date as written', () => {
    const dataset = datasetOf(parseDataset(fixture('valid.yaml'), 'valid.yaml'));
    expect(dataset.values.map((v) => [v.indicator, v.period])).toEqual([
      ['fai', 1],
      ['fai', 2],
      ['fai', 3],
      ['construction-output', 1],
      ['cleaning-rate', 1],
    ]);
    expect(dataset.values[0]).toEqual({
      indicator: 'fai',
      year: 2021,
      period: 1,
      value: '0.10',
      comparableBase: '0.09',
      enteredBy: '张三',
      enteredAt: '2021-02-05',
      source: '区统计局月报',
      note: '春节前统计',
    });
    expect(dataset.values[1]?.enteredAt).toBe('2021-03-05T09:30:00+08:00');
    expect(dataset.values[1]).not.toHaveProperty('month');
  });

  it('applies the defaults: level district, time progress linear, red threshold 10, year-on-year comparison', () => {
    const dataset = datasetOf(parseText(HEAD));
    expect(dataset.organisation).toEqual({ code: 'demo', name: '示范区住房和城乡建设局', level: 'district' });
    // The defaults are exactly what the arithmetic tests' indicator spells out.
    expect(dataset.indicators[0]).toEqual(indicator({ code: 'fai', section: 'plan' }));
    expect(dataset.targets).toEqual([]);
    expect(dataset.values).toEqual([]);
    expect(dataset.narratives).toEqual([]);
    expect(dataset.templates).toEqual([]);
  });

  it('keeps a target to what the file gave: growth only has no amount and no plan curve', () => {
    const dataset = datasetOf(parseDataset(fixture('valid.yaml'), 'valid.yaml'));
    expect(dataset.targets[1]).toEqual({ indicator: 'construction-output', year: 2021, growth: '6.5' });
    expect(dataset.organisation.parent).toEqual({ code: 'demo-city', name: '示范市住房和城乡建设局' });
  });

  it('keeps the short name, the year-on-year switch, narratives and templates, texts exactly as written', () => {
    const dataset = datasetOf(parseDataset(fixture('valid.yaml'), 'valid.yaml'));
    expect(dataset.organisation.shortName).toBe('示范区');
    expect(dataset.indicators.map((i) => i.yearOnYear)).toEqual([true, true, false]);
    expect(dataset.narratives).toEqual([
      {
        key: 'cleaning',
        year: 2021,
        section: 'sanitation',
        text: '全年清扫保洁面积保持稳定。\n第二段：城区主次干道实行“以克论净”。\n',
      },
      {
        key: 'cleaning',
        year: 2021,
        through: 10,
        section: 'sanitation',
        title: '环境卫生',
        text: "1－{{ through }}月清扫保洁率{{ 'cleaning-rate' | ytd }}％。",
      },
    ]);
    expect(dataset.narratives[0]).not.toHaveProperty('through');
    expect(dataset.templates).toEqual([
      {
        code: 'annual',
        name: '年度工作总结',
        text: "# {{ org.short_name }}住房和城乡建设局{{ year }}年工作总结\n{% narrative 'cleaning' %}\n",
      },
    ]);
  });

  it('accepts a UTF-8 byte-order mark, CRLF line ends and a file name without extension', () => {
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(HEAD.replaceAll('\n', '\r\n'))]);
    expect(datasetOf(parseDataset(bom, 'demo')).sections).toHaveLength(2);
  });

  it('reads a JSON document whatever its file is called', () => {
    const json = new TextDecoder().decode(fixture('valid.json.txt'));
    const dataset = datasetOf(parseText(json, 'exported-dataset.txt'));
    expect(dataset.values[1]?.value).toBe('12345678901234567890.12');
  });

  it('reads the same file twice to the same dataset (parsing keeps no state)', () => {
    const first = parseDataset(fixture('valid.yaml'), 'valid.yaml');
    const second = parseDataset(fixture('valid.yaml'), 'valid.yaml');
    expect(second).toEqual(first);
  });
});

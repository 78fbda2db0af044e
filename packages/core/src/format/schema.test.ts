import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { datasetOf, parseText } from '../dataset/dataset.test-helpers.js';
import { PROBLEM_CODES } from '../errors.js';
import { YEAR_MAX, YEAR_MIN } from '../period/report-period.js';
import { datasetSchema, PRESET_SCHEMA, SCHEMA_FORMATS, type SchemaNode, schemaDefault } from './schema.js';

const shapeErrors = (value: unknown) => PRESET_SCHEMA.shapeErrors(value);

const definitions = datasetSchema.$defs as unknown as Record<string, SchemaNode>;
const objectDefinitions = Object.entries(definitions).filter(([, definition]) => definition.type === 'object');
const properties = (node: SchemaNode) => Object.entries((node.properties ?? {}) as Record<string, SchemaNode>);
const docs = readFileSync(new URL('../../../../docs/dataset.md', import.meta.url), 'utf8');

describe('the published schema', () => {
  it('is a valid draft 2020-12 schema that compiles in strict mode', () => {
    // date and date-time are checked by each field's pattern (a bare date-time is Beijing time).
    const ajv = new Ajv2020({ strict: true, strictRequired: false, formats: SCHEMA_FORMATS });
    expect(ajv.validateSchema(datasetSchema)).toBe(true);
    expect(() => ajv.compile(datasetSchema)).not.toThrow();
  });

  it('bounds a year as the API and the CLI do', () => {
    expect(definitions.year).toMatchObject({ minimum: YEAR_MIN, maximum: YEAR_MAX });
  });

  it('gives every field a Chinese title, which is how messages name it', () => {
    const untitled: string[] = [];
    const fields = [
      ...properties(datasetSchema as unknown as SchemaNode).map(([name, site]) => [`/${name}`, site] as const),
      ...objectDefinitions.flatMap(([definition, node]) => [
        ...properties(node).map(([name, site]) => [`${definition}.${name}`, site] as const),
        ...properties((node.properties as Record<string, SchemaNode>).parent ?? {}).map(
          ([name, site]) => [`${definition}.parent.${name}`, site] as const,
        ),
      ]),
    ];
    for (const [where, site] of fields) {
      if (typeof site.title !== 'string' || !/[\u4e00-\u9fff]/.test(site.title)) untitled.push(where);
    }
    expect(untitled).toEqual([]);
  });

  it('declares defaults the schema itself accepts', () => {
    expect(schemaDefault('organisation', 'level')).toBe('district');
    expect(schemaDefault('indicator', 'timeProgress')).toBe('linear');
    expect(schemaDefault('indicator', 'redThreshold')).toBe('10');
    expect(schemaDefault('indicator', 'yearOnYear')).toBe(true);
    const indicator = {
      code: 'fai',
      name: '固定资产投资',
      unit: '亿元',
      section: 'plan',
      kind: 'flow',
      frequency: 'monthly',
      decimals: 2,
      timeProgress: schemaDefault('indicator', 'timeProgress'),
      redThreshold: schemaDefault('indicator', 'redThreshold'),
      yearOnYear: schemaDefault('indicator', 'yearOnYear'),
    };
    const file = {
      format: 'taizhang-dataset/1',
      organisation: { code: 'demo', name: '示范区', level: schemaDefault('organisation', 'level') },
      sections: [{ code: 'plan', name: '计划股' }],
      indicators: [indicator],
    };
    expect(shapeErrors(file)).toEqual([]);
  });
});

describe('docs/dataset.md', () => {
  it('documents every field of the format', () => {
    const fields = new Set([
      ...Object.keys(datasetSchema.properties),
      ...objectDefinitions.flatMap(([, node]) => properties(node).map(([name]) => name)),
    ]);
    const undocumented = [...fields].filter((field) => !docs.includes(`\`${field}\``));
    expect(undocumented).toEqual([]);
  });

  it('shows an example that is a valid dataset', () => {
    const example = /## An example\s+```yaml\n([\s\S]*?)```/.exec(docs)?.[1];
    expect(example).toBeDefined();
    const dataset = datasetOf(parseText(example ?? ''));
    expect(dataset.targets[0]?.amount).toBe('36.00');
    expect(dataset.values.map((value) => value.period)).toEqual([1, 1]);
    expect(dataset.organisation.shortName).toBe('示范区');
    expect(dataset.indicators.map((indicator) => indicator.yearOnYear)).toEqual([true, true, false]);
    expect(dataset.narratives.map((narrative) => [narrative.key, narrative.through])).toEqual([
      ['integrity_education', undefined],
      ['investment_review', 10],
    ]);
    expect(dataset.templates[0]?.text).toContain("{% narrative 'investment_review' %}\n");
  });

  it('lists every problem code', () => {
    const unlisted = Object.keys(PROBLEM_CODES).filter((code) => !docs.includes(`\`${code}\``));
    expect(unlisted).toEqual([]);
  });
});

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ReportDocument } from '@taizhang/core';
import { testEngines } from '@taizhang/db/testing';
import { renderMarkdown } from '@taizhang/render';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkCompleteness } from '../completeness.js';
import { loadedDataset } from '../dataset-fixture.test-helpers.js';
import { UserError } from '../user-error.js';
import { generateReport } from './generate.js';
import { assertComplete } from './strict.js';

/** The worked example of docs/report-template.md: a release in the statistics bureau's words. */
const EXAMPLE = readFileSync(
  fileURLToPath(new URL('../../../../docs/examples/statistics-release.yaml', import.meta.url)),
  'utf8',
);
const period = { year: 2023, through: 12 };
const outputs = new Map<string, string>();

describe.each(testEngines())('the statistics-style worked example on $name', (engine) => {
  const loaded = loadedDataset(engine, EXAMPLE, 'example-city');
  let md: string;

  beforeAll(async () => {
    md = renderMarkdown(await generateReport(loaded.db, loaded.org, period));
    outputs.set(engine.name, md);
  });

  it('compares growth with 1—11月份 and with last year, as the statistics bureau writes it, with "%"', () => {
    expect(md).toContain(
      '2023年，全市房地产开发投资139.10亿元，比上年增长7.0%，增速比1—11月份提高0.2个百分点，比上年回落2.9个百分点。',
    );
    expect(md).not.toContain('％');
  });

  it('says a narrowing decline, a widening one, and a sign change', () => {
    expect(md).toContain(
      '商品房销售面积128.44万平方米，比上年下降1.2%，降幅比1—11月份收窄0.8个百分点，上年为增长8.5%。',
    );
    expect(md).toContain(
      '商品房销售额124.67亿元，下降4.1%，降幅比1—11月份扩大1.1个百分点，降幅比上年扩大1.6个百分点。',
    );
  });

  it('states the regions, which add up to the city', () => {
    expect(md).toContain('其中，东部城区投资78.00亿元，增长4.0%；西部城区投资61.10亿元，增长11.1%。');
    const east = Number(/东部城区投资([\d.]+)亿元/.exec(md)?.[1]);
    const west = Number(/西部城区投资([\d.]+)亿元/.exec(md)?.[1]);
    const city = Number(/全市房地产开发投资([\d.]+)亿元/.exec(md)?.[1]);
    expect(east + west).toBeCloseTo(city, 2);
  });

  it('gives PGlite and PostgreSQL the same text', () => {
    const texts = new Set(outputs.values());
    expect(texts.size).toBe(1);
  });
});

describe.each(testEngines())('the worked example with regions that do not add up, on $name', (engine) => {
  // East's December one hundred million higher: the regions now add up to 140.10, not 139.10.
  const broken = EXAMPLE.replace(
    '{ indicator: investment_east, year: 2023, month: 12, value: 12.00 }',
    '{ indicator: investment_east, year: 2023, month: 12, value: 13.00 }',
  );
  const loaded = loadedDataset(engine, broken, 'example-city');
  let doc: ReportDocument;

  beforeAll(async () => {
    doc = await generateReport(loaded.db, loaded.org, period);
  });

  it('prints no region and no total, but a marker saying they do not add up, which check lists and --strict refuses', async () => {
    expect(broken).not.toBe(EXAMPLE);
    const md = renderMarkdown(doc);
    const marker = '【待核：房地产开发投资累计的分项之和140.10亿元与合计139.10亿元不符】';
    expect(md).toContain(`全市房地产开发投资${marker}亿元`);
    expect(md).toContain(`东部城区投资${marker}亿元`);
    expect(md.replaceAll(marker, '')).not.toMatch(/139\.10|79\.00|140\.10/);
    expect(doc.missing.map((m) => m.text)).toEqual([marker]);
    const check = await checkCompleteness(loaded.db, loaded.org, period);
    expect(check.report?.map((m) => m.text)).toEqual([marker]);
    expect(() => assertComplete(doc)).toThrow(UserError);
  });
});

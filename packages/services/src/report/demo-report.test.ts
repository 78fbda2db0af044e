import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { ReportDocument } from '@taizhang/core';
import { type Database, findOrganisation, type OrganisationRow } from '@taizhang/db';
import { testEngines } from '@taizhang/db/testing';
import { renderHtml, renderMarkdown } from '@taizhang/render';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCompleteness } from '../completeness.js';
import { recreateDemo } from '../demo.js';
import { UserError } from '../user-error.js';
import { generateReport } from './generate.js';
import { seedPattern, seedSentences } from './seed.test-helpers.js';
import { assertComplete } from './strict.js';

const SEED_DIR = fileURLToPath(new URL('../../../../../shared/seed/', import.meta.url));

async function seedText(): Promise<string> {
  const [file] = (await readdir(SEED_DIR)).filter((name) => name.endsWith('.txt')).sort();
  if (!file) throw new Error(`no seed document in ${SEED_DIR}`);
  return readFile(`${SEED_DIR}${file}`, 'utf8');
}

/** Outputs per engine, to prove PGlite and PostgreSQL give byte-identical reports. */
const outputs = new Map<string, { md: string; html: string }>();

describe.each(testEngines())('the demo report on $name', (engine) => {
  let db: Database;
  let org: OrganisationRow;
  let doc: ReportDocument;
  let md: string;

  beforeAll(async () => {
    db = await engine.open();
    await recreateDemo(db, 'test');
    org = (await findOrganisation(db, 'shifanqu')) as OrganisationRow;
    doc = await generateReport(db, org, { year: 2021, through: 10 });
    md = renderMarkdown(doc);
    outputs.set(engine.name, { md, html: renderHtml(doc) });
  });
  afterAll(async () => {
    await db?.close();
  });

  it('reproduces the seed sentence for sentence, every blank filled from data', async () => {
    const sentences = seedSentences(await seedText());
    expect(sentences.length).toBeGreaterThan(70);
    const unmatched = sentences.filter((sentence) => !seedPattern(sentence).test(md));
    expect(unmatched).toEqual([]);
  });

  it('fills every blank with a figure traced to its rows, and owes nothing', () => {
    expect(doc.missing).toEqual([]);
    expect(doc.provenance.length).toBeGreaterThan(80);
    // Each figure names the rows it is computed from, or the target it restates.
    for (const figure of doc.provenance) {
      expect(figure.sources.length > 0 || figure.target !== undefined, figure.measure).toBe(true);
    }
    expect(md).not.toMatch(/XX|【/);
    expect(md).toContain(
      '一是全年固定资产投资目标任务36.00亿元，1－10月已完成投资29.02亿元，占全年目标的80.6％，预计年底能够完成全年目标任务。',
    );
  });

  it('says so when investment lags its target, instead of 预计年底能够完成', async () => {
    await db.transaction('test', (tx) =>
      tx.query(
        `update indicator_values set value = value / 2
         where org_id = $1 and year = 2021 and indicator_id = (select id from indicators where org_id = $1 and code = 'fixed_asset_investment')`,
        [org.id],
      ),
    );
    const lagging = renderMarkdown(await generateReport(db, org, { year: 2021, through: 10 }));
    const sentence = lagging.split('。').find((s) => s.includes('全年固定资产投资目标任务')) ?? '';
    expect(sentence).toContain('预计年底完成');
    expect(sentence).toContain('较全年目标少');
    expect(sentence).not.toContain('能够完成');
    await recreateDemo(db, 'test');
    org = (await findOrganisation(db, 'shifanqu')) as OrganisationRow;
  });

  it('marks a removed value, lists it in check, and refuses it in strict mode', async () => {
    await db.transaction('test', (tx) =>
      tx.query(
        `delete from indicator_values
         where org_id = $1 and year = 2021 and period = 10
           and indicator_id = (select id from indicators where org_id = $1 and code = 'fixed_asset_investment')`,
        [org.id],
      ),
    );
    const draft = await generateReport(db, org, { year: 2021, through: 10 });
    expect(renderMarkdown(draft)).toContain('【待填：固定资产投资 1－10月（计划财务股）】');
    const check = await checkCompleteness(db, org, { year: 2021, through: 10 });
    expect(check.gaps).toEqual([
      expect.objectContaining({ indicator: 'fixed_asset_investment', periods: [10], sectionName: '计划财务股' }),
    ]);
    expect(check.report?.map((m) => m.text)).toContain('【待填：固定资产投资 1－10月（计划财务股）】');
    expect(() => assertComplete(draft)).toThrow(UserError);
    try {
      assertComplete(draft);
    } catch (error) {
      expect((error as UserError).details.join('\n')).toContain('【待填：固定资产投资 1－10月（计划财务股）】');
    }
    await recreateDemo(db, 'test');
  });
});

describe('the demo report across engines', () => {
  it('is byte-identical in Markdown and HTML on every engine', () => {
    const all = [...outputs.values()];
    expect(all.length).toBe(testEngines().length);
    for (const output of all) {
      expect(output.md).toBe(all[0]?.md);
      expect(output.html).toBe(all[0]?.html);
    }
  });
});

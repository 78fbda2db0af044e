// Benchmark: generating the demo district's 2021 1－10月 work summary in each format.
//
// Baselines measured in the same run on the same database:
//   - the raw SQL the report needs (indicators, targets, three years of values — the year before
//     last gives last year's growth, which comparisons across periods state — sections,
//     narratives, the stored templates it chooses from, the ledger aggregates of derived figures
//     and rankings), run alone;
//   - a bare `docx` pack of a document with the same paragraphs, without the official
//     layout, provenance or arithmetic.
// Markdown and HTML are compared with the raw SQL; DOCX with raw SQL + bare pack.
// PGlite in memory, and PostgreSQL too when DATABASE_URL is set. Medians (p50) of 30
// runs after 5 warm-up runs.
import { inlineText } from '@taizhang/core';
import {
  findOrganisation,
  listIndicators,
  listNarratives,
  listSections,
  listTargets,
  listTemplates,
  listValues,
} from '@taizhang/db';
import { renderDocx, renderHtml, renderMarkdown } from '@taizhang/render';
import { derivedSeries, generateReport, periodRankings, recreateDemo } from '@taizhang/services';
import { Document, Packer, Paragraph, TextRun } from 'docx';
import { eachEngine, p50 as median, printTable } from './measure.mjs';

const p50 = (work) => median(work, RUNS, WARMUP);

const WARMUP = 5;
const RUNS = 30;
const PERIOD = { year: 2021, through: 10 };

async function rawQueries(db, orgId) {
  // The derived figures' and rankings' queries run alone too: set-based SQL over the ledgers.
  const indicators = await listIndicators(db, orgId);
  const derived = indicators.filter((i) => i.derive);
  await Promise.all([
    derived.length > 0 ? derivedSeries(db, orgId, derived, PERIOD) : undefined,
    periodRankings(db, orgId, PERIOD),
    listTargets(db, orgId, PERIOD.year),
    listValues(db, orgId, [PERIOD.year - 2, PERIOD.year - 1, PERIOD.year]),
    listSections(db, orgId),
    listNarratives(db, orgId, PERIOD.year),
    listTemplates(db, orgId),
  ]);
}

function barePack(paragraphs) {
  const doc = new Document({
    sections: [{ children: paragraphs.map((text) => new Paragraph({ children: [new TextRun(text)] })) }],
  });
  return Packer.toBuffer(doc);
}

const rows = [];

async function benchEngine(engine, db) {
  await recreateDemo(db, 'bench');
  const org = await findOrganisation(db, 'shifanqu');
  const sample = await generateReport(db, org, PERIOD);
  const paragraphs = [
    inlineText(sample.title),
    ...sample.blocks.map((b) => (b.kind === 'closing' ? b.lines.map(inlineText).join('\n') : inlineText(b.inlines))),
  ];
  const sql = await p50(() => rawQueries(db, org.id));
  const pack = await p50(() => barePack(paragraphs));
  const md = await p50(async () => renderMarkdown(await generateReport(db, org, PERIOD)));
  const html = await p50(async () => renderHtml(await generateReport(db, org, PERIOD)));
  const docx = await p50(async () => renderDocx(await generateReport(db, org, PERIOD)));
  const pages = `${sample.blocks.length} blocks, ${sample.provenance.length} figures`;
  rows.push([engine, `Markdown (${pages})`, md, 'raw SQL', sql]);
  rows.push([engine, 'HTML with provenance', html, 'raw SQL', sql]);
  rows.push([engine, 'DOCX (GB/T 9704)', docx, 'raw SQL + bare docx pack', sql + pack]);
}

await eachEngine(benchEngine);

printTable(`p50 of ${RUNS} runs after ${WARMUP} warm-up runs`, rows);

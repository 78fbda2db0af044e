// Benchmark: generating the demo district's 2021 1－10月 work summary in each format.
//
// Baselines measured in the same run on the same database:
//   - the raw SQL the report needs (indicators, targets, two years of values, sections,
//     narratives, the template), run alone;
//   - a bare `docx` pack of a document with the same paragraphs, without the official
//     layout, provenance or arithmetic.
// Markdown and HTML are compared with the raw SQL; DOCX with raw SQL + bare pack.
// PGlite in memory, and PostgreSQL too when DATABASE_URL is set. Medians (p50) of 30
// runs after 5 warm-up runs.
import { performance } from 'node:perf_hooks';
import { inlineText } from '@taizhang/core';
import {
  findOrganisation,
  findTemplate,
  listIndicators,
  listNarratives,
  listSections,
  listTargets,
  listValues,
  openDatabase,
  serverUrl,
} from '@taizhang/db';
import { createScratchPostgres } from '@taizhang/db/testing';
import { renderDocx, renderHtml, renderMarkdown } from '@taizhang/render';
import { generateReport, recreateDemo } from '@taizhang/services';
import { Document, Packer, Paragraph, TextRun } from 'docx';

const WARMUP = 5;
const RUNS = 30;
const PERIOD = { year: 2021, through: 10 };

async function p50(work) {
  for (let i = 0; i < WARMUP; i++) await work();
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await work();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

async function rawQueries(db, orgId) {
  await Promise.all([
    listIndicators(db, orgId),
    listTargets(db, orgId, PERIOD.year),
    listValues(db, orgId, [PERIOD.year - 1, PERIOD.year]),
    listSections(db, orgId),
    listNarratives(db, orgId, PERIOD.year),
    findTemplate(db, orgId, 'work-summary'),
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

const pglite = await openDatabase({ memory: true });
try {
  await benchEngine('PGlite', pglite);
} finally {
  await pglite.close();
}
const url = serverUrl({});
if (url) {
  const scratch = await createScratchPostgres(url);
  const db = await openDatabase({ url: scratch.url });
  try {
    await benchEngine('PostgreSQL', db);
  } finally {
    await db.close();
    await scratch.drop();
  }
}

console.log(`Node ${process.version}; p50 of ${RUNS} runs after ${WARMUP} warm-up runs\n`);
console.log('| engine | output | ms | baseline | baseline ms | ratio |');
console.log('|---|---|---:|---|---:|---:|');
for (const [engine, what, ms, baseline, baselineMs] of rows) {
  console.log(
    `| ${engine} | ${what} | ${ms.toFixed(1)} | ${baseline} | ${baselineMs.toFixed(1)} | ${(ms / baselineMs).toFixed(1)} |`,
  );
}

import type { Block, Inline, MissingFigure, Provenance, ReportDocument, SourceRow } from '@taizhang/core';
import { splitLead } from './lead.js';

/**
 * The report as one self-contained HTML5 page: the document set on screen as a 公文 page
 * (GB/T 9704-2012: 仿宋 body, 小标宋 title, 黑体/楷体 headings, about 28 characters of 16 pt a
 * line), every figure a link to where it comes from, every marker a link to what is
 * missing, then the 「数据来源」 and 「待填数据」 lists. Everything is escaped (the text comes
 * from users), and the output depends on the document alone: no clock, ids from positions.
 */
export function renderHtml(doc: ReportDocument): string {
  const writer = new BodyWriter(doc);
  const title = writer.inlines(doc.title);
  const body = doc.blocks.map((block) => writer.block(block)).join('\n');
  const titleText = escapeHtml(plainText(doc.title));
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${titleText}</title>
<style>
${STYLE}
</style>
</head>
<body>
${doc.missing.length > 0 ? `<p class="notice">本稿尚有 ${doc.missing.length} 处<a href="#missing">待填数据</a>，不能作为正式文稿印发。</p>\n` : ''}<article class="page">
<h1 class="title">${title}</h1>
${body}
</article>
${provenanceSection(doc.provenance, writer.figureIds)}
${missingSection(doc.missing, writer.markerIds, writer.markerHeadings)}
</body>
</html>
`;
}

/** Writes the body, numbering figures and markers in reading order and noting where each marker stands. */
class BodyWriter {
  /** provenance ref → ids of the figures that print it */
  readonly figureIds = new Map<number, string[]>();
  /** missing ref → ids of the markers that print it */
  readonly markerIds = new Map<number, string[]>();
  /** missing ref → the headings (一、… › （一）…) it is printed under */
  readonly markerHeadings = new Map<number, string[]>();
  private figureCount = 0;
  private markerCount = 0;
  private readonly headingPath: string[] = [];

  constructor(private readonly doc: ReportDocument) {}

  block(block: Block): string {
    switch (block.kind) {
      case 'heading': {
        this.headingPath.length = block.level - 1;
        this.headingPath[block.level - 1] = plainText(block.inlines);
        const tag = `h${block.level + 1}`;
        return `<${tag} class="level-${block.level}">${this.inlines(block.inlines)}</${tag}>`;
      }
      case 'paragraph': {
        if (!block.lead) return `<p>${this.inlines(block.inlines)}</p>`;
        const { head, rest } = splitLead(block.inlines);
        return `<p class="lead"><strong>${this.inlines(head)}</strong>${this.inlines(rest)}</p>`;
      }
      case 'closing':
        return `<div class="closing">\n${block.lines.map((line) => `<p>${this.inlines(line)}</p>`).join('\n')}\n</div>`;
    }
  }

  inlines(inlines: readonly Inline[]): string {
    return inlines.map((inline) => this.inline(inline)).join('');
  }

  private inline(inline: Inline): string {
    const text = escapeHtml(inline.text);
    switch (inline.kind) {
      case 'text':
        return text;
      case 'figure': {
        const id = `fig-${++this.figureCount}`;
        push(this.figureIds, inline.ref, id);
        const entry = this.doc.provenance.find((p) => p.ref === inline.ref);
        const hint = entry
          ? ` title="${escapeHtml(`${entry.indicator.name} ${entry.measureLabel} ${entry.periodLabel}`)}"`
          : '';
        return `<a class="figure" id="${id}" href="#prov-${inline.ref}"${hint}>${text}</a>`;
      }
      case 'marker': {
        const id = `mark-${++this.markerCount}`;
        push(this.markerIds, inline.ref, id);
        const where = this.headingPath.filter((heading) => heading !== undefined).join(' › ');
        if (where !== '') push(this.markerHeadings, inline.ref, where);
        return `<a class="marker" id="${id}" href="#missing-${inline.ref}">${text}</a>`;
      }
    }
  }
}

function provenanceSection(entries: readonly Provenance[], figureIds: ReadonlyMap<number, string[]>): string {
  const items = entries.map((entry) => {
    const rows = entry.sources.map(sourceRow).join('\n');
    const backLinks = backLinkList(figureIds.get(entry.ref));
    return `<li id="prov-${entry.ref}">
<h3>${escapeHtml(entry.indicator.name)}<span class="code">（${escapeHtml(entry.indicator.code)}）</span> · ${escapeHtml(entry.measureLabel)}</h3>
<dl>
<dt>期间</dt><dd>${escapeHtml(entry.periodLabel)}</dd>
<dt>印出值</dt><dd>${escapeHtml(entry.text)}</dd>
<dt>精确值</dt><dd>${escapeHtml(entry.exact ?? '—')}</dd>
<dt>单位</dt><dd>${escapeHtml(entry.indicator.unit || '—')}</dd>
<dt>责任股室</dt><dd>${escapeHtml(entry.indicator.sectionName)}</dd>${targetTerms(entry)}${ledgerTerms(entry)}${inputTerms(entry, entries)}
<dt>正文位置</dt><dd>${backLinks}</dd>
</dl>
${
  entry.sources.length === 0
    ? entry.ledgerRows
      ? ''
      : '<p class="none">没有数据行。</p>'
    : `<table>
<thead><tr><th>年份</th><th>期间</th><th>数值</th><th>上年同期可比数</th><th>填报人</th><th>填报时间（北京时间）</th><th>来源</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`
}
</li>`;
  });
  return `<section class="appendix" id="provenance">
<h2>数据来源</h2>
${items.length === 0 ? '<p class="none">本文没有引用数据。</p>' : `<ol class="provenance">\n${items.join('\n')}\n</ol>`}
</section>`;
}

/** The ledger rows a derived figure counts or sums: their refs, and how many when not all are listed. */
function ledgerTerms(entry: Provenance): string {
  const rows = entry.ledgerRows;
  if (!rows) return '';
  const more =
    rows.total > rows.refs.length
      ? `（共 ${rows.total} 条，列出前 ${rows.refs.length} 条）`
      : `（共 ${rows.total} 条）`;
  const refs = rows.refs.map((ref) => `<code>${escapeHtml(ref)}</code>`).join('、');
  return `\n<dt>台账行</dt><dd>${escapeHtml(rows.ledger)}${escapeHtml(more)}：${refs || '无'}</dd>`;
}

/** The figures a computed one comes from (a sum, a figure in other units), each linked to its own entry. */
function inputTerms(entry: Provenance, entries: readonly Provenance[]): string {
  if (!entry.inputs || entry.inputs.length === 0) return '';
  const links = entry.inputs.map((ref) => {
    const input = entries[ref];
    const name = input ? `${input.indicator.name}${input.measureLabel} ${input.text}` : `#${ref}`;
    return `<a href="#prov-${ref}">${escapeHtml(name)}</a>`;
  });
  return `\n<dt>计算自</dt><dd>${links.join('、')}</dd>`;
}

/** The target a figure is measured against: 目标任务 amount and/or 目标增速. */
function targetTerms(entry: Provenance): string {
  const target = entry.target;
  if (!target) return '';
  const parts = [
    target.amount === undefined ? undefined : `${target.amount}${entry.indicator.unit}`,
    target.growth === undefined ? undefined : `增速${target.growth}％`,
  ].filter((part) => part !== undefined);
  return `\n<dt>${target.year}年目标</dt><dd>${escapeHtml(parts.join('，'))}</dd>`;
}

function sourceRow(row: SourceRow): string {
  const cells = [
    `${row.year}年`,
    periodName(row),
    row.value,
    row.comparableBase ?? '—',
    row.enteredBy ?? '—',
    row.enteredAt === undefined ? '—' : beijingTime(row.enteredAt),
    row.source ?? '—',
  ];
  return `<tr>${cells.map((cell, i) => `<td${i === 2 || i === 3 ? ' class="number"' : ''}>${escapeHtml(cell)}</td>`).join('')}</tr>`;
}

function missingSection(
  missing: readonly MissingFigure[],
  markerIds: ReadonlyMap<number, string[]>,
  markerHeadings: ReadonlyMap<number, string[]>,
): string {
  const rows = missing.map((figure, i) => {
    const headings = [...new Set(markerHeadings.get(figure.ref) ?? [])];
    const cells = [
      String(i + 1),
      `${escapeHtml(figure.text)}<br>${backLinkList(markerIds.get(figure.ref))}`,
      escapeHtml(`${figure.subjectName}（${figure.subject}）`),
      escapeHtml(headings.length === 0 ? '—' : headings.join('；')),
      escapeHtml(figure.sectionName),
      escapeHtml(figure.reason),
      escapeHtml(figure.line === undefined ? '—' : String(figure.line)),
    ];
    return `<tr id="missing-${figure.ref}">${cells.map((cell) => `<td>${cell}</td>`).join('')}</tr>`;
  });
  return `<section class="appendix" id="missing">
<h2>待填数据</h2>
${
  rows.length === 0
    ? '<p class="none">没有待填数据。</p>'
    : `<table>
<thead><tr><th>序号</th><th>待填内容</th><th>指标或叙述</th><th>所在章节</th><th>责任股室</th><th>原因</th><th>模板行</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>`
}
</section>`;
}

/** Links back to each place in the text that prints an entry: 第1处, 第2处, … */
function backLinkList(ids: readonly string[] | undefined): string {
  if (ids === undefined || ids.length === 0) return '正文未引用';
  return ids.map((id, i) => `<a href="#${id}">↑ 第${i + 1}处</a>`).join(' ');
}

const QUARTERS = ['一', '二', '三', '四'];

function periodName(row: SourceRow): string {
  return row.quarterly ? `${QUARTERS[row.period - 1] ?? row.period}季度` : `${row.period}月`;
}

/** A stored UTC instant as the bureau reads it: Beijing time (UTC+08:00, no daylight saving), to the minute. */
export function beijingTime(instant: string): string {
  // An instant written without an offset is UTC (the model says so); JavaScript would read it as local time.
  const written = /T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(instant) ? `${instant}Z` : instant;
  const ms = Date.parse(written);
  if (Number.isNaN(ms)) return instant;
  const t = new Date(ms + 8 * 3600_000);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${t.getUTCFullYear()}-${two(t.getUTCMonth() + 1)}-${two(t.getUTCDate())} ${two(t.getUTCHours())}:${two(t.getUTCMinutes())}`;
}

function plainText(inlines: readonly Inline[]): string {
  return inlines.map((inline) => inline.text).join('');
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/**
 * The page on screen as GB/T 9704 sets it on paper: the margins of §5.2.2, 16 pt text 28
 * characters wide, and a line height of 28.95 pt, the pitch of 22 lines in 225 mm (§5.2.4).
 */
const STYLE = `:root { color-scheme: light; }
body { margin: 0; padding: 24px 12px; background: #e9e9e9; color: #000; }
.page {
  box-sizing: content-box; width: 28em; margin: 0 auto; padding: 37mm 26mm 35mm 28mm;
  background: #fff; box-shadow: 0 1px 6px rgba(0, 0, 0, 0.25);
  font-family: "仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong", "STFangsong", "Noto Serif CJK SC", serif;
  font-size: 16pt; line-height: 28.95pt; text-align: justify;
}
.page p, .page h2, .page h3, .page h4, .page h5 { margin: 0; font-size: 16pt; font-weight: normal; text-indent: 2em; }
.page .title {
  margin: 0 0 28.95pt; text-align: center; font-size: 22pt; line-height: 28.95pt; font-weight: normal;
  font-family: "方正小标宋简体", "FZXiaoBiaoSong-B05S", "小标宋", "华文中宋", "STZhongsong", "宋体", "SimSun", "Noto Serif CJK SC", serif;
}
.page .level-1 { font-family: "黑体", "SimHei", "Heiti SC", "Noto Sans CJK SC", sans-serif; }
.page .level-2 { font-family: "楷体_GB2312", "KaiTi_GB2312", "楷体", "KaiTi", "STKaiti", serif; }
.page .lead strong { font-weight: bold; }
.page .closing { margin-top: 28.95pt; text-align: right; padding-right: 2em; }
.page .closing p { text-indent: 0; }
a.figure { color: inherit; text-decoration: underline dotted #1a5fb4; text-underline-offset: 0.2em; }
a.figure:hover, a.figure:focus { background: #e3eefc; }
a.marker { color: #a40000; background: #fff1a8; text-decoration: none; border-bottom: 1px dashed #c08000; }
.notice { max-width: 60rem; margin: 0 auto 16px; padding: 8px 12px; background: #fff1a8; border: 1px solid #e0c060; font: 14px/1.6 system-ui, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; }
.appendix {
  max-width: 60rem; margin: 24px auto 0; padding: 16px 24px; background: #fff;
  font: 14px/1.6 system-ui, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif;
}
.appendix h2 { font-size: 18px; margin: 0 0 12px; }
.appendix h3 { font-size: 15px; margin: 0 0 4px; }
.appendix .code { color: #555; font-weight: normal; }
.appendix ol { padding-left: 1.5em; }
.appendix li { margin-bottom: 16px; }
.appendix dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 0 0 8px; }
.appendix dt { color: #555; }
.appendix dd { margin: 0; }
.appendix table { border-collapse: collapse; width: 100%; font-size: 13px; }
.appendix th, .appendix td { border: 1px solid #ccc; padding: 2px 6px; text-align: left; vertical-align: top; }
.appendix th { white-space: nowrap; }
.appendix td.number { text-align: right; font-variant-numeric: tabular-nums; }
.appendix .none { color: #555; }
:target { outline: 2px solid #1a5fb4; }
@media (max-width: 760px) { .page { width: auto; padding: 16px; } }
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
@media print {
  body { padding: 0; background: none; }
  .page { width: auto; padding: 0; box-shadow: none; }
  .notice { display: none; }
  .appendix { break-before: page; max-width: none; }
}`;

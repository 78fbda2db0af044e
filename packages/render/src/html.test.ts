import { afterEach, describe, expect, test, vi } from 'vitest';
import { beijingTime, escapeHtml, renderHtml } from './html.js';
import { sampleDocument } from './sample.test-helpers.js';

/** The text between two markers of the page, exclusive. */
function between(html: string, start: string, end: string): string {
  const from = html.indexOf(start);
  expect(from, start).toBeGreaterThanOrEqual(0);
  const to = html.indexOf(end, from + start.length);
  expect(to, end).toBeGreaterThan(from);
  return html.slice(from + start.length, to);
}

describe('renderHtml', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  test('is one self-contained HTML5 page in Chinese', () => {
    const html = renderHtml(sampleDocument());
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n')).toBe(true);
    expect(html).toContain('<title>示范区住房和城乡建设局2021年工作总结</title>');
    expect(html.endsWith('</body>\n</html>\n')).toBe(true);
    // Nothing loaded from elsewhere, nothing run.
    expect(html).not.toMatch(/<script|<link|\ssrc=|href="(?!#)|url\(/i);
  });

  test('sets the body as a 公文: title, heading levels, lead sentence in bold, closing', () => {
    const html = renderHtml(sampleDocument());
    expect(between(html, '<article class="page">\n', '\n</article>')).toBe(
      [
        '<h1 class="title">示范区住房和城乡建设局2021年工作总结</h1>',
        '<p>2021年是十四五规划开局之年。</p>',
        '<h2 class="level-1">一、履职尽责方面</h2>',
        '<p class="lead"><strong>──全力抓经济指标，已完成投资<a class="figure" id="fig-1" href="#prov-0" title="固定资产投资 累计 1－10月">29.02</a>亿元。</strong>一是全年固定资产投资增长<a class="figure" id="fig-2" href="#prov-1" title="固定资产投资 同比 1－10月">6.7</a>％，预计年底能够完成全年目标任务。</p>',
        '<h3 class="level-2">（一）住房保障</h3>',
        '<p>发放廉租住房补贴<a class="marker" id="mark-1" href="#missing-0">【待填：廉租住房补贴户数 1－10月（住房保障股）】</a>户。</p>',
        '<h4 class="level-3">1. 群众来信</h4>',
        '<p>来信称&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; 物业“管理”问题。</p>',
        '<h5 class="level-4">（1）回访</h5>',
        '<p>已全部回访。</p>',
        '<div class="closing">\n<p>示范区住房和城乡建设局</p>\n<p>2021年10月31日</p>\n</div>',
      ].join('\n'),
    );
  });

  test("lists each figure's provenance with its source rows, times in Beijing time", () => {
    const html = renderHtml(sampleDocument());
    const entry = between(html, '<li id="prov-0">\n', '\n</li>');
    expect(entry).toContain(
      '<h3>固定资产投资<span class="code">（fixed_asset_investment）</span> · 累计</h3>\n<dl>\n<dt>期间</dt><dd>1－10月</dd>\n<dt>印出值</dt><dd>29.02</dd>\n<dt>精确值</dt><dd>29.0215</dd>\n<dt>单位</dt><dd>亿元</dd>\n<dt>责任股室</dt><dd>计划财务股</dd>\n<dt>正文位置</dt><dd><a href="#fig-1">↑ 第1处</a></dd>\n</dl>',
    );
    expect(entry).toContain(
      '<thead><tr><th>年份</th><th>期间</th><th>数值</th><th>上年同期可比数</th><th>填报人</th><th>填报时间（北京时间）</th><th>来源</th></tr></thead>',
    );
    expect(entry).toContain(
      '<tr><td>2021年</td><td>10月</td><td class="number">3.1015</td><td class="number">2.9</td><td>张三 &lt;zs@example&gt;</td><td>2021-11-08 09:30</td><td>统计局月报</td></tr>',
    );
    expect(entry).toContain(
      '<tr><td>2021年</td><td>9月</td><td class="number">25.92</td><td class="number">—</td><td>—</td><td>—</td><td>—</td></tr>',
    );
    // 16:05 UTC on New Year's Eve is already the next year in Beijing; a quarter is named as the seed names it.
    expect(between(html, '<li id="prov-1">\n', '\n</li>')).toContain(
      '<tr><td>2020年</td><td>三季度</td><td class="number">27.2</td><td class="number">—</td><td>—</td><td>2021-01-01 00:05</td><td>—</td></tr>',
    );
  });

  test('lists each missing figure with the heading it stands under, its section and reason', () => {
    const html = renderHtml(sampleDocument());
    expect(html).toContain(
      '<p class="notice">本稿尚有 1 处<a href="#missing">待填数据</a>，不能作为正式文稿印发。</p>',
    );
    expect(between(html, '<section class="appendix" id="missing">\n', '\n</section>')).toContain(
      '<tr id="missing-0"><td>1</td><td>【待填：廉租住房补贴户数 1－10月（住房保障股）】<br><a href="#mark-1">↑ 第1处</a></td><td>廉租住房补贴户数（rental_subsidy_households）</td><td>一、履职尽责方面 › （一）住房保障</td><td>住房保障股</td><td>缺2021年10月数据</td><td>12</td></tr>',
    );
  });

  test('every link leads to an element of the page, and no id is used twice', () => {
    const html = renderHtml(sampleDocument());
    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
    for (const [, target] of html.matchAll(/href="#([^"]+)"/g)) expect(ids).toContain(target);
  });

  test('says so when there is nothing to list', () => {
    const html = renderHtml({ ...sampleDocument(), blocks: [], provenance: [], missing: [] });
    expect(html).toContain('<p class="none">本文没有引用数据。</p>');
    expect(html).toContain('<p class="none">没有待填数据。</p>');
    expect(html).not.toContain('class="notice"');
  });

  test('escapes what users wrote everywhere, attributes too', () => {
    const doc = sampleDocument();
    const first = doc.provenance[0];
    if (!first) throw new Error('sample has provenance');
    first.indicator.name = '投资"><img src=x onerror=alert(1)>';
    doc.title = [{ kind: 'text', text: '</title><script>alert(1)</script>' }];
    const html = renderHtml(doc);
    expect(html).not.toMatch(/<script|<img/);
    expect(html).toContain('title="投资&quot;&gt;&lt;img src=x onerror=alert(1)&gt; 累计 1－10月"');
    expect(html).toContain('<title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title>');
  });

  test('is byte-identical for the same document, whatever the clock says', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2021-01-01T00:00:00Z'));
    const first = renderHtml(sampleDocument());
    vi.setSystemTime(new Date('2030-06-15T12:34:56Z'));
    expect(renderHtml(sampleDocument())).toBe(first);
  });
});

describe('renderHtml provenance of a target', () => {
  test('names the target a figure is measured against', () => {
    const doc = sampleDocument();
    const [first, ...rest] = doc.provenance;
    if (!first) throw new Error('sample has a figure');
    const measured = {
      ...first,
      measure: 'share',
      measureLabel: '完成率',
      target: { year: 2021, amount: '36.00', growth: '8' },
    };
    const html = renderHtml({ ...doc, provenance: [measured, ...rest] });
    expect(html).toContain('<dt>2021年目标</dt><dd>36.00亿元，增速8％</dd>');
    expect(renderHtml(doc)).not.toContain('年目标</dt>');
  });
});

describe('renderHtml provenance of a derived figure', () => {
  test('lists the ledger rows behind it', () => {
    const doc = sampleDocument();
    const [first, ...rest] = doc.provenance;
    if (!first) throw new Error('sample has a figure');
    const derived = { ...first, sources: [], ledgerRows: { ledger: 'complaints', refs: ['A-1', 'A-<2>'], total: 347 } };
    const html = renderHtml({ ...doc, provenance: [derived, ...rest] });
    expect(html).toContain(
      '<dt>台账行</dt><dd>complaints（共 347 条，列出前 2 条）：<code>A-1</code>、<code>A-&lt;2&gt;</code></dd>',
    );
    expect(html).not.toContain('没有数据行');
  });
});

describe('beijingTime', () => {
  test('shows a UTC instant in Beijing time, to the minute', () => {
    expect(beijingTime('2021-11-08T01:30:00Z')).toBe('2021-11-08 09:30');
    expect(beijingTime('2021-11-08T01:30:00.123+00:00')).toBe('2021-11-08 09:30');
    expect(beijingTime('2021-11-08T09:30:00+08:00')).toBe('2021-11-08 09:30');
  });

  test('reads an instant without an offset as UTC, as the model stores it, on any server', () => {
    expect(beijingTime('2021-11-08T01:30:00')).toBe('2021-11-08 09:30');
  });

  test('prints what it cannot read as it is', () => {
    expect(beijingTime('上周五')).toBe('上周五');
  });
});

test('escapeHtml escapes the five characters HTML gives meaning to', () => {
  expect(escapeHtml(`<a href="x" title='y'>&amp;</a>`)).toBe(
    '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;',
  );
});

describe('renderHtml provenance of a computed figure', () => {
  test('links each figure it is computed from', () => {
    const doc = sampleDocument();
    const [first, ...rest] = doc.provenance;
    if (!first) throw new Error('sample has a figure');
    const sum = { ...first, ref: doc.provenance.length, measure: 'plus', measureLabel: '合计', inputs: [first.ref] };
    const html = renderHtml({ ...doc, provenance: [first, ...rest, sum] });
    expect(html).toContain(
      `<dt>计算自</dt><dd><a href="#prov-${first.ref}">${first.indicator.name}${first.measureLabel} ${first.text}</a></dd>`,
    );
    expect(renderHtml(doc)).not.toContain('计算自');
  });
});

import { testEngines } from '@taizhang/db/testing';
import { describe, expect, it } from 'vitest';
import { demoServer, signIn } from '../../server.test-helpers.js';

describe.each(testEngines())('templates and narratives over the demo district, on $name', (engine) => {
  const server = demoServer(engine);

  it('lets the office edit a template at its version, refusing one that does not render (422 with its line)', async () => {
    const office = await signIn(server.app, 'office');
    const template = (await office.get('/api/templates/work-summary')).json();
    const broken = await office.send('PUT', '/api/templates/work-summary', {
      text: `${template.text}\n{% if %}`,
      version: template.version,
    });
    expect(broken.statusCode).toBe(422);
    expect(broken.json().error.code).toBe('TEMPLATE_ERROR');
    expect(broken.json().error.problems[0]).toMatchObject({ field: 'text', line: expect.any(Number) });
    expect(broken.json().error.message).not.toContain('/tmp');
    const saved = await office.send('PUT', '/api/templates/work-summary', {
      text: `${template.text}\n`,
      version: template.version,
    });
    expect(saved.json().version).toBe(template.version + 1);
    const stale = await office.send('PUT', '/api/templates/work-summary', {
      text: template.text,
      version: template.version,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().current.version).toBe(template.version + 1);
    const preview = await office.send('POST', '/api/templates/preview', {
      text: "# 测试\n{{ 'fixed_asset_investment' | ytd }}亿元",
      year: 2021,
      through: 10,
    });
    expect(preview.statusCode).toBe(200);
    expect(preview.json().html).toContain('亿元');
  });

  it('lets the office edit a narrative at its version, and add a new one for a section', async () => {
    const office = await signIn(server.app, 'office');
    const narratives = (await office.get('/api/narratives?year=2021')).json();
    expect(narratives.length).toBeGreaterThan(0);
    const first = narratives[0];
    // A text that would stop every report of the year is refused when saved, with its line, and nothing changes.
    const unclosed = await office.send('PUT', `/api/narratives/${first.code}`, {
      year: 2021,
      through: first.through,
      text: `${first.text}\n{% raw %}未闭合`,
      version: first.version,
    });
    expect(unclosed.statusCode).toBe(422);
    expect(unclosed.json().error.code).toBe('TEMPLATE_ERROR');
    expect(unclosed.json().error.message).toContain('标签 raw 没有结束标签');
    expect(unclosed.json().error.problems[0]).toMatchObject({ field: 'text', line: first.text.split('\n').length + 1 });
    const saved = await office.send('PUT', `/api/narratives/${first.code}`, {
      year: 2021,
      through: first.through,
      text: `${first.text}（补充）`,
      version: first.version,
    });
    expect(saved.json()).toMatchObject({ code: first.code, version: first.version + 1 });
    const added = await office.send('PUT', '/api/narratives/new_block', {
      year: 2021,
      text: '新增的叙述段落。',
      section: 'office',
      title: '新段落',
    });
    expect(added.json()).toMatchObject({ code: 'new_block', version: 1, section: { code: 'office' } });
    const again = await office.send('PUT', '/api/narratives/new_block', { year: 2021, text: '再写一次。' });
    expect(again.statusCode).toBe(409);
  });
});

describe.each(testEngines())('narrative blocks, on $name', (engine) => {
  const server = demoServer(engine);

  it('adds a narrative block with a code a template can name, and refuses one it cannot', async () => {
    const office = await signIn(server.app, 'office');
    const added = await office.send('PUT', '/api/narratives/safety_month', {
      year: 2021,
      through: 10,
      text: '开展“安全生产月”活动。',
      section: 'quality',
      title: '安全生产月',
    });
    expect(added.statusCode).toBe(200);
    expect(added.json()).toMatchObject({
      code: 'safety_month',
      year: 2021,
      through: 10,
      title: '安全生产月',
      section: { code: 'quality', name: '质量安全监督站' },
      version: 1,
    });
    const bad = await office.send('PUT', `/api/narratives/${encodeURIComponent('安全 月')}`, {
      year: 2021,
      text: '内容',
      section: 'quality',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error).toMatchObject({ code: 'NARRATIVE_KEY', problems: [{ field: 'code' }] });
    const noSection = await office.send('PUT', '/api/narratives/another_block', { year: 2021, text: '内容' });
    expect(noSection.statusCode).toBe(422);
    expect(noSection.json().error.problems[0].field).toBe('section');
  });
});

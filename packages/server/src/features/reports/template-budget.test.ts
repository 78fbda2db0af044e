import { TEMPLATE_LIMITS } from '@taizhang/core';
import { testEngines } from '@taizhang/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, demoServer, signIn } from '../../server.test-helpers.js';

/**
 * The bound on how much the process's resident memory may grow while template bombs are
 * refused (docs/report-template.md, "Limits"). The backend worker is a thread of this
 * process, so process.memoryUsage().rss covers the render.
 */
const RSS_GROWTH_BOUND_MB = 300;

const MB = 1024 * 1024;

/** Each bomb, sent three times at once, and the limit its refusal must name. */
const BOMBS: { name: string; text: string; limit: RegExp }[] = [
  {
    name: 'a loop over (1..800000)',
    text: '{% for i in (1..800000) %}第{{ i }}项，{% endfor %}',
    limit: /模板循环次数超过上限 100000 次/,
  },
  {
    name: 'nested loops (1..1000) × (1..1000)',
    text: '{% for i in (1..1000) %}{% for j in (1..1000) %}{{ i }}-{{ j }}{% endfor %}{% endfor %}',
    limit: /模板循环次数超过上限 100000 次/,
  },
  {
    name: 'a string doubled with append',
    text: "{% assign s = '台账台账台账' %}{% for i in (1..60) %}{% assign s = s | append: s %}{% endfor %}{{ s }}",
    limit: /模板生成的文字和列表超过上限/,
  },
  {
    name: 'a string doubled with capture',
    text: "{% assign s = '台账台账台账' %}{% for i in (1..60) %}{% capture s %}{{ s }}{{ s }}{% endcapture %}{% endfor %}{{ s }}",
    limit: /模板输出超过上限 2 MB/,
  },
  {
    name: 'a huge range',
    text: '{% assign r = (1..100000000) %}{{ r | size }}',
    limit: /模板生成的文字和列表超过上限/,
  },
  {
    name: 'a narrative that brings itself in',
    text: "{% narrative 'bomb_self' %}",
    limit: /叙述或进展表述层层嵌套超过 10 层/,
  },
  {
    name: 'a long render of 100,000 × 400 {% if %} tags',
    text: `{% for i in (1..100000) %}${'{% if i %}{% endif %}'.repeat(400)}{% endfor %}`,
    limit: /模板渲染超过时限 5 秒/,
  },
];

// The budget is the template engine's, the same on either database: one engine is enough.
const pglite = testEngines().filter((engine) => engine.name === 'pglite');

describe.each(pglite)('a template bomb previewed by the office, on $name', (engine) => {
  const server = demoServer(engine);
  let office: Browser;
  let demoText = '';
  let baseline = 0;
  let peak = 0;
  let sampling: ReturnType<typeof setInterval> | undefined;
  const timings: string[] = [];

  beforeAll(async () => {
    office = await signIn(server.app, 'office');
    demoText = (await office.get('/api/templates/work-summary')).json().text;
    const self = await office.send('PUT', '/api/narratives/bomb_self', {
      year: 2021,
      section: 'office',
      text: "又一层{% narrative 'bomb_self' %}",
    });
    expect(self.statusCode, self.body).toBe(200);
    // Warm up: the worker has loaded and rendered once before the baseline is taken.
    const warm = await office.send('POST', '/api/templates/preview', { text: demoText, year: 2021, through: 10 });
    expect(warm.statusCode).toBe(200);
    baseline = process.memoryUsage().rss;
    peak = baseline;
    sampling = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 20);
  });

  afterAll(() => {
    clearInterval(sampling);
    console.info(
      `template bombs: RSS ${Math.round(baseline / MB)} MB before, peak ${Math.round(peak / MB)} MB ` +
        `(+${Math.round((peak - baseline) / MB)} MB, bound ${RSS_GROWTH_BOUND_MB} MB), ` +
        `after ${Math.round(process.memoryUsage().rss / MB)} MB; ${timings.join('; ')}`,
    );
  });

  for (const bomb of BOMBS) {
    it(`refuses ${bomb.name}, three at once, with a 422 naming the limit`, async () => {
      const started = performance.now();
      const answers = await Promise.all(
        [1, 2, 3].map(() =>
          office.send('POST', '/api/templates/preview', { text: bomb.text, year: 2021, through: 10 }),
        ),
      );
      const elapsed = performance.now() - started;
      timings.push(`${bomb.name} ×3 ${Math.round(elapsed)} ms`);
      for (const answer of answers) {
        expect(answer.statusCode, answer.body).toBe(422);
        const error = answer.json().error;
        expect(error.code).toBe('TEMPLATE_ERROR');
        expect(error.problems[0].message).toMatch(bomb.limit);
        expect(error.problems[0].message).not.toMatch(/limit exceeded|Maximum call stack/);
      }
      // The worker renders one at a time: three renders, each within the time limit, and the rest.
      expect(elapsed).toBeLessThan(3 * TEMPLATE_LIMITS.renderMs + 10_000);
      expect(process.memoryUsage().rss - baseline).toBeLessThan(RSS_GROWTH_BOUND_MB * MB);
    }, 120_000);
  }

  it('stays within the RSS bound throughout, and the next ordinary preview succeeds', async () => {
    expect(peak - baseline).toBeLessThan(RSS_GROWTH_BOUND_MB * MB);
    const preview = await office.send('POST', '/api/templates/preview', { text: demoText, year: 2021, through: 10 });
    expect(preview.statusCode).toBe(200);
    expect(preview.json().html).toContain('工作总结');
    const health = await server.app.inject({ method: 'GET', url: '/api/health' });
    expect(health.statusCode).toBe(200);
  });
});

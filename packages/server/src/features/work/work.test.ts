import { testEngines } from '@taizhang/db/testing';
import { describe, expect, it } from 'vitest';
import { demoServer, signIn } from '../../server.test-helpers.js';

describe.each(testEngines())('my work and the dashboard over the demo district, on $name', (engine) => {
  const server = demoServer(engine);

  it('gives a clerk only their own section’s work to do', async () => {
    const clerk = await signIn(server.app, 'planfin');
    const todo = (await clerk.get('/api/todo?year=2021&through=12')).json();
    expect(todo.period.label).toBe('2021年1－12月');
    expect(todo.gaps.length).toBeGreaterThan(0);
    expect(todo.gaps.every((g: { section: string }) => g.section === 'planfin')).toBe(true);
    expect(todo.missing.every((m: { section: string }) => m.section === 'planfin')).toBe(true);
    const office = await signIn(server.app, 'office');
    const everyone = (await office.get('/api/todo?year=2021&through=12')).json();
    expect(new Set(everyone.gaps.map((g: { section: string }) => g.section)).size).toBeGreaterThan(1);
  });

  it('gives the leader’s dashboard: cards, monthly series, warnings, projects and complaints', async () => {
    const leader = await signIn(server.app, 'leader');
    const dashboard = (await leader.get('/api/dashboard?year=2021&through=10')).json();
    expect(dashboard.cards.length).toBeGreaterThan(0);
    expect(
      dashboard.cards.every(
        (c: { target: string | null; targetGrowth: string | null }) => c.target !== null || c.targetGrowth !== null,
      ),
    ).toBe(true);
    const investment = dashboard.series.find((s: { code: string }) => s.code === 'fixed_asset_investment');
    expect(investment.months.map((m: { month: number }) => m.month)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const card = dashboard.cards.find((c: { code: string }) => c.code === 'fixed_asset_investment');
    expect(investment.months[9].value).toBe(card.ytd);
    const output = dashboard.series.find((s: { code: string }) => s.code === 'construction_output');
    expect(output.months.map((m: { month: number }) => m.month)).toEqual([3, 6, 9]);
    expect(dashboard.complaints).toHaveLength(10);
    expect(dashboard.complaints.reduce((n: number, m: { received: number }) => n + m.received, 0)).toBeGreaterThan(0);
    expect(dashboard.projects.map((p: { category: string }) => p.category)).toEqual(
      expect.arrayContaining(['续建', '新建']),
    );
    for (const project of dashboard.projects) {
      expect(project.byStage.reduce((n: number, s: { count: number }) => n + s.count, 0)).toBe(project.count);
    }
  });
});
